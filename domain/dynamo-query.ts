/** Paged DynamoDB reads every store needs: all pages of a Query, and a tenant's items under a sort-key prefix. */
import { QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { tenantKey } from './model/keys.ts';

export type QueryInput = ConstructorParameters<typeof QueryCommand>[0];

/** Every item of a Query, following LastEvaluatedKey to the end. */
export async function queryAll(dynamodb: DynamoDBClient, input: QueryInput): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** A tenant's items whose sort key starts with `prefix` (or lies between two bounds), unmarshalled. */
export async function tenantItems<T>(
  dynamodb: DynamoDBClient,
  table: string,
  tenantId: string,
  range: string | { from: string; to: string },
  options: { consistent?: boolean } = {},
): Promise<T[]> {
  const condition: Pick<QueryInput, 'KeyConditionExpression' | 'ExpressionAttributeValues'> = typeof range === 'string'
    ? { KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)', ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':prefix': { S: range } } }
    : { KeyConditionExpression: 'TenantId = :tenant AND EntityItem BETWEEN :from AND :to', ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':from': { S: range.from }, ':to': { S: range.to } } };
  const items = await queryAll(dynamodb, { TableName: table, ...condition, ConsistentRead: options.consistent ?? false });
  return items.map((item) => unmarshall(item) as T);
}
