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
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PICKER_SCHEDULE_MINUTES } from '../domain/jobs/engine.ts';
import { LAMBDAS, lambdaBundlePath, runnerLambdas, type LambdaId } from '../domain/lambdas.ts';
import { createLogger, type Logger } from '../domain/logger.ts';
import { STAGES, type Stage } from '../domain/model/stage.ts';
import { dataSourceTables } from '../domain/iam-policies.ts';
import { TENANT_KEY_PREFIX, tenantKey } from '../domain/model/keys.ts';
import { documentsBucketName } from '../domain/documents/bucket.ts';
import { TABLE_IDS, TABLES, tableName } from '../domain/model/tables.ts';
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
import { localCertificate, startAppSyncServer, type TlsMaterial } from './appsync/server.ts';
import { tenantGuarded } from './appsync/tenant-guard.ts';
import { signIn, startLocalCognito } from './cognito.ts';
import { combineIamConfigs, internalRoleName, localIamConfig, startLocalDynamoWithIam } from './iam/index.ts';
import { inEnvironment, withEnvironment, type FunctionEnvironment } from './lambda/environment.ts';
import { startLocalLambda, type LocalLambda } from './lambda/index.ts';
import { loadPolicyStoreSource } from '../lambda-authorizer/policy-store.ts';
import { migrateTenantStores } from '../domain/tenancy/policy-stores.ts';
import { onboardTenant, onboardUser, registryRecord, saveTenant, type OnboardingContext, type TenantSpec, type UserSpec } from './onboarding.ts';
import { DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS, seedDemo } from './seed.ts';
import { dataDirFrom, lockDataDir, removeStackFile, writeStackFile } from './stack-file.ts';
import { DEFAULT_PORT } from './start-args.ts';
import { ensureTables } from './tables.ts';
import { startLocalVerifiedPermissions } from './verifiedpermissions/index.ts';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '000000000000';

export interface StackOptions {
  /** Port of the first stage's GraphQL endpoint (HTTP and TLS); further stages take the next ports. 0 picks free ones. Default 4000. */
  port?: number;
  /** Folder for data, certificates and stack.json. Default `OPTIMALHR_DATA_DIR`, else `.optimalhr/` in the checkout. */
  dataDir?: string;
  /** Keep all data in memory (tests, benchmarks). */
  memory?: boolean;
  /** Wipe the data folder first. */
  reset?: boolean;
  /** The stage to serve (default Dev); the same as `stages: [stage]`. */
  stage?: Stage;
  /**
   * The stages whose API the stack serves, each with its own tables, functions, scheduler and
   * port; the first is the stack's own stage (seeded with demo data, used by `signIn` and
   * `tick`). Every stage's tenant registry is kept either way, so one credential signs in to any.
   */
  stages?: readonly Stage[];
  /** Onboard the demo tenants, users and employees when the data is new. Default true. */
  seed?: boolean;
  /** How long authorizer decisions are reused (AppSync's cache and the authorizer's); default 60 s. */
  authorizerCacheSeconds?: number;
  /** Seconds between JobPicker ticks (the deployed schedule: every minute); 0 = only on `tick()`. */
  tickSeconds?: number;
  logger?: Logger;
  /** Lowest level the local IAM (in the DynamoDB child process) logs, e.g. its access denials; default LOG_LEVEL, else info. */
  iamLogLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Sees every request a resolver sends to a data source, with its answer (tests count the items read). */
  observeDataSource?: (dataSource: string, request: unknown, answer: DataSourceResult) => void;
}

/** Where one stage's API listens. */
export interface StageEndpoints {
  graphql: { http: string; https: string; realtime: string };
  /** Its documents bucket in the local S3. */
  documentsBucket: string;
}

