/**
 * The JobPicker Lambda: EventBridge Scheduler invokes it every minute; it claims due jobs and
 * hands each to its runner Lambda with an asynchronous invoke (at-least-once, like the schedule).
 * It skips the due jobs of tenants that are not active (one registry read per tenant per tick).
 * Configuration: STAGE, TENANT_JOB_TABLE, TENANT_REGISTRY_TABLE; endpoints from the standard AWS_ENDPOINT_URL_* variables.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { requiredEnv } from '../domain/env.ts';
import { runnerFunctionName } from '../domain/lambdas.ts';
import { createLogger } from '../domain/logger.ts';
import { parseStage } from '../domain/env.ts';
import { tableEnvName } from '../domain/model/tables.ts';
import { LEASE_SECONDS } from '../domain/jobs/engine.ts';
import { tenantKey } from '../domain/model/keys.ts';
import { REGISTRY_ITEM } from '../domain/tenancy/registry.ts';
import { pickDueJobs, type PickResult } from './picker.ts';

const log = createLogger({ service: 'job-picker' });
const dynamodb = new DynamoDBClient({});
const lambda = new LambdaClient({});

export async function handler(_event: unknown, context: { awsRequestId: string }): Promise<PickResult> {
  const stage = parseStage(requiredEnv('STAGE'));
  const result = await pickDueJobs({
    dynamodb,
    tableName: requiredEnv(tableEnvName('TenantJob')),
    now: new Date(),
    owner: context.awsRequestId,
    leaseSeconds: LEASE_SECONDS,
    logger: log,
    // Read once per tenant per tick: a suspension stops the tenant's jobs from the next tick on.
    tenantActive: async (tenantId) => {
      const found = await dynamodb.send(new GetItemCommand({
        TableName: requiredEnv(tableEnvName('TenantRegistry')),
        Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
        ProjectionExpression: '#status',
        ExpressionAttributeNames: { '#status': 'status' },
        ConsistentRead: true,
      }));
      return found.Item?.status?.S === 'active';
    },
    dispatch: async (job) => {
      await lambda.send(new InvokeCommand({ FunctionName: runnerFunctionName(job.runner, stage), InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(job)) }));
    },
  });
  log.info('tick', { requestId: context.awsRequestId, ...result });
  return result;
}
