/**
 * The embedded local stack: DynamoDB (dynalite + transaction gateway), Verified Permissions,
 * Cognito (cognito-local), a Lambda endpoint, and the AppSync runtime serving the deployable
 * resolver bundles behind the deployable authorizer bundle. `npm start` runs it; tests and
 * benchmarks call {@link startStack} and `stop()`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PICKER_SCHEDULE_MINUTES } from '../domain/jobs/engine.ts';
import { LAMBDAS, lambdaBundlePath, runnerLambdas, type LambdaId } from '../domain/lambdas.ts';
import { createLogger, type Logger } from '../domain/logger.ts';
import type { Stage } from '../domain/model/stage.ts';
import { dataSourceTables } from '../domain/iam-policies.ts';
import { TENANT_KEY_PREFIX, tenantKey } from '../domain/model/keys.ts';
import { documentsBucketName } from '../domain/documents/bucket.ts';
import { TABLES, tableName } from '../domain/model/tables.ts';
import type { TenantRecord } from '../domain/tenancy/registry.ts';
import { DECISION_TTL_SECONDS } from '../lambda-authorizer/authorizer.ts';
import { apiEnvironment, DATA_SOURCES, FUNCTIONS, RESOLVERS, type DataSourceDeclaration } from '../resolvers/manifest.ts';
import { buildLambdas, buildResolvers, releaseBuildService, ROOT } from '../scripts/build.ts';
import { createAppSyncApi } from './appsync/api.ts';
import type { AuthorizerHandler } from './appsync/auth.ts';
import { dynamoDBWire, type DynamoDBWire } from './appsync/datasources/dynamodb-wire.ts';
import { dynamoDBDataSource } from './appsync/datasources/dynamodb.ts';
import { lambdaDataSource, type LambdaHandler } from './appsync/datasources/lambda.ts';
import type { DataSource } from './appsync/resolvers.ts';
import type { DataSourceResult } from './appsync/datasources/types.ts';
import { localCertificate, startAppSyncServer } from './appsync/server.ts';
import { tenantGuarded } from './appsync/tenant-guard.ts';
import { signIn, startLocalCognito } from './cognito.ts';
import { localIamConfig, startLocalDynamoWithIam } from './iam/index.ts';
import { startLocalLambda } from './lambda/index.ts';
import { onboardTenant, onboardUser, saveTenant, type OnboardingContext, type TenantSpec, type UserSpec } from './onboarding.ts';
import { DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS, seedDemo } from './seed.ts';
import { ensureTables } from './tables.ts';
import { startLocalVerifiedPermissions } from './verifiedpermissions/index.ts';

export const DEFAULT_PORT = 4000;
export const DEFAULT_DATA_DIR = path.join(ROOT, '.optimalhr');
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '000000000000';

export interface StackOptions {
  /** Port of the GraphQL endpoint (HTTP and TLS); 0 picks a free one. Default 4000. */
  port?: number;
  /** Folder for data, certificates and stack.json. Default `.optimalhr/` in the checkout. */
  dataDir?: string;
  /** Keep all data in memory (tests, benchmarks). */
  memory?: boolean;
  /** Wipe the data folder first. */
  reset?: boolean;
  stage?: Stage;
  /** Onboard the demo tenants, users and employees when the data is new. Default true. */
  seed?: boolean;
  /** How long authorizer decisions are reused (AppSync's cache and the authorizer's); default 60 s. */
  authorizerCacheSeconds?: number;
  /** Seconds between JobPicker ticks (the deployed schedule: every minute); 0 = only on `tick()`. */
  tickSeconds?: number;
  logger?: Logger;
  /** Sees every request a resolver sends to a data source, with its answer (tests count the items read). */
  observeDataSource?: (dataSource: string, request: unknown, answer: DataSourceResult) => void;
}

/** What stack.json records: every endpoint the stack serves and how to sign in. */
export interface StackDescription {
  stage: Stage;
  region: string;
  pid: number;
  graphql: { http: string; https: string; realtime: string };
  dynamodb: { endpoint: string };
  s3: { endpoint: string; documentsBucket: string };
  verifiedPermissions: { endpoint: string };
  lambda: { endpoint: string };
  cognito: { endpoint: string; pools: Record<string, TenantRecord['identity']> };
  /** Credentials of internal callers (AWS_IAM auth, local service endpoints). Local only. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Demo sign-ins (`npm run token -- --user <email>`). Local only. */
  demoUsers: { email: string; tenantId: string; role: string; password: string }[];
}

