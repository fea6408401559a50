/**
 * The embedded local stack: local DynamoDB (dynalite + transaction gateway), the AppSync runtime
 * serving the deployable resolver bundles, and the demo seed. `npm start` runs it; tests and
 * benchmarks call {@link startStack} and `stop()`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { createLogger, type Logger } from '../domain/logger.ts';
import type { Stage } from '../domain/stage.ts';
import { tableName } from '../domain/tables.ts';
import { apiEnvironment, DATA_SOURCES, FUNCTIONS, RESOLVERS, type DataSourceDeclaration } from '../resolvers/manifest.ts';
import { buildResolvers, ROOT } from '../scripts/build.ts';
import { createAppSyncApi } from './appsync/api.ts';
import { dynamoDBDataSource } from './appsync/datasources/dynamodb.ts';
import { dynamoDBWire, type DynamoDBWire } from './appsync/datasources/dynamodb-wire.ts';
import type { DataSource } from './appsync/resolvers.ts';
import { localCertificate, startAppSyncServer } from './appsync/server.ts';
import { devTokens } from './dev-authorizer.ts';
import { startLocalDynamo } from './dynamodb/index.ts';
import { DEMO_USERS, seedDemo } from './seed.ts';
import { ensureTables } from './tables.ts';

export const DEFAULT_PORT = 4000;
export const DEFAULT_DATA_DIR = path.join(ROOT, '.optimalhr');
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '000000000000';
/** AppSync's default Lambda authorizer result TTL. */
const AUTHORIZER_TTL_SECONDS = 300;

export interface StackOptions {
  /** Port of the GraphQL endpoint (HTTP and TLS); 0 picks a free one. Default 4000. */
  port?: number;
  /** Folder for data, certificates and stack.json. Default `.optimalhr/` in the checkout. */
  dataDir?: string;
  /** Keep DynamoDB data in memory (tests, benchmarks). */
  memory?: boolean;
  /** Wipe the data folder first. */
  reset?: boolean;
  stage?: Stage;
  /** Seed the demo tenants when the data is new. Default true. */
  seed?: boolean;
  logger?: Logger;
}

/** What stack.json records: every endpoint the stack serves and how to call it. */
export interface StackDescription {
  stage: Stage;
  region: string;
  pid: number;
  graphql: { http: string; https: string };
  dynamodb: { endpoint: string };
  /** Credentials of internal callers (AWS_IAM auth; local DynamoDB). Local only. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Demo sign-ins: a bearer token per demo user. */
  demoTokens: Record<string, string>;
}

export interface StackHandle extends StackDescription {
  dataDir: string;
  /** Issues a development bearer token (interim authorizer; see local/dev-authorizer.ts). */
  issueToken: ReturnType<typeof devTokens>['issue'];
  /** Authorizer invocations so far. */
  authorizerInvocations(): number;
  stop(): Promise<void>;
}

