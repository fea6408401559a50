/** The local tables follow their declarations: created when missing, rebuilt with every item when an index was added since. */
import { CreateTableCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, tableName } from '../../domain/model/tables.ts';
import { createTableInput, ensureTables, missingIndexes } from '../../local/tables.ts';
import { startTestDynamo, type TestDynamo } from './dynamodb/helpers.ts';

let dynamo: TestDynamo;

beforeAll(async () => {
  dynamo = await startTestDynamo();
});

afterAll(async () => {
  await dynamo?.stop();
});

describe('ensureTables', () => {
  it('rebuilds a table made before an index was declared, keeping every item, and is idempotent', async () => {
    const name = tableName('TenantJob', 'Staging');
    // TenantJob as an older checkout made it: without the JobsByStatus index.
    const older = { ...TABLES.TenantJob, indexes: TABLES.TenantJob.indexes.filter((i) => i.name !== 'JobsByStatus') };
    await dynamo.client.send(new CreateTableCommand(createTableInput(name, older)));
    for (let i = 0; i < 30; i += 1) {
      await dynamo.client.send(new PutItemCommand({
        TableName: name,
        Item: { TenantId: { S: 'TENANT#acme' }, EntityItem: { S: `JOB#j${i}` }, StatusAt: { S: `pending#2026-01-01T00:00:${String(i).padStart(2, '0')}Z` } },
      }));
    }
    expect(await missingIndexes(dynamo.client, name, TABLES.TenantJob)).toEqual(['JobsByStatus']);

    const changed = await ensureTables(dynamo.client, 'Staging');
    expect(changed).toContain(name);
    expect(await missingIndexes(dynamo.client, name, TABLES.TenantJob)).toEqual([]);
    const byStatus = await dynamo.client.send(new QueryCommand({
      TableName: name,
      IndexName: 'JobsByStatus',
      KeyConditionExpression: 'TenantId = :t AND begins_with(StatusAt, :s)',
      ExpressionAttributeValues: { ':t': { S: 'TENANT#acme' }, ':s': { S: 'pending#' } },
    }));
    expect(byStatus.Count).toBe(30);

    expect(await ensureTables(dynamo.client, 'Staging')).toEqual([]);
  });
});
