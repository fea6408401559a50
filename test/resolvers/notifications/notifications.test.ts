/** Notifications over HTTP: internal callers publish (AWS_IAM), users read and acknowledge their own. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamGraphQL } from '../../../domain/internal-graphql.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { graphqlWith, startTestStack, type Gql } from '../../support/stack.ts';

const PUBLISH = `mutation ($tenantId: ID!, $input: PublishNotificationInput!) {
  publishNotification(tenantId: $tenantId, input: $input) { id tenantId recipientUserId kind title body readAt } }`;
const INBOX = `query ($unreadOnly: Boolean) { notifications(unreadOnly: $unreadOnly) { items { id title readAt } nextToken } }`;
const READ = `mutation ($id: ID!) { markNotificationRead(id: $id) { id readAt } }`;

let stack: StackHandle;
let internal: ReturnType<typeof iamGraphQL>;
let alice: { gql: Gql; sub: string };
let bob: { gql: Gql; sub: string };
let globexCarol: { gql: Gql; sub: string };

async function user(tenantId: string, name: string) {
  const email = `${name}@${tenantId}.test`;
  await stack.addUser({ email, tenantId, role: 'TenantUser' });
  const token = await stack.signIn(email);
  const sub = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
  return { gql: graphqlWith(stack, token), sub };
}

async function publish(tenantId: string, recipientUserId: string, title: string) {
  return internal<{ publishNotification: { id: string; recipientUserId: string } }>(PUBLISH, { tenantId, input: { recipientUserId, kind: 'GENERAL', title } });
}

beforeAll(async () => {
  stack = await startTestStack();
  internal = iamGraphQL({ url: stack.graphql.http, region: stack.region, credentials: stack.credentials });
  [alice, bob, globexCarol] = await Promise.all([user('acme', 'alice'), user('acme', 'bob'), user('globex', 'carol')]);
});

afterAll(async () => {
  await stack?.stop();
});

describe('publishNotification', () => {
  it('stores the notification in the recipient inbox, visible to nobody else', async () => {
    const sent = await publish('acme', alice.sub, 'Your leave was approved');
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.publishNotification).toMatchObject({ tenantId: 'acme', recipientUserId: alice.sub, readAt: null });
    const inbox = await alice.gql<{ notifications: { items: { id: string; title: string }[] } }>(INBOX);
    expect(inbox.data!.notifications.items.map((n) => n.title)).toContain('Your leave was approved');
    expect((await bob.gql<{ notifications: { items: unknown[] } }>(INBOX)).data!.notifications.items).toEqual([]);
    expect((await globexCarol.gql<{ notifications: { items: unknown[] } }>(INBOX)).data!.notifications.items).toEqual([]);
  });

  it('is refused to signed-in users, whatever their role', async () => {
    const admin = graphqlWith(stack, await (async () => {
      await stack.addUser({ email: 'admin@acme.test', tenantId: 'acme', role: 'TenantAdmin' });
      return stack.signIn('admin@acme.test');
    })());
    const attempt = await admin(PUBLISH, { tenantId: 'acme', input: { recipientUserId: bob.sub, kind: 'GENERAL', title: 'Spoofed' } });
    expect(attempt.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
    expect((await bob.gql<{ notifications: { items: unknown[] } }>(INBOX)).data!.notifications.items).toEqual([]);
  });

  it('checks its input', async () => {
    expect((await internal(PUBLISH, { tenantId: 'ACME!', input: { recipientUserId: 'x', kind: 'GENERAL', title: 'Hi' } })).errors?.[0]).toMatchObject({
      errorType: 'INVALID_TENANT_ID',
    });
    expect((await internal(PUBLISH, { tenantId: 'acme', input: { recipientUserId: 'x', kind: 'GENERAL', title: ' ' } })).errors?.[0]).toMatchObject({
      errorType: 'VALIDATION_ERROR',
    });
  });
});

describe('publishNotification does not trust its tenantId', () => {
  it('given a recipient of another tenant or of none, when published into acme, then VALIDATION_ERROR on recipientUserId and nothing is stored', async () => {
    for (const recipient of [globexCarol.sub, 'no-such-user']) {
      const refused = await publish('acme', recipient, 'Misdirected');
      expect(refused.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field: 'recipientUserId' })] } });
    }
    expect((await globexCarol.gql<{ notifications: { items: { title: string }[] } }>(INBOX)).data!.notifications.items.map((n) => n.title)).not.toContain('Misdirected');
    // The same recipient in their own tenant is fine.
    expect((await publish('globex', globexCarol.sub, 'For Carol')).errors).toBeUndefined();
  });

  it('given a link that is not an https URL of the product, then VALIDATION_ERROR on link', async () => {
    const refused = await internal(PUBLISH, { tenantId: 'acme', input: { recipientUserId: alice.sub, kind: 'GENERAL', title: 'Click', link: 'https://evil.example/login' } });
    expect(refused.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field: 'link' })] } });
    const fine = await internal(PUBLISH, { tenantId: 'acme', input: { recipientUserId: alice.sub, kind: 'GENERAL', title: 'Click', link: 'https://optimalhr.app/inbox' } });
    expect(fine.errors).toBeUndefined();
  });
});

describe('reading notifications', () => {
  it('marks one read, filters unread ones, and cannot touch anyone else\'s', async () => {
    const first = (await publish('acme', bob.sub, 'First')).data!.publishNotification.id;
    await publish('acme', bob.sub, 'Second');
    const read = await bob.gql<{ markNotificationRead: { id: string; readAt: string } }>(READ, { id: first });
    expect(read.errors).toBeUndefined();
    expect(read.data!.markNotificationRead.readAt).toBeTruthy();
    const unread = await bob.gql<{ notifications: { items: { title: string }[] } }>(INBOX, { unreadOnly: true });
    expect(unread.data!.notifications.items.map((n) => n.title)).toEqual(['Second']);
    const all = await bob.gql<{ notifications: { items: { title: string }[] } }>(INBOX);
    expect(all.data!.notifications.items.map((n) => n.title)).toEqual(['Second', 'First']);
    expect((await alice.gql(READ, { id: first })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
  });
});

describe('unread notifications', () => {
  it('fill every page, however many read ones are newer, and leave the list once read', async () => {
    const dave = await user('acme', 'dave');
    const ids: string[] = [];
    for (let n = 1; n <= 6; n += 1) ids.push((await publish('acme', dave.sub, `Note ${n}`)).data!.publishNotification.id);
    // The four newest are read: a filter after DynamoDB's Limit would answer empty first pages.
    for (const id of ids.slice(2)) expect((await dave.gql(READ, { id })).errors).toBeUndefined();

    const pages: { items: { title: string; readAt: string | null }[]; nextToken: string | null }[] = [];
    let nextToken: string | null = null;
    do {
      const page: { data?: { notifications: (typeof pages)[number] } | null; errors?: unknown } = await dave.gql(
        `query ($nextToken: String) { notifications(unreadOnly: true, limit: 1, nextToken: $nextToken) { items { title readAt } nextToken } }`,
        { nextToken },
      );
      expect(page.errors).toBeUndefined();
      pages.push(page.data!.notifications);
      nextToken = page.data!.notifications.nextToken;
    } while (nextToken && pages.length < 10);
    const filled = pages.filter((p) => p.items.length > 0);
    expect(filled.map((p) => p.items.map((n) => n.title))).toEqual([['Note 2'], ['Note 1']]);
    // DynamoDB may answer one last empty page when the previous one ended exactly at the last item.
    expect(pages.slice(0, 2)).toEqual(filled);
    expect(pages.flatMap((p) => p.items).every((n) => n.readAt === null)).toBe(true);
  });

  it('are the caller\'s own tenant\'s only, even for the same user id in another tenant', async () => {
    const erin = await user('acme', 'erin');
    await publish('acme', erin.sub, 'Acme news');
    // The same user id named in globex: refused (erin is no user of globex), and never in her acme inbox.
    expect((await publish('globex', erin.sub, 'Globex news')).errors?.[0]?.errorType).toBe('VALIDATION_ERROR');
    const unread = await erin.gql<{ notifications: { items: { title: string }[] } }>(INBOX, { unreadOnly: true });
    expect(unread.data!.notifications.items.map((n) => n.title)).toEqual(['Acme news']);
  });
});

describe('npm run notify', () => {
  const run = async (argv: string[]) => {
    const { runNotifyCli } = await import('../../../local/notify-cli.ts');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runNotifyCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { code, out: out.join(''), err: err.join('') };
  };

  it("publishes to a user found by email, through the internal IAM path, and says what it sent", async () => {
    const { code, out } = await run(['--to', 'alice@acme.test', '--title', 'Watch this arrive', '--data-dir', stack.dataDir]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Sent notification \S+ \(GENERAL\) to alice@acme\.test in tenant acme: "Watch this arrive"\n$/);
    const id = out.split(' ')[2];
    const inbox = await alice.gql<{ notifications: { items: { id: string; title: string }[] } }>(INBOX);
    expect(inbox.data!.notifications.items).toContainEqual(expect.objectContaining({ id, title: 'Watch this arrive' }));
  });

  it.each([
    [['--title', 'x'], /--to and --title are required/],
    [['--to', 'nobody@acme.test', '--title', 'x'], /no user nobody@acme.test/],
    [['--to', 'alice@acme.test', '--title', 'x', '--kind', 'SPAM'], /--kind must be one of/],
    [['--to', 'alice@acme.test', '--title', 'x', '--loud'], /Unknown option '--loud'/],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const { code, err } = await run([...argv, '--data-dir', stack.dataDir]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe('onNotification over the real-time endpoint', () => {
  const SUBSCRIBE = 'subscription { onNotification { id tenantId recipientUserId title } }';

  async function subscribe(token: string, id: string) {
    const { RealtimeClient } = await import('../../fixtures/appsync/realtime/harness.ts');
    const host = new URL(stack.graphql.http).host;
    const client = RealtimeClient.connect(stack.graphql.http, { Authorization: token, host });
    await client.init();
    client.send({ type: 'start', id, payload: { data: JSON.stringify({ query: SUBSCRIBE, variables: {} }), extensions: { authorization: { Authorization: token, host } } } });
    await client.next('start_ack', id);
    return client;
  }

  it('delivers a notification to its recipient only, never to another user or tenant', async () => {
    const token = (email: string) => stack.signIn(email);
    const [aliceSocket, bobSocket, carolSocket] = await Promise.all([
      subscribe(await token('alice@acme.test'), 'a'),
      subscribe(await token('bob@acme.test'), 'b'),
      subscribe(await token('carol@globex.test'), 'c'),
    ]);
    try {
      await publish('acme', alice.sub, 'Live for Alice');
      const delivered = await aliceSocket.next('data', 'a');
      expect(delivered.payload?.data).toMatchObject({ onNotification: { tenantId: 'acme', recipientUserId: alice.sub, title: 'Live for Alice' } });
      // Carol's sub in globex is a different user; a notification for her tenant reaches only her.
      await publish('globex', globexCarol.sub, 'Live for Carol');
      expect((await carolSocket.next('data', 'c')).payload?.data).toMatchObject({ onNotification: { title: 'Live for Carol' } });
      expect(bobSocket.pending('data')).toEqual([]);
      expect(aliceSocket.pending('data')).toEqual([]);
    } finally {
      for (const socket of [aliceSocket, bobSocket, carolSocket]) socket.socket.close();
    }
  });
});
