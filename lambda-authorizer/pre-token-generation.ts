/**
 * Cognito pre-token-generation trigger: stamps the ID token with the stage it is meant for.
 *
 * One credential works in every stage because each stage has its own app client in the tenant's
 * user pool. At sign-in this trigger looks up the user's tenant in the TenantRegistry table,
 * finds the stage whose app client issued the request, and adds `custom:environment = <stage>`.
 * The API authorizer then only accepts tokens whose environment is its own stage.
 *
 * It refuses the sign-in (throws, so Cognito answers `UserLambdaValidationException`) when the
 * tenant is unknown or not active, the user's `custom:tenantId` names a tenant whose pool is not
 * the one signing in, the app client belongs to no stage of that tenant, or `custom:tenantRole`
 * is not a role that kind of tenant allows.
 *
 * Deployable as is: plain AWS SDK, configuration from the environment
 * (`TENANT_REGISTRY_TABLE`; the SDK's own `AWS_ENDPOINT_URL_DYNAMODB` locally).
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { requiredEnv } from '../domain/env.ts';
import { tenantKey } from '../domain/keys.ts';
import { createLogger } from '../domain/logger.ts';
import { STAGES, type Stage } from '../domain/stage.ts';
import { SYSTEM_ROLES, SYSTEM_TENANT_ID, TENANT_ROLES } from '../domain/tenant-context.ts';
import { tableEnvName } from '../domain/tables.ts';
import { REGISTRY_ITEM, type TenantKind, type TenantRecord } from '../domain/tenant-registry.ts';

/** The claim this trigger sets. */
export const ENVIRONMENT_CLAIM = 'custom:environment';

/** The pre-token-generation event (V1), as Cognito and cognito-local send it. */
export interface PreTokenGenerationEvent {
  version: string;
  triggerSource: string;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion?: string; clientId?: string | null };
  request: {
    userAttributes: Record<string, string>;
    groupConfiguration?: unknown;
    clientMetadata?: Record<string, string>;
  };
  response: {
    claimsOverrideDetails?: {
      claimsToAddOrOverride?: Record<string, string>;
      claimsToSuppress?: string[];
      groupOverrideDetails?: unknown;
    } | null;
  };
}

/** How long a registry record is reused; a suspension takes effect within this time. */
const CACHE_TTL_MS = 30_000;

const ALLOWED_ROLES: Record<TenantKind, readonly string[]> = { system: SYSTEM_ROLES, customer: TENANT_ROLES };

const log = createLogger({ service: 'pre-token-generation' });

/** Why a sign-in was refused: the message Cognito reports, free of personal data. */
export class SignInRefused extends Error {
  constructor(reason: string) {
    super(`Sign-in refused: ${reason}`);
    this.name = 'SignInRefused';
  }
}

/** The registry table's name from `TENANT_REGISTRY_TABLE`; throws a clear error when unset. */
export function registryTableName(): string {
  return requiredEnv(tableEnvName('TenantRegistry'));
}

export interface PreTokenGenerationOptions {
  /** DynamoDB client for the registry. Default: one built from the environment on first use. */
  client?: DynamoDBClient;
  /** The registry table's name. Default: {@link registryTableName}, read at each sign-in. */
  tableName?: string;
}

/** Reads registry records through `client`, caching each found record for {@link CACHE_TTL_MS}. */
function registryReader(options: PreTokenGenerationOptions): (tenantId: string) => Promise<TenantRecord | null> {
  let client = options.client;
  const cache = new Map<string, { record: TenantRecord | null; expiresAt: number }>();
  return async (tenantId) => {
    const tableName = options.tableName ?? registryTableName();
    const key = `${tableName}/${tenantId}`;
    const cached = cache.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.record;
    client ??= new DynamoDBClient({});
    const result = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
        ConsistentRead: true,
      }),
    );
    const record = result.Item ? (unmarshall(result.Item) as TenantRecord) : null;
    // Only found tenants are cached, so a tenant registered a moment ago can sign in at once.
    if (record) cache.set(key, { record, expiresAt: Date.now() + CACHE_TTL_MS });
    return record;
  };
}

/** The stage whose app client is `clientId` in the tenant's pool. */
function stageOfClient(record: TenantRecord, clientId: string): Stage | undefined {
  return STAGES.find((stage) => record.identity?.clientIds?.[stage] === clientId);
}

/**
 * Builds the trigger. The deployed {@link handler} uses the defaults (environment configuration);
 * the local stack can pass its own DynamoDB client and table name instead of setting `process.env`.
 */
export function createPreTokenGenerationHandler(
  options: PreTokenGenerationOptions = {},
): (event: PreTokenGenerationEvent) => Promise<PreTokenGenerationEvent> {
  const tenantRecord = registryReader(options);
  return async function preTokenGeneration(event) {
    const attributes = event.request?.userAttributes ?? {};
    const tenantId = attributes['custom:tenantId'];
    const role = attributes['custom:tenantRole'];
    // AWS and cognito-local send the client in callerContext; accept a top-level clientId too.
    const clientId = event.callerContext?.clientId ?? (event as { clientId?: string }).clientId;
    const trace = log.child({ tenantId, userId: attributes.sub, userPoolId: event.userPoolId, triggerSource: event.triggerSource });
    const refuse = (reason: string): never => {
      trace.warn('sign-in refused', { reason });
      throw new SignInRefused(reason);
    };

    if (!tenantId) return refuse('the user has no custom:tenantId');
    if (!clientId) return refuse('the request names no app client');
    const record = await tenantRecord(tenantId);
    if (!record) return refuse(`tenant "${tenantId}" is not registered`);
    if (record.status !== 'active') return refuse(`tenant "${tenantId}" is ${record.status}`);
    if (record.identity?.userPoolId !== event.userPoolId) return refuse(`tenant "${tenantId}" does not use this user pool`);
    const stage = stageOfClient(record, clientId);
    if (!stage) return refuse(`the app client is not a stage client of tenant "${tenantId}"`);
    const kind: TenantKind = record.kind ?? (tenantId === SYSTEM_TENANT_ID ? 'system' : 'customer');
    if (!role || !ALLOWED_ROLES[kind].includes(role)) return refuse(`role "${role ?? ''}" is not allowed in a ${kind} tenant`);

    trace.info('sign-in accepted', { stage, role });
    const overrides = event.response?.claimsOverrideDetails ?? {};
    return {
      ...event,
      response: {
        ...event.response,
        claimsOverrideDetails: {
          ...overrides,
          claimsToAddOrOverride: { ...overrides.claimsToAddOrOverride, [ENVIRONMENT_CLAIM]: stage },
        },
      },
    };
  };
}

/** The deployed Lambda handler: registry table from `TENANT_REGISTRY_TABLE`, DynamoDB client from the environment. */
export const handler = createPreTokenGenerationHandler();
