/**
 * Who belongs to a tenant, in two places written together:
 * - the membership (TenantRegistry, `MEMBER#<user>`): the record of truth for the user's role and
 *   employee link. The pre-token-generation trigger stamps tokens from it, never from a Cognito
 *   attribute a user might write. Only the control plane can write the registry: tenant sessions
 *   (runners, Lambda resolvers) and AppSync data sources have no access to it.
 * - the tenant's directory entry, in its own partition of the PIM table (`USER#<role>#<user>`):
 *   a copy runners read with the tenant's session to find whom to tell (HR admins).
 */
import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { AdminDisableUserCommand, UserNotFoundException, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { tenantKey } from '../model/keys.ts';
import type { Role } from '../model/tenant-context.ts';
import { memberKey, userEntryKey, usersWithRolePrefix } from './model/keys.ts';

export interface UserEntry {
  /** Cognito sub. */
  userId: string;
  role: Role;
  employeeId: string | null;
  /** The sign-in name (email) when the user was invited through the control plane. */
  email?: string | null;
  /** `disabled`: refused at sign-in and by the authorizer (domain/tenancy/user-admin.ts). Absent: active. */
  status?: 'active' | 'disabled';
}

/** The tables a stage keeps its users in. */
export interface UserTables {
  /** The stage's TenantRegistry table (memberships). */
  registry: string;
  /** The stage's PIM table (the tenant's directory). */
  pim: string;
}

/** A user's membership of a tenant, or null when they have none (they may not sign in). */
export async function readMembership(dynamodb: DynamoDBClient, registryTable: string, tenantId: string, userId: string): Promise<UserEntry | null> {
  const out = await dynamodb.send(new GetItemCommand({
    TableName: registryTable,
    Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: memberKey(userId) } },
    ConsistentRead: true,
  }));
  if (!out.Item) return null;
  const { userId: id, role, employeeId, email, status } = unmarshall(out.Item) as UserEntry;
  return { userId: id, role, employeeId: employeeId ?? null, ...(email ? { email } : {}), ...(status ? { status } : {}) };
}

/**
 * Records (or changes) a user's membership and directory entry in one transaction, conditioned on
 * the membership read first, so a concurrent change of the same user fails rather than leaving the
 * directory listing them under two roles. Re-running with the same entry writes the same items.
 */
export async function saveUserEntry(dynamodb: DynamoDBClient, tables: UserTables, tenantId: string, entry: UserEntry): Promise<void> {
  const previous = await readMembership(dynamodb, tables.registry, tenantId, entry.userId);
  const partition = tenantKey(tenantId);
  // What the entry leaves unsaid (email, status) is carried over from the membership.
  const email = entry.email ?? previous?.email;
  const status = entry.status ?? previous?.status;
  const item = { userId: entry.userId, role: entry.role, employeeId: entry.employeeId, ...(email ? { email } : {}), ...(status ? { status } : {}) };
  const writes: TransactWriteItem[] = [
    {
      Put: {
        TableName: tables.registry,
        Item: marshall({ TenantId: partition, EntityItem: memberKey(entry.userId), ...item }),
        ...(previous
          ? { ConditionExpression: '#role = :previous', ExpressionAttributeNames: { '#role': 'role' }, ExpressionAttributeValues: { ':previous': { S: previous.role } } }
          : { ConditionExpression: 'attribute_not_exists(EntityItem)' }),
      },
    },
    { Put: { TableName: tables.pim, Item: marshall({ TenantId: partition, EntityItem: userEntryKey(entry.role, entry.userId), ...item }) } },
  ];
  if (previous && previous.role !== entry.role) {
    writes.push({ Delete: { TableName: tables.pim, Key: marshall({ TenantId: partition, EntityItem: userEntryKey(previous.role, entry.userId) }) } });
  }
  await dynamodb.send(new TransactWriteItemsCommand({ TransactItems: writes }));
}

/**
 * Records a user's membership alone, for a stage that shares the pool but whose directory lives
 * elsewhere (locally, the stages the stack does not serve have a registry and no PIM table).
 */
export async function saveMembership(dynamodb: DynamoDBClient, registryTable: string, tenantId: string, entry: UserEntry): Promise<void> {
  await dynamodb.send(new PutItemCommand({
    TableName: registryTable,
    Item: marshall({ TenantId: tenantKey(tenantId), EntityItem: memberKey(entry.userId), userId: entry.userId, role: entry.role, employeeId: entry.employeeId }),
  }));
}

/** The users of the tenant holding `role`. */
export async function usersWithRole(dynamodb: DynamoDBClient, pimTable: string, tenantId: string, role: Role): Promise<UserEntry[]> {
  const users: UserEntry[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new QueryCommand({
      TableName: pimTable,
      KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)',
      ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':prefix': { S: usersWithRolePrefix(role) } },
      ExclusiveStartKey: start,
    }));
    for (const item of page.Items ?? []) {
      const { userId, role: held, employeeId } = unmarshall(item) as UserEntry;
      users.push({ userId, role: held, employeeId: employeeId ?? null });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return users;
}

/**
 * Disables a user's sign-in in the tenant's pool (their refresh tokens stop working; ID tokens
 * already issued lapse within their hour). A user already gone counts as disabled.
 */
export async function disableSignIn(cognito: CognitoIdentityProviderClient, userPoolId: string, userId: string): Promise<void> {
  try {
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: userId }));
  } catch (error) {
    if (!(error instanceof UserNotFoundException)) throw error;
  }
}
