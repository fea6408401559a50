/**
 * The organisation's item writes (model/writes.ts) as AWS SDK v3 TransactWriteItems entries, and
 * a cancelled transaction read back as the outcome of the write that failed.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { conditionExpression, updateExpression, type Expression, type GuardedWrite, type ItemWrite, type WriteOutcome } from './model/writes.ts';

const toAttributes = (value: Record<string, unknown>) => marshall(value, { removeUndefinedValues: true });

function expressionParts(expressions: (Expression | null)[]) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const e of expressions) {
    if (!e) continue;
    Object.assign(names, e.names);
    Object.assign(values, e.values);
  }
  return {
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: toAttributes(values) } : {}),
  };
}

/** One write as an SDK `TransactWriteItem` on `tableName`. */
export function toTransactWriteItem(tableName: string, write: ItemWrite): TransactWriteItem {
  const condition = conditionExpression(write.conditions);
  const conditional = condition ? { ConditionExpression: condition.expression } : {};
  const Key = toAttributes({ ...write.key });
  switch (write.kind) {
    case 'put':
      return { Put: { TableName: tableName, Item: toAttributes({ ...write.item, ...write.key }), ...conditional, ...expressionParts([condition]) } };
    case 'update': {
      const changes = updateExpression(write);
      return { Update: { TableName: tableName, Key, UpdateExpression: changes.expression, ...conditional, ...expressionParts([changes, condition]) } };
    }
    case 'delete':
      return { Delete: { TableName: tableName, Key, ...conditional, ...expressionParts([condition]) } };
    case 'check':
      return { ConditionCheck: { TableName: tableName, Key, ConditionExpression: condition!.expression, ...expressionParts([condition]) } };
  }
}

export function toTransactWriteItems(tableName: string, writes: readonly GuardedWrite[]): TransactWriteItem[] {
  return writes.map((w) => toTransactWriteItem(tableName, w.write));
}

/**
 * What to tell the caller about a failed TransactWriteItems: the outcome of the first write whose
 * condition failed (`offset`: where `writes` start among the transaction's items), or null when the
 * error is not such a cancellation.
 */
export function cancellationOutcome(error: unknown, writes: readonly GuardedWrite[], offset = 0): WriteOutcome | null {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] } | null;
  if (e?.name !== 'TransactionCanceledException' || !e.CancellationReasons) return null;
  const failed = e.CancellationReasons.findIndex((r, i) => r.Code === 'ConditionalCheckFailed' && i >= offset && i - offset < writes.length);
  return failed >= 0 ? writes[failed - offset]!.onConditionFailed : null;
}
