/**
 * Users and their roles, administered by a tenant's admins (and system admins) through the
 * control plane: invite, disable and enable, change role, link to an employee record, list.
 *
 * The membership (TenantRegistry `MEMBER#<user>`) stays the record of truth; the directory entry
 * (PIM `USER#<role>#<user>`) follows it in the same transaction (domain/tenancy/users.ts). A
 * disabled user is refused three ways: Cognito (AdminDisableUser: no sign-in, its tokens
 * revoked), the pre-token trigger (membership status), and the authorizer for tokens already
 * issued (the tenant record's `disabledUsers`, which the authorizer's registry snapshot holds:
 * within its cache bound, 60 s).
 *
 * Rules: only the tenant's own roles can be given (never a system role in a customer tenant);
 * a user id names a member of this tenant or is NOT_FOUND (another tenant's users are out of
 * reach); the last active admin can be neither demoted nor disabled (CONFLICT).
 */
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  ListUsersCommand,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetItemCommand, QueryCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreatePolicyCommand, DeletePolicyCommand, ListPoliciesCommand, type VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { CEDAR_NAMESPACE } from '../model/authorization.ts';
import { templateIds } from '../../lambda-authorizer/provision.ts';
import { DomainError } from '../domain-error.ts';
import type { Logger } from '../logger.ts';
import type { FieldProblem } from '../model/errors.ts';
import { isValidEntityId, tenantKey } from '../model/keys.ts';
import type { Stage } from '../model/stage.ts';
import { tableName } from '../model/tables.ts';
import { SYSTEM_ROLES, SYSTEM_TENANT_ID, TENANT_ROLES, type Role } from '../model/tenant-context.ts';
import { employeeItemKey } from '../people/model/keys.ts';
import { readTenant, type LifecycleRecord } from './lifecycle.ts';
import { TENANCY_PREFIXES } from './model/keys.ts';
import { temporaryPassword } from './onboarding.ts';
import { countUsers, enforceLimit } from './quotas.ts';
import { REGISTRY_ITEM } from './registry.ts';
import { readMembership, saveUserEntry, usersWithRole, type UserEntry } from './users.ts';

export interface UserAdminServices {
  stage: Stage;
  /** The control plane's client: the registry and the tenant's directory. */
  dynamodb: DynamoDBClient;
  cognito: CognitoIdentityProviderClient;
  avp: VerifiedPermissionsClient;
  temporaryPassword?: () => string;
  logger?: Logger;
}

/** A user as the API shows them. */
export interface TenantUserView {
  userId: string;
  email: string | null;
  role: Role;
  employeeId: string | null;
  status: 'ACTIVE' | 'DISABLED';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL = 254;
const SELF_SERVICE = 'SelfService';

function tables(stage: Stage) {
  return { registry: tableName('TenantRegistry', stage), pim: tableName('PIM', stage) };
}

function view(entry: UserEntry): TenantUserView {
  return { userId: entry.userId, email: entry.email ?? null, role: entry.role, employeeId: entry.employeeId, status: entry.status === 'disabled' ? 'DISABLED' : 'ACTIVE' };
}

/** The roles a tenant's users may hold: a customer tenant's three, the system tenant's own. */
function rolesOf(tenantId: string): readonly string[] {
  return tenantId === SYSTEM_TENANT_ID ? SYSTEM_ROLES : TENANT_ROLES;
}

function checkRole(tenantId: string, role: unknown, field: string): Role {
  if (typeof role !== 'string' || !rolesOf(tenantId).includes(role)) {
    const system = typeof role === 'string' && (SYSTEM_ROLES as readonly string[]).includes(role);
    throw new DomainError('VALIDATION_ERROR', system ? 'A system role cannot be given to a tenant\'s user.' : 'Unknown role.', [
      { field, message: `One of ${rolesOf(tenantId).join(', ')}${system ? ' (system roles belong to the platform\'s own staff)' : ''}.` },
    ]);
  }
  return role as Role;
}

async function liveTenant(services: UserAdminServices, tenantId: string): Promise<LifecycleRecord> {
  const record = await readTenant(services, tenantId);
  if (record.status !== 'active') throw new DomainError('CONFLICT', `Tenant ${tenantId} is ${record.status}: its users cannot be changed now.`);
  return record;
}

/** The member `userId` of this tenant; NOT_FOUND for anyone else (another tenant's users included). */
async function memberOrNotFound(services: UserAdminServices, tenantId: string, userId: unknown): Promise<UserEntry> {
  if (typeof userId !== 'string' || !isValidEntityId(userId)) {
    throw new DomainError('VALIDATION_ERROR', 'The user id is malformed.', [{ field: 'userId', message: 'A user id.' }]);
  }
  const member = await readMembership(services.dynamodb, tables(services.stage).registry, tenantId, userId);
  if (!member) throw new DomainError('NOT_FOUND', `No user ${userId} in this tenant.`);
  return member;
}

async function employeeExists(services: UserAdminServices, tenantId: string, employeeId: string): Promise<boolean> {
  const out = await services.dynamodb.send(new GetItemCommand({
    TableName: tables(services.stage).pim,
    Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: employeeItemKey(employeeId) } },
    ProjectionExpression: 'EntityItem',
    ConsistentRead: true,
  }));
  return out.Item !== undefined;
}

