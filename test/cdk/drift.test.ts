/**
 * No drift between the local stack and the deployed one: the tables the local DynamoDB holds,
 * the functions the local Lambda endpoint serves and the local scheduler's tick are compared with
 * the synthesized templates of the same stage.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DescribeTableCommand, DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deployedRunners, pickerScheduleExpression } from '../../cdk/jobs-stack.ts';
import { JOB_RUNNERS, type RunnerName } from '../../domain/jobs/engine.ts';
import { LAMBDAS, runnerFunctionName, type LambdaId } from '../../domain/lambdas.ts';
import { STAGES } from '../../domain/model/stage.ts';
import { createLogger } from '../../domain/logger.ts';
import { TABLE_IDS, tableName } from '../../domain/model/tables.ts';
import { CUSTOM_ATTRIBUTES, stageClientName } from '../../local/cognito.ts';
import { startStack, type StackHandle } from '../../local/stack.ts';
import { removeOutdirs, resourcesOf, synthStage, type SynthesizedStage } from './support.ts';

const STAGE = 'Dev';
let local: StackHandle;
let dataDir: string;
let tickMs: number[] = [];
let synthesized: SynthesizedStage;
let dynamodb: DynamoDBClient;
let lambda: LambdaClient;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-drift-'));
  // The local scheduler is the stack's only interval timer: record its period.
  const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
  local = await startStack({ port: 0, memory: true, seed: false, stage: STAGE, dataDir, logger: createLogger({ service: 'drift', level: 'error', write: () => undefined }) });
  tickMs = setIntervalSpy.mock.calls.map((call) => Number(call[1]));
  setIntervalSpy.mockRestore();
  const clientConfig = { region: local.region, credentials: local.credentials };
  dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: local.dynamodb.endpoint });
  lambda = new LambdaClient({ ...clientConfig, endpoint: local.lambda.endpoint });
  synthesized = await synthStage(STAGE);
}, 60_000);

afterAll(async () => {
  dynamodb?.destroy();
  lambda?.destroy();
  await local?.stop();
  await rm(dataDir, { recursive: true, force: true });
  removeOutdirs();
});

/** The parts of a table both sides must agree on, in one shape (CloudFormation's property names match DynamoDB's). */
function tableShape(t: Pick<TableDescription, 'KeySchema' | 'AttributeDefinitions' | 'GlobalSecondaryIndexes' | 'LocalSecondaryIndexes'>) {
  const index = (i: { IndexName?: string; KeySchema?: unknown; Projection?: { ProjectionType?: string } }) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, ProjectionType: i.Projection?.ProjectionType });
  const byName = <T extends { IndexName?: string }>(list: T[] = []) => [...list].sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName)));
  return {
    KeySchema: t.KeySchema,
    AttributeDefinitions: [...(t.AttributeDefinitions ?? [])].sort((a, b) => String(a.AttributeName).localeCompare(String(b.AttributeName))),
    GlobalSecondaryIndexes: byName(t.GlobalSecondaryIndexes).map(index),
    LocalSecondaryIndexes: byName(t.LocalSecondaryIndexes).map(index),
  };
}

/** Whether the local Lambda endpoint serves a function (DryRun: 204 when it exists, 404 when not). */
async function servedLocally(functionName: string): Promise<boolean> {
  try {
    await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'DryRun' }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return false;
    throw error;
  }
}

describe(`the local ${STAGE} stack and the ${STAGE} templates`, () => {
  it('hold the same tables, keys and indexes', async () => {
    const templates = Object.fromEntries(
      resourcesOf(synthesized.json('Data'), 'AWS::DynamoDB::Table').map(([, r]) => [r.Properties!.TableName as string, r.Properties as TableDescription]),
    );
    expect(Object.keys(templates).sort()).toEqual(TABLE_IDS.map((id) => tableName(id, STAGE)).sort());
    for (const id of TABLE_IDS) {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName(id, STAGE) }));
      expect(tableShape(Table!), id).toEqual(tableShape(templates[tableName(id, STAGE)]!));
    }
  });

  it('deploy every runner the local picker can dispatch to, and no other', async () => {
    const deployed = new Set(deployedRunners(STAGE).map((r) => r.runner));
    const templateNames = new Set(resourcesOf(synthesized.json('Jobs'), 'AWS::Lambda::Function').map(([, r]) => r.Properties!.FunctionName));
    for (const runner of Object.keys(JOB_RUNNERS) as RunnerName[]) {
      const name = runnerFunctionName(runner, STAGE);
      expect({ runner, local: await servedLocally(name) }).toEqual({ runner, local: deployed.has(runner) });
      expect({ runner, template: templateNames.has(name) }).toEqual({ runner, template: deployed.has(runner) });
    }
  });

  it('deploy every function the local Lambda endpoint serves', async () => {
    const templateNames = new Set((['Identity', 'Api', 'Jobs'] as const).flatMap((part) =>
      resourcesOf(synthesized.json(part), 'AWS::Lambda::Function').map(([, r]) => r.Properties!.FunctionName)));
    for (const id of Object.keys(LAMBDAS) as LambdaId[]) {
      const name = LAMBDAS[id].functionName(STAGE);
      if (await servedLocally(name)) expect(templateNames.has(name), name).toBe(true);
    }
  });

  it('give user pools the same custom attributes and stage clients', () => {
    const pools = resourcesOf(synthesized.json('Identity'), 'AWS::Cognito::UserPool');
    expect(pools).toHaveLength(1);
    const schema = pools[0]![1].Properties!.Schema as { Name: string }[];
    expect(schema.map((a) => a.Name).sort()).toEqual([...CUSTOM_ATTRIBUTES].sort());
    // Like every local pool, the shared system pool has a client per stage (one credential, every stage).
    const clients = resourcesOf(synthesized.json('Identity'), 'AWS::Cognito::UserPoolClient').map(([, r]) => r.Properties!.ClientName);
    expect(clients.sort()).toEqual(STAGES.map(stageClientName).sort());
  });

  it('trigger sign-ins with the one function both sides name the same', async () => {
    const name = LAMBDAS.preTokenGeneration.functionName(STAGE);
    expect(await servedLocally(name)).toBe(true);
    const triggers = resourcesOf(synthesized.json('Identity'), 'AWS::Lambda::Function').map(([, r]) => r.Properties!.FunctionName);
    expect(triggers).toEqual([name]);
  });

  it('resolve the same fields with resolvers', () => {
    const deployed = resourcesOf(synthesized.json('Api'), 'AWS::AppSync::Resolver').map(([, r]) => `${String(r.Properties!.TypeName)}.${String(r.Properties!.FieldName)}`);
    expect(deployed.sort()).toEqual(local.resolvedFields());
  });

  it('tick the JobPicker at the same rate', () => {
    const schedules = resourcesOf(synthesized.json('Jobs'), 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(1);
    expect(tickMs).toHaveLength(1);
    expect(schedules[0]![1].Properties!.ScheduleExpression).toBe(pickerScheduleExpression(tickMs[0]! / 60_000));
  });
});
