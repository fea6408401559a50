/**
 * AppSync's real-time protocol on the local runtime, through a raw `ws` client over ws:// and
 * wss:// (pinned self-signed certificate): connection auth, keep-alives, start/stop, publishing
 * mutations through argument and enhanced filters, AppSync's errors and limits.
 * Fixtures: test/fixtures/appsync/realtime/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest, json } from '../../fixtures/appsync/harness.ts';
import { iamHeaders, RealtimeClient, REALTIME_TOKENS, realtimeFixtures, startRealtimeApi } from '../../fixtures/appsync/realtime/harness.ts';

let fixtures: Awaited<ReturnType<typeof realtimeFixtures>>;
let stack: Awaited<ReturnType<typeof startRealtimeApi>>;
const clients: RealtimeClient[] = [];

beforeAll(async () => {
  fixtures = await realtimeFixtures();
  stack = await startRealtimeApi(fixtures.root, { realtime: { keepAliveIntervalMs: 50 } });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await stack?.server.stop();
  await fixtures?.remove();
});

const host = () => `127.0.0.1:${stack.server.port}`;
const auth = (token: string) => ({ Authorization: token, host: host() });

function connect(token: string | null, options: Parameters<typeof RealtimeClient.connect>[2] = {}) {
  const client = RealtimeClient.connect(stack.server.url, token === null ? null : auth(token), { ca: stack.tls.cert, ...options });
  clients.push(client);
  return client;
}

/** An initialized connection with `onPublish(channel)` started as `id`. */
async function subscribed(token: string, id: string, channel?: string, selection = 'channel tenant text secret') {
  const client = connect(token);
  await client.init();
  client.start(id, `subscription ($channel: String) { onPublish(channel: $channel) { ${selection} } }`, channel ? { channel } : {}, auth(token));
  await client.next('start_ack', id);
  return client;
}

async function publish(args: { channel: string; tenant: string; text?: string }, selection = 'channel tenant text', token: string = REALTIME_TOKENS.tenantA) {
  const response = await stack.api.handle(
    graphqlRequest(
      { query: `mutation ($channel: String!, $tenant: String!, $text: String) { publish(channel: $channel, tenant: $tenant, text: $text) { ${selection} } }`, variables: args },
      { token },
    ),
  );
  expect(json(response).errors).toBeUndefined();
}

const SUBSCRIBE = 'subscription { onPublish { channel tenant text } }';

describe('connecting', () => {
  it('acknowledges connection_init with connectionTimeoutMs 300000 over ws:// (header subprotocol) and keeps alive', async () => {
    const client = connect(REALTIME_TOKENS.tenantA);
    await client.opened;
    expect(client.socket.protocol).toBe('graphql-ws');
    expect(await client.init()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    await client.next('ka');
    await client.next('ka');
  });

  it('accepts the query-string form (?header=…&payload=e30=) over wss:// with the pinned certificate', async () => {
    const client = connect(REALTIME_TOKENS.tenantA, { form: 'query', secure: true });
    expect((await client.init()).type).toBe('connection_ack');
  });

  it.each([
    ['a denied token', REALTIME_TOKENS.deny],
    ['no authorization header', null],
  ])('answers %s with connection_error UnauthorizedException to connection_init, and closes', async (_, token) => {
    const client = connect(token);
    await client.opened;
    client.send({ type: 'connection_init' });
    const error = await client.next('connection_error');
    expect(error.payload).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] });
    await client.closed;
  });

  it('authorizes an IAM caller over wss:// (SigV4 of the connect and of each start)', async () => {
    const header = await iamHeaders(host(), '/graphql/connect', '{}');
    const iamClient = RealtimeClient.connect(stack.server.url, header, { ca: stack.tls.cert, secure: true });
    clients.push(iamClient);
    await iamClient.init();
    const query = 'subscription { onPublishIam { channel text } }';
    const data = JSON.stringify({ query, variables: {} });
    iamClient.send({ id: 'iam-1', type: 'start', payload: { data, extensions: { authorization: await iamHeaders(host(), '/graphql', data) } } });
    await iamClient.next('start_ack', 'iam-1');

    await publish({ channel: 'ops', tenant: 'tenant-a', text: 'for internal' });
    expect((await iamClient.next('data', 'iam-1')).payload).toEqual({ data: { onPublishIam: { channel: 'ops', text: 'for internal' } } });
  });
});

