/**
 * A tenant's Cognito user pool and its app clients, made the one way the product makes them
 * (onboarding; the identity tests build pools with the same calls).
 */
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { STAGES, type Stage } from '../model/stage.ts';
import { CLIENT_READ_ATTRIBUTES, CLIENT_WRITE_ATTRIBUTES, POOL_SCHEMA, stageClientName, tenantPoolName, TOKEN_VALIDITY_MINUTES } from './identity.ts';

/** The id of the tenant's pool (found by its name), or undefined. */
export async function findTenantPool(cognito: CognitoIdentityProviderClient, tenantId: string): Promise<string | undefined> {
  const name = tenantPoolName(tenantId);
  const found: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
    for (const pool of page.UserPools ?? []) if (pool.Name === name && pool.Id) found.push(pool.Id);
    NextToken = page.NextToken;
  } while (NextToken);
  if (found.length > 1) throw new Error(`More than one user pool is named ${name}`);
  return found[0];
}

/** Creates the tenant's pool: e-mail sign-in, admin-created users only, the custom attributes, the shared pre-token trigger. */
export async function createTenantPool(cognito: CognitoIdentityProviderClient, tenantId: string, preTokenGenerationArn: string): Promise<string> {
  const created = await cognito.send(new CreateUserPoolCommand({
    PoolName: tenantPoolName(tenantId),
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    Schema: POOL_SCHEMA,
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
    LambdaConfig: { PreTokenGeneration: preTokenGenerationArn },
    UserPoolTags: { tenantId },
  }));
  const userPoolId = created.UserPool?.Id;
  if (!userPoolId) throw new Error(`CreateUserPool returned no id for ${tenantPoolName(tenantId)}`);
  return userPoolId;
}

/** One app client per stage in the pool (those missing are created), by stage. */
export async function ensureStageClients(cognito: CognitoIdentityProviderClient, UserPoolId: string, stages: readonly Stage[] = STAGES): Promise<Partial<Record<Stage, string>>> {
  const existing = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 60 }));
  const clientIds: Partial<Record<Stage, string>> = {};
  for (const stage of stages) {
    const ClientName = stageClientName(stage);
    let clientId = existing.UserPoolClients?.find((c) => c.ClientName === ClientName)?.ClientId;
    if (!clientId) {
      const created = await cognito.send(new CreateUserPoolClientCommand({
        UserPoolId,
        ClientName,
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        ReadAttributes: [...CLIENT_READ_ATTRIBUTES],
        WriteAttributes: [...CLIENT_WRITE_ATTRIBUTES],
        AccessTokenValidity: TOKEN_VALIDITY_MINUTES,
        IdTokenValidity: TOKEN_VALIDITY_MINUTES,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      }));
      clientId = created.UserPoolClient?.ClientId;
      if (!clientId) throw new Error(`CreateUserPoolClient returned no id for ${ClientName}`);
    }
    clientIds[stage] = clientId;
  }
  return clientIds;
}