export interface StackHandle extends StackDescription {
  dataDir: string;
  /** Signs a user in through Cognito for the stack's stage; resolves to the ID token. */
  signIn(email: string, password?: string): Promise<string>;
  /** Onboards a tenant (pool, policy store, registry record) unless it exists. */
  onboardTenant(spec: TenantSpec): Promise<TenantRecord>;
  /** Creates or updates a user of an onboarded tenant (password defaults to the demo password). */
  addUser(user: Omit<UserSpec, 'password'> & { password?: string }): Promise<void>;
  /** Changes a tenant's status in the registry (suspend, reactivate); the authorizer follows within its cache time. */
  setTenantStatus(tenantId: string, status: TenantRecord['status']): Promise<void>;
  /** Runs the JobPicker now, as the scheduler does every minute. */
  tick(): Promise<unknown>;
  /** Authorizer invocations so far. */
  authorizerInvocations(): number;
  /** `Type.field` of every field the local API resolves with a resolver. */
  resolvedFields(): string[];
  stop(): Promise<void>;
}

/** Starts everything on 127.0.0.1 and resolves once the API answers. */
export async function startStack(options: StackOptions = {}): Promise<StackHandle> {
  const stage = options.stage ?? 'Dev';
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const memory = options.memory === true;
  const logger = options.logger ?? createLogger({ service: 'local-stack' });
  if (options.reset) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  await Promise.all([buildResolvers(), buildLambdas()]);
  const secrets = await stackSecrets(dataDir, memory);
  const credentials = { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey };
  // AppSync's DynamoDB data source signs with a key of its own role, evaluated like any other.
  const appSyncCredentials = { accessKeyId: secrets.appSyncAccessKeyId, secretAccessKey: secrets.appSyncSecretAccessKey };
  const documentsBucket = documentsBucketName(stage);
  const iam = localIamConfig({
    stage,
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT_ID,
    documentsBucket,
    internal: credentials,
    appSync: appSyncCredentials,
    appSyncTables: dataSourceTables(DATA_SOURCES),
    s3: memory ? {} : { folder: path.join(dataDir, 's3') },
  });

  // Everything started is stopped again, in reverse order, by stop() or by a failed start.
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const dynamo = await startLocalDynamoWithIam({ ...(memory ? {} : { path: path.join(dataDir, 'dynamodb') }), iam });
    stops.push(() => dynamo.stop());
    const avpServer = await startLocalVerifiedPermissions(memory ? {} : { file: path.join(dataDir, 'verified-permissions.json') });
    stops.push(() => avpServer.stop());
    const lambda = await startLocalLambda({ logger: logger.child({ component: 'lambda' }) });
    stops.push(() => lambda.stop());

    // Deployed code finds its endpoints the standard way; nothing in it knows it runs locally.
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_VERIFIEDPERMISSIONS: avpServer.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
      AWS_ENDPOINT_URL_STS: dynamo.stsEndpoint,
      AWS_ENDPOINT_URL_S3: dynamo.s3Endpoint,
      STAGE: stage,
      AUTHORIZER_CACHE_SECONDS: String(options.authorizerCacheSeconds ?? DECISION_TTL_SECONDS),
      TENANT_ROLE_ARN: iam.roleArns.tenantScoped,
      DOCUMENTS_BUCKET: documentsBucket,
      ...apiEnvironment(stage),
    });
    const preTokenGeneration = await importLambda('preTokenGeneration');
    lambda.register(LAMBDAS.preTokenGeneration.functionName(stage), preTokenGeneration.handler as never);
    // The job runners, invoked by the picker through the Lambda Invoke API as on AWS.
    for (const { id } of runnerLambdas()) lambda.register(LAMBDAS[id].functionName(stage), (await importLambda(id)).handler as never);
    const picker = await importLambda('jobPicker');
    // EventBridge Scheduler's target, invocable like any deployed function (`npm run job -- --now`).
    lambda.register(LAMBDAS.jobPicker.functionName(stage), picker.handler as never);
    const tick = () => (picker.handler as (event: unknown, context: { awsRequestId: string }) => Promise<unknown>)({}, { awsRequestId: randomUUID() });
    const cognito = await startLocalCognito({
      folder: memory ? undefined : path.join(dataDir, 'cognito'),
      lambdaEndpoint: lambda.endpoint,
      preTokenGenerationFunction: LAMBDAS.preTokenGeneration.functionName(stage),
      logger: logger.child({ component: 'cognito' }),
    });
    stops.push(() => cognito.stop());
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = cognito.endpoint;

    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials,
      requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }) },
    });
    stops.push(() => client.destroy());
    const avp = new VerifiedPermissionsClient({ endpoint: avpServer.endpoint, region: LOCAL_REGION, credentials });
    stops.push(() => avp.destroy());
    const created = await ensureTables(client, stage);
    const wire = dynamoDBWire({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: appSyncCredentials });
    stops.push(() => wire.destroy());

    const authorizer = await importLambda('authorizer');
    const api = await createAppSyncApi({
      schema: await readFile(path.join(ROOT, 'schema.graphql'), 'utf8'),
      resolvers: RESOLVERS,
      functions: FUNCTIONS,
      dataSources: Object.fromEntries(
        await Promise.all(
          Object.entries(DATA_SOURCES).map(async ([name, ds]) => [
            name,
            observed(name, await dataSource(name, ds, wire, stage, secrets.pageSecret, logger.child({ component: 'tenant-guard' })), options.observeDataSource),
          ]),
        ),
      ),
      root: ROOT,
      environment: apiEnvironment(stage),
      auth: {
        defaultMode: 'AWS_LAMBDA',
        lambda: { handler: authorizer.handler as AuthorizerHandler, resultTtlSeconds: options.authorizerCacheSeconds ?? DECISION_TTL_SECONDS },
        iam: {
          region: LOCAL_REGION,
          credentials: new Map([
            [credentials.accessKeyId, { ...credentials, accountId: LOCAL_ACCOUNT_ID, arn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/OptimalHR-Internal-${stage}` }],
          ]),
        },
      },
      apiId: `optimalhr-${stage.toLowerCase()}`,
      accountId: LOCAL_ACCOUNT_ID,
      logger: logger.child({ component: 'appsync' }),
    });
    // Every bundle is built and loaded: esbuild's service process would only hold memory.
    await releaseBuildService();
    const server = await startAppSyncServer(api.handle, {
      port: options.port ?? DEFAULT_PORT,
      tls: await localCertificate(memory ? undefined : path.join(dataDir, 'tls')),
      realtime: api.realtime,
    });
    stops.push(() => server.stop());
    // Lambdas call the API back as internal (IAM) callers.
    process.env.GRAPHQL_URL = server.url;

    const onboarding: OnboardingContext = { cognitoEndpoint: cognito.endpoint, avp, dynamo: client, stage, region: LOCAL_REGION };
    // One onboarding per tenant even when callers race (a pool is found by name, so two would clash).
    const tenants = new Map<string, Promise<TenantRecord>>();
    const stackFile = path.join(dataDir, 'stack.json');
    const description: StackDescription = {
      stage,
      region: LOCAL_REGION,
      pid: process.pid,
      graphql: { http: server.url, https: server.url.replace('http:', 'https:'), realtime: `${server.url}/realtime` },
      dynamodb: { endpoint: dynamo.endpoint },
      s3: { endpoint: dynamo.s3Endpoint!, documentsBucket },
      verifiedPermissions: { endpoint: avpServer.endpoint },
      lambda: { endpoint: lambda.endpoint },
      cognito: { endpoint: cognito.endpoint, pools: {} },
      credentials,
      demoUsers: options.seed === false ? [] : DEMO_USERS.map((u) => ({ email: u.email, tenantId: u.tenantId, role: u.role, password: DEMO_PASSWORD })),
    };
    // stack.json lists every tenant's pool: the command-line helpers sign in and look users up with it.
    const recordPools = async () => {
      description.cognito.pools = Object.fromEntries(await Promise.all([...tenants].map(async ([id, t]) => [id, (await t).identity] as const)));
      await writeFile(stackFile, `${JSON.stringify(description, null, 2)}\n`, { mode: 0o600 });
    };
    const tenant = (spec: TenantSpec) => {
      let record = tenants.get(spec.tenantId);
      if (!record) {
        record = onboardTenant(onboarding, spec);
        tenants.set(spec.tenantId, record);
        record
          .then(recordPools, () => tenants.delete(spec.tenantId))
          .catch((error: Error) => logger.warn('stack.json not updated', { error: error.message }));
      }
      return record;
    };
    // Which tenant's pool each known user signs in to.
    const userTenants = new Map<string, string>(DEMO_USERS.map((u) => [u.email, u.tenantId]));
    const signInAs = async (email: string, password = DEMO_PASSWORD) => {
      const tenantId = userTenants.get(email);
      if (!tenantId) throw new Error(`No tenant of this stack has the user ${email}.`);
      const record = await tenant({ tenantId });
      return (await signIn(cognito.endpoint, record.identity.clientIds[stage]!, email, password)).idToken;
    };

    const isNew = created.includes(tableName('PIM', stage));
    if (options.seed !== false) {
      for (const spec of DEMO_TENANTS) await tenant(spec);
      if (isNew) await seedDemo(onboarding, server.url, signInAs);
    }

    await recordPools();
    stops.splice(0, 0, () => rm(stackFile, { force: true }));
    const tickSeconds = options.tickSeconds ?? PICKER_SCHEDULE_MINUTES * 60;
    if (tickSeconds > 0) {
      // The local EventBridge Scheduler: a failed tick is logged; the next one picks the work up.
      const timer = setInterval(() => void tick().catch((error: Error) => logger.error('job picker tick failed', { error: error.message })), tickSeconds * 1000);
      stops.splice(0, 0, () => clearInterval(timer));
    }
    logger.info('local stack started', { stage, graphql: server.url, dataDir, memory });

    return {
      ...description,
      dataDir,
      signIn: signInAs,
      onboardTenant: tenant,
      async addUser(user) {
        const record = await tenant({ tenantId: user.tenantId });
        await onboardUser(onboarding, record, { ...user, password: user.password ?? DEMO_PASSWORD });
        userTenants.set(user.email, user.tenantId);
      },
      async setTenantStatus(tenantId, status) {
        const record = await tenant({ tenantId });
        await saveTenant(onboarding, { ...record, status, updatedAt: new Date().toISOString() });
      },
      tick,
      authorizerInvocations: () => api.authorizerInvocations,
      resolvedFields: () => [...api.resolvedFields],
      async stop() {
        await stopAll();
        logger.info('local stack stopped', { stage });
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Loads a Lambda's deployable bundle as a fresh module, so it reads this stack's environment
 * (a second stack in the same process gets its own instance).
 */
async function importLambda(id: LambdaId): Promise<{ handler: unknown }> {
  const url = pathToFileURL(path.join(ROOT, lambdaBundlePath(id)));
  url.searchParams.set('instance', randomUUID());
  return (await import(url.href)) as { handler: unknown };
}

async function dataSource(name: string, declaration: DataSourceDeclaration, wire: DynamoDBWire, stage: Stage, pageSecret: Buffer, logger: Logger): Promise<DataSource> {
  switch (declaration.kind) {
    case 'NONE':
      // AppSync's NONE data source hands the request's `payload` to the response handler.
      return { invoke: async (request) => ({ result: (request as { payload?: unknown } | null)?.payload ?? null }) };
    case 'AMAZON_DYNAMODB':
      return tenantGuarded(dynamoDBDataSource({ wire, tableName: tableName(declaration.table, stage), tokenSecret: pageSecret }), name, {
        partitionAttribute: TABLES[declaration.table].partitionKey.name,
        partitionOf: tenantKey,
        isPartitionValue: (value) => value.startsWith(TENANT_KEY_PREFIX),
        logger,
      });
    case 'AWS_LAMBDA': {
      // The deployable bundle, called in-process with AppSync's Invoke semantics.
      const { handler } = await importLambda(declaration.lambda);
      return lambdaDataSource({ functionName: LAMBDAS[declaration.lambda].functionName(stage), handler: handler as LambdaHandler });
    }
  }
}

function observed(name: string, source: DataSource, observe: StackOptions['observeDataSource']): DataSource {
  if (!observe) return source;
  return {
    async invoke(request, caller) {
      const answer = await source.invoke(request, caller);
      observe(name, request, answer);
      return answer;
    },
  };
}

interface StackSecrets {
  accessKeyId: string;
  secretAccessKey: string;
  appSyncAccessKeyId: string;
  appSyncSecretAccessKey: string;
  /** Signs pagination tokens, so they survive restarts. */
  pageSecret: Buffer;
}

/** Per-checkout secrets, kept in the data folder (or fresh in memory mode). */
async function stackSecrets(dataDir: string, memory: boolean): Promise<StackSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  if (!memory && existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    if (saved.appSyncAccessKeyId) {
      return {
        accessKeyId: saved.accessKeyId!,
        secretAccessKey: saved.secretAccessKey!,
        appSyncAccessKeyId: saved.appSyncAccessKeyId,
        appSyncSecretAccessKey: saved.appSyncSecretAccessKey!,
        pageSecret: Buffer.from(saved.pageSecret!, 'base64'),
      };
    }
  }
  const secrets: StackSecrets = {
    accessKeyId: `AKIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
    appSyncAccessKeyId: `AKIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`,
    appSyncSecretAccessKey: randomBytes(30).toString('base64url'),
    pageSecret: randomBytes(32),
  };
  if (!memory) {
    await writeFile(file, JSON.stringify({ ...secrets, pageSecret: secrets.pageSecret.toString('base64') }, null, 2), { mode: 0o600 });
  }
  return secrets;
}
