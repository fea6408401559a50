/** Shared set-up of the client example tests: a stack with two acme users and one globex user, and publishing. */
import type { ReceivedNotification } from '../../examples/notification.ts';
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { iamGraphQL } from '../../domain/internal-graphql.ts';
import type { StackHandle } from '../../local/stack.ts';
import { expect } from 'vitest';
import { startTestStack } from '../support/stack.ts';

export interface Recipient {
  email: string;
  tenantId: string;
  sub: string;
  token: string;
}

/** What the publishing mutation returns (codegen's type). */
export type PublishedNotification = ReceivedNotification;

const PUBLISH = `mutation ($tenantId: ID!, $input: PublishNotificationInput!) {
  publishNotification(tenantId: $tenantId, input: $input) { id tenantId recipientUserId kind title body link createdAt readAt } }`;

/** A test stack with alice and bob in acme and carol in globex, each signed in. */
export async function clientTestStack(): Promise<{ stack: StackHandle; users: Recipient[]; publish(to: Recipient, title: string): Promise<PublishedNotification> }> {
  const stack = await startTestStack();
  const internal = iamGraphQL({ url: stack.graphql.http, region: stack.region, credentials: stack.credentials });
  const user = async (tenantId: string, name: string): Promise<Recipient> => {
    const email = `${name}@${tenantId}.test`;
    await stack.addUser({ email, tenantId, role: 'TenantUser' });
    const token = await stack.signIn(email);
    const sub = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
    return { email, tenantId, sub, token };
  };
  const users = await Promise.all([user('acme', 'alice'), user('acme', 'bob'), user('globex', 'carol')]);
  return {
    stack,
    users,
    async publish(to, title) {
      const result = await internal<{ publishNotification: PublishedNotification }>(PUBLISH, {
        tenantId: to.tenantId,
        input: { recipientUserId: to.sub, kind: 'GENERAL', title, body: `For ${to.email}`, link: 'https://optimalhr.app/inbox' },
      });
      if (result.errors || !result.data) throw new Error(`publishNotification failed: ${JSON.stringify(result.errors)}`);
      return result.data.publishNotification;
    },
  };
}

/** The certificate the stack presents on its TLS side, as PEM (a memory stack keeps it nowhere on disk). */
export function serverCertificate(graphqlUrl: string): Promise<string> {
  const { hostname, port } = new URL(graphqlUrl);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      const pem = new X509Certificate(socket.getPeerCertificate().raw).toString();
      socket.end();
      resolve(pem);
    });
    socket.once('error', reject);
  });
}

/** Collects what one subscriber receives; `next(n)` waits (with a timeout) until it received `n` notifications. */
export class Inbox<T> {
  readonly received: T[] = [];
  readonly errors: unknown[] = [];
  private waiters: (() => void)[] = [];

  push = (item: T): void => {
    this.received.push(item);
    this.wake();
  };

  fail = (error: unknown): void => {
    this.errors.push(error);
    this.wake();
  };

  async count(n: number, timeoutMs = 10_000): Promise<T[]> {
    await until(() => this.received.length >= n || this.errors.length > 0, (wake) => this.waiters.push(wake), timeoutMs, `${n} notification(s)`);
    if (this.errors.length > 0) throw new Error(`subscription failed: ${describeError(this.errors[0])}`);
    return this.received;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Resolves once `done()` holds, re-checked whenever `subscribe`'s callback fires; rejects after `timeoutMs`. */
export function until(done: () => boolean, subscribe: (wake: () => void) => void, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    const check = () => {
      if (done()) {
        clearTimeout(timer);
        resolve();
      } else subscribe(check);
    };
    check();
  });
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : JSON.stringify(error);
}

/**
 * Publishes two rounds of one notification per user and asserts every inbox holds exactly its
 * own two, in order. The second round is a barrier: deliveries are written in order on each
 * socket, so once a subscriber has its second notification, anything misrouted in the first is there too.
 * `extra` adds what a client puts on each item (Apollo's `__typename`).
 */
export async function expectOwnDeliveries<T>(
  users: Recipient[],
  inboxes: Inbox<T>[],
  publish: (to: Recipient, title: string) => Promise<PublishedNotification>,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const first: PublishedNotification[] = [];
  for (const user of users) first.push(await publish(user, `First for ${user.email}`));
  const second: PublishedNotification[] = [];
  for (const user of users) second.push(await publish(user, `Second for ${user.email}`));

  for (const [i, user] of users.entries()) {
    const received = await inboxes[i]!.count(2);
    expect(received).toEqual([first[i]!, second[i]!].map(({ id, tenantId, recipientUserId, kind, title, body, link, createdAt }) => ({
      ...extra, id, tenantId, recipientUserId, kind, title, body, link, createdAt,
    })));
    expect(received[0]).toMatchObject({ tenantId: user.tenantId, recipientUserId: user.sub, kind: 'GENERAL', title: `First for ${user.email}`, body: `For ${user.email}` });
  }
  expect(inboxes.map((inbox) => inbox.received.length)).toEqual(users.map(() => 2));
}

/** A URL on 127.0.0.1 where nothing listens (a port just released). */
export async function closedGraphqlUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}

/** The first error a subscription reports (it must report one within the time). */
export function firstError(subscribe: (onError: (error: Error) => void) => { close(): void }, timeoutMs = 15_000): Promise<Error> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.close();
      reject(new Error(`no error reported within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = subscribe((error) => {
      clearTimeout(timer);
      subscription.close();
      resolve(error);
    });
  });
}
