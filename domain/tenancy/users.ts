/**
 * The tenant's directory of its users, in its own partition of the PIM table: who signs in, with
 * which role and employee record. Onboarding writes an entry per user; runners read it to find
 * whom to tell (HR admins), with the tenant's own session.
 */
import { PutItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AdminDisableUserCommand, UserNotFoundException, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { tenantKey } from '../model/keys.ts';
import type { Role } from '../model/tenant-context.ts';
import { userEntryKey, usersWithRolePrefix } from './model/keys.ts';

export interface UserEntry {
  /** Cognito sub. */
  userId: string;
  role: Role;
  employeeId: string | null;
}

/** Records (or refreshes) a user's directory entry. */
export async function saveUserEntry(dynamodb: DynamoDBClient, pimTable: string, tenantId: string, entry: UserEntry): Promise<void> {
  await dynamodb.send(new PutItemCommand({
    TableName: pimTable,
    Item: marshall({ TenantId: tenantKey(tenantId), EntityItem: userEntryKey(entry.role, entry.userId), ...entry }),
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
