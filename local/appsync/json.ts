/**
 * JSON the way values cross AppSync's boundaries (arguments into a handler's sandbox, handler
 * results out of it), for values of any depth. V8's JSON.stringify recurses and gives up around a
 * few thousand levels ("Maximum call stack size exceeded"), while a request body may nest far
 * deeper: the runtime must still hand such a value to the resolvers that judge it. JSON.parse does
 * not recurse, so only writing needs a second way.
 */

/** `JSON.stringify(value)`, also for values nested too deeply for it (same output, same errors). */
export function stringifyJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return stringifyDeep(value);
  }
}

/** A plain-JSON copy of `value` (undefined stays undefined), whatever its depth. */
export function copyJson<T>(value: T): T {
  const text = stringifyJson(value);
  return (text === undefined ? undefined : JSON.parse(text)) as T;
}

interface Frame {
  /** `]` or `}`. */
  close: string;
  /** Key (objects) or null (arrays) and value, in output order. */
  entries: [string | null, unknown][];
  next: number;
  written: number;
  container: object;
}

/** JSON.stringify's rules for a value that is not a container: its text, or undefined when it is left out. */
function leaf(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return String(value);
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      return value === null ? 'null' : undefined;
    default:
      return undefined; // undefined, functions, symbols
  }
}

/** JSON.stringify with an explicit stack instead of recursion (toJSON, omissions, nulls and cycle errors as JSON.stringify). */
function stringifyDeep(root: unknown): string | undefined {
  const out: string[] = [];
  const stack: Frame[] = [];
  const onPath = new Set<object>();

  const prepared = (value: unknown, key: string): unknown => {
    const withJson = value as { toJSON?: (key: string) => unknown } | null;
    return withJson !== null && typeof withJson === 'object' && typeof withJson.toJSON === 'function' ? withJson.toJSON(key) : value;
  };
  /** Writes `value`; answers false when it is left out (undefined, a function, a symbol). */
  const write = (value: unknown): boolean => {
    if (value === null || typeof value !== 'object') {
      const text = leaf(value);
      if (text === undefined) return false;
      out.push(text);
      return true;
    }
    if (onPath.has(value)) throw new TypeError('Converting circular structure to JSON');
    onPath.add(value);
    const isArray = Array.isArray(value);
    out.push(isArray ? '[' : '{');
    const entries: [string | null, unknown][] = isArray
      ? (value as unknown[]).map((item) => [null, item])
      : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
    stack.push({ close: isArray ? ']' : '}', entries, next: 0, written: 0, container: value });
    return true;
  };

  if (!write(prepared(root, ''))) return undefined;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.entries.length) {
      out.push(frame.close);
      onPath.delete(frame.container);
      stack.pop();
      continue;
    }
    const [key, raw] = frame.entries[frame.next]!;
    const index = frame.next;
    frame.next += 1;
    const value = prepared(raw, key ?? String(index));
    const separator = frame.written > 0 ? ',' : '';
    if (key === null) {
      out.push(separator);
      // In arrays, what objects leave out becomes null.
      if (!write(value)) out.push('null');
      frame.written += 1;
    } else {
      const at = out.length;
      out.push(`${separator}${JSON.stringify(key)}:`);
      if (write(value)) frame.written += 1;
      else out.length = at;
    }
  }
  return out.join('');
}
