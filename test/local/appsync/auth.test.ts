/**
 * Authorization in the local AppSync runtime: the Lambda authorizer contract and its token
 * cache, deniedFields, the @aws_* directive rules and AWS_IAM (SigV4) callers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_ID,
  API_ID,
  bundledFixtures,
  fixtureApi,
  graphqlRequest,
  IAM_ARN,
  IAM_KEY,
  json,
  RESOLVER_CONTEXT,
  signedRequest,
  TOKENS,
} from '../../fixtures/appsync/harness.ts';

let fixtures: Awaited<ReturnType<typeof bundledFixtures>>;
let harness: Awaited<ReturnType<typeof fixtureApi>>;

beforeAll(async () => {
  fixtures = await bundledFixtures();
});

afterAll(async () => {
  await fixtures.remove();
});

beforeEach(async () => {
  harness = await fixtureApi(fixtures.root);
});

async function run(query: string, token: string | null = TOKENS.allow, variables?: Record<string, unknown>) {
  const response = await harness.api.handle(graphqlRequest({ query, ...(variables ? { variables } : {}) }, { token }));
  return { status: response.status, body: json(response) };
}

const unauthorizedField = (field: string, type: string, path: (string | number)[], line: number, column: number) => ({
  path,
  data: null,
  errorType: 'Unauthorized',
  errorInfo: null,
  locations: [{ line, column, sourceName: null }],
  message: `Not Authorized to access ${field} on type ${type}`,
});

describe('Lambda authorizer', () => {
  it('refuses a request without Authorization header with 401 UnauthorizedException, without calling the authorizer', async () => {
    const { status, body } = await run('{ plain }', null);

    expect(status).toBe(401);
    expect(body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] });
    expect(harness.api.authorizerInvocations).toBe(0);
  });

  it('answers 401 UnauthorizedException when the authorizer says isAuthorized: false', async () => {
    const { status, body } = await run('{ plain }', TOKENS.deny);

    expect(status).toBe(401);
    expect(body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] });
  });

  it('answers 401 when the authorizer throws, and asks again on the next request (a failure is not cached)', async () => {
    const first = await run('{ plain }', TOKENS.broken);
    const second = await run('{ plain }', TOKENS.broken);

    expect(first.status).toBe(401);
    expect(first.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] });
    expect(second).toEqual({ status: 200, body: { data: { plain: 'plain value' } } });
    expect(harness.api.authorizerInvocations).toBe(2);
  });

  it('refuses a token longer than 2,048 characters without calling the authorizer', async () => {
    const atLimit = await run('{ plain }', 'x'.repeat(2048));
    const over = await run('{ plain }', 'x'.repeat(2049));

    expect(atLimit.status).toBe(401);
    expect(over.status).toBe(401);
    expect(over.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] });
    expect(harness.authorizer.events.map((e) => e.authorizationToken.length)).toEqual([2048]);
  });

  it('receives AppSync’s event: token, requestContext (api, account, request id, query, operation, variables) and headers', async () => {
    const query = 'query Pick($v: String!) { unit(value: $v) }';
    await run(query, TOKENS.allow, { v: 'x' });

    expect(harness.authorizer.events).toEqual([
      {
        authorizationToken: TOKENS.allow,
        requestContext: {
          apiId: API_ID,
          accountId: ACCOUNT_ID,
          requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          queryString: query,
          operationName: undefined,
          variables: { v: 'x' },
        },
        requestHeaders: { host: '127.0.0.1:4000', 'content-type': 'application/json', authorization: TOKENS.allow },
      },
    ]);
  });

  it('caches a decision by token alone: any later operation with the token reuses it', async () => {
    await run('{ plain }');
    await run('{ unit(value: "other operation") }');
    await run('{ plain }', TOKENS.deny);
    await run('{ plain }', TOKENS.deny);

    expect(harness.api.authorizerInvocations).toBe(2);
    expect(harness.authorizer.events.map((e) => e.authorizationToken)).toEqual([TOKENS.allow, TOKENS.deny]);
  });

  it('does not cache an answer with ttlOverride: 0', async () => {
    await run('{ plain }', TOKENS.uncached);
    await run('{ plain }', TOKENS.uncached);

    expect(harness.api.authorizerInvocations).toBe(2);
  });

  it('does not cache at all when the API’s TTL is 0', async () => {
    harness = await fixtureApi(fixtures.root, { authorizerTtlSeconds: 0 });
    await run('{ plain }');
    await run('{ plain }');

    expect(harness.api.authorizerInvocations).toBe(2);
  });

  it('nulls deniedFields, given as Type.field or as a field ARN, without an error', async () => {
    const { status, body } = await run('{ plain node(id: "n1") { id name } }', TOKENS.deniedFields);

    expect(status).toBe(200);
    expect(body).toEqual({ data: { plain: null, node: { id: 'n1', name: null } } });
  });
});

describe('auth directives (default mode AWS_LAMBDA)', () => {
  it('a field without directives on a type without directives allows the default mode only', async () => {
    const lambda = await run('{ plain }');
    const iam = json(await harness.api.handle(await signedRequest(JSON.stringify({ query: '{\n  plain\n}' }))));

    expect(lambda.body).toEqual({ data: { plain: 'plain value' } });
    expect(iam).toEqual({ data: { plain: null }, errors: [unauthorizedField('plain', 'Query', ['plain'], 2, 3)] });
  });

  it('a field directive replaces the default mode: @aws_iam alone refuses a Lambda caller', async () => {
    const { body } = await run('{ iamOnly both }');

    expect(body).toEqual({ data: { iamOnly: null, both: 'both modes' }, errors: [unauthorizedField('iamOnly', 'Query', ['iamOnly'], 1, 3)] });
  });

  it('a type directive applies to its fields, and a field directive overrides it', async () => {
    const { body } = await run('{ open { shared iamField } }');

    expect(body).toEqual({
      data: { open: { shared: 'shared value', iamField: null } },
      errors: [unauthorizedField('iamField', 'Open', ['open', 'iamField'], 1, 17)],
    });
  });

  it('the return type’s directives are checked too: a Lambda caller cannot read a field returning an @aws_iam type', async () => {
    const { body } = await run('{ restricted { value } }');

    expect(body).toEqual({ data: { restricted: null }, errors: [unauthorizedField('restricted', 'Query', ['restricted'], 1, 3)] });
  });
});

describe('AWS_IAM callers (SigV4)', () => {
  const body = JSON.stringify({ query: '{ iamOnly both restricted { value } open { shared iamField } node(id: "n1") { id } }' });

  it('accepts a request signed with the configured credentials, as the IAM identity', async () => {
    const response = await harness.api.handle(await signedRequest(body));

    expect(response.status).toBe(200);
    expect(json(response)).toEqual({
      data: {
        iamOnly: 'iam only',
        both: 'both modes',
        restricted: { value: 'restricted value' },
        open: { shared: 'shared value', iamField: 'iam field value' },
        node: null,
      },
      errors: [unauthorizedField('node', 'Query', ['node'], 1, 62)],
    });
    expect(harness.api.authorizerInvocations).toBe(0);
  });

  it.each([
    ['a wrong secret', { secretAccessKey: 'not-the-secret' }],
    ['an unknown access key', { accessKeyId: 'AKIAUNKNOWN00000' }],
    ['another region', { region: 'eu-west-1' }],
    ['an x-amz-date 20 minutes old', { signingDate: new Date(Date.now() - 20 * 60 * 1000) }],
    ['an x-amz-date 20 minutes ahead', { signingDate: new Date(Date.now() + 20 * 60 * 1000) }],
  ])('refuses %s with 403', async (_name, options) => {
    const response = await harness.api.handle(await signedRequest(body, options));

    expect(response.status).toBe(403);
    expect(json(response)).toEqual({ errors: [{ errorType: 'InvalidSignatureException', message: expect.any(String) }] });
  });

  it('refuses a signed request whose body was changed afterwards (with or without the x-amz-content-sha256 header)', async () => {
    const signed = await signedRequest(body);
    const tampered = JSON.stringify({ query: '{ both }' });
    const withoutHash = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'x-amz-content-sha256'));

    expect(signed.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect((await harness.api.handle({ ...signed, body: tampered })).status).toBe(403);
    expect((await harness.api.handle({ ...signed, headers: withoutHash, body: tampered })).status).toBe(403);
  });

  it('refuses a signed request whose signed header was changed', async () => {
    const signed = await signedRequest(body);

    expect((await harness.api.handle({ ...signed, headers: { ...signed.headers, host: 'elsewhere:4000' } })).status).toBe(403);
  });
});

describe('what resolvers see of the caller', () => {
  it('an IAM caller: ctx.identity with account, principal ARN, access key and source IP; util.authType() "IAM Authorization"', async () => {
    const response = await harness.api.handle(await signedRequest(JSON.stringify({ query: '{ caller }' })));

    expect(json(response)).toEqual({ data: { caller: 'IAM Authorization' } });
    expect(harness.recording.requests).toEqual([
      {
        payload: {
          authType: 'IAM Authorization',
          identity: {
            accountId: ACCOUNT_ID,
            userArn: IAM_ARN,
            username: IAM_KEY.accessKeyId,
            sourceIp: ['127.0.0.1'],
            cognitoIdentityPoolId: null,
            cognitoIdentityId: null,
            cognitoIdentityAuthType: null,
            cognitoIdentityAuthProvider: null,
          },
        },
      },
    ]);
  });

  it('a Lambda-authorized caller: ctx.identity is just { resolverContext }; util.authType() "Lambda Authorization"', async () => {
    const { body } = await run('{ caller }');

    expect(body).toEqual({ data: { caller: 'Lambda Authorization' } });
    expect(harness.recording.requests).toEqual([{ payload: { authType: 'Lambda Authorization', identity: { resolverContext: RESOLVER_CONTEXT } } }]);
  });
});
