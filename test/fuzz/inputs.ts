/**
 * Inputs for the schema-driven fuzz suite, generated from the schema itself: for every argument
 * (and every field of an input object, to a few levels) a plausible value, and the hostile values
 * a client, a bug or an attacker sends instead. A new operation is covered without a new test.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';

/** A value for each scalar that its type accepts. */
const PLAUSIBLE_SCALARS: Record<string, unknown> = {
  ID: 'fuzz-id',
  String: 'fuzz',
  Int: 1,
  Float: 1.5,
  Boolean: true,
  AWSDate: '2027-01-04',
  AWSTime: '09:00:00.000',
  AWSDateTime: '2027-01-04T09:00:00.000Z',
  AWSTimestamp: 1_800_000_000,
  AWSEmail: 'fuzz@example.com',
  AWSJSON: '{}',
  AWSURL: 'https://example.com/fuzz',
  AWSPhone: '+49 30 1234567',
  AWSIPAddress: '127.0.0.1',
};

/** What clients send that they should not: by the scalar they send it to. */
const HOSTILE_TEXT = ['', ' ', 'x'.repeat(100_000), 'a\u0000b\u0007c\u001b[31m\u202e', '../../etc/passwd', 'TENANT#globex#EMP#1', 'a/b', '..', '<script>alert(1)</script>', '😀'.repeat(300)];
const HOSTILE_BY_SCALAR: Record<string, unknown[]> = {
  ID: ['', 'TENANT#globex', 'EMP#x#y', '../x', 'a/b', 'x'.repeat(5_000), '\u0000', 12345],
  String: [...HOSTILE_TEXT, 12345, true],
  Int: [-1, 0, 2_147_483_647, -2_147_483_648, 2 ** 40, 1.5, '1', true],
  Float: [-1e308, 1e308, -0.0001, '1.5'],
  Boolean: ['true', 1],
  AWSDate: ['2027-02-30', '+99999-01-01', '0000-00-00', '2027-13-01', '1850-01-01', '2027-1-4', ''],
  AWSTime: ['25:00', '09:60', 'noon', ''],
  AWSDateTime: ['yesterday', '2027-02-30T09:00:00Z', '2027-01-04T25:00:00Z', '+99999-01-01T00:00:00Z', ''],
  AWSTimestamp: [-1, 2 ** 53, 'now'],
  AWSEmail: ['not-an-email', '@', `${'a'.repeat(300)}@example.com`, ''],
  AWSJSON: ['{', '[]', 'null', '"x"', JSON.stringify({ deep: nested(2_000) }), JSON.stringify({ big: 'x'.repeat(400_000) })],
  AWSURL: ['javascript:alert(1)', 'http://169.254.169.254/latest/meta-data', 'not a url', ''],
  AWSPhone: ['phone', '+', ''],
  AWSIPAddress: ['999.1.1.1', 'localhost'],
};

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

/** A plausible value of `type`: required input fields filled, optional ones left out, lists of one. */
export function plausible(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return plausible(type.ofType, depth);
  if (isListType(type)) return [plausible(type.ofType, depth)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isScalarType(type)) return PLAUSIBLE_SCALARS[type.name] ?? 'fuzz';
  if (isInputObjectType(type)) {
    if (depth > 4) return {};
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = plausible(field.type, depth + 1);
    }
    return value;
  }
  return null;
}

/** A place a hostile value can go: a path of argument and input-field names, and the type there. */
interface Slot {
  path: string[];
  type: GraphQLInputType;
}

/** Every argument, and the fields of input objects below them (required or not), to a few levels. */
function slots(args: readonly GraphQLArgument[]): Slot[] {
  const found: Slot[] = [];
  const visit = (path: string[], type: GraphQLInputType, depth: number) => {
    found.push({ path, type });
    const named = getNamedType(type);
    if (isInputObjectType(named) && depth < 3) {
      for (const field of Object.values(named.getFields())) visit([...path, field.name], field.type, depth + 1);
    }
  };
  for (const arg of args) visit([arg.name], arg.type, 0);
  return found;
}

/** Values that do not belong at a slot of `type`: wrong types, nulls, and each scalar's hostile values. */
function hostileValues(type: GraphQLInputType): unknown[] {
  const named = getNamedType(type);
  const values: unknown[] = [null, { unexpected: 'object' }];
  if (isListType(isNonNullType(type) ? type.ofType : type)) values.push('not a list', [null], Array.from({ length: 2_000 }, () => plausible(named)));
  if (isEnumType(named)) values.push('NOT_A_VALUE', 'active', 1);
  if (isScalarType(named)) values.push(...(HOSTILE_BY_SCALAR[named.name] ?? HOSTILE_TEXT));
  if (isInputObjectType(named)) values.push('not an object', [], { ...(plausible(named) as object), notAField: 1 });
  return values;
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...target };
  const [head, ...rest] = path;
  if (rest.length === 0) copy[head!] = value;
  else {
    const inner = copy[head!];
    const base = Array.isArray(inner) ? (inner[0] as Record<string, unknown>) : (inner as Record<string, unknown> | undefined);
    const replaced = setAt(typeof base === 'object' && base !== null ? base : {}, rest, value);
    copy[head!] = Array.isArray(inner) ? [replaced] : replaced;
  }
  return copy;
}

/** One request of the suite: an operation's document and variables, and which value at which slot it tries. */
export interface FuzzCase {
  operation: string;
  kind: 'query' | 'mutation';
  document: string;
  variables: Record<string, unknown>;
  tries: string;
}

/** The document of a root field with every argument as a variable, selecting `__typename` of a composite result. */
export function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const declared = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  return `${kind}${declared ? ` (${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
}

/** A deterministic choice of `count` of `items` (the same every run, spread over the list). */
function spread<T>(items: readonly T[], count: number, seed: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * step + seed) % items.length)]!);
}

/** Up to `perOperation` hostile cases for a root field, each one slot of an otherwise plausible input. */
export function fuzzCases(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, perOperation: number, plausibleId: string): FuzzCase[] {
  const document = documentFor(kind, field);
  const base: Record<string, unknown> = {};
  for (const arg of field.args) if (isNonNullType(arg.type)) base[arg.name] = withId(plausible(arg.type), plausibleId);
  const all: FuzzCase[] = [];
  for (const slot of slots(field.args)) {
    for (const value of hostileValues(slot.type)) {
      all.push({ operation: `${kind === 'query' ? 'Query' : 'Mutation'}.${field.name}`, kind, document, variables: setAt(base, slot.path, value), tries: `${slot.path.join('.')} = ${preview(value)}` });
    }
  }
  let seed = 0;
  for (const char of field.name) seed = (seed * 31 + char.charCodeAt(0)) % 997;
  return spread(all, perOperation, seed);
}

/** Plausible ids point at a real record, so checks past "not found" are reached too. */
function withId(value: unknown, id: string): unknown {
  if (value === 'fuzz-id') return id;
  if (Array.isArray(value)) return value.map((item) => withId(item, id));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withId(v, id)]));
  return value;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}… (${text.length} chars)` : text;
}
