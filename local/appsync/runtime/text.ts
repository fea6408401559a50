/** String helpers of `util` that follow the Java libraries AppSync is built on. */
import { AppSyncResolverError } from './contract.ts';

const ESCAPES: Record<string, string> = {
  "'": "\\'", '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\n': '\\n', '\t': '\\t', '\f': '\\f', '\r': '\\r',
};

/**
 * Escapes like Apache Commons `escapeEcmaScript`: quotes, backslash, slash, the usual control
 * escapes, and every other character outside 0x20–0x7F as `\uXXXX` (upper-case hex).
 */
export function escapeJavaScript(value: string): string {
  let escaped = '';
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index]!;
    const code = value.charCodeAt(index);
    escaped += ESCAPES[char] ?? (code < 0x20 || code > 0x7f ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : char);
  }
  return escaped;
}

/** `application/x-www-form-urlencoded` like Java's `URLEncoder`: space as `+`, only `.-*_` kept. */
export function urlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Reverses {@link urlEncode} (`+` is a space). */
export function urlDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw new AppSyncResolverError(`Cannot URL-decode '${value}'`);
  }
}

/** Base64 of the UTF-8 bytes of a string. */
export function base64Encode(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64');
}

/** The UTF-8 string held in a base64 text. */
export function base64Decode(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

const INLINE_FLAGS = /^\(\?([imsx]+)\)/;

/**
 * Java `Pattern.matches(pattern, value)`: the whole value must match. Java syntax is approximated
 * with a JS RegExp; a leading inline flag group such as `(?i)` becomes a RegExp flag.
 */
export function matches(pattern: string, value: string): boolean {
  const flags = INLINE_FLAGS.exec(pattern);
  const body = flags ? pattern.slice(flags[0].length) : pattern;
  const jsFlags = (flags?.[1] ?? '').replace('x', '');
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${body})$`, jsFlags);
  } catch {
    throw new AppSyncResolverError(`Invalid regular expression: ${pattern}`);
  }
  return regex.test(String(value));
}
