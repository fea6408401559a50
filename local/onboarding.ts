/**
 * Onboards tenants and users into the local stack. Tenants go through the product's onboarding
 * workflow (domain/tenancy/onboarding.ts: pool, clients, policy store, registry records, first
 * admin, activation); users get their pool user, membership, directory entry and template links.
 */
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { LAMBDAS } from '../domain/lambdas.ts';
import { tenantKey } from '../domain/model/keys.ts';
import { employeeItemKey } from '../domain/people/model/keys.ts';
import type { Stage } from '../domain/model/stage.ts';
import { tableName } from '../domain/model/tables.ts';
import type { Role } from '../domain/model/tenant-context.ts';
import { onboardTenant as runOnboarding, type OnboardingServices, type OnboardingStage } from '../domain/tenancy/onboarding.ts';
import { REGISTRY_ITEM, registryItem, type TenantRecord, type TenantSettings } from '../domain/tenancy/registry.ts';
import { saveMembership, saveUserEntry } from '../domain/tenancy/users.ts';
import { loadPolicyStoreSource } from '../lambda-authorizer/policy-store.ts';
import { linkTemplate } from '../lambda-authorizer/provision.ts';
import { localJwksUri, provisionUser } from './cognito.ts';

/** The account local ARNs name. */
const LOCAL_ACCOUNT = '000000000000';

export interface OnboardingContext {
  cognitoEndpoint: string;
  avp: VerifiedPermissionsClient;
  dynamo: DynamoDBClient;
  stage: Stage;
  region: string;
  /** Whether this stage has its tenant data tables (PIM); locally, stages not served have only the registry. Default true. */
  hasPim?: boolean;
  /**
   * The other stages sharing the tenants' pools (one credential, every stage): a tenant is
   * registered, and a user becomes a member, there too, so they can sign in on each stage's client.
   */
  peers?: readonly OnboardingContext[];
}

export interface TenantSpec {
  tenantId: string;
  displayName?: string;
  plan?: string;
  settings?: Partial<TenantSettings>;
  /** The first admin onboarding invites. Default `admin@<tenantId>.example`. */
  adminEmail?: string;
}

export interface UserSpec {
  email: string;
  password: string;
  tenantId: string;
  role: Role;
  /** The user's own employee record: links the SelfService template. */
  employeeId?: string;
}

/** A tenant's record in the registry of `ctx.stage`, or null. */
export async function registryRecord(ctx: OnboardingContext, tenantId: string): Promise<TenantRecord | null> {
  const out = await ctx.dynamo.send(
    new GetItemCommand({
      TableName: tableName('TenantRegistry', ctx.stage),
      Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
      ConsistentRead: true,
    }),
  );
  return out.Item ? (unmarshall(out.Item) as TenantRecord) : null;
}

/** Writes (or overwrites) a tenant's registry record. */
export async function saveTenant(ctx: OnboardingContext, record: TenantRecord): Promise<void> {
  await ctx.dynamo.send(
    new PutItemCommand({ TableName: tableName('TenantRegistry', ctx.stage), Item: marshall(registryItem(record), { removeUndefinedValues: true }) }),
  );
}

/** A Cognito client for the local pools. */
function localCognito(ctx: OnboardingContext): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint: ctx.cognitoEndpoint, region: ctx.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** The workflow's services on the local stack: every stage of `ctx` (itself first, then its peers). */
export function onboardingServices(ctx: OnboardingContext, cognito: CognitoIdentityProviderClient): OnboardingServices {
  const stageOf = (c: OnboardingContext): OnboardingStage => ({ stage: c.stage, dynamodb: c.dynamo, pim: c.hasPim ?? true });
  return {
    cognito,
    avp: ctx.avp,
    stages: [stageOf(ctx), ...(ctx.peers ?? []).map(stageOf)],
    region: ctx.region,
    policyStoreSource: loadPolicyStoreSource,
    preTokenGenerationArn: `arn:aws:lambda:${ctx.region}:${LOCAL_ACCOUNT}:function:${LAMBDAS.preTokenGeneration.functionName(ctx.stage)}`,
    // cognito-local serves each pool's keys itself.
    jwksUriOf: (userPoolId) => localJwksUri(ctx.cognitoEndpoint, userPoolId),
  };
}

