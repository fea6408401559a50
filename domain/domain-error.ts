import type { ErrorType, FieldProblem } from './model/errors.ts';

/**
 * A typed error raised by Lambda and runner code: the catalogue's `errorType`, a message that says
 * what to change, and for VALIDATION_ERROR the problem of each field. (Resolvers raise the same
 * types with `util.error`; this class is for plain Node code.)
 */
export class DomainError extends Error {
  constructor(
    readonly errorType: ErrorType,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
