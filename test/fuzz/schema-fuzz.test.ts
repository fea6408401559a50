/**
 * Schema-driven fuzzing of every query and mutation (issue 19 §2): each operation is sent with one
 * hostile value at a time in an otherwise plausible input — wrong types, nulls, empty and huge and
 * control-character strings, impossible dates, ids with `#`, `/` and `..` — as a tenant admin
 * through the whole local stack. Goals: every error typed from the catalogue (or the GraphQL
 * validation AppSync itself answers), never a 5xx, and no mutation that answered with an error
 * changed anything of the tenant (checked by snapshotting every table's items of the tenant).
 */
import { readFileSync } from 'node:fs';
import { DynamoDBClient, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ERRORS } from '../../domain/model/errors.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { TABLE_IDS, tableName } from '../../domain/model/tables.ts';
import { buildAppSyncSchema } from '../../local/appsync/prelude.ts';
import type { StackHandle } from '../../local/stack.ts';
import { signedIn, startTestStack, type Gql, type GraphQLResponse } from '../support/stack.ts';
import { fuzzCases, type FuzzCase } from './inputs.ts';

/** Cases per operation: every operation gets some, the suite stays within seconds. */
const PER_OPERATION = 10;
const QUERY_CONCURRENCY = 8;
/**
 * What AppSync itself answers before a resolver runs: malformed documents and variables
 * (ValidationError), and a field the caller's authorization mode may not use (Unauthorized, e.g.
 * the IAM-only publishNotification called with a user's token).
 */
const RUNTIME_ERRORS = new Set(['ValidationError', 'Unauthorized']);
const TYPED = new Set([...Object.keys(ERRORS), ...RUNTIME_ERRORS]);

let stack: StackHandle;
let admin: Gql;
let ddb: DynamoDBClient;
let employeeId: string;

beforeAll(async () => {
  stack = await startTestStack();
  admin = await signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' });
  ddb = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
  const hired = await admin<{ createEmployee: { id: string } }>(
    'mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }',
    { input: { employeeNumber: 'F-1', firstName: 'Fuzz', lastName: 'Target', email: 'fuzz@acme.test', contract: { startDate: '2026-01-05', terms: { jobTitle: 'Target', employmentType: 'FULL_TIME' } } } },
  );
  employeeId = hired.data!.createEmployee.id;
}, 60_000);

afterAll(async () => {
  ddb?.destroy();
  await stack?.stop();
});

/** Every item of the tenant in every table of the stage, by table and key. */
async function snapshot(tenantId: string): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  for (const id of TABLE_IDS) {
    const table = tableName(id, stack.stage);
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await ddb.send(new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'TenantId = :t',
        ExpressionAttributeValues: { ':t': { S: tenantKey(tenantId) } },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }));
      for (const item of page.Items ?? []) items.set(`${table} ${item.EntityItem?.S}`, JSON.stringify(item));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items;
}

function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).map((key) => `${before.has(key) ? (after.has(key) ? 'changed' : 'removed') : 'added'} ${key}`);
}

/** What is wrong with an answer: a 5xx, an error without a type, or with one outside the catalogue. */
function untyped(answer: GraphQLResponse): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  for (const error of answer.errors ?? []) {
    if (!error.errorType || !TYPED.has(error.errorType)) problems.push(`errorType ${String(error.errorType)}: ${error.message.slice(0, 160)}`);
  }
  return problems;
}

function hasArguments(schema: ReturnType<typeof buildAppSyncSchema>, operation: string): boolean {
  const [type, field] = operation.split('.') as ['Query' | 'Mutation', string];
  return (type === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[field]!.args.length > 0;
}

const succeeded = (answer: GraphQLResponse) => !answer.errors?.length && answer.status === 200;

async function send(one: FuzzCase): Promise<GraphQLResponse> {
  try {
    return await admin(one.document, one.variables);
  } catch (error) {
    return { status: 599, errors: [{ path: null, errorType: null, message: `no JSON answer: ${String(error)}`, errorInfo: null, data: null }] };
  }
}

it('answers every hostile input of every operation with a typed error and leaves the tenant\'s data as it was', async () => {
  const schema = buildAppSyncSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  const queries = Object.values(schema.getQueryType()!.getFields()).flatMap((field) => fuzzCases('query', field, PER_OPERATION, employeeId));
  const mutations = Object.values(schema.getMutationType()!.getFields()).flatMap((field) => fuzzCases('mutation', field, PER_OPERATION, employeeId));
  const failures: string[] = [];
  const report = (one: FuzzCase, problems: string[]) => failures.push(...problems.map((p) => `${one.operation} [${one.tries}]: ${p}`));

  let next = 0;
  await Promise.all(Array.from({ length: QUERY_CONCURRENCY }, async () => {
    while (next < queries.length) {
      const one = queries[next]!;
      next += 1;
      report(one, untyped(await send(one)));
    }
  }));

  let before = await snapshot('acme');
  let accepted = 0;
  for (const one of mutations) {
    const answer = await send(one);
    report(one, untyped(answer));
    const after = await snapshot('acme');
    if (succeeded(answer)) accepted += 1;
    else report(one, changes(before, after).map((change) => `refused, yet ${change}`));
    before = after;
  }

  console.log(`fuzz: ${queries.length} query and ${mutations.length} mutation cases, ${accepted} mutations accepted`);
  expect(failures).toEqual([]);
  // The suite is only as good as its reach: every operation tried, most hostile inputs refused.
  const tried = new Set([...queries, ...mutations].map((one) => one.operation));
  const operations = [...Object.keys(schema.getQueryType()!.getFields()).map((f) => `Query.${f}`), ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `Mutation.${f}`)];
  expect(operations.filter((operation) => !tried.has(operation) && hasArguments(schema, operation))).toEqual([]);
  expect(accepted).toBeLessThan(mutations.length / 4);
}, 300_000);
