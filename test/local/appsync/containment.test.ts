/**
 * Every error of a request, a subscription or a job is contained by the local runtime: answered in
 * AppSync's shape with a typed errorType, logged with its request id, and never the end of the
 * process. Each path here once ended with `errorType: null` or took `npm start` down.
 */
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../domain/logger.ts';
import { tableName } from '../../../domain/model/tables.ts';
import { employeeItemKey } from '../../../domain/people/model/keys.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { bundledFixtures, fixtureApi, graphqlRequest, json } from '../../fixtures/appsync/harness.ts';
import { RealtimeClient, REALTIME_TOKENS, realtimeFixtures, startRealtimeApi } from '../../fixtures/appsync/realtime/harness.ts';
import { signedIn, startTestStack, type Gql } from '../../support/stack.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const GOOD = '2024-01-01T00:00:00Z';

/** Runs `work`, then lets the event loop turn once, and answers what rejected with nobody to handle it meanwhile. */
async function strayRejections(work: () => Promise<void>): Promise<unknown[]> {
  const stray: unknown[] = [];
  const listener = (reason: unknown) => stray.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await work();
    // Rejections are reported once the microtasks of a turn have run; every resolver here settles in microtasks.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return stray;
}

describe('the HTTP endpoint', () => {
  let fixtures: Awaited<ReturnType<typeof bundledFixtures>>;
  let harness: Awaited<ReturnType<typeof fixtureApi>>;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    fixtures = await bundledFixtures();
    harness = await fixtureApi(fixtures.root, { logger: createLogger({ service: 'containment-test', level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) }) });
  });

  afterAll(async () => {
    await fixtures?.remove();
  });

  async function run(query: string, variables: Record<string, unknown> = {}) {
    const response = await harness.api.handle(graphqlRequest({ query, variables }));
    return { status: response.status, requestId: response.headers['x-amzn-requestid']!, body: json(response) };
  }

  const STORED = 'query ($rows: AWSJSON!) { stored(rows: $rows) { first slow last } }';

  it('answers a stored value its type cannot represent as a typed SerializationError, logged with the request id but not the value', async () => {
    let answer: Awaited<ReturnType<typeof run>> | undefined;
    // Item 0 is still resolving `slow` when item 1 fails at once: graphql-js used to abandon item 0,
    // whose later failure (`last`) was then an unhandled rejection that ended the process.
    const stray = await strayRejections(async () => {
      answer = await run(STORED, { rows: JSON.stringify([{ first: GOOD, last: 'yesterday' }, { first: 'not-a-date-4711', last: GOOD }]) });
    });
    expect(stray).toEqual([]);
    const { status, requestId, body } = answer!;
    expect(status).toBe(200);
    expect(body.data).toEqual({ stored: null });
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['stored', 1, 'first'], errorType: 'SerializationError', message: expect.stringMatching(/^Unable to serialize `not-a-date-4711` as a valid DateTime Object/) }),
    ]);
    const logged = lines.filter((l) => l.requestId === requestId && l.message === 'field failed on the server side');
    expect(logged).toEqual([expect.objectContaining({ level: 'error', errorType: 'SerializationError', path: 'stored.1.first' })]);
    expect(JSON.stringify(lines.filter((l) => l.requestId === requestId))).not.toContain('not-a-date-4711');
  });

  it('answers null for a non-null field as NullValueInNonNullableField', async () => {
    const { body } = await run(STORED, { rows: JSON.stringify([{ first: null, last: GOOD }]) });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['stored', 0, 'first'], errorType: 'NullValueInNonNullableField' })]);
  });

  it('answers a fault of the runtime itself as InternalFailure without its detail, logs it with the request id, and serves the next request', async () => {
    const { requestId, body } = await run('{ broken plain }');
    expect(body.data).toEqual({ broken: null, plain: 'plain value' });
    expect(body.errors).toEqual([{ path: ['broken'], data: null, errorType: 'InternalFailure', errorInfo: null, locations: [{ line: 1, column: 3, sourceName: null }], message: 'An internal error occurred.' }]);
    expect(lines.find((l) => l.requestId === requestId && l.message === 'field failed in the runtime')).toMatchObject({ level: 'error', path: 'broken', errorName: 'TypeError' });
    expect((await run('{ plain }')).body).toEqual({ data: { plain: 'plain value' } });
  });

  it('hands a JSON argument nested 5,000 levels deep to its resolver and back, instead of failing with a stack overflow', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const { body } = await run('query ($value: AWSJSON!) { json(value: $value) }', { value: deep });
    expect(body.errors).toBeUndefined();
    expect((body.data as { json: string }).json).toBe(deep);
  });
});

