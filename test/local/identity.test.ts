/**
 * Local identity end to end: cognito-local with the real pre-token-generation trigger behind the
 * local Lambda endpoint, each stage's tenant registry in local DynamoDB (the one trigger serves
 * every stage's app client and reads every stage's registry), tokens verified by the unchanged
 * `CognitoJwtVerifier`, idempotent provisioning across restarts, and the token CLI.
 */
import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  DeleteUserAttributesCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  NotAuthorizedException,
  UserLambdaValidationException,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../domain/logger.ts';
import { STAGES, type Stage } from '../../domain/model/stage.ts';
import { tableName } from '../../domain/model/tables.ts';
import type { Role } from '../../domain/model/tenant-context.ts';
import { cognitoIssuer, registryItem, type TenantIdentity, type TenantStatus } from '../../domain/tenancy/registry.ts';
import { saveMembership } from '../../domain/tenancy/users.ts';
import { LAMBDAS } from '../../domain/lambdas.ts';
import { handler as preTokenGeneration } from '../../lambda-authorizer/pre-token-generation.ts';
import { localJwksUri, provisionUser, signIn, startLocalCognito, type LocalCognito } from '../../local/cognito.ts';
import { createTenantPool, ensureStageClients, findTenantPool } from '../../domain/tenancy/pools.ts';
import { startLocalDynamo, type LocalDynamo } from '../../local/dynamodb/index.ts';
import { startLocalLambda, type LocalLambda } from '../../local/lambda/index.ts';
import { testTenant } from '../lambda-authorizer/support/tokens.ts';
import { ensureTables } from '../../local/tables.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TRIGGER = LAMBDAS.preTokenGeneration.functionName('Dev');
const TRIGGER_ARN = `arn:aws:lambda:us-east-1:000000000000:function:${TRIGGER}`;
const PASSWORD = 'Local-Passw0rd!';
const quiet = createLogger({ service: 'test', write: () => undefined });
const savedEnv = { ...process.env };

/** Tenants, and the stages whose registry holds their record (default: every stage). */
const TENANTS: { tenantId: string; status: TenantStatus; stages?: readonly Stage[] }[] = [
  { tenantId: 'system', status: 'active' },
  { tenantId: 'acme', status: 'active' },
  { tenantId: 'globex', status: 'active' },
  { tenantId: 'initech', status: 'suspended' },
  // Onboarded in Dev only: its Staging and Prod clients exist in its pool, but no stage vouches for them.
  { tenantId: 'hooli', status: 'active', stages: ['Dev'] },
];

/** Users by email: the pool they live in, and the tenant and role their attributes claim. */
const USERS: { email: string; pool: string; tenantId: string; role: Role; employeeId?: string }[] = [
  { email: 'admin@optimalhr.local', pool: 'system', tenantId: 'system', role: 'SystemAdmin' },
  { email: 'admin@acme.example', pool: 'acme', tenantId: 'acme', role: 'TenantAdmin' },
  { email: 'user@acme.example', pool: 'acme', tenantId: 'acme', role: 'TenantUser', employeeId: 'emp-7' },
  { email: 'admin@globex.example', pool: 'globex', tenantId: 'globex', role: 'TenantAdmin' },
  { email: 'boss@initech.example', pool: 'initech', tenantId: 'initech', role: 'TenantAdmin' },
  { email: 'admin@hooli.example', pool: 'hooli', tenantId: 'hooli', role: 'TenantAdmin' },
  // In acme's pool but claiming globex: must never get a token.
  { email: 'spy@acme.example', pool: 'acme', tenantId: 'globex', role: 'TenantAdmin' },
  // A system role in a customer pool: refused.
  { email: 'root@acme.example', pool: 'acme', tenantId: 'acme', role: 'SystemAdmin' },
];

let dynamo: LocalDynamo;
let dynamoClient: DynamoDBClient;
let lambda: LocalLambda;
let cognito: LocalCognito;
let cognitoFolder: string;
const identities: Record<string, TenantIdentity> = {};

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function userPoolClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