describe('publishing', () => {
  it('delivers what the mutation selected to matching subscribers; other fields are null', async () => {
    const client = await subscribed(REALTIME_TOKENS.tenantA, 'sub-1');
    await publish({ channel: 'general', tenant: 'tenant-a', text: 'hello' }, 'channel tenant');
    expect(await client.next('data', 'sub-1')).toEqual({
      type: 'data',
      id: 'sub-1',
      payload: { data: { onPublish: { channel: 'general', tenant: 'tenant-a', text: null, secret: null } } },
    });
  });

  it('keeps other tenants out (enhanced filter from resolverContext) and honours the channel argument', async () => {
    const a = await subscribed(REALTIME_TOKENS.tenantA, 'a-all');
    const aOther = await subscribed(REALTIME_TOKENS.tenantA, 'a-other', 'other');
    const b = await subscribed(REALTIME_TOKENS.tenantB, 'b-all');

    await publish({ channel: 'general', tenant: 'tenant-a', text: 'for a' });
    await publish({ channel: 'general', tenant: 'tenant-b', text: 'for b' }, 'channel tenant text', REALTIME_TOKENS.tenantB);
    await publish({ channel: 'other', tenant: 'tenant-a', text: 'other channel' });

    expect(((await a.next('data')).payload!.data as { onPublish: { text: string } }).onPublish.text).toBe('for a');
    expect(((await a.next('data')).payload!.data as { onPublish: { text: string } }).onPublish.text).toBe('other channel');
    // Deliveries of one publish reach every connection before the next publish starts: by the time
    // the later events arrived, a wrong delivery would already be buffered.
    expect(((await b.next('data')).payload!.data as { onPublish: { text: string } }).onPublish.text).toBe('for b');
    expect(((await aOther.next('data')).payload!.data as { onPublish: { text: string } }).onPublish.text).toBe('other channel');
    expect([...a.pending('data'), ...b.pending('data'), ...aOther.pending('data')]).toEqual([]);
  });

  it('nulls denied fields in every delivery', async () => {
    const client = await subscribed(REALTIME_TOKENS.deniedText, 'denied-text');
    await publish({ channel: 'general', tenant: 'tenant-a', text: 'secret text' });
    expect((await client.next('data', 'denied-text')).payload).toEqual({
      data: { onPublish: { channel: 'general', tenant: 'tenant-a', text: null, secret: null } },
    });
  });

  it('stop answers complete and ends deliveries', async () => {
    const client = await subscribed(REALTIME_TOKENS.tenantA, 'to-stop');
    client.start('stays', SUBSCRIBE, {}, auth(REALTIME_TOKENS.tenantA));
    await client.next('start_ack', 'stays');
    client.send({ type: 'stop', id: 'to-stop' });
    expect(await client.next('complete', 'to-stop')).toEqual({ type: 'complete', id: 'to-stop' });

    await publish({ channel: 'general', tenant: 'tenant-a', text: 'after stop' });
    await client.next('data', 'stays');
    expect(client.pending('data')).toEqual([]);
  });
});

describe('start errors', () => {
  async function startError(token: string, query: string, variables: Record<string, unknown> = {}, id = 'e-1') {
    const client = connect(REALTIME_TOKENS.tenantA);
    await client.init();
    client.start(id, query, variables, auth(token));
    return (await client.next('error', id)).payload;
  }

  it('refuses a start whose own authorization is denied', async () => {
    expect(await startError(REALTIME_TOKENS.deny, SUBSCRIBE)).toEqual({
      errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }],
    });
  });

  it('refuses queries and mutations (UnsupportedOperation)', async () => {
    expect(await startError(REALTIME_TOKENS.tenantA, '{ ping }')).toEqual({
      errors: [{ errorType: 'UnsupportedOperation', message: 'query not supported through the realtime channel' }],
    });
  });

  it('refuses an invalid document (ValidationError)', async () => {
    const payload = await startError(REALTIME_TOKENS.tenantA, 'subscription { onNothing { text } }');
    expect(payload!.errors![0]).toMatchObject({ errorType: 'ValidationError' });
  });

  it('refuses a subscription field in deniedFields, or one the auth mode may not use', async () => {
    const denied = { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onPublish on type Subscription' }] };
    expect(await startError(REALTIME_TOKENS.deniedSubscription, SUBSCRIBE)).toEqual(denied);
    expect(await startError(REALTIME_TOKENS.tenantA, 'subscription { onPublishIam { text } }')).toEqual({
      errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onPublishIam on type Subscription' }],
    });
  });

  it('refuses a filter over AppSync’s quota (in: at most 5 values)', async () => {
    const query = 'subscription ($texts: [String]) { onPublishIn(texts: $texts) { text } }';
    expect(await startError(REALTIME_TOKENS.tenantA, query, { texts: ['1', '2', '3', '4', '5', '6'] })).toEqual({
      errors: [{ message: 'subscription exceeds maximum value limit 5 for operator `in`.', errorCode: 400 }],
    });
  });

  it('accepts a filter within the quota and filters with it', async () => {
    const client = connect(REALTIME_TOKENS.tenantA);
    await client.init();
    client.start('in-5', 'subscription ($texts: [String]) { onPublishIn(texts: $texts) { text } }', { texts: ['1', '2', '3', '4', 'five'] }, auth(REALTIME_TOKENS.tenantA));
    await client.next('start_ack', 'in-5');
    await publish({ channel: 'c', tenant: 'tenant-a', text: 'six' });
    await publish({ channel: 'c', tenant: 'tenant-a', text: 'five' });
    expect((await client.next('data', 'in-5')).payload).toEqual({ data: { onPublishIn: { text: 'five' } } });
    expect(client.pending('data')).toEqual([]);
  });

  it('refuses a duplicated id and the 101st subscription of a connection', async () => {
    const client = connect(REALTIME_TOKENS.tenantA);
    await client.init();
    for (let i = 1; i <= 100; i += 1) client.start(`s-${i}`, SUBSCRIBE, {}, auth(REALTIME_TOKENS.tenantA));
    for (let i = 1; i <= 100; i += 1) await client.next('start_ack', `s-${i}`);

    client.start('s-1', SUBSCRIBE, {}, auth(REALTIME_TOKENS.tenantA));
    expect((await client.next('error', 's-1')).payload).toEqual({ errors: [{ errorType: 'DuplicatedOperationError', message: 'Duplicated operation with id s-1' }] });
    client.start('s-101', SUBSCRIBE, {}, auth(REALTIME_TOKENS.tenantA));
    expect((await client.next('error', 's-101')).payload).toEqual({
      errors: [{ errorType: 'MaxSubscriptionsReachedError', message: 'Max number of 100 subscriptions reached' }],
    });
  });
});

