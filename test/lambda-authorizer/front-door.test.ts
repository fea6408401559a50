/** The front door through HTTP: real Cognito tokens, the deployable authorizer bundle, AppSync's 401. */
import { AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient, NotAuthorizedException, UpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../local/cognito.ts';
import { DEMO_PASSWORD } from '../../local/seed.ts';
import type { StackHandle } from '../../local/stack.ts';
import { graphqlWith, startTestStack } from '../support/stack.ts';

const QUERY = '{ employees(limit: 1) { items { id } } }';
let stack: StackHandle;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.addUser({ email: 'door@acme.test', tenantId: 'acme', role: 'TenantAdmin' });
});

afterAll(async () => {
  await stack?.stop();
});

async function status(token: string): Promise<number> {
  return (await graphqlWith(stack, token)(QUERY)).status;
}

describe('the authorizer at the door', () => {
  it('lets a token of this stage in', async () => {
    expect(await status(await stack.signIn('door@acme.test'))).toBe(200);
  });

  it('gives the same user a token for every stage, and lets in only the one for this stage (one credential, the stage decides)', async () => {
    // The local stack keeps every stage's registry, so the shared trigger stamps each stage's
    // client with its stage; this Dev API refuses the others at the door. (A registry that does not
    // vouch for a client refuses the sign-in itself: identity.test.ts.)
    const staging = await stack.signIn('door@acme.test', undefined, 'Staging');
    const prod = await stack.signIn('door@acme.test', undefined, 'Prod');
    expect([staging, prod].map((t) => (JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) as Record<string, string>)['custom:environment'])).toEqual(['Staging', 'Prod']);
    expect(await status(staging)).toBe(401);
    expect(await status(prod)).toBe(401);
  });

  it('refuses garbage, a forged signature and a token from another tenant pool claiming acme', async () => {
    const good = await stack.signIn('door@acme.test');
    const [header, payload] = good.split('.');
    expect(await status('not-a-token')).toBe(401);
    expect(await status(`${header}.${payload}.${'A'.repeat(342)}`)).toBe(401);
    await stack.addUser({ email: 'door@globex.test', tenantId: 'globex', role: 'TenantAdmin' });
    const globex = await stack.signIn('door@globex.test');
    const forged = JSON.parse(Buffer.from(globex.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    forged['custom:tenantId'] = 'acme';
    const [gHeader, , gSignature] = globex.split('.');
    expect(await status(`${gHeader}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${gSignature}`)).toBe(401);
  });
});

describe('a plain user who gives themselves the admin role', () => {
  const JOBS = '{ jobs(limit: 1) { items { id } } }';

  it('is refused by the pool, and a role attribute that got through anyway changes nothing: still a TenantUser', async () => {
    const email = 'plain@acme.test';
    await stack.addUser({ email, tenantId: 'acme', role: 'TenantUser' });
    const acme = stack.cognito.pools.acme!;
    const cognito = new CognitoIdentityProviderClient({ endpoint: stack.cognito.endpoint, region: stack.region, credentials: stack.credentials });
    try {
      // Given a signed-in plain user, who may not list jobs.
      const before = await signIn(stack.cognito.endpoint, acme.clientIds.Dev!, email, DEMO_PASSWORD);
      const plain = await graphqlWith(stack, before.idToken)(JOBS);
      expect(plain.errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
      // When they write their own role attribute, the pool refuses (as AWS enforces the client's write attributes).
      const attempt = cognito.send(new UpdateUserAttributesCommand({ AccessToken: before.accessToken, UserAttributes: [{ Name: 'custom:tenantRole', Value: 'TenantAdmin' }] }));
      await expect(attempt).rejects.toBeInstanceOf(NotAuthorizedException);
      // And where a pool let it through, signing in again still yields a TenantUser.
      await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: acme.userPoolId, Username: email, UserAttributes: [{ Name: 'custom:tenantRole', Value: 'TenantAdmin' }] }));
      const after = await stack.signIn(email);
      expect((JSON.parse(Buffer.from(after.split('.')[1]!, 'base64url').toString()) as Record<string, string>)['custom:tenantRole']).toBe('TenantUser');
      const again = await graphqlWith(stack, after)(JOBS);
      expect(again.errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
    } finally {
      cognito.destroy();
    }
  });
});