/** Starts everything on 127.0.0.1 and resolves once the API answers. */
export async function startStack(options: StackOptions = {}): Promise<StackHandle> {
  const stage = options.stage ?? 'Dev';
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const logger = options.logger ?? createLogger({ service: 'local-stack' });
  if (options.reset) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });

  await buildResolvers();
  const secrets = await stackSecrets(dataDir, options.memory === true);
  const dynamo = await startLocalDynamo(options.memory ? {} : { path: path.join(dataDir, 'dynamodb') });
  let server: Awaited<ReturnType<typeof startAppSyncServer>> | undefined;
  let closeWire = () => undefined as void;
  try {
    const credentials = { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey };
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials,
      requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }) },
    });
    const created = await ensureTables(client, stage);
    const wire = dynamoDBWire({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials });
    closeWire = () => wire.destroy();

    const tokens = devTokens(secrets.tokenSecret, stage);
    const api = await createAppSyncApi({
      schema: await readFile(path.join(ROOT, 'schema.graphql'), 'utf8'),
      resolvers: RESOLVERS,
      functions: FUNCTIONS,
      dataSources: Object.fromEntries(
        Object.entries(DATA_SOURCES).map(([name, ds]) => [name, dataSource(ds, wire, stage, secrets.pageSecret)]),
      ),
      root: ROOT,
      environment: apiEnvironment(stage),
      auth: {
        defaultMode: 'AWS_LAMBDA',
        lambda: { handler: tokens.handler, resultTtlSeconds: AUTHORIZER_TTL_SECONDS },
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
    server = await startAppSyncServer(api.handle, {
      port: options.port ?? DEFAULT_PORT,
      tls: await localCertificate(options.memory ? undefined : path.join(dataDir, 'tls')),
    });

    const demoTokens = Object.fromEntries(DEMO_USERS.map((u) => [u.email, tokens.issue({ sub: u.userId, tenantId: u.tenantId, role: u.role })]));
    const isNew = created.includes(tableName('PIM', stage));
    if (options.seed !== false && isNew) await seedDemo(server.url, demoTokens, client, stage);

    const description: StackDescription = {
      stage,
      region: LOCAL_REGION,
      pid: process.pid,
      graphql: { http: server.url, https: server.url.replace('http:', 'https:') },
      dynamodb: { endpoint: dynamo.endpoint },
      credentials,
      demoTokens,
    };
    const stackFile = path.join(dataDir, 'stack.json');
    await writeFile(stackFile, `${JSON.stringify(description, null, 2)}\n`, { mode: 0o600 });
    logger.info('local stack started', { stage, graphql: server.url, dataDir, memory: options.memory === true });

    return {
      ...description,
      dataDir,
      issueToken: tokens.issue,
      authorizerInvocations: () => api.authorizerInvocations,
      async stop() {
        await server?.stop();
        client.destroy();
        closeWire();
        await dynamo.stop();
        await rm(stackFile, { force: true });
        logger.info('local stack stopped', { stage });
      },
    };
  } catch (error) {
    await server?.stop();
    closeWire();
    await dynamo.stop();
    throw error;
  }
}

function dataSource(declaration: DataSourceDeclaration, wire: DynamoDBWire, stage: Stage, pageSecret: Buffer): DataSource {
  switch (declaration.kind) {
    case 'NONE':
      // AppSync's NONE data source hands the request's `payload` to the response handler.
      return { invoke: async (request) => ({ result: (request as { payload?: unknown } | null)?.payload ?? null }) };
    case 'AMAZON_DYNAMODB':
      return dynamoDBDataSource({ wire, tableName: tableName(declaration.table, stage), tokenSecret: pageSecret });
    case 'AWS_LAMBDA':
      throw new Error(`Lambda data source "${declaration.lambda}" is not wired in the local stack yet.`);
  }
}

interface StackSecrets {
  accessKeyId: string;
  secretAccessKey: string;
  /** Signs development tokens, so they survive restarts. */
  tokenSecret: Buffer;
  /** Signs pagination tokens. */
  pageSecret: Buffer;
}

/** Per-checkout secrets, kept in the data folder (or fresh in memory mode). */
async function stackSecrets(dataDir: string, memory: boolean): Promise<StackSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  if (!memory && existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    return {
      accessKeyId: saved.accessKeyId!,
      secretAccessKey: saved.secretAccessKey!,
      tokenSecret: Buffer.from(saved.tokenSecret!, 'base64'),
      pageSecret: Buffer.from(saved.pageSecret!, 'base64'),
    };
  }
  const secrets: StackSecrets = {
    accessKeyId: `AKIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
    tokenSecret: randomBytes(32),
    pageSecret: randomBytes(32),
  };
  if (!memory) {
    const saved = { ...secrets, tokenSecret: secrets.tokenSecret.toString('base64'), pageSecret: secrets.pageSecret.toString('base64') };
    await writeFile(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  }
  return secrets;
}