describe('malformed frames', () => {
  it('answers unreadable frames and unknown types with UnsupportedOperation (no id) and keeps the connection', async () => {
    const client = connect(REALTIME_TOKENS.tenantA);
    await client.init();
    const unsupported = { errors: [{ errorType: 'UnsupportedOperation', message: 'unknown not supported through the realtime channel' }] };
    client.send('not json');
    expect(await client.next('error')).toEqual({ type: 'error', payload: unsupported });
    client.send({ type: 'subscribe', id: 'x', payload: {} });
    expect(await client.next('error')).toEqual({ type: 'error', payload: unsupported });
    client.send({ type: 'start', id: 'no-data', payload: {} });
    expect(await client.next('error')).toEqual({ type: 'error', payload: unsupported });
    client.send({ type: 'start', payload: { data: JSON.stringify({ query: SUBSCRIBE }) } });
    expect((await client.next('error')).payload!.errors![0]).toMatchObject({ errorType: 'BadRequestException' });

    client.start('still-open', SUBSCRIBE, {}, auth(REALTIME_TOKENS.tenantA));
    await client.next('start_ack', 'still-open');
  });

  it('closes the connection on a frame over 240 kB (1009)', async () => {
    const client = connect(REALTIME_TOKENS.tenantA);
    await client.init();
    client.send('x'.repeat(240 * 1024 + 1));
    expect((await client.closed).code).toBe(1009);
  });
});

describe('lifecycle', () => {
  it('closes a connection when its Lambda authorization expires and the authorizer now denies it', async () => {
    const client = connect(REALTIME_TOKENS.expiring);
    await client.init();
    const error = await client.next('connection_error');
    expect(error.payload!.errors![0]).toMatchObject({ errorType: 'UnauthorizedException' });
    await client.closed;
  });

  it('closes the connections of a tenant on request (suspension)', async () => {
    const a = await subscribed(REALTIME_TOKENS.tenantA, 'suspended');
    const b = await subscribed(REALTIME_TOKENS.tenantB, 'active');
    const closedA = a.closed;
    expect(stack.api.realtime.closeConnections((context) => context?.tenantId === 'tenant-a')).toBeGreaterThan(0);
    await closedA;
    expect(b.socket.readyState).toBe(b.socket.OPEN);
  });

  it('closes a connection that stays silent without subscriptions, and closes everything on stop', async () => {
    const idle = await startRealtimeApi(fixtures.root, { tls: stack.tls, realtime: { keepAliveIntervalMs: 60_000, idleTimeoutMs: 100 } });
    try {
      const silent = RealtimeClient.connect(idle.server.url, auth(REALTIME_TOKENS.tenantA));
      await silent.init();
      expect((await silent.closed).code).toBe(1000);

      const busy = RealtimeClient.connect(idle.server.url, auth(REALTIME_TOKENS.tenantA));
      await busy.init();
      busy.start('keep', SUBSCRIBE, {}, auth(REALTIME_TOKENS.tenantA));
      await busy.next('start_ack', 'keep');
      await idle.server.stop();
      expect((await busy.closed).code).toBe(1001);
    } finally {
      await idle.server.stop();
    }
  });
});