async function provisionAll(): Promise<void> {
  // Pools and stage clients made as onboarding makes them; found again, not made twice, on a rerun.
  const client = userPoolClient();
  try {
    for (const { tenantId } of TENANTS) {
      const userPoolId = (await findTenantPool(client, tenantId)) ?? (await createTenantPool(client, tenantId, TRIGGER_ARN));
      const clientIds = await ensureStageClients(client, userPoolId, STAGES);
      identities[tenantId] = { userPoolId, issuer: cognitoIssuer(userPoolId), jwksUri: localJwksUri(cognito.endpoint, userPoolId), clientIds };
    }
  } finally {
    client.destroy();
  }
  for (const user of USERS) {
    await provisionUser(cognito.endpoint, identities[user.pool]!, { ...user, password: PASSWORD });
  }
}

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  for (const stage of STAGES) await ensureTables(dynamoClient, stage);

  lambda = await startLocalLambda({ logger: quiet });
  lambda.register(TRIGGER, preTokenGeneration);
  cognitoFolder = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-identity-'));
  cognito = await startLocalCognito({ folder: cognitoFolder, lambdaEndpoint: lambda.endpoint, preTokenGenerationFunction: TRIGGER, logger: quiet });
  await provisionAll();

  const now = new Date().toISOString();
  for (const { tenantId, status, stages = STAGES } of TENANTS) {
    const item = registryItem(testTenant(tenantId, identities[tenantId]!.jwksUri, { status, identity: identities[tenantId]!, policyStoreId: `ps-${tenantId}`, createdAt: now, updatedAt: now }));
    for (const stage of stages) await dynamoClient.send(new PutItemCommand({ TableName: tableName('TenantRegistry', stage), Item: marshall(item) }));
  }
  // Each user is a member of the tenant whose pool holds them, with the role and link of the table above, in every stage.
  for (const user of USERS) {
    const userId = await subOf(user);
    for (const stage of STAGES) {
      await saveMembership(dynamoClient, tableName('TenantRegistry', stage), user.pool, { userId, role: user.role, employeeId: user.employeeId ?? null });
    }
  }
}, 60_000);

async function subOf(user: { email: string; pool: string }): Promise<string> {
  const client = userPoolClient();
  try {
    const found = await client.send(new AdminGetUserCommand({ UserPoolId: identities[user.pool]!.userPoolId, Username: user.email }));
    return found.UserAttributes!.find((a) => a.Name === 'sub')!.Value!;
  } finally {
    client.destroy();
  }
}

afterAll(async () => {
  await cognito?.stop();
  await lambda?.stop();
  dynamoClient?.destroy();
  await dynamo?.stop();
  if (cognitoFolder) await rm(cognitoFolder, { recursive: true, force: true });
  process.env = savedEnv;
});

