import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { STSClient } from '@aws-sdk/client-sts';
import { dataSourceTables } from '../../../domain/iam-policies.ts';
import { DATA_SOURCES } from '../../../resolvers/manifest.ts';
import { localIamConfig, startLocalDynamoWithIam, type KeyPair, type LocalDynamoWithIam, type LocalIamConfig, type LocalRoleArns } from '../../../local/iam/index.ts';
import type { LocalDynamoOptions } from '../../../local/dynamodb/index.ts';
import { ensureTables } from '../../../local/tables.ts';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** An SDK DynamoDB client as Lambda code builds it, without retries (so a refusal surfaces at once). */
export function dynamoClient(endpoint: string, credentials: Credentials): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: REGION, credentials, maxAttempts: 1, requestHandler: { httpAgent: new Agent({ keepAlive: true }) } });
}

export function stsClient(endpoint: string, credentials: Credentials): STSClient {
  return new STSClient({ endpoint, region: REGION, credentials, maxAttempts: 1 });
}

export function keyPair(prefix = 'AKIALOCAL'): KeyPair {
  return { accessKeyId: `${prefix}${randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64url') };
}

/** A local DynamoDB with STS and IAM enforcement, the stage's tables created with the internal key. */
export interface IamStack {
  dynamo: LocalDynamoWithIam;
  config: LocalIamConfig;
  roleArns: LocalRoleArns;
  internal: KeyPair;
  appSync: KeyPair;
  /** DynamoDB client of the internal (system) key. */
  admin: DynamoDBClient;
  stop(): Promise<void>;
}

export async function startIamStack(extra: Pick<LocalIamConfig, 'sessions'> = {}, dynamoOptions: Pick<LocalDynamoOptions, 'path' | 'restartLimit'> = {}): Promise<IamStack> {
  const internal = keyPair();
  const appSync = keyPair();
  const { roleArns, ...config } = localIamConfig({
    stage: 'Dev', region: REGION, accountId: ACCOUNT, documentsBucket: 'optimalhr-documents-dev',
    internal, appSync, appSyncTables: dataSourceTables(DATA_SOURCES), logLevel: 'error',
  });
  const iam: LocalIamConfig = { ...config, ...extra };
  const dynamo = await startLocalDynamoWithIam({ iam, ...dynamoOptions });
  const admin = dynamoClient(dynamo.endpoint, internal);
  try {
    await ensureTables(admin, 'Dev');
  } catch (error) {
    admin.destroy();
    await dynamo.stop();
    throw error;
  }
  return {
    dynamo, config: iam, roleArns, internal, appSync, admin,
    async stop() {
      admin.destroy();
      await dynamo.stop();
    },
  };
}