async function checkEmployee(services: UserAdminServices, tenantId: string, employeeId: unknown, field: string): Promise<string | null> {
  if (employeeId === null || employeeId === undefined) return null;
  if (typeof employeeId !== 'string' || !isValidEntityId(employeeId) || !(await employeeExists(services, tenantId, employeeId))) {
    throw new DomainError('VALIDATION_ERROR', 'No such employee in this tenant.', [{ field, message: 'The id of an employee of this tenant.' }]);
  }
  return employeeId;
}

/** The active admins other than `userId`. */
async function otherActiveAdmins(services: UserAdminServices, tenantId: string, userId: string): Promise<number> {
  const adminRole: Role = tenantId === SYSTEM_TENANT_ID ? 'SystemAdmin' : 'TenantAdmin';
  const admins = await usersWithRole(services.dynamodb, tables(services.stage).pim, tenantId, adminRole);
  const active = await Promise.all(admins.filter((a) => a.userId !== userId).map((a) => readMembership(services.dynamodb, tables(services.stage).registry, tenantId, a.userId)));
  return active.filter((m) => m && m.role === adminRole && m.status !== 'disabled').length;
}

async function refuseLastAdmin(services: UserAdminServices, tenantId: string, member: UserEntry, what: string): Promise<void> {
  const adminRole: Role = tenantId === SYSTEM_TENANT_ID ? 'SystemAdmin' : 'TenantAdmin';
  if (member.role !== adminRole || member.status === 'disabled') return;
  if ((await otherActiveAdmins(services, tenantId, member.userId)) === 0) {
    throw new DomainError('CONFLICT', `User ${member.userId} is the tenant's last active admin: make another user an admin before you ${what} them.`, [], { reason: 'LAST_ADMIN' });
  }
}

/** Keeps the tenant record's `disabledUsers` (what the authorizer refuses) in step with a membership. */
async function markDisabled(services: UserAdminServices, tenantId: string, userId: string, disabled: boolean): Promise<void> {
  await services.dynamodb.send(new UpdateItemCommand({
    TableName: tables(services.stage).registry,
    Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
    UpdateExpression: `${disabled ? 'ADD' : 'DELETE'} disabledUsers :user`,
    ConditionExpression: 'attribute_exists(EntityItem)',
    ExpressionAttributeValues: { ':user': { SS: [userId] } },
  }));
}