describe('local cognito with the pre-token-generation trigger', () => {
  it('provisions region-shaped pools whose issuer the verifier accepts', () => {
    const acme = identities.acme!;
    expect(acme.userPoolId).toMatch(/^us-east-1_[0-9A-Za-z]{8}$/);
    expect(acme.issuer).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${acme.userPoolId}`);
    expect(acme.jwksUri).toBe(`${cognito.endpoint}/${acme.userPoolId}/.well-known/jwks.json`);
    expect(Object.keys(acme.clientIds).sort()).toEqual([...STAGES].sort());
    expect(new Set(Object.values(identities).map((i) => i.userPoolId)).size).toBe(TENANTS.length);
  });

  it.each(STAGES)('signs in on the %s client with custom:environment set to the stage', async (stage: Stage) => {
    const acme = identities.acme!;
    const clientId = acme.clientIds[stage]!;
    const tokens = await signIn(cognito.endpoint, clientId, 'user@acme.example', PASSWORD);
    expect(tokens.expiresIn).toBe(3600);
    const claims = claimsOf(tokens.idToken);
    expect(claims).toMatchObject({
      iss: acme.issuer,
      aud: clientId,
      token_use: 'id',
      email: 'user@acme.example',
      'custom:tenantId': 'acme',
      'custom:tenantRole': 'TenantUser',
      'custom:employeeId': 'emp-7',
      'custom:environment': stage,
    });

    const verifier = CognitoJwtVerifier.create({ userPoolId: acme.userPoolId, clientId, tokenUse: 'id' });
    verifier.cacheJwks((await (await fetch(acme.jwksUri)).json()) as Jwks);
    const verified = await verifier.verify(tokens.idToken);
    expect(verified.sub).toBe(claims.sub);
    expect(verified['custom:environment']).toBe(stage);
  });

  it('signs in a system user through the system pool', async () => {
    const system = identities.system!;
    const tokens = await signIn(cognito.endpoint, system.clientIds.Dev!, 'admin@optimalhr.local', PASSWORD);
    const verifier = CognitoJwtVerifier.create({ userPoolId: system.userPoolId, clientId: system.clientIds.Dev!, tokenUse: 'id' });
    verifier.cacheJwks((await (await fetch(system.jwksUri)).json()) as Jwks);
    expect(verifier.verifySync(tokens.idToken)).toMatchObject({
      iss: system.issuer,
      'custom:tenantId': 'system',
      'custom:tenantRole': 'SystemAdmin',
      'custom:environment': 'Dev',
    });
  });

  it('signs in only on the clients of the stages whose registry holds the tenant', async () => {
    const hooli = identities.hooli!;
    const dev = await signIn(cognito.endpoint, hooli.clientIds.Dev!, 'admin@hooli.example', PASSWORD);
    expect(claimsOf(dev.idToken)['custom:environment']).toBe('Dev');
    // The Dev record lists the Prod client too, but only Prod's own registry could vouch for it.
    const prod = signIn(cognito.endpoint, hooli.clientIds.Prod!, 'admin@hooli.example', PASSWORD);
    await expect(prod).rejects.toBeInstanceOf(UserLambdaValidationException);
    await expect(prod).rejects.toThrow(/not a stage client of tenant "hooli"/);
  });

  it('refuses a wrong password with NotAuthorizedException', async () => {
    await expect(signIn(cognito.endpoint, identities.acme!.clientIds.Dev!, 'admin@acme.example', 'not-the-password')).rejects.toBeInstanceOf(
      NotAuthorizedException,
    );
  });

  it('refuses a user of another pool on this client', async () => {
    await expect(signIn(cognito.endpoint, identities.acme!.clientIds.Dev!, 'admin@globex.example', PASSWORD)).rejects.toBeInstanceOf(
      NotAuthorizedException,
    );
  });

  it.each([
    ['a suspended tenant', 'initech', 'boss@initech.example', /initech" is suspended/],
    ['a user claiming another tenant', 'acme', 'spy@acme.example', /does not use this user pool/],
    ['a role the tenant kind does not allow', 'acme', 'root@acme.example', /not allowed in a customer tenant/],
  ])('refuses %s in the trigger', async (_case, pool, email, reason) => {
    const attempt = signIn(cognito.endpoint, identities[pool]!.clientIds.Dev!, email, PASSWORD);
    await expect(attempt).rejects.toBeInstanceOf(UserLambdaValidationException);
    await expect(attempt).rejects.toThrow(reason);
  });

  it('given a plain user, when they set their own custom:tenantRole to TenantAdmin, then the pool refuses it as AWS does', async () => {
    const acme = identities.acme!;
    const { accessToken } = await signIn(cognito.endpoint, acme.clientIds.Dev!, 'user@acme.example', PASSWORD);
    const client = userPoolClient();
    try {
      for (const attempt of [
        new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'custom:tenantRole', Value: 'TenantAdmin' }] }),
        new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'name', Value: 'Ok' }, { Name: 'custom:employeeId', Value: 'emp-1' }] }),
        new DeleteUserAttributesCommand({ AccessToken: accessToken, UserAttributeNames: ['custom:employeeId'] }),
      ]) {
        const refused = client.send(attempt as never);
        await expect(refused).rejects.toBeInstanceOf(NotAuthorizedException);
        await expect(refused).rejects.toThrow(/unauthorized attribute/);
      }
      // What the app client lets users write still works.
      await client.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'name', Value: 'Plain User' }] }));
      const attributes = (await client.send(new GetUserCommand({ AccessToken: accessToken }))).UserAttributes ?? [];
      expect(Object.fromEntries(attributes.map((a) => [a.Name, a.Value]))).toMatchObject({ name: 'Plain User', 'custom:tenantRole': 'TenantUser', 'custom:employeeId': 'emp-7' });
    } finally {
      client.destroy();
    }
  });

  it('given a pool that let the attribute through, when the user signs in again, then the token still says TenantUser with their own employee', async () => {
    const acme = identities.acme!;
    const client = userPoolClient();
    try {
      // As if a pool did not enforce the client's write attributes: the attributes now claim admin and another record.
      await client.send(new AdminUpdateUserAttributesCommand({
        UserPoolId: acme.userPoolId,
        Username: 'user@acme.example',
        UserAttributes: [{ Name: 'custom:tenantRole', Value: 'TenantAdmin' }, { Name: 'custom:employeeId', Value: 'emp-1' }],
      }));
      const claims = claimsOf((await signIn(cognito.endpoint, acme.clientIds.Dev!, 'user@acme.example', PASSWORD)).idToken);
      expect(claims).toMatchObject({ 'custom:tenantId': 'acme', 'custom:tenantRole': 'TenantUser', 'custom:employeeId': 'emp-7' });
    } finally {
      await client.send(new AdminUpdateUserAttributesCommand({
        UserPoolId: acme.userPoolId,
        Username: 'user@acme.example',
        UserAttributes: [{ Name: 'custom:tenantRole', Value: 'TenantUser' }, { Name: 'custom:employeeId', Value: 'emp-7' }],
      }));
      client.destroy();
    }
  });

  it('finds existing pools, clients and users after a restart instead of duplicating them', async () => {
    const before = structuredClone(identities);
    await cognito.stop();
    cognito = await startLocalCognito({ folder: cognitoFolder, lambdaEndpoint: lambda.endpoint, preTokenGenerationFunction: TRIGGER, logger: quiet });
    await provisionAll();

    for (const { tenantId } of TENANTS) {
      expect(identities[tenantId]!.userPoolId).toBe(before[tenantId]!.userPoolId);
      expect(identities[tenantId]!.clientIds).toEqual(before[tenantId]!.clientIds);
    }
    const client = userPoolClient();
    try {
      const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      expect(pools.UserPools?.length).toBe(TENANTS.length);
      const users = await client.send(new ListUsersCommand({ UserPoolId: identities.acme!.userPoolId }));
      expect(users.Users?.length).toBe(USERS.filter((u) => u.pool === 'acme').length);
    } finally {
      client.destroy();
    }
    const tokens = await signIn(cognito.endpoint, identities.acme!.clientIds.Staging!, 'admin@acme.example', PASSWORD);
    expect(claimsOf(tokens.idToken)['custom:environment']).toBe('Staging');
  });

  it('does not leave cognito-local running when its parent dies', async () => {
    const script = `
      const { startLocalCognito } = await import(${JSON.stringify(path.join(ROOT, 'local/cognito.ts'))});
      const cognito = await startLocalCognito({ lambdaEndpoint: 'http://127.0.0.1:9', preTokenGenerationFunction: 'none' });
      console.log('PID ' + cognito.pid + ' ' + cognito.folder);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: parent.stdout });
    const [childPid, childFolder] = await new Promise<[number, string]>((resolve, reject) => {
      lines.on('line', (line) => {
        const match = /^PID (\d+) (.+)$/.exec(line);
        if (match) resolve([Number(match[1]), match[2]!]);
      });
      parent.once('exit', (code) => reject(new Error(`parent exited early (${code})`)));
    });
    const parentExit = new Promise((resolve) => parent.once('exit', resolve));
    parent.kill('SIGKILL');
    await parentExit;
    await expect.poll(() => isAlive(childPid), { timeout: 10_000, interval: 50 }).toBe(false);
    // Its temporary data folder went with it.
    expect(existsSync(childFolder)).toBe(false);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function tokenCli(...args: string[]): Promise<CliResult> {
  return run(process.execPath, ['--import', 'tsx', 'local/token-cli.ts', ...args]);
}

describe('npm run token', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-token-'));
    const stack = {
      stage: 'Dev',
      pid: process.pid,
      cognito: { endpoint: cognito.endpoint, pools: identities },
      demoUsers: USERS.filter((u) => u.pool === u.tenantId).map(({ email, tenantId, role }) => ({ email, tenantId, role, password: PASSWORD })),
    };
    await writeFile(path.join(dataDir, 'stack.json'), JSON.stringify(stack));
  });

  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('prints only the ID token of a demo user', async () => {
    const result = await run('npm', ['run', '-s', 'token', '--', '--user', 'admin@acme.example', '--data-dir', dataDir]);
    expect(result.stderr).not.toMatch(/token:/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(claimsOf(result.stdout.trim())).toMatchObject({ token_use: 'id', 'custom:tenantId': 'acme', 'custom:environment': 'Dev' });
  });

  it('issues a token for the stage asked for', async () => {
    const result = await tokenCli('--user', 'admin@globex.example', '--stage', 'prod', '--data-dir', dataDir);
    expect(result.code).toBe(0);
    expect(claimsOf(result.stdout.trim())).toMatchObject({ aud: identities.globex!.clientIds.Prod, 'custom:environment': 'Prod' });
  });

  it('prints the claims instead with --claims', async () => {
    const result = await tokenCli('--user', 'admin@acme.example', '--stage', 'Staging', '--claims', '--data-dir', dataDir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ 'custom:tenantId': 'acme', 'custom:environment': 'Staging', aud: identities.acme!.clientIds.Staging });
  });

  it('exits 2 for an unknown user, naming the known ones', async () => {
    const result = await tokenCli('--user', 'nobody@acme.example', '--data-dir', dataDir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/no demo user nobody@acme\.example/);
    expect(result.stderr).toMatch(/admin@acme\.example/);
  });

  it.each([
    ['an unknown flag', ['--user', 'admin@acme.example', '--bogus']],
    ['a missing --user', []],
    ['an unknown stage', ['--user', 'admin@acme.example', '--stage', 'Qa']],
  ])('exits 2 with usage for %s', async (_case, args) => {
    const result = await tokenCli(...args, '--data-dir', dataDir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Usage: npm run -s token/);
  });

  it('exits 1 for a wrong password', async () => {
    const result = await tokenCli('--user', 'admin@acme.example', '--password', 'wrong', '--data-dir', dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/wrong password/);
  });

  it('exits 1 when no stack is running', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-token-empty-'));
    try {
      const result = await tokenCli('--user', 'admin@acme.example', '--data-dir', empty);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/no local stack is running/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