/** What stack.json records: every endpoint the stack serves and how to sign in. */
export interface StackDescription {
  /** The stack's own stage: the first it serves. */
  stage: Stage;
  /** Every stage the stack serves, the first one included. */
  stages: Partial<Record<Stage, StageEndpoints>>;
  region: string;
  pid: number;
  /** The first stage's API. */
  graphql: { http: string; https: string; realtime: string };
  dynamodb: { endpoint: string };
  s3: { endpoint: string; documentsBucket: string };
  verifiedPermissions: { endpoint: string };
  lambda: { endpoint: string };
  cognito: { endpoint: string; pools: Record<string, TenantRecord['identity']> };
  /** Credentials of internal callers of the first stage (AWS_IAM auth, local service endpoints). Local only. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Demo sign-ins (`npm run token -- --user <email>`). Local only. */
  demoUsers: { email: string; tenantId: string; role: string; password: string }[];
}

export interface StackHandle extends StackDescription {
  dataDir: string;
  /** Signs a user in through Cognito on the app client of `stage` (default: the stack's); resolves to the ID token. */
  signIn(email: string, password?: string, stage?: Stage): Promise<string>;
  /** Onboards a tenant (pool, and in every stage a policy store and a registry record) unless it exists. */
  onboardTenant(spec: TenantSpec): Promise<TenantRecord>;
  /** Creates or updates a user of an onboarded tenant (password defaults to the demo password). */
  addUser(user: Omit<UserSpec, 'password'> & { password?: string }): Promise<void>;
  /** Changes a tenant's status in every stage's registry (suspend, reactivate); the authorizer follows within its cache time. */
  setTenantStatus(tenantId: string, status: TenantRecord['status']): Promise<void>;
  /** Runs the stack's JobPicker now, as the scheduler does every minute. */
  tick(): Promise<unknown>;
  /** Authorizer invocations so far (the stack's own stage). */
  authorizerInvocations(): number;
  /** `Type.field` of every field the local API resolves with a resolver. */
  resolvedFields(): string[];
  /** The supervised child processes, for fault tests: each one's pid now, and its next restart. */
  processes: Record<'dynamodb' | 'cognito', { readonly pid: number | undefined; nextRestart(): Promise<void> }>;
  stop(): Promise<void>;
}

/** A stage the stack serves: its API server, its functions' environment and its scheduler. */
interface ServedStage {
  stage: Stage;
  endpoints: StageEndpoints;
  tick: () => Promise<unknown>;
  authorizerInvocations: () => number;
  resolvedFields: () => string[];
}

/** The key pairs a stage's functions sign with: its internal role's and its AppSync data source's. */
interface StageKeys {
  internal: { accessKeyId: string; secretAccessKey: string };
  appSync: { accessKeyId: string; secretAccessKey: string };
}