/** The SelfService links of a user (template-linked policies with them as principal). */
async function selfServiceLinks(services: UserAdminServices, policyStoreId: string, userId: string): Promise<string[]> {
  const templateId = (await templateIds(services.avp, policyStoreId))[SELF_SERVICE];
  if (!templateId) return [];
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await services.avp.send(new ListPoliciesCommand({
      policyStoreId,
      nextToken,
      filter: { principal: { identifier: { entityType: `${CEDAR_NAMESPACE}::User`, entityId: userId } }, policyTemplateId: templateId },
    }));
    for (const policy of page.policies ?? []) if (policy.policyId) ids.push(policy.policyId);
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
}

/** Makes the user's SelfService link name `employeeId` (or nothing): the link is created before the old ones go. */
async function relinkSelfService(services: UserAdminServices, policyStoreId: string, userId: string, employeeId: string | null): Promise<void> {
  const existing = await selfServiceLinks(services, policyStoreId, userId);
  let kept: string | undefined;
  if (employeeId) {
    const templateId = (await templateIds(services.avp, policyStoreId))[SELF_SERVICE];
    if (!templateId) throw new Error(`Policy store ${policyStoreId} has no ${SELF_SERVICE} template.`);
    const created = await services.avp.send(new CreatePolicyCommand({
      policyStoreId,
      // The same link asked twice is one link (a retried request).
      clientToken: `ss-${userId}-${employeeId}`.slice(0, 64),
      definition: { templateLinked: { policyTemplateId: templateId, principal: { entityType: `${CEDAR_NAMESPACE}::User`, entityId: userId }, resource: { entityType: `${CEDAR_NAMESPACE}::Employee`, entityId: employeeId } } },
    }));
    kept = created.policyId;
  }
  for (const policyId of existing) {
    if (policyId !== kept) await services.avp.send(new DeletePolicyCommand({ policyStoreId, policyId }));
  }
}

/**
 * Records on the employee who their user is (notifications about the record go to that user), or
 * with `userId` null takes `previous` off it (only if it is still theirs).
 */
async function setEmployeeUser(services: UserAdminServices, tenantId: string, employeeId: string, userId: string | null, previous?: string): Promise<void> {
  await services.dynamodb.send(new UpdateItemCommand({
    TableName: tables(services.stage).pim,
    Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: employeeItemKey(employeeId) } },
    UpdateExpression: userId ? 'SET UserId = :user' : 'REMOVE UserId',
    ConditionExpression: userId ? 'attribute_exists(EntityItem)' : 'UserId = :was',
    ExpressionAttributeValues: userId ? { ':user': { S: userId } } : { ':was': { S: previous ?? '' } },
  })).catch((error: Error) => {
    // The record is gone, or already names someone else: nothing of ours to change.
    if (error.name !== 'ConditionalCheckFailedException') throw error;
  });
}

export interface InviteUserInput {
  email: string;
  role: string;
  employeeId?: string | null;
}

/**
 * Invites a user: a Cognito user with a temporary password (emailed by Cognito), their
 * membership and directory entry, the SelfService link when they are an employee. Resumable: the
 * same invitation again finds the Cognito user it made and completes the rest; a member already
 * recorded under that email is CONFLICT. The plan's user limit applies (LIMIT_EXCEEDED).
 */
