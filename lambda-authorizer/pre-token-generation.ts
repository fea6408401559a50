/**
 * Cognito pre-token-generation trigger: stamps the ID token with the stage it is meant for and the
 * user's tenant, role and employee link from the server-side membership.
 *
 * One credential works in every stage because each stage has its own app client in the tenant's
 * user pool, and a pool has exactly one trigger: this function, shared by all stages
 * (`AIML-SaaS-PreTokenGeneration`). At sign-in it reads the user's tenant from the TenantRegistry
 * table of every stage (in parallel) and picks the stage S whose own record lists the requesting
 * app client as `identity.clientIds[S]`; it adds `custom:environment = S`. A client id that only
 * another stage's record mentions does not count: a stage vouches for its own client alone. The API
 * authorizer then only accepts tokens whose environment is its own stage.
 *
 * Tenant, role and employee link in the token come from the server side, never from attributes the
 * user could write: the tenant from the stage's registry record, the role and employee link from
 * the user's membership (`MEMBER#<sub>` in that stage's registry, domain/tenancy/users.ts). The
 * trigger overrides `custom:tenantId`, `custom:tenantRole` and `custom:employeeId` (suppressing the
 * last when the membership links no employee), whatever the user's attributes say.
 *
 * It refuses the sign-in (throws, so Cognito answers `UserLambdaValidationException`) when the
 * tenant is unknown or not active, the user's `custom:tenantId` names a tenant whose pool is not
 * the one signing in, the app client is no stage's client of that tenant, the user has no
 * membership in that stage, or the membership's role is not one that kind of tenant allows;
 * every check uses the record of the stage found.
 * A stage whose registry table does not exist (locally only the running stage's tables do) or
 * may not be read counts as holding no record; any other read error fails the sign-in unless
 * another stage already vouches for the client.
 *
 * Deployable as is: plain AWS SDK; the table names follow from the stages (`TenantRegistry<Stage>`),
 * so it reads no configuration of its own (the SDK's `AWS_ENDPOINT_URL_DYNAMODB` locally).
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { tenantKey } from '../domain/model/keys.ts';
import { createLogger } from '../domain/logger.ts';
import { STAGES, type Stage } from '../domain/model/stage.ts';
import { SYSTEM_ROLES, SYSTEM_TENANT_ID, TENANT_ROLES } from '../domain/model/tenant-context.ts';
import { tableName } from '../domain/model/tables.ts';
import { REGISTRY_ITEM, type TenantKind, type TenantRecord } from '../domain/tenancy/registry.ts';
import { readMembership, type UserEntry } from '../domain/tenancy/users.ts';

/** The claims this trigger sets. */
export const ENVIRONMENT_CLAIM = 'custom:environment';
export const TENANT_CLAIM = 'custom:tenantId';
export const ROLE_CLAIM = 'custom:tenantRole';
export const EMPLOYEE_CLAIM = 'custom:employeeId';

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

/**
 * How long an active tenant's registry record is reused; a suspension takes effect at sign-in
 * within this time. Short: a sign-in costs one item read per stage, so the cache only absorbs
 * bursts (a roomful signing in at nine). Records of tenants that are not active are never kept,
 * so a reactivation applies at the next sign-in.
 */
const CACHE_TTL_MS = 5_000;

const ALLOWED_ROLES: Record<TenantKind, readonly string[]> = { system: SYSTEM_ROLES, customer: TENANT_ROLES };

const log = createLogger({ service: 'pre-token-generation' });

/** Why a sign-in was refused: the message Cognito reports, free of personal data. */
export class SignInRefused extends Error {
  constructor(reason: string) {
    super(`Sign-in refused: ${reason}`);
    this.name = 'SignInRefused';
  }
}

/** Each stage's registry table: `TenantRegistryDev`, `TenantRegistryStaging`, `TenantRegistryProd`. */
export function registryTableNames(): Record<Stage, string> {
  return Object.fromEntries(STAGES.map((stage) => [stage, tableName('TenantRegistry', stage)])) as Record<Stage, string>;
}

export interface PreTokenGenerationOptions {
  /** DynamoDB client for the registries. Default: one built from the environment on first use. */
  client?: DynamoDBClient;
  /**
   * The registry table of each stage to consult; a stage left out holds no record.
   * Default: {@link registryTableNames}, every stage.
   */
  tableNames?: Partial<Record<Stage, string>>;
  /** How long an active tenant's record is reused. Default: {@link CACHE_TTL_MS}. */
  cacheMs?: number;
}

/**
 * The error that means "this stage's registry holds nothing for us": no such table (a stage not
 * deployed, or the local stack's other stages). Access denied is a misconfiguration and fails loudly.
 */
const UNREADABLE = new Set(['ResourceNotFoundException']);

/** What one stage's registry said about a tenant. */
type StageRead =
  | { stage: Stage; record: TenantRecord | null }
  | { stage: Stage; record: null; unreadable: string }
  | { stage: Stage; record: null; error: unknown };

interface RegistryReader {
  /** Every consulted stage's record of the tenant. */
  records(tenantId: string): Promise<StageRead[]>;
  /** The user's membership in a stage's registry; never cached, so a role change applies at the next sign-in. */
  membership(stage: Stage, tenantId: string, userId: string): Promise<UserEntry | null>;
}