/** Starts everything on 127.0.0.1 and resolves once every served API answers and the demo users can sign in. */
export async function startStack(options: StackOptions = {}): Promise<StackHandle> {
  const served = [...new Set(options.stages ?? [options.stage ?? 'Dev'])];
  const stage = served[0];
  if (!stage) throw new Error('startStack needs at least one stage to serve');
  const dataDir = dataDirFrom(options.dataDir);
  const memory = options.memory === true;
  const logger = options.logger ?? createLogger({ service: 'local-stack' });
  const cacheSeconds = options.authorizerCacheSeconds ?? DECISION_TTL_SECONDS;
  await mkdir(dataDir, { recursive: true });
  // Before anything else: a second stack on the same folder would fight over its files and ports.
  const unlock = await lockDataDir(dataDir);
  // Everything started is stopped again, in reverse order, by stop() or by a failed start.
  const stops: (() => Promise<void> | void)[] = [unlock];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    if (options.reset) await emptyDataDir(dataDir);
    await Promise.all([buildResolvers(), buildLambdas()]);
    const pageSecret = await paginationSecret(dataDir, memory);
    const keys = Object.fromEntries(STAGES.map((s) => [s, { internal: keyPair(), appSync: keyPair() }])) as Record<Stage, StageKeys>;
    // Every stage's roles, so each stage's registry can be written with its own keys; only served stages get a bucket.
    const iamByStage = Object.fromEntries(STAGES.map((s) => [s, localIamConfig({
      stage: s,
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      documentsBucket: documentsBucketName(s),
      internal: keys[s].internal,
      appSync: keys[s].appSync,
      appSyncTables: dataSourceTables(DATA_SOURCES),
      ...(served.includes(s) ? { s3: memory ? {} : { folder: path.join(dataDir, 's3') } } : {}),
      ...(options.iamLogLevel ? { logLevel: options.iamLogLevel } : {}),
    })])) as Record<Stage, ReturnType<typeof localIamConfig>>;

    const dynamo = await startLocalDynamoWithIam({ ...(memory ? {} : { path: path.join(dataDir, 'dynamodb') }), iam: combineIamConfigs(STAGES.map((s) => iamByStage[s])) });
    stops.push(() => dynamo.stop());
    const avpServer = await startLocalVerifiedPermissions(memory ? {} : { file: path.join(dataDir, 'verified-permissions.json') });
    stops.push(() => avpServer.stop());
    const lambda = await startLocalLambda({ logger: logger.child({ component: 'lambda' }) });
    stops.push(() => lambda.stop());

    // Deployed code finds its endpoints the standard way; nothing in it knows it runs locally.
    // Each function also gets its stage's variables (functionEnvironment); the process keeps the
    // stack's own stage's, for code that runs outside any function.
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_VERIFIEDPERMISSIONS: avpServer.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
      AWS_ENDPOINT_URL_STS: dynamo.stsEndpoint,
      AWS_ENDPOINT_URL_S3: dynamo.s3Endpoint,
    });
    const environments = Object.fromEntries(STAGES.map((s) => [s, functionEnvironment(s, keys[s], iamByStage[s].roleArns.tenantScoped, cacheSeconds)])) as Record<Stage, Record<string, string>>;
    Object.assign(process.env, environments[stage]);

    // One pre-token-generation trigger serves every stage (it reads each stage's registry).
    const preTokenGeneration = await importLambda('preTokenGeneration', environments[stage]);
    lambda.register(LAMBDAS.preTokenGeneration.functionName(stage), preTokenGeneration.handler as never, { environment: environments[stage] });
    const cognito = await startLocalCognito({
      folder: memory ? undefined : path.join(dataDir, 'cognito'),
      lambdaEndpoint: lambda.endpoint,
      preTokenGenerationFunction: LAMBDAS.preTokenGeneration.functionName(stage),
      logger: logger.child({ component: 'cognito' }),
    });
    stops.push(() => cognito.stop());
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = cognito.endpoint;

    const avp = new VerifiedPermissionsClient({ endpoint: avpServer.endpoint, region: LOCAL_REGION, credentials: keys[stage].internal });
    stops.push(() => avp.destroy());
    const onboarding = {} as Record<Stage, OnboardingContext>;
    const created: string[] = [];
    for (const s of STAGES) {
      // Each stage's bootstrap signs with that stage's internal key, as its own deployment would.
      const client = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: LOCAL_REGION,
        credentials: keys[s].internal,
        requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }) },
      });
      stops.push(() => client.destroy());
      onboarding[s] = { cognitoEndpoint: cognito.endpoint, avp, dynamo: client, stage: s, region: LOCAL_REGION };
      // A stage that is not served only needs its registry: the stage check needs tokens for it.
      created.push(...(await ensureTables(client, s, served.includes(s) ? TABLE_IDS : ['TenantRegistry'])));
    }
    for (const s of STAGES) {
      onboarding[s].peers = STAGES.filter((other) => other !== s).map((other) => onboarding[other]);
      onboarding[s].hasPim = served.includes(s);
    }
    // Stores a data folder already holds are brought to the current Cedar before anything asks them.
    for (const s of STAGES) {
      await migrateTenantStores({ dynamodb: onboarding[s].dynamo, avp, stage: s, policyStoreSource: loadPolicyStoreSource, logger: logger.child({ component: 'policy-stores', stage: s }) });
    }

    const tls = await localCertificate(path.join(dataDir, 'tls'));
    const schema = await readFile(path.join(ROOT, 'schema.graphql'), 'utf8');
    const stages: ServedStage[] = [];
    for (const [index, s] of served.entries()) {
      const port = options.port === undefined ? DEFAULT_PORT + index : options.port === 0 ? 0 : options.port + index;
      stages.push(await serveStage({
        stage: s,
        port,
        environment: environments[s],
        keys: keys[s],
        schema,
        tls,
        pageSecret,
        cacheSeconds,
        dynamoEndpoint: dynamo.endpoint,
        lambda,
        logger,
        stops,
        ...(options.observeDataSource ? { observeDataSource: options.observeDataSource } : {}),
      }));
    }
    // Every bundle is built and loaded: esbuild's service process would only hold memory.
    await releaseBuildService();
    const primary = stages[0]!;
    process.env.GRAPHQL_URL = primary.endpoints.graphql.http;

    // One onboarding per tenant even when callers race (a pool is found by name, so two would clash).
    const tenants = new Map<string, Promise<TenantRecord>>();
    let ready = false;
    const description: StackDescription = {
      stage,
      stages: Object.fromEntries(stages.map((st) => [st.stage, st.endpoints])),
      region: LOCAL_REGION,
      pid: process.pid,
      graphql: primary.endpoints.graphql,
      dynamodb: { endpoint: dynamo.endpoint },
      s3: { endpoint: dynamo.s3Endpoint!, documentsBucket: primary.endpoints.documentsBucket },
      verifiedPermissions: { endpoint: avpServer.endpoint },
      lambda: { endpoint: lambda.endpoint },
      cognito: { endpoint: cognito.endpoint, pools: {} },
      credentials: keys[stage].internal,
      demoUsers: options.seed === false ? [] : DEMO_USERS.map((u) => ({ email: u.email, tenantId: u.tenantId, role: u.role, password: DEMO_PASSWORD })),
    };
    // stack.json lists every tenant's pool: the command-line helpers sign in and look users up with it.
    // One write at a time, in order, so the file always ends with the latest tenants.
    let recorded = Promise.resolve();
    const recordPools = () => {
      recorded = recorded.catch(() => undefined).then(async () => {
        description.cognito.pools = Object.fromEntries(await Promise.all([...tenants].map(async ([id, t]) => [id, (await t).identity] as const)));
        if (ready) await writeStackFile(dataDir, description);
      });
      return recorded;
    };
    const tenant = (spec: TenantSpec) => {
      let record = tenants.get(spec.tenantId);
      if (!record) {
        record = onboardEveryStage(onboarding, stage, spec);
        tenants.set(spec.tenantId, record);
        record
          .then(recordPools, () => tenants.delete(spec.tenantId))
          .catch((error: Error) => logger.warn('stack.json not updated', { error: error.message }));
      }
      return record;
    };
    // Which tenant's pool each known user signs in to.
    const userTenants = new Map<string, string>(DEMO_USERS.map((u) => [u.email, u.tenantId]));
    const signInAs = async (email: string, password = DEMO_PASSWORD, as: Stage = stage) => {
      const tenantId = userTenants.get(email);
      if (!tenantId) throw new Error(`No tenant of this stack has the user ${email}.`);
      const record = await tenant({ tenantId });
      return (await signIn(cognito.endpoint, record.identity.clientIds[as]!, email, password)).idToken;
    };

    if (options.seed !== false) {
      for (const spec of DEMO_TENANTS) await tenant(spec);
      // Demo data goes to the stack's own stage; other stages start with the tenants and users only.
      if (created.includes(tableName('PIM', stage))) await seedDemo(onboarding[stage], primary.endpoints.graphql.http, signInAs);
    }

    stops.push(() => removeStackFile(dataDir));
    ready = true;
    await recordPools();
    const tickSeconds = options.tickSeconds ?? PICKER_SCHEDULE_MINUTES * 60;
    if (tickSeconds > 0) {
      // The local EventBridge Scheduler, one per stage: a failed tick is logged; the next one picks the work up.
      const timer = setInterval(() => {
        for (const st of stages) void st.tick().catch((error: Error) => logger.error('job picker tick failed', { stage: st.stage, error: error.message }));
      }, tickSeconds * 1000);
      stops.push(() => clearInterval(timer));
    }
    logger.info('local stack started', { stages: served, graphql: primary.endpoints.graphql.http, dataDir, memory });

    return {
      ...description,
      dataDir,
      signIn: signInAs,
      onboardTenant: tenant,
      async addUser(user) {
        const record = await tenant({ tenantId: user.tenantId });
        await onboardUser(onboarding[stage], record, { ...user, password: user.password ?? DEMO_PASSWORD });
        userTenants.set(user.email, user.tenantId);
      },
      async setTenantStatus(tenantId, status) {
        await tenant({ tenantId });
        for (const s of STAGES) {
          const record = await registryRecord(onboarding[s], tenantId);
          if (record) await saveTenant(onboarding[s], { ...record, status, updatedAt: new Date().toISOString() });
        }
      },
      tick: primary.tick,
      authorizerInvocations: primary.authorizerInvocations,
      resolvedFields: primary.resolvedFields,
      processes: { dynamodb: dynamo, cognito },
      async stop() {
        await stopAll();
        logger.info('local stack stopped', { stages: served });
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The variables a stage's functions see, as its deployment sets them: the stage, its tables, its
 * roles (its internal key stands for the functions' execution role), its bucket, and later its
 * API's URL (`GRAPHQL_URL`, added once the API listens).
 */
function functionEnvironment(stage: Stage, keys: StageKeys, tenantRoleArn: string, cacheSeconds: number): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: keys.internal.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.internal.secretAccessKey,
    STAGE: stage,
    AUTHORIZER_CACHE_SECONDS: String(cacheSeconds),
    TENANT_ROLE_ARN: tenantRoleArn,
    DOCUMENTS_BUCKET: documentsBucketName(stage),
    ...apiEnvironment(stage),
  };
}

/** Onboards a tenant from the first stage into every stage (its peers): one workflow, one pool. */
function onboardEveryStage(onboarding: Record<Stage, OnboardingContext>, first: Stage, spec: TenantSpec): Promise<TenantRecord> {
  return onboardTenant(onboarding[first], spec);
}

interface ServeStageOptions {
  stage: Stage;
  port: number;
  /** The stage's function variables; `GRAPHQL_URL` is added here. */
  environment: Record<string, string>;
  keys: StageKeys;
  schema: string;
  tls: TlsMaterial;
  pageSecret: Buffer;
  cacheSeconds: number;
  dynamoEndpoint: string;
  lambda: LocalLambda;
  logger: Logger;
  /** Where to register what must be stopped. */
  stops: (() => Promise<void> | void)[];
  observeDataSource?: StackOptions['observeDataSource'];
}

/** Registers a stage's functions, starts its API on its port and returns how to tick its JobPicker. */
async function serveStage(options: ServeStageOptions): Promise<ServedStage> {
  const { stage, environment, keys, lambda, logger, stops } = options;
  const load = (id: LambdaId) => importLambda(id, environment);
  // The job runners, invoked by the picker through the Lambda Invoke API as on AWS.
  for (const { id } of runnerLambdas()) lambda.register(LAMBDAS[id].functionName(stage), onFirstCall(() => load(id)) as never, { environment });
  const picker = await load('jobPicker');
  // EventBridge Scheduler's target, invocable like any deployed function (`npm run job -- --now`).
  lambda.register(LAMBDAS.jobPicker.functionName(stage), picker.handler as never, { environment });
  const tick = inEnvironment(environment, () => (picker.handler as (event: unknown, context: { awsRequestId: string }) => Promise<unknown>)({}, { awsRequestId: randomUUID() }));

  const wire = dynamoDBWire({ endpoint: options.dynamoEndpoint, region: LOCAL_REGION, credentials: keys.appSync });
  stops.push(() => wire.destroy());
  const authorizer = await load('authorizer');
  const api = await createAppSyncApi({
    schema: options.schema,
    resolvers: RESOLVERS,
    functions: FUNCTIONS,
    dataSources: Object.fromEntries(
      await Promise.all(
        Object.entries(DATA_SOURCES).map(async ([name, ds]) => [
          name,
          observed(name, await dataSource(name, ds, wire, stage, environment, options.pageSecret, logger.child({ component: 'tenant-guard', stage })), options.observeDataSource),
        ]),
      ),
    ),
    root: ROOT,
    environment: apiEnvironment(stage),
    auth: {
      defaultMode: 'AWS_LAMBDA',
      lambda: { handler: inEnvironment(environment, authorizer.handler as AuthorizerHandler), resultTtlSeconds: options.cacheSeconds },
      iam: {
        region: LOCAL_REGION,
        credentials: new Map([
          [keys.internal.accessKeyId, { ...keys.internal, accountId: LOCAL_ACCOUNT_ID, arn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${internalRoleName(stage)}` }],
        ]),
      },
    },
    apiId: `optimalhr-${stage.toLowerCase()}`,
    accountId: LOCAL_ACCOUNT_ID,
    logger: logger.child({ component: 'appsync', stage }),
  });
  const server = await startAppSyncServer(api.handle, { port: options.port, tls: options.tls, realtime: api.realtime });
  stops.push(() => server.stop());
  // Lambdas call the API back as internal (IAM) callers.
  environment.GRAPHQL_URL = server.url;
  return {
    stage,
    endpoints: {
      graphql: { http: server.url, https: server.url.replace('http:', 'https:'), realtime: `${server.url}/realtime` },
      documentsBucket: documentsBucketName(stage),
    },
    tick,
    authorizerInvocations: () => api.authorizerInvocations,
    resolvedFields: () => [...api.resolvedFields],
  };
}

/**
 * A Lambda's handler whose bundle is loaded on its first invocation, as Lambda starts a function
 * when it is first called (a cold start): a stack holds in memory only the functions it has run.
 * A failed load is tried again by the next invocation.
 */
function onFirstCall(load: () => Promise<{ handler: unknown }>): (...args: unknown[]) => Promise<unknown> {
  let loaded: Promise<(...args: unknown[]) => unknown> | undefined;
  return async (...args) => {
    loaded ??= load().then(
      ({ handler }) => handler as (...args: unknown[]) => unknown,
      (error: unknown) => {
        loaded = undefined;
        throw error;
      },
    );
    return (await loaded)(...args);
  };
}

/**
 * Loads a Lambda's deployable bundle as a fresh module inside its environment, so it reads its
 * stage's variables (a second stack or stage in the same process gets its own instance).
 */
async function importLambda(id: LambdaId, environment: FunctionEnvironment): Promise<{ handler: unknown }> {
  const url = pathToFileURL(path.join(ROOT, lambdaBundlePath(id)));
  url.searchParams.set('instance', randomUUID());
  return withEnvironment(environment, () => import(url.href) as Promise<{ handler: unknown }>);
}

async function dataSource(
  name: string,
  declaration: DataSourceDeclaration,
  wire: DynamoDBWire,
  stage: Stage,
  environment: FunctionEnvironment,
  pageSecret: Buffer,
  logger: Logger,
): Promise<DataSource> {
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
      // The deployable bundle, called in-process with AppSync's Invoke semantics, in its stage's environment.
      const handler = onFirstCall(() => importLambda(declaration.lambda, environment));
      const functionName = LAMBDAS[declaration.lambda].functionName(stage);
      return lambdaDataSource({
        functionName,
        functionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
        handler: inEnvironment(environment, handler as LambdaHandler),
      });
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

function keyPair(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: `AKIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64url') };
}

/** The key that signs pagination tokens, kept in the data folder so tokens survive restarts (fresh in memory mode). */
async function paginationSecret(dataDir: string, memory: boolean): Promise<Buffer> {
  const file = path.join(dataDir, 'secrets.json');
  if (!memory && existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { pageSecret?: string };
    if (saved.pageSecret) return Buffer.from(saved.pageSecret, 'base64');
  }
  const secret = randomBytes(32);
  if (!memory) await writeFile(file, `${JSON.stringify({ pageSecret: secret.toString('base64') }, null, 2)}\n`, { mode: 0o600 });
  return secret;
}

/** `--reset`: everything in the data folder goes, except the lock this stack holds. */
async function emptyDataDir(dataDir: string): Promise<void> {
  for (const entry of await readdir(dataDir)) {
    if (entry !== 'stack.lock') await rm(path.join(dataDir, entry), { recursive: true, force: true });
  }
}
