/**
 * What IAM enforcement costs a DynamoDB call, measured in one run (part of `npm run bench`):
 * GetItem calls per second with tenant session credentials through the enforcing gateway
 * (SigV4 verification + policy evaluation) versus the same calls straight to dynalite.
 * Goal: enforcement costs less than half of the call (enforced ≥ 2/3 of direct throughput).
 *
 * With many calls in flight the SDK client process is the bottleneck on both paths, so the
 * script also times the enforcement hook alone, in process (SigV4 check + cached evaluation),
 * against the time of one direct call.
 */
import { Agent } from 'node:http';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { randomBytes } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { createLogger } from '../domain/logger.ts';
import { NodeSha256 } from '../domain/sha256.ts';
import { CredentialStore } from '../local/iam/credentials.ts';
import { PolicyEvaluator } from '../local/iam/evaluator.ts';
import { createEnforcementHook } from '../local/iam/hook.ts';
import { localIamConfig, startLocalDynamoWithIam } from '../local/iam/index.ts';
import { ensureTables } from '../local/tables.ts';
import { measure, type Measure } from './harness.ts';
import { tenantKey } from '../domain/model/keys.ts';
import { employeeItemKey } from '../domain/people/model/keys.ts';

const region = 'us-east-1';
type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

function client(endpoint: string, credentials: Credentials): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials, requestHandler: { httpAgent: new Agent({ keepAlive: true }) } });
}

async function getItemsPerSecond(ddb: DynamoDBClient, seconds: number, concurrency: number): Promise<number> {
  const run = async (duration: number) => {
    let done = 0;
    const end = Date.now() + duration * 1000;
    await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; Date.now() < end; i += concurrency) {
        await ddb.send(new GetItemCommand({ TableName: 'PIMDev', Key: { TenantId: { S: tenantKey('acme') }, EntityItem: { S: employeeItemKey(`${i % 100}`) } } }));
        done++;
      }
    }));
    return done;
  };
  await run(1);
  return Math.round((await run(seconds)) / seconds);
}

/** Starts its own local DynamoDB with IAM, one tenant session, and measures both paths side by side. */
export async function enforcementMeasures(seconds: number, concurrency: number): Promise<Measure[]> {
  const internal = { accessKeyId: `AKIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64url') };
  const { roleArns, ...iam } = localIamConfig({ stage: 'Dev', region, accountId: '000000000000', documentsBucket: 'bench', internal, appSyncTables: ['PIM'], logLevel: 'error' });
  const dynamo = await startLocalDynamoWithIam({ iam });
  const admin = client(dynamo.endpoint, internal);
  await ensureTables(admin, 'Dev');
  for (let i = 0; i < 100; i++) {
    await admin.send(new PutItemCommand({ TableName: 'PIMDev', Item: { TenantId: { S: tenantKey('acme') }, EntityItem: { S: employeeItemKey(`${i}`) }, payload: { S: 'x'.repeat(200) } } }));
  }
  const sts = new STSClient({ endpoint: dynamo.stsEndpoint, region, credentials: internal });
  const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArns.tenantScoped, RoleSessionName: 'tenant-acme', Tags: [{ Key: 'tenantId', Value: 'acme' }] }));
  const tenant = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };

  const direct = client(dynamo.dynaliteEndpoint, tenant);
  const enforced = client(dynamo.endpoint, tenant);
  const directRate = await getItemsPerSecond(direct, seconds, concurrency);
  const enforcedRate = await getItemsPerSecond(enforced, seconds, concurrency);
  const directRate2 = await getItemsPerSecond(direct, seconds, concurrency);
  const directMean = (directRate + directRate2) / 2;
  const overhead = directMean / enforcedRate - 1;

  // The hook alone: the same signed GetItem, verified and evaluated N times in this process.
  const store = new CredentialStore(iam);
  const role = store.role(roleArns.tenantScoped)!;
  const session = store.issue(role, 'tenant-acme', { tenantId: 'acme' }, Date.now() + 900_000);
  const hook = createEnforcementHook({
    config: iam, store, evaluator: new PolicyEvaluator(), logger: createLogger({ service: 'bench', level: 'error' }),
    tableKeys: async () => ({ partitionKey: 'TenantId', indexes: {} }),
  });
  const signer = new SignatureV4({ credentials: session, region, service: 'dynamodb', sha256: NodeSha256 });
  const body = JSON.stringify({ TableName: 'PIMDev', Key: { TenantId: { S: tenantKey('acme') }, EntityItem: { S: employeeItemKey('1') } } });
  const target = 'DynamoDB_20120810.GetItem';
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', path: '/', headers: { host: '127.0.0.1:1', 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target }, body });
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const request = { target, method: 'POST', url: '/', body: Buffer.from(body), headers };
  if (await hook(request)) throw new Error('bench request was refused');
  const rounds = 20_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await hook(request);
  const hookMicros = Number(process.hrtime.bigint() - started) / 1000 / rounds;
  // A direct call's share of the server at full throughput: what the hook adds to, per call.
  const callMicros = 1e6 / directMean;

  for (const d of [admin, direct, enforced]) d.destroy();
  sts.destroy();
  await dynamo.stop();
  return [
    measure('GetItem straight to dynalite (tenant session)', directMean, 'ops/s'),
    measure('GetItem through the enforcing gateway', enforcedRate, 'ops/s'),
    measure('enforcement cost per call (throughput)', overhead * 100, '% of a call', { max: 50 }),
    measure('enforcement hook alone (SigV4 + cached decision)', hookMicros, 'µs'),
    measure('enforcement hook vs a direct call\'s service time', (hookMicros / callMicros) * 100, '%', { max: 50 }),
  ];
}