export async function inviteUser(services: UserAdminServices, tenantId: string, input: InviteUserInput, by: string): Promise<TenantUserView> {
  const problems: FieldProblem[] = [];
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
  if (!EMAIL.test(email) || email.length > MAX_EMAIL) problems.push({ field: 'email', message: 'An email address, like jo@example.com.' });
  let role: Role | undefined;
  try {
    role = checkRole(tenantId, input.role, 'role');
  } catch (error) {
    problems.push(...(error as DomainError).fields);
  }
  if (problems.length > 0) throw new DomainError('VALIDATION_ERROR', 'The invitation is invalid; see errorInfo for each field.', problems);
  const record = await liveTenant(services, tenantId);
  const employeeId = await checkEmployee(services, tenantId, input.employeeId, 'employeeId');
  const { pim, registry } = tables(services.stage);
  const UserPoolId = record.identity.userPoolId;

  const found = await services.cognito.send(new AdminGetUserCommand({ UserPoolId, Username: email })).catch((error: unknown) => {
    if (error instanceof UserNotFoundException || (error as Error).name === 'UserNotFoundException') return undefined;
    throw error;
  });
  const existingSub = found?.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
  if (existingSub && (await readMembership(services.dynamodb, registry, tenantId, existingSub))) {
    throw new DomainError('CONFLICT', `${email} is a user of this tenant already.`);
  }
  await enforceLimit(record.plan, 'users', (cap) => countUsers(services.dynamodb, pim, tenantId, cap));
  let userId = existingSub;
  if (!userId) {
    const created = await services.cognito.send(new AdminCreateUserCommand({
      UserPoolId,
      Username: email,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
        // Only used to find the tenant at sign-in; role and employee link are the membership's.
        { Name: 'custom:tenantId', Value: tenantId },
      ],
      TemporaryPassword: (services.temporaryPassword ?? temporaryPassword)(),
      DesiredDeliveryMediums: ['EMAIL'],
    }));
    userId = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
    if (!userId) throw new Error('AdminCreateUser returned no sub');
  }
  const entry: UserEntry = { userId, role: role!, employeeId, email, status: 'active' };
  await saveUserEntry(services.dynamodb, { registry, pim }, tenantId, entry);
  if (employeeId) {
    await setEmployeeUser(services, tenantId, employeeId, userId);
    await relinkSelfService(services, record.policyStoreId, userId, employeeId);
  }
  services.logger?.info('user invited', { tenantId, userId, role, linked: employeeId !== null, by });
  return view(entry);
}

/** Disables a user: no sign-in, no API (within the authorizer's bound), their Cognito tokens revoked. */
export async function disableUser(services: UserAdminServices, tenantId: string, userId: unknown, by: string): Promise<TenantUserView> {
  const record = await liveTenant(services, tenantId);
  const member = await memberOrNotFound(services, tenantId, userId);
  if (member.userId === by) throw new DomainError('CONFLICT', 'You cannot disable yourself.', [], { reason: 'SELF' });
  await refuseLastAdmin(services, tenantId, member, 'disable');
  const entry: UserEntry = { ...member, status: 'disabled' };
  await saveUserEntry(services.dynamodb, tables(services.stage), tenantId, entry);
  await markDisabled(services, tenantId, member.userId, true);
  const Username = await cognitoUsername(services, record.identity.userPoolId, member);
  if (Username) {
    // Cognito's AdminDisableUser also revokes the user's access and refresh tokens (no separate global sign-out).
    await services.cognito.send(new AdminDisableUserCommand({ UserPoolId: record.identity.userPoolId, Username })).catch(ignoreMissingUser);
  }
  services.logger?.info('user disabled', { tenantId, userId: member.userId, by });
  return view(entry);
}

/** Enables a disabled user again: they sign in as before. */
export async function enableUser(services: UserAdminServices, tenantId: string, userId: unknown, by: string): Promise<TenantUserView> {
  const record = await liveTenant(services, tenantId);
  const member = await memberOrNotFound(services, tenantId, userId);
  const entry: UserEntry = { ...member, status: 'active' };
  const Username = await cognitoUsername(services, record.identity.userPoolId, member);
  if (Username) await services.cognito.send(new AdminEnableUserCommand({ UserPoolId: record.identity.userPoolId, Username })).catch(ignoreMissingUser);
  await saveUserEntry(services.dynamodb, tables(services.stage), tenantId, entry);
  await markDisabled(services, tenantId, member.userId, false);
  services.logger?.info('user enabled', { tenantId, userId: member.userId, by });
  return view(entry);
}

