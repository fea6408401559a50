/**
 * `util`, `runtime` and `extensions` of `@aws-appsync/utils`. `util.rds` and `util.xml` are left
 * out: the project has no RDS or XML data source.
 */
import { AppSyncResolverError, EarlyReturnSignal, type Invocation } from './contract.ts';
import { createDynamodbUtil } from './dynamodb-values.ts';
import { createHttpUtil } from './http.ts';
import { autoId, autoKsuid, autoUlid } from './ids.ts';
import { base64Decode, base64Encode, escapeJavaScript, matches, urlDecode, urlEncode } from './text.ts';
import { createTimeUtil } from './time.ts';
import { createTransformUtil } from './transform.ts';
import { isMap } from './values.ts';

type NormalizationForm = 'nfc' | 'nfd' | 'nfkc' | 'nfkd';

const isNull = (value: unknown): boolean => value === null || value === undefined;
const isNullOrEmpty = (value: unknown): boolean => isNull(value) || value === '';
// Java's isBlank: empty or only whitespace
const isNullOrBlank = (value: unknown): boolean => isNull(value) || (typeof value === 'string' && value.trim() === '');

/** AppSync's names for the JSON types; anything else is "Object". */
function typeOf(value: unknown): string {
  if (isNull(value)) return 'Null';
  if (Array.isArray(value)) return 'List';
  switch (typeof value) {
    case 'number':
      return 'Number';
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'object':
      return 'Map';
    default:
      return 'Object';
  }
}

/** Builds the `util` object; per-invocation answers (authType, appendError) come from `current()`. */
export function createUtil(current: () => Invocation) {
  return {
    error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never {
      throw new AppSyncResolverError(String(message), errorType ?? null, data ?? null, errorInfo ?? null);
    },
    appendError(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): void {
      current().appendError({
        message: String(message),
        errorType: errorType ?? null,
        data: data ?? null,
        errorInfo: errorInfo ?? null,
      });
    },
    unauthorized(): never {
      const { fieldName, parentTypeName } = current();
      throw new AppSyncResolverError(`Not Authorized to access ${fieldName} on type ${parentTypeName}`, 'Unauthorized');
    },
    authType: () => current().authType,
    autoId,
    // wrapped so that an argument from resolver code cannot stand in for the clock
    autoUlid: () => autoUlid(),
    autoKsuid: () => autoKsuid(),
    escapeJavaScript,
    urlEncode,
    urlDecode,
    base64Encode,
    base64Decode,
    isNull,
    isNullOrEmpty,
    isNullOrBlank,
    defaultIfNull: <T>(value: T, fallback: T) => (isNull(value) ? fallback : value),
    defaultIfNullOrEmpty: <T>(value: T, fallback: T) => (isNullOrEmpty(value) ? fallback : value),
    defaultIfNullOrBlank: <T>(value: T, fallback: T) => (isNullOrBlank(value) ? fallback : value),
    isString: (value: unknown) => typeof value === 'string',
    isNumber: (value: unknown) => typeof value === 'number',
    isBoolean: (value: unknown) => typeof value === 'boolean',
    isList: (value: unknown) => Array.isArray(value),
    isMap,
    typeOf,
    matches,
    time: createTimeUtil(),
    str: {
      toUpper: (value: string) => value.toUpperCase(),
      toLower: (value: string) => value.toLowerCase(),
      toReplace: (value: string, target: string, replacement: string) => value.replaceAll(target, replacement),
      normalize: (value: string, form: NormalizationForm) => value.normalize(form.toUpperCase()),
    },
    math: {
      roundNum: (value: number) => Math.round(value),
      minVal: (first: number, second: number) => Math.min(first, second),
      maxVal: (first: number, second: number) => Math.max(first, second),
      randomDouble: () => Math.random(),
      // both bounds included
      randomWithinRange: (start: number, end: number) => start + Math.floor(Math.random() * (end - start + 1)),
    },
    dynamodb: createDynamodbUtil(),
    transform: createTransformUtil(),
    http: createHttpUtil(current),
  };
}

/** Builds `runtime`: `earlyReturn` ends the handler through {@link EarlyReturnSignal}. */
export function createRuntime() {
  return {
    earlyReturn(value?: unknown, options?: { skipTo?: 'END' | 'NEXT' }): never {
      throw new EarlyReturnSignal(value ?? null, options?.skipTo);
    },
  };
}

/** Builds `extensions`, each call handed to the current invocation. */
export function createExtensions(current: () => Invocation) {
  return {
    setSubscriptionFilter: (filter: unknown) => current().setSubscriptionFilter(filter),
    setSubscriptionInvalidationFilter: (filter: unknown) => current().setSubscriptionInvalidationFilter(filter),
    invalidateSubscriptions: (payload: unknown) => current().invalidateSubscriptions(payload),
    evictFromApiCache: (typeName: string, fieldName: string, keys: Record<string, unknown>) =>
      current().evictFromApiCache(typeName, fieldName, keys),
  };
}
