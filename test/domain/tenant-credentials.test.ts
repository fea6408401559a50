/**
 * The tenant credentials provider: validation first, one AssumeRole per tenant (shared by
 * concurrent callers), cached until 60 s before expiry. STS is a stub counting calls here;
 * test/local/iam/tenant-clients.test.ts runs the same provider against the local STS.
 */
import { AssumeRoleCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { afterEach, expect, it } from 'vitest';
import { REFRESH_MARGIN_MS, SESSION_SECONDS, sessionName, tenantClients, type TenantClients } from '../../domain/tenant-credentials.ts';

const ROLE = 'arn:aws:iam::000000000000:role/OptimalHR-TenantScoped-Dev';
const T0 = Date.UTC(2025, 0, 1);

interface StubSts {
  sts: STSClient;
  calls: AssumeRoleCommandInput[];
  /** Resolves the AssumeRole calls waiting; each gets credentials expiring SESSION_SECONDS after `issuedAt()`. */
  release(): void;
}

function stubSts(issuedAt: () => number, { manual = false, fail = false } = {}): StubSts {
  const sts = new STSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const calls: AssumeRoleCommandInput[] = [];
  const waiting: (() => void)[] = [];
  sts.send = (async (command: AssumeRoleCommand) => {
    calls.push(command.input);
    if (manual) await new Promise<void>((resolve) => waiting.push(resolve));
    if (fail) throw Object.assign(new Error('denied'), { name: 'AccessDenied' });
    return {
      Credentials: {
        AccessKeyId: `ASIA${calls.length}`, SecretAccessKey: 's', SessionToken: 't',
        Expiration: new Date(issuedAt() + (command.input.DurationSeconds ?? 0) * 1000),
      },
    };
  }) as unknown as STSClient['send'];
  return { sts, calls, release: () => waiting.splice(0).forEach((resolve) => resolve()) };
}

const created: TenantClients[] = [];
afterEach(() => created.splice(0).forEach((c) => c.destroy()));
function provider(sts: STSClient, now: () => number): TenantClients {
  const clients = tenantClients({ roleArn: ROLE, sts, now, dynamodb: { region: 'us-east-1' } });
  created.push(clients);
  return clients;
}

it('assumes the role tagged with the tenant, for 900 s, with a session name naming the tenant', async () => {
  const now = T0;
  const stub = stubSts(() => now);
  const { dynamodb, tenantId } = await provider(stub.sts, () => now).forTenant('acme');
  expect(tenantId).toBe('acme');
  expect(stub.calls).toEqual([{ RoleArn: ROLE, RoleSessionName: 'tenant-acme', DurationSeconds: SESSION_SECONDS, Tags: [{ Key: 'tenantId', Value: 'acme' }] }]);
  // The client signs with exactly these credentials.
  expect(await dynamodb.config.credentials()).toMatchObject({ accessKeyId: 'ASIA1', sessionToken: 't' });
});

it('rejects invalid tenant ids before calling STS', async () => {
  const stub = stubSts(() => T0);
  const clients = provider(stub.sts, () => T0);
  for (const bad of ['', 'A', 'acme/../globex', 'acme,role=admin', 'x'.repeat(64), 'acme-']) {
    await expect(clients.forTenant(bad)).rejects.toThrow(/Invalid tenant id/);
  }
  expect(stub.calls).toHaveLength(0);
});

it('caches per tenant until 60 s before expiry, then refreshes', async () => {
  let now = T0;
  const stub = stubSts(() => now);
  const clients = provider(stub.sts, () => now);
  const first = await clients.forTenant('acme');
  await clients.forTenant('acme');
  await clients.forTenant('globex');
  expect(stub.calls.map((c) => c.RoleSessionName)).toEqual(['tenant-acme', 'tenant-globex']);

  now = T0 + SESSION_SECONDS * 1000 - REFRESH_MARGIN_MS - 1;
  expect((await clients.credentials('acme')).accessKeyId).toBe('ASIA1');
  expect(stub.calls).toHaveLength(2);

  now += 1; // 60 s before expiry: renew
  const renewed = await clients.forTenant('acme');
  expect(stub.calls).toHaveLength(3);
  expect(renewed).toBe(first); // same client, new credentials behind it
  expect(await renewed.dynamodb.config.credentials()).toMatchObject({ accessKeyId: 'ASIA3' });
});

it('shares one AssumeRole between concurrent callers (single flight)', async () => {
  const stub = stubSts(() => T0, { manual: true });
  const clients = provider(stub.sts, () => T0);
  const callers = Promise.all(Array.from({ length: 10 }, () => clients.forTenant('acme')));
  await new Promise((resolve) => setImmediate(resolve));
  expect(stub.calls).toHaveLength(1);
  stub.release();
  const results = await callers;
  expect(new Set(results).size).toBe(1);
  expect(stub.calls).toHaveLength(1);
});

it('does not cache a failed AssumeRole', async () => {
  const stub = stubSts(() => T0, { fail: true });
  const clients = provider(stub.sts, () => T0);
  await expect(clients.forTenant('acme')).rejects.toMatchObject({ name: 'AccessDenied' });
  await expect(clients.forTenant('acme')).rejects.toMatchObject({ name: 'AccessDenied' });
  expect(stub.calls).toHaveLength(2);
});

it('keeps session names within STS limits', () => {
  expect(sessionName('acme')).toBe('tenant-acme');
  expect(sessionName(`a${'b'.repeat(62)}`)).toHaveLength(63);
});