/** Reads registry records through `client`, caching each found record for {@link CACHE_TTL_MS} (per table and tenant). */
function registryReader(options: PreTokenGenerationOptions): RegistryReader {
  let client = options.client;
  const tableOf = options.tableNames ?? registryTableNames();
  const tables = Object.entries(tableOf) as [Stage, string][];
  const cache = new Map<string, { record: TenantRecord; expiresAt: number }>();
  const ttlMs = options.cacheMs ?? CACHE_TTL_MS;
  const read = async (table: string, tenantId: string): Promise<TenantRecord | null> => {
    const key = `${table}/${tenantId}`;
    const cached = cache.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.record;
    client ??= new DynamoDBClient({});
    const result = await client.send(
      new GetItemCommand({
        TableName: table,
        Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
        ConsistentRead: true,
      }),
    );
    const record = result.Item ? (unmarshall(result.Item) as TenantRecord) : null;
    // Only active tenants are cached, so a tenant registered or reactivated a moment ago can sign in at once.
    if (record?.status === 'active') cache.set(key, { record, expiresAt: Date.now() + ttlMs });
    return record;
  };
  return {
    records: (tenantId) =>
      Promise.all(
        tables.map(async ([stage, table]): Promise<StageRead> => {
          try {
            return { stage, record: await read(table, tenantId) };
          } catch (error) {
            const name = (error as { name?: string }).name ?? '';
            return UNREADABLE.has(name) ? { stage, record: null, unreadable: name } : { stage, record: null, error };
          }
        }),
      ),
    membership: (stage, tenantId, userId) => {
      client ??= new DynamoDBClient({});
      return readMembership(client, tableOf[stage]!, tenantId, userId);
    },
  };
}

/** Builds the trigger. The deployed {@link handler} uses the defaults; tests pass their own client and tables. */
export function createPreTokenGenerationHandler(
  options: PreTokenGenerationOptions = {},
): (event: PreTokenGenerationEvent) => Promise<PreTokenGenerationEvent> {
  const registry = registryReader(options);
  return async function preTokenGeneration(event) {
    const attributes = event.request?.userAttributes ?? {};
    // Only used to find the tenant's record: the record must name the pool signing in.
    const tenantId = attributes[TENANT_CLAIM];
    const userId = attributes.sub;
    // AWS and cognito-local send the client in callerContext; accept a top-level clientId too.
    const clientId = event.callerContext?.clientId ?? (event as { clientId?: string }).clientId;
    const trace = log.child({ tenantId, userId: attributes.sub, userPoolId: event.userPoolId, triggerSource: event.triggerSource });
    let unreadable: string[] = [];
    const refuse = (reason: string): never => {
      trace.warn('sign-in refused', { reason, ...(unreadable.length > 0 ? { unreadable } : {}) });
      throw new SignInRefused(reason);
    };

    if (!tenantId) return refuse('the user has no custom:tenantId');
    if (!clientId) return refuse('the request names no app client');
    if (!userId) return refuse('the user has no sub');
    const reads = await registry.records(tenantId);
    unreadable = reads.flatMap((r) => ('unreadable' in r ? [`${r.stage}: ${r.unreadable}`] : []));
    // A stage vouches for its own client only; client ids are unique, so one match settles it.
    const found = reads.find((r) => r.record?.identity?.clientIds?.[r.stage] === clientId);
    if (!found?.record) {
      // Another stage might have vouched for it: an unexpected read error fails the sign-in as an error, not a refusal.
      const failed = reads.find((r) => 'error' in r);
      if (failed && 'error' in failed) {
        trace.error('registry read failed', { stage: failed.stage, error: failed.error });
        throw failed.error;
      }
      // No stage vouches for the client: refuse in the order of the checks below, over the records there are.
      const records = reads.flatMap((r) => (r.record ? [r.record] : []));
      if (records.length === 0) return refuse(`tenant "${tenantId}" is not registered`);
      const active = records.filter((r) => r.status === 'active');
      if (active.length === 0) return refuse(`tenant "${tenantId}" is ${records[0]!.status}`);
      if (!active.some((r) => r.identity?.userPoolId === event.userPoolId)) return refuse(`tenant "${tenantId}" does not use this user pool`);
      return refuse(`the app client is not a stage client of tenant "${tenantId}"`);
    }
    const { stage, record } = found;
    if (record.status !== 'active') return refuse(`tenant "${tenantId}" is ${record.status}`);
    if (record.identity?.userPoolId !== event.userPoolId) return refuse(`tenant "${tenantId}" does not use this user pool`);
    const kind: TenantKind = record.kind ?? (tenantId === SYSTEM_TENANT_ID ? 'system' : 'customer');
    const membership = await registry.membership(stage, record.tenantId, userId);
    if (!membership) return refuse(`the user is no member of tenant "${tenantId}" in ${stage}`);
    if (membership.status === 'disabled') return refuse(`the user is disabled in tenant "${tenantId}"`);
    const { role, employeeId } = membership;
    if (!ALLOWED_ROLES[kind].includes(role)) return refuse(`role "${role}" is not allowed in a ${kind} tenant`);

    trace.info('sign-in accepted', { stage, role });
    const overrides = event.response?.claimsOverrideDetails ?? {};
    const stamped: Record<string, string> = { [ENVIRONMENT_CLAIM]: stage, [TENANT_CLAIM]: record.tenantId, [ROLE_CLAIM]: role };
    if (employeeId) stamped[EMPLOYEE_CLAIM] = employeeId;
    const suppress = (overrides.claimsToSuppress ?? []).filter((claim) => claim !== EMPLOYEE_CLAIM);
    return {
      ...event,
      response: {
        ...event.response,
        claimsOverrideDetails: {
          ...overrides,
          claimsToAddOrOverride: { ...overrides.claimsToAddOrOverride, ...stamped },
          // An employee link the membership does not hold is taken out of the token, whatever the attribute says.
          claimsToSuppress: employeeId ? suppress : [...suppress, EMPLOYEE_CLAIM],
        },
      },
    };
  };
}

/** The deployed Lambda handler: every stage's registry table, DynamoDB client from the environment. */
export const handler = createPreTokenGenerationHandler();