describe('the real-time endpoint', () => {
  let fixtures: Awaited<ReturnType<typeof realtimeFixtures>>;
  let realtime: Awaited<ReturnType<typeof startRealtimeApi>>;
  let client: RealtimeClient | undefined;

  beforeAll(async () => {
    fixtures = await realtimeFixtures();
    realtime = await startRealtimeApi(fixtures.root);
  });

  afterAll(async () => {
    client?.close();
    await realtime?.server.stop();
    await fixtures?.remove();
  });

  it('answers a subscription whose resolver faults with a typed error, and keeps the connection serving', async () => {
    const auth = { Authorization: REALTIME_TOKENS.tenantA, host: `127.0.0.1:${realtime.server.port}` };
    client = RealtimeClient.connect(realtime.server.url, auth, { ca: realtime.tls.cert });
    await client.init();
    client.start('broken', 'subscription { onPublishBroken { text } }', {}, auth);
    const refused = await client.next('error', 'broken');
    expect(refused.payload?.errors).toEqual([{ errorType: 'InternalFailure', message: 'An internal error occurred.' }]);
    client.start('fine', 'subscription { onPublish { text } }', {}, auth);
    expect(await client.next('start_ack', 'fine')).toMatchObject({ type: 'start_ack', id: 'fine' });
  });
});

describe('the process of `npm start`', () => {
  it('logs a rejection nobody handled and an exception nobody caught, and keeps running', async () => {
    const script = `
      import { createLogger } from './domain/logger.ts';
      import { keepServingOnStrayErrors } from './local/appsync/process-errors.ts';
      keepServingOnStrayErrors(createLogger({ service: 'stray' }));
      Promise.reject(new RangeError('abandoned'));
      setTimeout(() => { throw new TypeError('thrown in a timer'); });
      setTimeout(() => process.stdout.write('still serving\\n'));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { cwd: ROOT });
    const logged = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ level: 'error', message: 'unhandled rejection; still serving', errorName: 'RangeError', errorMessage: 'abandoned' }),
      expect.objectContaining({ level: 'error', message: 'uncaught exception; still serving', errorName: 'TypeError', errorMessage: 'thrown in a timer' }),
    ]);
    expect(stdout).toContain('still serving\n');
  });
});

describe('the local stack, where these faults were found', () => {
  let stack: StackHandle;
  let admin: Gql;

  beforeAll(async () => {
    stack = await startTestStack();
    admin = await signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('lists employees after a wrong-typed createdAt and email were stored: typed errors for every caller, and the stack keeps serving', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const created = await admin<{ createEmployee: { id: string } }>('mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }', {
        input: { employeeNumber: `C-${n}`, firstName: 'Con', lastName: `Tained${n}`, email: `contained${n}@acme.test`, phone: '+1 212 555 0100', contract: { startDate: '2024-01-02', terms: { jobTitle: 'Clerk', employmentType: 'FULL_TIME' } } },
      });
      ids.push(created.data!.createEmployee.id);
    }
    // What a CRUD job could write before it was confined to the people rules.
    const dynamodb = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
    const corrupt = (id: string, attribute: string, value: { S: string } | { N: string }) =>
      dynamodb.send(new UpdateItemCommand({
        TableName: tableName('PIM', stack.stage), Key: { TenantId: { S: 'TENANT#acme' }, EntityItem: { S: employeeItemKey(id) } },
        UpdateExpression: 'SET #a = :v', ExpressionAttributeNames: { '#a': attribute }, ExpressionAttributeValues: { ':v': value },
      }));
    await corrupt(ids[0]!, 'createdAt', { S: 'yesterday' });
    await corrupt(ids[1]!, 'email', { N: '42' });
    dynamodb.destroy();

    const stray = await strayRejections(async () => {
      const listed = await admin('{ employees(limit: 10) { items { id email phone createdAt } nextToken } }');
      expect(listed.errors?.map((e) => e.errorType)).toEqual(['SerializationError']);
      expect(listed.errors?.[0]?.path).toEqual(['employees', 'items', 1, 'email']);
    });
    expect(stray).toEqual([]);
    expect((await admin<{ employee: { id: string } }>('query ($id: ID!) { employee(id: $id) { id } }', { id: ids[2] })).data?.employee.id).toBe(ids[2]);
  });

  it('refuses a createJob payload nested 5,000 levels deep or too large with VALIDATION_ERROR', async () => {
    const create = (payload: string) => admin('mutation ($input: CreateJobInput!) { createJob(input: $input) { id } }', {
      input: { runner: 'AIML-SaaS-CRUD-Item', payload, runAt: '2030-01-01T00:00:00Z' },
    });
    for (const payload of [
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
      JSON.stringify({ entity: 'employee', id: 'e-1', set: { firstName: 'G'.repeat(200_000) } }),
    ]) {
      const answer = await create(payload);
      expect(answer.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field: 'payload' })] } });
    }
  });
});