/** Gives a user another of the tenant's roles; applies at their next sign-in (tokens carry the role). */
export async function setUserRole(services: UserAdminServices, tenantId: string, userId: unknown, role: unknown, by: string): Promise<TenantUserView> {
  const checked = checkRole(tenantId, role, 'role');
  await liveTenant(services, tenantId);
  const member = await memberOrNotFound(services, tenantId, userId);
  if (member.role === checked) return view(member);
  await refuseLastAdmin(services, tenantId, member, 'demote');
  const entry: UserEntry = { ...member, role: checked };
  await saveUserEntry(services.dynamodb, tables(services.stage), tenantId, entry);
  services.logger?.info('user role changed', { tenantId, userId: member.userId, from: member.role, to: checked, by });
  return view(entry);
}

/**
 * Links a user to their employee record (or unlinks, with null): the membership's link (stamped
 * into their next token), the employee's UserId, and the SelfService template link.
 */
export async function linkUserToEmployee(services: UserAdminServices, tenantId: string, userId: unknown, employeeId: unknown, by: string): Promise<TenantUserView> {
  const record = await liveTenant(services, tenantId);
  const member = await memberOrNotFound(services, tenantId, userId);
  const linked = await checkEmployee(services, tenantId, employeeId, 'employeeId');
  const entry: UserEntry = { ...member, employeeId: linked };
  await saveUserEntry(services.dynamodb, tables(services.stage), tenantId, entry);
  if (member.employeeId && member.employeeId !== linked) await setEmployeeUser(services, tenantId, member.employeeId, null, member.userId);
  if (linked) await setEmployeeUser(services, tenantId, linked, member.userId);
  await relinkSelfService(services, record.policyStoreId, member.userId, linked);
  services.logger?.info('user linked to employee', { tenantId, userId: member.userId, linked: linked !== null, by });
  return view(entry);
}

/** The tenant's users, a page at a time (limit 1-100, default 50), by user id. */
export async function tenantUsers(services: UserAdminServices, tenantId: string, limit: number | null | undefined, nextToken: string | null | undefined): Promise<{ items: TenantUserView[]; nextToken: string | null }> {
  const size = limit ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > 100) throw new DomainError('VALIDATION_ERROR', 'limit is 1 to 100.', [{ field: 'limit', message: 'A whole number from 1 to 100.' }]);
  let start: Record<string, AttributeValue> | undefined;
  if (nextToken) {
    let key = '';
    try {
      key = Buffer.from(nextToken, 'base64url').toString('utf8');
    } catch {
      key = '';
    }
    if (!key.startsWith(TENANCY_PREFIXES.member)) throw new DomainError('INVALID_PAGINATION_TOKEN', 'The nextToken is malformed or belongs to another query; start again without it.');
    start = { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: key } };
  }
  const page = await services.dynamodb.send(new QueryCommand({
    TableName: tables(services.stage).registry,
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :member)',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':member': { S: TENANCY_PREFIXES.member } },
    Limit: size,
    ExclusiveStartKey: start,
    ConsistentRead: true,
  }));
  const items = (page.Items ?? []).map((item) => {
    const { userId, role, employeeId, email, status } = unmarshall(item) as UserEntry;
    return view({ userId, role, employeeId: employeeId ?? null, email: email ?? null, status });
  });
  const last = page.LastEvaluatedKey?.EntityItem?.S;
  return { items, nextToken: last ? Buffer.from(last, 'utf8').toString('base64url') : null };
}

/** The user's Cognito username: their invitation email, or found by their sub (users made before invitations recorded it). */
async function cognitoUsername(services: UserAdminServices, userPoolId: string, member: UserEntry): Promise<string | undefined> {
  if (member.email) return member.email;
  const found = await services.cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: `sub = "${member.userId}"`, Limit: 1 }));
  return found.Users?.[0]?.Username;
}

function ignoreMissingUser(error: unknown): void {
  if (error instanceof UserNotFoundException || (error as Error).name === 'UserNotFoundException') return;
  throw error;
}
