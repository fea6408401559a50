import type { Context } from '@aws-appsync/utils';
import type { ErrorType } from '../../domain/model/errors.ts';
import { fail, failOnDataSourceError } from './errors.ts';

/** What to tell the caller when the condition of the transaction item at the same index fails. */
export interface ConditionOutcome {
  type: ErrorType;
  message: string;
  /** The input field at fault, reported in `errorInfo.fields`. */
  field?: string;
}

interface CancellationReason {
  type?: string;
  message?: string;
}

/**
 * Turns a cancelled TransactWriteItems into the typed error of the first failed condition;
 * any other data-source error is raised as is.
 */
export function failOnCancelledTransaction(ctx: Context, outcomes: ConditionOutcome[]): void {
  if (!ctx.error) return;
  const result = ctx.result as { cancellationReasons?: CancellationReason[] } | null;
  const reasons = result?.cancellationReasons ?? [];
  const index = reasons.findIndex((r) => r.type === 'ConditionalCheckFailed');
  const outcome = index >= 0 ? outcomes[index] : undefined;
  if (outcome) fail(outcome.type, outcome.message, outcome.field ? { fields: [{ field: outcome.field, message: outcome.message }] } : undefined);
  failOnDataSourceError(ctx);
}
