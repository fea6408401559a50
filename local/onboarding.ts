/**
 * Onboards tenants and users into the local stack the way the product's onboarding will:
 * a Cognito user pool with a client per stage, a Verified Permissions policy store from the
 * Cedar files, a registry record; users with their attributes and template links.
 */
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { tenantKey } from '../domain/model/keys.ts';
import { employeeItemKey } from '../domain/people/model/keys.ts';
import { STAGES, type Stage } from '../domain/model/stage.ts';
import { tableName } from '../domain/model/tables.ts';
import { SYSTEM_TENANT_ID, type Role } from '../domain/model/tenant-context.ts';
import { DEFAULT_TENANT_SETTINGS, REGISTRY_ITEM, registryItem, type TenantRecord, type TenantSettings } from '../domain/tenancy/registry.ts';
import { saveMembership, saveUserEntry } from '../domain/tenancy/users.ts';
import { createPolicyStore, linkTemplate } from '../lambda-authorizer/provision.ts';
import { provisionTenantIdentity, provisionUser } from './cognito.ts';

export interface OnboardingContext {
  cognitoEndpoint: string;
  avp: VerifiedPermissionsClient;
  dynamo: DynamoDBClient;
  stage: Stage;
  region: string;
  /**
   * The other stages sharing the tenants' pools (one credential, every stage): a user onboarded
   * here becomes a member there too, so they can sign in on each stage's client.
   */
  peers?: readonly OnboardingContext[];
}

export interface TenantSpec {
  tenantId: string;
  displayName?: string;
  plan?: string;
  status?: TenantRecord['status'];
  settings?: TenantSettings;
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

/**
 * Creates the tenant's identity, policy store and registry record. For a tenant already
 * registered it only brings the identity up to date (a restarted local Cognito listens on a new
 * port, so its JWKS URL moves).
 */
export async function onboardTenant(ctx: OnboardingContext, spec: TenantSpec): Promise<TenantRecord> {
  const identity = await provisionTenantIdentity(ctx.cognitoEndpoint, { tenantId: spec.tenantId }, STAGES);
  const existing = await registryRecord(ctx, spec.tenantId);
  if (existing) {
    if (JSON.stringify(existing.identity) === JSON.stringify(identity)) return existing;
    const updated = { ...existing, identity, updatedAt: new Date().toISOString() };
    await saveTenant(ctx, updated);
    return updated;
  }
  const kind = spec.tenantId === SYSTEM_TENANT_ID ? 'system' : 'customer';
  const policyStoreId = await createPolicyStore(ctx.avp, kind === 'system' ? 'system' : 'tenant', spec.tenantId);
  const now = new Date().toISOString();
  const record: TenantRecord = {
    tenantId: spec.tenantId,
    kind,
    displayName: spec.displayName ?? spec.tenantId,
    status: spec.status ?? 'active',
    plan: spec.plan ?? (kind === 'system' ? 'system' : 'standard'),
    homeRegion: ctx.region,
    identity,
    policyStoreId,
    settings: { ...DEFAULT_TENANT_SETTINGS, ...spec.settings },
    createdAt: now,
    updatedAt: now,
  };
  await saveTenant(ctx, record);
  return record;
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
  const cognito = new CognitoIdentityProviderClient({ endpoint: ctx.cognitoEndpoint, region: ctx.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: tenant.identity.userPoolId, Username: email }));
    const sub = user.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
    if (!sub) throw new Error(`User ${email} has no sub attribute.`);
    return sub;
  } finally {
    cognito.destroy();
  }
}
