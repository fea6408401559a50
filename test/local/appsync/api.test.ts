/**
 * Conformance of the local AppSync runtime as a client or resolver author sees it: pipelines,
 * earlyReturn, errors, the resolver context and the HTTP contract of POST /graphql.
 * Fixture schema and resolvers: test/fixtures/appsync/.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundledFixtures, ENVIRONMENT, fixtureApi, graphqlRequest, json, RESOLVER_CONTEXT, TOKENS } from '../../fixtures/appsync/harness.ts';

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

async function run(query: string, variables?: Record<string, unknown>, options: Parameters<typeof graphqlRequest>[1] = {}) {
  const response = await harness.api.handle(graphqlRequest({ query, ...(variables ? { variables } : {}) }, options));
  return { status: response.status, body: json(response) };
}

const payloads = () => harness.recording.requests.map((r) => (r as { payload: unknown }).payload);

describe('pipeline resolvers', () => {
  it('run before → functions in manifest order (request, data source, response) → after, sharing ctx.stash', async () => {
    const { status, body } = await run('{ pipeline { trace } }');

    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        pipeline: {
          trace: ['before', 'A:request', 'A:response', 'B:request', 'B:response', 'C:request', 'C:response', 'after'],
        },
      },
    });
  });

  it('hand each step the previous result in ctx.prev.result, starting with the before handler’s value', async () => {
    const { body } = await run('{ pipeline { prev } }');

    const a = { step: 'A', result: { step: 'A', prev: { from: 'before' } } };
    const b = { step: 'B', result: { step: 'B', prev: a } };
    const c = { step: 'C', result: { step: 'C', prev: b } };
    expect(JSON.parse((body.data as { pipeline: { prev: string } }).pipeline.prev)).toEqual(c);
    expect(payloads()).toEqual([
      { step: 'A', prev: { from: 'before' } },
      { step: 'B', prev: a },
      { step: 'C', prev: b },
    ]);
  });

  it('keep one stash per field resolution: a second field starts with an empty stash', async () => {
    const { body } = await run('{ first: pipeline { trace } second: pipeline { trace } }');

    const data = body.data as Record<string, { trace: string[] }>;
    expect(data.first!.trace[0]).toBe('before');
    expect(data.second!.trace).toEqual(data.first!.trace);
  });
});

describe('runtime.earlyReturn', () => {
  async function pipeline(earlyIn: string, skipTo?: string) {
    const { body } = await run('query ($earlyIn: String, $skipTo: String) { pipeline(earlyIn: $earlyIn, skipTo: $skipTo) { trace prev } }', {
      earlyIn,
      ...(skipTo ? { skipTo } : {}),
    });
    const result = (body.data as { pipeline: { trace: string[]; prev: string } }).pipeline;
    return { trace: result.trace, prev: JSON.parse(result.prev) as unknown, errors: body.errors };
  }

  it('in a function’s request handler skips its data source and response handler; the next function gets the value', async () => {
    const { trace, errors } = await pipeline('B');

    expect(errors).toBeUndefined();
    expect(trace).toEqual(['before', 'A:request', 'A:response', 'B:request', 'C:request', 'C:response', 'after']);
    expect(payloads().map((p) => (p as { step: string }).step)).toEqual(['A', 'C']);
    expect(payloads()[1]).toEqual({ step: 'C', prev: { early: 'B' } });
  });

  it('in the last function’s request handler hands the value to the resolver’s response handler', async () => {
    const { trace, prev } = await pipeline('C');

    expect(trace).toEqual(['before', 'A:request', 'A:response', 'B:request', 'B:response', 'C:request', 'after']);
    expect(prev).toEqual({ early: 'C' });
  });

  it('with { skipTo: "END" } skips the remaining functions and runs the resolver’s response handler', async () => {
    const { trace, prev } = await pipeline('A', 'END');

    expect(trace).toEqual(['before', 'A:request', 'after']);
    expect(prev).toEqual({ early: 'A' });
    expect(harness.recording.requests).toEqual([]);
  });

  it('with { skipTo: "NEXT" } skips only the current function', async () => {
    const { trace } = await pipeline('A', 'NEXT');

    expect(trace).toEqual(['before', 'A:request', 'B:request', 'B:response', 'C:request', 'C:response', 'after']);
    expect(payloads()[0]).toEqual({ step: 'B', prev: { early: 'A' } });
  });

  it('in the pipeline resolver’s request handler skips every function; the response handler still runs', async () => {
    const { trace, prev } = await pipeline('resolver');

    expect(trace).toEqual(['before', 'after']);
    expect(prev).toEqual({ early: 'resolver' });
    expect(harness.recording.requests).toEqual([]);
  });

  it('in a unit resolver’s request handler skips the data source and the response handler', async () => {
    const normal = await run('{ unit(value: "x") }');
    expect(normal.body).toEqual({ data: { unit: 'response:x' } });
    expect(payloads()).toEqual([{ unit: 'x' }]);

    const early = await run('{ unit(value: "y", early: true) }');
    expect(early.body).toEqual({ data: { unit: 'early:y' } });
    expect(payloads()).toEqual([{ unit: 'x' }]);
  });
});

describe('resolver errors', () => {
  it('util.error nulls the field and lists AppSync’s error entry with data, errorType and errorInfo', async () => {
    const { status, body } = await run('query {\n  fail(mode: "error")\n}');

    expect(status).toBe(200);
    expect(body).toEqual({
      data: { fail: null },
      errors: [
        {
          path: ['fail'],
          data: { partial: 1 },
          errorType: 'Custom.Failure',
          errorInfo: { hint: 'retry' },
          locations: [{ line: 2, column: 3, sourceName: null }],
          message: 'Boom',
        },
      ],
    });
    // The entry's keys in AppSync's order.
    expect(Object.keys(body.errors![0]!)).toEqual(['path', 'data', 'errorType', 'errorInfo', 'locations', 'message']);
  });

  it('util.error in a response handler has a null errorType when none is given', async () => {
    const { body } = await run('{ fail(mode: "responseError") }');

    expect(body.errors).toEqual([
      { path: ['fail'], data: null, errorType: null, errorInfo: null, locations: [{ line: 1, column: 3, sourceName: null }], message: 'From the response handler' },
    ]);
  });

  it('util.appendError keeps the value and lists the error with the field’s path and location', async () => {
    const { body } = await run('{\n  value: fail(mode: "append")\n}');

    expect(body).toEqual({
      data: { value: 'ok:append' },
      errors: [
        {
          path: ['value'],
          data: null,
          errorType: 'Partial',
          errorInfo: { warned: true },
          locations: [{ line: 2, column: 3, sourceName: null }],
          message: 'Careful',
        },
      ],
    });
  });

  it('util.unauthorized() answers AppSync’s Unauthorized error for the field', async () => {
    const { body } = await run('{ fail(mode: "unauthorized") }');

    expect(body).toEqual({
      data: { fail: null },
      errors: [
        {
          path: ['fail'],
          data: null,
          errorType: 'Unauthorized',
          errorInfo: null,
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: 'Not Authorized to access fail on type Query',
        },
      ],
    });
  });

  it('a runtime exception in a handler nulls the field with a Code error naming the exception', async () => {
    const { body } = await run('{ fail(mode: "crash") other: fail(mode: "fine") }');

    expect(body.data).toEqual({ fail: null, other: 'ok:fine' });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ path: ['fail'], errorType: 'Code', data: null, errorInfo: null });
    expect(body.errors![0]!.message).toMatch(/^Runtime Error in .*fail\.js \(request\): TypeError: Cannot read properties of null \(reading 'deep'\)$/);
  });
});

describe('the resolver context', () => {
  const captured = () =>
    harness.recording.requests.map(
      (r) =>
        (r as { payload: { info: Record<string, unknown>; headers: Record<string, string>; env: unknown; identity: unknown; authType: string; source: unknown; args: unknown } })
          .payload,
    );

  it('ctx.info gives fieldName, parentTypeName, variables, selectionSetList (fragments expanded, aliases) and selectionSetGraphQL', async () => {
    const query = `query Get($id: ID) {
  node(id: $id) {
    id
    label: name
    ...Names
    ... on Node { child { id } }
    __typename
  }
}
fragment Names on Node { child { name child { id } } }`;
    await run(query, { id: 'n1' });

    expect(captured()[0]!.info).toEqual({
      fieldName: 'node',
      parentTypeName: 'Query',
      variables: { id: 'n1' },
      selectionSetList: ['id', 'label', 'child', 'child/name', 'child/child', 'child/child/id', 'child/id'],
      selectionSetGraphQL: '{\n  id\n  label: name\n  ...Names\n  ... on Node {\n    child {\n      id\n    }\n  }\n  __typename\n}',
    });
  });

  it('ctx.source is the parent’s value for a nested field resolver, and ctx.info names the nested field', async () => {
    const { body } = await run('{ node(id: "n1") { child { id name } } }');

    expect(body).toEqual({ data: { node: { child: { id: 'n1/child', name: 'name of n1/child' } } } });
    const [parent, child] = captured();
    expect(parent!.args).toEqual({ id: 'n1' });
    expect(child!.source).toEqual({ id: 'n1', name: 'name of n1' });
    expect(child!.args).toEqual({});
    expect(child!.info).toMatchObject({ fieldName: 'child', parentTypeName: 'Node', selectionSetList: ['id', 'name'] });
  });

  it('ctx.request.headers, ctx.env, ctx.identity.resolverContext and util.authType() describe a Lambda-authorized caller', async () => {
    await run('{ node(id: "n1") { id } }', undefined, { headers: { 'x-custom': 'yes' } });

    const ctx = captured()[0]!;
    expect(ctx.headers).toEqual({ host: '127.0.0.1:4000', 'content-type': 'application/json', authorization: TOKENS.allow, 'x-custom': 'yes' });
    expect(ctx.env).toEqual(ENVIRONMENT);
    expect(ctx.identity).toEqual({ resolverContext: RESOLVER_CONTEXT });
    expect(ctx.authType).toBe('Lambda Authorization');
  });

  it('a resolver changing ctx.identity or ctx.request.headers affects neither later fields nor later requests', async () => {
    const first = await run('{ a: role b: role }');
    const second = await run('{ role }');

    expect(first.body).toEqual({ data: { a: 'employee', b: 'employee' } });
    expect(second.body).toEqual({ data: { role: 'employee' } });
    // One authorizer call: the second request used the cached authorization.
    expect(harness.api.authorizerInvocations).toBe(1);
  });
});

describe('POST /graphql: the HTTP contract', () => {
  async function raw(request: Parameters<typeof graphqlRequest>[0], options: Parameters<typeof graphqlRequest>[1] = {}) {
    const response = await harness.api.handle(graphqlRequest(request, options));
    return { status: response.status, headers: response.headers, body: json(response) };
  }

  it('answers JSON with a request id', async () => {
    const response = await harness.api.handle(graphqlRequest({ query: '{ plain }' }));

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(json(response)).toEqual({ data: { plain: 'plain value' } });
  });

  it.each([
    ['a GET', { method: 'GET' }, 400, 'MalformedHttpRequestException'],
    ['an unknown path', { path: '/graphql2' }, 404, 'NotFoundException'],
  ])('refuses %s with AppSync’s error shape', async (_name, options, status, errorType) => {
    const { status: got, body } = await raw({ query: '{ plain }' }, options);

    expect(got).toBe(status);
    expect(body).toEqual({ errors: [{ errorType, message: expect.any(String) }] });
  });

  it.each([
    ['invalid JSON', '{"query": '],
    ['a body that is not an object', '["{ plain }"]'],
    ['a JSON null body', 'null'],
    ['a missing query', '{"variables": {}}'],
    ['an empty query', '{"query": "  "}'],
    ['variables that are not an object', '{"query": "{ plain }", "variables": [1]}'],
    ['an operationName that is not a string', '{"query": "{ plain }", "operationName": 3}'],
  ])('refuses %s with 400 MalformedHttpRequestException, before the authorizer runs', async (_name, body) => {
    const response = await harness.api.handle(graphqlRequest(body));

    expect(response.status).toBe(400);
    expect(json(response)).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: expect.any(String) }] });
    expect(harness.authorizer.events).toEqual([]);
  });

  it('refuses a body over 1 MiB with 413 PayloadTooLargeException', async () => {
    const { status, body } = await raw({ query: `{ plain } # ${'x'.repeat(1024 * 1024)}` });

    expect(status).toBe(413);
    expect(body).toEqual({ errors: [{ errorType: 'PayloadTooLargeException', message: expect.any(String) }] });
  });

  it('answers a GraphQL syntax error with 400 MalformedHttpRequestException', async () => {
    const { status, body } = await raw({ query: '{ plain ' });

    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: expect.stringMatching(/^Unable to parse GraphQL query\. Syntax Error/) }] });
  });

  it('answers a validation error (unknown field) with 200, data null and a ValidationError; no resolver runs', async () => {
    const { status, body } = await raw({ query: '{ unit(value: "x") nope }' });

    expect(status).toBe(200);
    expect(body).toEqual({
      data: null,
      errors: [
        {
          path: null,
          data: null,
          errorType: 'ValidationError',
          errorInfo: null,
          locations: [{ line: 1, column: 20, sourceName: null }],
          message: expect.stringMatching(/^Validation error: Cannot query field "nope" on type "Query"\./),
        },
      ],
    });
    expect(harness.recording.requests).toEqual([]);
  });

  it.each([
    ['AWSEmail', 'query ($v: AWSEmail!) { email(address: $v) }', 'not-an-email'],
    ['AWSDate', 'query ($v: AWSDate!) { day(date: $v) }', '2024-13-45'],
  ])('refuses an invalid %s variable before any resolver runs', async (_scalar, query, value) => {
    const { status, body } = await raw({ query, variables: { v: value } });

    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ path: null, errorType: 'ValidationError', locations: [{ line: 1, column: 8, sourceName: null }] });
    expect(body.errors![0]!.message).toContain(`Variable "$v" got invalid value "${value}"`);
    expect(harness.recording.requests).toEqual([]);
  });

  it('accepts valid AWSEmail and AWSDate variables', async () => {
    const email = await raw({ query: 'query ($v: AWSEmail!) { email(address: $v) }', variables: { v: 'ana@example.com' } });
    const day = await raw({ query: 'query ($v: AWSDate!) { day(date: $v) }', variables: { v: '2024-02-29' } });

    expect(email.body).toEqual({ data: { email: 'ana@example.com' } });
    expect(day.body).toEqual({ data: { day: '2024-02-29' } });
  });

  it('needs an operationName when the document holds several operations, and runs the one named', async () => {
    const query = 'query One { plain } query Two { unit(value: "two") }';

    const unnamed = await raw({ query });
    expect(unnamed.status).toBe(200);
    expect(unnamed.body).toEqual({
      data: null,
      errors: [{ path: null, data: null, errorType: 'ValidationError', errorInfo: null, locations: null, message: 'Must provide operation name if query contains multiple operations.' }],
    });

    const named = await raw({ query, operationName: 'Two' }, { token: TOKENS.uncached });
    expect(named.body).toEqual({ data: { unit: 'response:two' } });
    expect(harness.authorizer.events.at(-1)!.requestContext.operationName).toBe('Two');

    const unknown = await raw({ query, operationName: 'Three' });
    expect(unknown.body.errors![0]).toMatchObject({ errorType: 'ValidationError', message: "Unknown operation named 'Three'." });
  });

  it('runs mutations', async () => {
    expect((await raw({ query: 'mutation { plainMutation }' })).body).toEqual({ data: { plainMutation: 'mutated' } });
  });

  it('refuses subscriptions over HTTP (they belong to the real-time endpoint)', async () => {
    const { status, body } = await raw({ query: 'subscription { onPlain }' });

    expect(status).toBe(200);
    expect(body).toEqual({
      data: null,
      errors: [{ path: null, data: null, errorType: 'UnsupportedOperation', errorInfo: null, locations: null, message: expect.stringContaining('/graphql/realtime') }],
    });
  });
});
