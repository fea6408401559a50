import { util, type Context } from '@aws-appsync/utils';
import { ERRORS, type ErrorType, type FieldProblem } from '../../domain/model/errors.ts';

/** Ends the resolver with a catalogue error; the message defaults to the catalogue's. */
export function fail(type: ErrorType, message?: string, errorInfo?: Record<string, unknown>): never {
  return util.error(message ?? ERRORS[type], type, null, errorInfo ?? null);
}

/** Ends the resolver with VALIDATION_ERROR listing every problem, if there are any. */
export function failOnProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) {
    const summary = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    fail('VALIDATION_ERROR', `Invalid input: ${summary}.`, { fields: problems });
  }
}

/** Data-source errors reach the response handler silently unless raised here. */
export function failOnDataSourceError(ctx: Context): void {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
}
