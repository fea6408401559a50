/** Creates the stage's tables in the local DynamoDB from the `domain/` declarations. */
import {
  CreateTableCommand,
  ListTablesCommand,
  waitUntilTableExists,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import type { Stage } from '../domain/stage.ts';
import { TABLE_IDS, TABLES, tableName, type KeyAttribute, type TableDeclaration } from '../domain/tables.ts';

function keySchema(partition: KeyAttribute, sort?: KeyAttribute): KeySchemaElement[] {
  return [{ AttributeName: partition.name, KeyType: 'HASH' }, ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' as const }] : [])];
}

/** The CreateTable request for one declaration (on-demand billing, as deployed). */
export function createTableInput(name: string, table: TableDeclaration): CreateTableCommandInput {
  const attributes = new Map<string, AttributeDefinition>();
  for (const key of [table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  }
  const index = (kind: 'GSI' | 'LSI') =>
    table.indexes
      .filter((i) => i.kind === kind)
      .map((i) => ({ IndexName: i.name, KeySchema: keySchema(i.partitionKey, i.sortKey), Projection: { ProjectionType: i.projection } }));
  const globals = index('GSI');
  const locals = index('LSI');
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()],
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    ...(globals.length > 0 ? { GlobalSecondaryIndexes: globals } : {}),
    ...(locals.length > 0 ? { LocalSecondaryIndexes: locals } : {}),
  };
}

/** Creates every table of the stage that does not exist yet; returns the names created. */
export async function ensureTables(client: DynamoDBClient, stage: Stage): Promise<string[]> {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) existing.add(name);
    start = page.LastEvaluatedTableName;
  } while (start);
  const missing = TABLE_IDS.filter((id) => !existing.has(tableName(id, stage))).map((id) => ({ id, name: tableName(id, stage) }));
  await Promise.all(missing.map(({ id, name }) => client.send(new CreateTableCommand(createTableInput(name, TABLES[id])))));
  // CreateTable answers while the table is still CREATING; callers write right away.
  await Promise.all(missing.map(({ name }) => waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: name })));
  return missing.map(({ name }) => name);
}
