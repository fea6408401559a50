import type { ErrorType, FieldProblem } from './model/errors.ts';

/**
 * A typed error raised by Lambda and runner code: the catalogue's `errorType`, a message that says
 * what to change, for VALIDATION_ERROR the problem of each field, and anything else a client can
 * act on (`info`, e.g. `{ reason: 'ALREADY_CLOCKED_IN' }` beside a CONFLICT). (Resolvers raise the
 * same types with `util.error`; this class is for plain Node code.)
 */
export class DomainError extends Error {
  constructor(
    readonly errorType: ErrorType,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly info: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** What AppSync returns as `errorInfo`: the field problems and the rest of `info`, or nothing. */
  errorInfo(): Record<string, unknown> | undefined {
    const info = { ...this.info, ...(this.fields.length > 0 ? { fields: this.fields } : {}) };
    return Object.keys(info).length > 0 ? info : undefined;
  }
}
