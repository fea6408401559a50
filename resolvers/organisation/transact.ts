/** The organisation's item writes (domain/organisation/model/writes.ts) sent as one AppSync transaction. */
import { util, type Context } from '@aws-appsync/utils';
import { conditionExpression, updateExpression, type Expression, type GuardedWrite, type ItemWrite } from '../../domain/organisation/model/writes.ts';
import { fail, failOnDataSourceError } from '../lib/errors.ts';

function appSyncExpression(e: Expression) {
  const expression: { expression: string; expressionNames?: Record<string, string>; expressionValues?: Record<string, unknown> } = { expression: e.expression };
  if (Object.keys(e.names).length > 0) expression.expressionNames = e.names;
  if (Object.keys(e.values).length > 0) expression.expressionValues = util.dynamodb.toMapValues(e.values);
  return expression;
}

function transactItem(table: string, write: ItemWrite) {
  const item: Record<string, unknown> = { table, key: util.dynamodb.toMapValues(write.key) };
  const condition = conditionExpression(write.conditions);
  if (condition) item.condition = appSyncExpression(condition);
  if (write.kind === 'put') {
    item.operation = 'PutItem';
    item.attributeValues = util.dynamodb.toMapValues(write.item);
  } else if (write.kind === 'update') {
    item.operation = 'UpdateItem';
    item.update = appSyncExpression(updateExpression(write));
  } else if (write.kind === 'delete') {
    item.operation = 'DeleteItem';
  } else {
    item.operation = 'ConditionCheck';
  }
  return item;
}

/** The TransactWriteItems request of `writes` on `table`. */
export function transactRequest(table: string, writes: GuardedWrite[]) {
  return { operation: 'TransactWriteItems', transactItems: writes.map((w) => transactItem(table, w.write)) };
}

interface CancellationReason {
  type?: string;
}

/**
 * A cancelled transaction becomes the typed error of the first write whose condition failed (with
 * `errorInfo.fields` when it names an input field); any other data-source error is raised as is.
 */
export function failOnCancelledWrites(ctx: Context, writes: GuardedWrite[]): void {
  if (!ctx.error) return;
  const result = ctx.result as { cancellationReasons?: CancellationReason[] } | null;
  const reasons = result?.cancellationReasons ?? [];
  const index = reasons.findIndex((r) => r.type === 'ConditionalCheckFailed');
  const outcome = index >= 0 ? writes[index]?.onConditionFailed : undefined;
  if (outcome) {
    fail(outcome.type, outcome.message, outcome.field ? { fields: [{ field: outcome.field, message: outcome.message }] } : undefined);
  }
  failOnDataSourceError(ctx);
}
