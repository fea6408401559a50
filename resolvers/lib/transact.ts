/** Item writes described as data (domain/organisation/model/writes.ts) sent as one AppSync transaction on one table. */
import { util } from '@aws-appsync/utils';
import { conditionExpression, updateExpression, type Expression, type GuardedWrite, type ItemWrite } from '../../domain/organisation/model/writes.ts';

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