/**
 * Onboards a tenant through the product's workflow (resuming one that stopped), in `ctx`'s stage
 * and its peers. For a tenant already onboarded it only brings the records' JWKS location up to
 * date (a restarted local Cognito listens on a new port).
 */
export async function onboardTenant(ctx: OnboardingContext, spec: TenantSpec): Promise<TenantRecord> {
  const existing = await registryRecord(ctx, spec.tenantId);
  if (existing?.status !== 'active' && existing?.status !== 'suspended') {
    const cognito = localCognito(ctx);
    try {
      await runOnboarding(onboardingServices(ctx, cognito), {
        tenantId: spec.tenantId,
        displayName: spec.displayName ?? null,
        plan: spec.plan ?? null,
        adminEmail: spec.adminEmail ?? `admin@${spec.tenantId}.example`,
        settings: spec.settings ?? null,
      });
    } finally {
      cognito.destroy();
    }
    return (await registryRecord(ctx, spec.tenantId))!;
  }
  const jwksUri = localJwksUri(ctx.cognitoEndpoint, existing.identity.userPoolId);
  if (existing.identity.jwksUri === jwksUri) return existing;
  const updated = { ...existing, identity: { ...existing.identity, jwksUri }, updatedAt: new Date().toISOString() };
  for (const c of [ctx, ...(ctx.peers ?? [])]) {
    const record = await registryRecord(c, spec.tenantId);
    if (record) await saveTenant(c, { ...record, identity: { ...record.identity, jwksUri }, updatedAt: updated.updatedAt });
  }
  return updated;
}

/** Creates or updates a user in their tenant's pool and links their templates. */
export async function onboardUser(ctx: OnboardingContext, tenant: TenantRecord, user: UserSpec): Promise<void> {
  await provisionUser(ctx.cognitoEndpoint, tenant.identity, user);
  // The directory entry and the template links name the Cognito user (sub), known only once the user exists.
  const sub = await userSub(ctx, tenant, user.email);
  const entry = { userId: sub, role: user.role, employeeId: user.employeeId ?? null };
  await saveUserEntry(ctx.dynamo, { registry: tableName('TenantRegistry', ctx.stage), pim: tableName('PIM', ctx.stage) }, tenant.tenantId, entry);
  for (const peer of ctx.peers ?? []) await saveMembership(peer.dynamo, tableName('TenantRegistry', peer.stage), tenant.tenantId, entry);
  if (!user.employeeId) return;
  await linkEmployeeUser(ctx, tenant, user.employeeId, sub);
  await linkTemplate(ctx.avp, tenant.policyStoreId, 'SelfService', { userId: sub, employeeId: user.employeeId }).catch(ignoreConflict);
}

/** Records on the employee who their user is (notifications about the record go to that user). */
async function linkEmployeeUser(ctx: OnboardingContext, tenant: TenantRecord, employeeId: string, sub: string): Promise<void> {
  await ctx.dynamo
    .send(
      new UpdateItemCommand({
        TableName: tableName('PIM', ctx.stage),
        Key: { TenantId: { S: tenantKey(tenant.tenantId) }, EntityItem: { S: employeeItemKey(employeeId) } },
        UpdateExpression: 'SET UserId = :sub',
        ConditionExpression: 'attribute_exists(EntityItem)',
        ExpressionAttributeValues: { ':sub': { S: sub } },
      }),
    )
    .catch((error: Error) => {
      // A user may be linked to a record that does not exist (yet): nothing to update then.
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
}

/** Re-running onboarding links nothing twice: an existing identical link is fine. */
function ignoreConflict(error: unknown): void {
  if ((error as { name?: string }).name !== 'ConflictException') throw error;
}

async function userSub(ctx: OnboardingContext, tenant: TenantRecord, email: string): Promise<string> {
  const cognito = localCognito(ctx);
  try {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: tenant.identity.userPoolId, Username: email }));
    const sub = user.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
    if (!sub) throw new Error(`User ${email} has no sub attribute.`);
    return sub;
  } finally {
    cognito.destroy();
  }
}
