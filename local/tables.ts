/** Creates the stage's tables in the local DynamoDB from the `domain/` declarations. */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  ScanCommand,
  waitUntilTableNotExists,
  waitUntilTableExists,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type AttributeValue,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import type { Stage } from '../domain/model/stage.ts';
import { TABLE_IDS, TABLES, tableName, type KeyAttribute, type TableDeclaration, type TableId } from '../domain/model/tables.ts';

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

/**
 * Creates every table of the stage (or the `ids` given) that does not exist yet, and rebuilds (keeping every item) an
 * existing table that lacks an index added to its declaration since the data folder was made:
 * the local DynamoDB cannot add an index to a table. Returns the names created or rebuilt.
 */
export async function ensureTables(client: DynamoDBClient, stage: Stage, ids: readonly TableId[] = TABLE_IDS): Promise<string[]> {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) existing.add(name);
    start = page.LastEvaluatedTableName;
  } while (start);
  const missing = ids.filter((id) => !existing.has(tableName(id, stage))).map((id) => ({ id, name: tableName(id, stage) }));
  const outdated: { id: TableId; name: string }[] = [];
  for (const id of ids.filter((t) => existing.has(tableName(t, stage)))) {
    if ((await missingIndexes(client, tableName(id, stage), TABLES[id])).length > 0) outdated.push({ id, name: tableName(id, stage) });
  }
  await Promise.all(missing.map(({ id, name }) => createTable(client, name, TABLES[id])));
  for (const { id, name } of outdated) await rebuildTable(client, name, TABLES[id]);
  return [...missing, ...outdated].map(({ name }) => name);
}

async function createTable(client: DynamoDBClient, name: string, table: TableDeclaration): Promise<void> {
  await client.send(new CreateTableCommand(createTableInput(name, table)));
  // CreateTable answers while the table is still CREATING; callers write right away.
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: name });
}

/** Declared indexes the existing table does not have. */
export async function missingIndexes(client: DynamoDBClient, name: string, table: TableDeclaration): Promise<string[]> {
  const { Table: described } = await client.send(new DescribeTableCommand({ TableName: name }));
  const present = new Set([...(described?.GlobalSecondaryIndexes ?? []), ...(described?.LocalSecondaryIndexes ?? [])].map((i) => i.IndexName));
  return table.indexes.map((i) => i.name).filter((index) => !present.has(index));
}

/** Copies the items out, recreates the table from its declaration and writes them back. */
async function rebuildTable(client: DynamoDBClient, name: string, table: TableDeclaration): Promise<void> {
  const items: Record<string, AttributeValue>[] = [];
  let from: Record<string, AttributeValue> | undefined;
  do {
    // Local maintenance of a whole table: the one place a Scan is right.
    const page = await client.send(new ScanCommand({ TableName: name, ExclusiveStartKey: from }));
    items.push(...(page.Items ?? []));
    from = page.LastEvaluatedKey;
  } while (from);
  await client.send(new DeleteTableCommand({ TableName: name }));
  await waitUntilTableNotExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: name });
  await createTable(client, name, table);
  for (let i = 0; i < items.length; i += 25) {
    let pending: Record<string, AttributeValue>[] = items.slice(i, i + 25);
    while (pending.length > 0) {
      const answer = await client.send(new BatchWriteItemCommand({ RequestItems: { [name]: pending.map((Item) => ({ PutRequest: { Item } })) } }));
      pending = (answer.UnprocessedItems?.[name] ?? []).flatMap((r) => (r.PutRequest?.Item ? [r.PutRequest.Item] : []));
    }
  }
}
