/**
 * Every error of a request in AppSync's shape, each with an `errorType`: a resolver's own
 * (`util.error`, a data source, authorization), or one that execution itself raises, typed by
 * graphql-java's classification (the engine AppSync runs, whose messages it shows, e.g. "Can't
 * serialize value (/path) : Unable to serialize …"):
 * - `SerializationError`: a value the field's type cannot represent (a stored `"yesterday"` for an
 *   AWSDateTime, a number for an AWSEmail);
 * - `NullValueInNonNullableField`: null for a non-null field;
 * - `ExecutionError`: anything else graphql-js refuses while completing a value;
 * - `InternalFailure` ("An internal error occurred.", as AppSync answers its own failures): a fault
 *   of the runtime itself, logged with the request id; the client sees no detail.
 * `ValidationError` stays for errors before execution (parsing, validation, variables).
 */
import { GraphQLError } from 'graphql';
import { ResolverFailure } from './resolvers.ts';

/** AppSync's entry in `errors`. */
export interface AppSyncError {
  path: readonly (string | number)[] | null;
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
  locations: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

export const INTERNAL_FAILURE = { errorType: 'InternalFailure', message: 'An internal error occurred.' } as const;

/** Error types that report a fault on the server's side (bad stored data, a runtime fault), not the caller's. */
export const SERVER_SIDE_ERROR_TYPES: ReadonlySet<string> = new Set(['SerializationError', 'NullValueInNonNullableField', 'ExecutionError', INTERNAL_FAILURE.errorType]);

/** The errorType of an error graphql-js raised (not a resolver's). */
function executionErrorType(error: GraphQLError): string {
  const original = error.originalError;
  if (!original && !error.path) return 'ValidationError';
  // Scalars and enums refuse a value with a GraphQLError of their own.
  if (original instanceof GraphQLError) return 'SerializationError';
  if (original?.message.startsWith('Cannot return null for non-nullable field')) return 'NullValueInNonNullableField';
  return 'ExecutionError';
}

/** A graphql-js error as AppSync lists it. */
export function appSyncError(error: GraphQLError): AppSyncError {
  const original = error.originalError;
  const failure = original instanceof ResolverFailure ? original : null;
  return {
    path: error.path ?? null,
    data: failure?.data ?? null,
    errorType: failure ? failure.errorType : executionErrorType(error),
    errorInfo: failure?.errorInfo ?? null,
    locations: error.locations ? error.locations.map((l) => ({ line: l.line, column: l.column, sourceName: null })) : null,
    message: error.message,
  };
}

/** What may be logged of an error: its kind and where, never values (messages of serialization errors quote them). */
export function errorSummary(error: unknown): { errorName: string; errorMessage?: string; stack?: string; path?: string } {
  if (error instanceof GraphQLError) return { errorName: 'GraphQLError', ...(error.path ? { path: error.path.join('.') } : {}) };
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { errorName: typeof error };
}
