/**
 * The local DynamoDB's supervisor: a child that dies is started again on the same endpoint and
 * data folder, and the STS sessions issued before its death still work, so a crash in the
 * database process costs the requests in flight, not the stack.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { tenantClients, type TenantClients } from '../../../domain/tenant-credentials.ts';
import { REGION, startIamStack, stsClient, type IamStack } from '../iam/helpers.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function stackOnDisk(restartLimit?: { deaths: number; withinMs: number }): Promise<{ stack: IamStack; tenants: TenantClients }> {
  const folder = await mkdtemp(join(tmpdir(), 'optimalhr-supervisor-'));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  const stack = await startIamStack({}, { path: folder, ...(restartLimit ? { restartLimit } : {}) });
  cleanups.push(() => stack.stop());
  const tenants = tenantClients({
    roleArn: stack.roleArns.tenantScoped,
    sts: stsClient(stack.dynamo.stsEndpoint, stack.internal),
    dynamodb: { region: REGION, endpoint: stack.dynamo.endpoint, maxAttempts: 1 },
  });
  cleanups.push(async () => tenants.destroy());
  return { stack, tenants };
}

const key = (tenant: string) => ({ TenantId: { S: `TENANT#${tenant}` }, EntityItem: { S: 'LEAVE#supervised' } });

describe('given a local DynamoDB on disk and a tenant session issued by its STS', () => {
  it('when the child is killed, it is back on the same endpoint with the data, and the session still works and is still confined', async () => {
    const { stack, tenants } = await stackOnDisk();
    const acme = await tenants.forTenant('acme');
    await acme.dynamodb.send(new PutItemCommand({ TableName: 'LeaveDev', Item: { ...key('acme'), Days: { N: '3' } } }));
    const before = stack.dynamo.pid;

    const restarted = stack.dynamo.nextRestart();
    process.kill(before!, 'SIGKILL');
    await restarted;

    expect(stack.dynamo.pid).not.toBe(before);
    // The same client: the same endpoint, the same temporary credentials.
    const read = await acme.dynamodb.send(new GetItemCommand({ TableName: 'LeaveDev', Key: key('acme'), ConsistentRead: true }));
    expect(read.Item?.Days).toEqual({ N: '3' });
    await expect(acme.dynamodb.send(new GetItemCommand({ TableName: 'LeaveDev', Key: key('globex') })))
      .rejects.toMatchObject({ name: 'AccessDeniedException' });
    // And the STS of the new child issues sessions again.
    const globex = await tenants.forTenant('globex');
    await globex.dynamodb.send(new PutItemCommand({ TableName: 'LeaveDev', Item: key('globex') }));
  });

  it('when the child keeps dying, the supervisor gives up and says so rather than looping', async () => {
    const { stack } = await stackOnDisk({ deaths: 0, withinMs: 60_000 });
    const restarted = stack.dynamo.nextRestart();
    process.kill(stack.dynamo.pid!, 'SIGKILL');
    await expect(restarted).rejects.toThrow('keeps dying');
  });
});
