/**
 * The typed error catalogue: every `errorType` the API returns, with the default message
 * that tells the caller what to change. Resolvers raise them with `util.error(message, type)`;
 * Lambda code with `DomainError` (domain/domain-error.ts).
 */
export const ERRORS = {
  MISSING_TENANT_ID: 'The request carries no tenant. Sign in with a tenant account.',
  INVALID_TENANT_ID: 'The tenant id is malformed or names no active tenant.',
  UNAUTHORIZED_ACCESS: 'You are not allowed to perform this operation on this resource.',
  VALIDATION_ERROR: 'The input is invalid; see errorInfo for each field.',
  NOT_FOUND: 'No such item in your tenant.',
  CONFLICT: 'The item changed since you read it, or already exists. Read it again and retry.',
  LIMIT_EXCEEDED: 'Your plan allows no more of these (errorInfo names the limit). Remove some, or change the plan.',
  INVALID_PAGINATION_TOKEN: 'The nextToken is malformed or belongs to another query; start again without it.',
  INTERNAL_ERROR: 'Something went wrong on our side; the request changed nothing. Retry later.',
} as const;

export type ErrorType = keyof typeof ERRORS;

/** One problem with one input field, returned in `errorInfo.fields`. */
export interface FieldProblem {
  field: string;
  message: string;
}
