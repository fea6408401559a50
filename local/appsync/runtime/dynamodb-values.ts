/**
 * `util.dynamodb`: conversion of plain values to DynamoDB typed values, as AppSync's JS runtime
 * builds them. Numbers stay JS numbers (`{ N: 12345 }`, `{ NS: [1, 23] }`), not strings: that is
 * what AppSync's EvaluateCode answers, and the DynamoDB data source accepts both.
 */
import { AppSyncResolverError } from './contract.ts';
import { definedEntries, isMap } from './values.ts';

/** A DynamoDB typed value such as `{ S: 'x' }` or `{ M: { ... } }`. */
export type AttributeValue = Record<string, unknown>;

const SET_TYPES = ['SS', 'NS', 'BS'];

/** True for a typed set such as `{ SS: ['a'] }`, which the dynamodb module's helpers keep as is. */
export function isTypedSet(value: unknown): value is AttributeValue {
  if (!isMap(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && SET_TYPES.includes(keys[0]!) && Array.isArray(value[keys[0]!]);
}

/**
 * Converts any value to its DynamoDB typed value, preferring lists over sets.
 * `undefined` (and functions) give `null`, as they have no JSON form.
 */
export function toDynamoDB(value: unknown): AttributeValue | null {
  return convert(value, false);
}

/** Like {@link toDynamoDB}, but keeps typed sets (`{ SS: [...] }`) found anywhere in the value. */
export function toAttributeValue(value: unknown): AttributeValue | null {
  return convert(value, true);
}

/** Converts every value of an object; `keepSets` as in {@link toAttributeValue}. */
export function toAttributeMap(value: Record<string, unknown>, keepSets = true): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  for (const [key, entry] of definedEntries(value)) {
    const converted = convert(entry, keepSets);
    if (converted !== null) result[key] = converted;
  }
  return result;
}

function convert(value: unknown, keepSets: boolean): AttributeValue | null {
  if (value === null) return { NULL: null };
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      return { N: value };
    case 'boolean':
      return { BOOL: value };
    case 'object':
      if (Array.isArray(value)) return { L: value.map((item) => convert(item ?? null, keepSets)) };
      if (keepSets && isTypedSet(value)) return value;
      return { M: toAttributeMap(value as Record<string, unknown>, keepSets) };
    default:
      return null;
  }
}

function whenPresent<T, R>(value: T | null | undefined, convertPresent: (present: T) => R): R | null {
  return value === null || value === undefined ? null : convertPresent(value);
}

/** Builds `util.dynamodb`. */
export function createDynamodbUtil() {
  return {
    toDynamoDB,
    toString: (value: string | null | undefined) => whenPresent(value, (s) => ({ S: s })),
    toStringSet: (list: string[] | null | undefined) => whenPresent(list, (l) => ({ SS: [...l] })),
    toNumber: (value: number | null | undefined) => whenPresent(value, (n) => ({ N: n })),
    toNumberSet: (list: number[] | null | undefined) => whenPresent(list, (l) => ({ NS: [...l] })),
    toBinary: (value: string | null | undefined) => whenPresent(value, (b) => ({ B: b })),
    toBinarySet: (list: string[] | null | undefined) => whenPresent(list, (l) => ({ BS: [...l] })),
    toBoolean: (value: boolean | null | undefined) => whenPresent(value, (b) => ({ BOOL: b })),
    toNull: () => ({ NULL: null }),
    toList: (value: unknown) => (Array.isArray(value) ? toDynamoDB(value) : null),
    toMap: (value: unknown) => (isMap(value) ? { M: toAttributeMap(value, false) } : null),
    toMapValues: (value: unknown) => (isMap(value) ? toAttributeMap(value, false) : null),
    toS3Object,
    fromS3ObjectJson,
  };
}

/** `{ S: '{"s3":{"key":..,"bucket":..,"region":..[,"version":..]}}' }`, compact JSON as AppSync writes it. */
function toS3Object(key: string, bucket: string, region: string, version?: string): { S: string } {
  const s3: Record<string, string> = { key, bucket, region };
  if (version !== undefined && version !== null) s3.version = version;
  return { S: JSON.stringify({ s3 }) };
}

/** The `{ key, bucket, region, version? }` map held in an S3 object string. */
function fromS3ObjectJson(s3ObjectString: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s3ObjectString);
  } catch {
    parsed = null;
  }
  if (!isMap(parsed) || !isMap(parsed.s3)) {
    throw new AppSyncResolverError(`Not an S3 object string: ${String(s3ObjectString)}`);
  }
  return { ...parsed.s3 };
}
