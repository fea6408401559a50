/**
 * The contract between the local AppSync executor and the APPSYNC_JS surface
 * (`util`, `runtime`, `extensions` and the `@aws-appsync/utils/dynamodb` helpers).
 *
 * Resolver handlers run synchronously, so the executor sets the current invocation
 * before each call into the sandbox and the surface reads it through `current()`.
 */

/** An error raised by `util.error`, `util.unauthorized` or a runtime rule; ends the handler. */
export class AppSyncResolverError extends Error {
  constructor(
    message: string,
    readonly errorType: string | null = null,
    readonly data: unknown = null,
    readonly errorInfo: unknown = null,
  ) {
    super(message);
    this.name = 'AppSyncResolverError';
  }
}

/**
 * Raised by `runtime.earlyReturn(value, { skipTo })`; the executor catches it and skips ahead.
 * `skipTo` is undefined when the resolver gave no return options.
 */
export class EarlyReturnSignal {
  readonly signal = 'earlyReturn';

  constructor(
    readonly value: unknown,
    readonly skipTo?: 'END' | 'NEXT',
  ) {}
}

// Resolver code runs in its own realm with its own copy of these classes, so the executor
// recognises them by shape rather than with instanceof.

export function isResolverError(value: unknown): value is AppSyncResolverError {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AppSyncResolverError';
}

export function isEarlyReturn(value: unknown): value is EarlyReturnSignal {
  return typeof value === 'object' && value !== null && (value as { signal?: unknown }).signal === 'earlyReturn';
}

/** An error recorded with `util.appendError`: it reaches the response without stopping the handler. */
export interface AppendedError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

/** What the surface needs to know about the invocation it serves. */
export interface Invocation {
  /** `util.authType()` answer, e.g. "Lambda Authorization", "IAM Authorization". */
  authType: string;
  /** The GraphQL type and field being resolved, for `util.unauthorized()`'s message. */
  parentTypeName: string;
  fieldName: string;
  appendError(error: AppendedError): void;
  /** `extensions.setSubscriptionFilter`, `setSubscriptionInvalidationFilter`, `invalidateSubscriptions`, `evictFromApiCache`. */
  setSubscriptionFilter(filter: unknown): void;
  setSubscriptionInvalidationFilter(filter: unknown): void;
  invalidateSubscriptions(payload: unknown): void;
  evictFromApiCache(typeName: string, fieldName: string, keys: Record<string, unknown>): void;
  /** `console.log` etc. from resolver code. */
  log(level: 'debug' | 'info' | 'warn' | 'error', args: unknown[]): void;
  /**
   * `util.http.addResponseHeader(s)`: a header that passed AppSync's checks. Optional: an
   * executor that does not serve response headers leaves it out and the headers are dropped.
   */
  addResponseHeader?(name: string, value: unknown): void;
}

/** The module namespaces a resolver bundle may import. */
export interface AppSyncSurface {
  /** exports of `@aws-appsync/utils`: `util`, `runtime`, `extensions` (and anything else AppSync exports there) */
  utils: Record<string, unknown>;
  /** exports of `@aws-appsync/utils/dynamodb`: get, put, remove, update, operations, query, scan, sync, batchGet, batchPut, batchDelete, transactGet, transactWrite */
  dynamodb: Record<string, unknown>;
}
