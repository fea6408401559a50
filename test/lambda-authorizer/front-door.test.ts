/** The front door through HTTP: real Cognito tokens, the deployable authorizer bundle, AppSync's 401. */
import { UserLambdaValidationException } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../local/cognito.ts';
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

  it("gives the same user no token for a stage whose registry does not vouch for its client (one credential, the stage decides)", async () => {
    // The pool has a Staging client, but only Staging's own registry could vouch for it, and this
    // Dev stack has none: the shared trigger refuses at sign-in. (A token of another environment
    // reaching the door is refused by the authorizer: verify.test.ts, 'another environment'.)
    const acme = await stack.onboardTenant({ tenantId: 'acme' });
    const staging = signIn(stack.cognito.endpoint, acme.identity.clientIds.Staging!, 'door@acme.test', 'Demo-Passw0rd!');
    await expect(staging).rejects.toBeInstanceOf(UserLambdaValidationException);
    await expect(staging).rejects.toThrow(/not a stage client of tenant "acme"/);
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
