// authTypeForIdentity against the util.authType() answers AppSync's EvaluateCode gave for each
// identity shape (localstack/appsync-utils __tests__/__snapshots__/authType.test.js.snap), and
// util.authType() reading the invocation.
import { describe, expect, it } from 'vitest';
import { authTypeForIdentity } from '../../../../local/appsync/runtime/index.ts';
import { typedUtils } from './fixtures.ts';

const COGNITO_ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc123';
const IAM = {
  accountId: '123456789012',
  cognitoIdentityPoolId: null,
  cognitoIdentityId: null,
  sourceIp: ['1.2.3.4'],
  username: 'AKIAIOSFODNN7EXAMPLE',
  userArn: 'arn:aws:iam::123456789012:user/alice',
  cognitoIdentityAuthType: null,
  cognitoIdentityAuthProvider: null,
};
const IAM_FROM_IDENTITY_POOL = {
  ...IAM,
  cognitoIdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000',
  cognitoIdentityId: 'us-east-1:11111111-1111-1111-1111-111111111111',
  username: 'AROAEXAMPLE:CognitoIdentityCredentials',
  userArn: 'arn:aws:sts::123456789012:assumed-role/authRole/CognitoIdentityCredentials',
  cognitoIdentityAuthType: 'authenticated',
  cognitoIdentityAuthProvider: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc123',
};
const USER_POOL = {
  sourceIp: ['1.2.3.4'],
  username: 'alice',
  groups: ['admins'],
  sub: 'sub-1',
  issuer: COGNITO_ISSUER,
  claims: { sub: 'sub-1', iss: COGNITO_ISSUER, 'cognito:username': 'alice', token_use: 'id' },
  defaultAuthStrategy: 'ALLOW',
};
const OIDC = {
  sub: 'sub-1',
  issuer: 'https://accounts.example.com',
  claims: { sub: 'sub-1', iss: 'https://accounts.example.com' },
};

const without = (identity: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(identity).filter(([name]) => name !== key));

describe('the mode an identity names', () => {
  it.each([
    ['no identity', undefined, 'API Key Authorization'],
    ['a null identity', null, 'API Key Authorization'],
    ['a resolver context', { resolverContext: { userId: 'alice' } }, 'Lambda Authorization'],
    ['an Event API handler context', { handlerContext: {} }, 'Lambda Authorization'],
    ['an identity without keys', {}, 'Lambda Authorization'],
    ['an IAM identity, username and all', IAM, 'IAM Authorization'],
    ['an IAM identity from a Cognito identity pool', IAM_FROM_IDENTITY_POOL, 'IAM Authorization'],
    ['a user pool identity', USER_POOL, 'User Pool Authorization'],
    ['a user pool identity without groups', without(USER_POOL, 'groups'), 'User Pool Authorization'],
    ['a subject, an issuer and claims', OIDC, 'Open ID Connect Authorization'],
  ])('%s', (_name, identity, expected) => {
    expect(authTypeForIdentity(identity)).toBe(expected);
  });
});

describe('an identity that names no single mode falls back to an API key', () => {
  it.each([
    ['an IAM identity missing its user ARN', without(IAM, 'userArn')],
    ['an IAM identity whose source IP is null', { ...IAM, sourceIp: null }],
    ['a user pool identity missing its default auth strategy', without(USER_POOL, 'defaultAuthStrategy')],
    ['a user pool identity missing its source IP', without(USER_POOL, 'sourceIp')],
    ['only claims', { claims: OIDC.claims }],
    ['OIDC fields beside a username', { ...OIDC, username: 'alice' }],
  ])('%s', (_name, identity) => {
    expect(authTypeForIdentity(identity)).toBe('API Key Authorization');
  });
});

describe('util.authType()', () => {
  it('answers what the invocation says', () => {
    expect(typedUtils({ authType: 'IAM Authorization' }).util.authType()).toBe('IAM Authorization');
    expect(typedUtils().util.authType()).toBe('Lambda Authorization');
  });
});
