/**
 * The Apollo + aws-appsync-subscription-link example (examples/apollo-subscribe.ts) against a local
 * stack, over ws:// on 127.0.0.1: each user receives their own notifications and never another user's or tenant's.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { subscribeToNotifications, type Notification } from '../../examples/apollo-subscribe.ts';
import type { StackHandle } from '../../local/stack.ts';
import { clientTestStack, closedGraphqlUrl, expectOwnDeliveries, firstError, Inbox, until, type PublishedNotification, type Recipient } from './support.ts';

let stack: StackHandle;
let users: Recipient[];
let publish: (to: Recipient, title: string) => Promise<PublishedNotification>;

beforeAll(async () => {
  ({ stack, users, publish } = await clientTestStack());
});

afterAll(async () => {
  await stack?.stop();
});

it('delivers each notification to its recipient only, across users and tenants', async () => {
  let ready = 0;
  const wakers: (() => void)[] = [];
  const wake = () => wakers.splice(0).forEach((w) => w());
  const inboxes = users.map(() => new Inbox<Notification>());
  const subscriptions = users.map((user, i) =>
    subscribeToNotifications({
      graphqlUrl: stack.graphql.http,
      token: user.token,
      onNotification: inboxes[i]!.push,
      onReady: () => {
        ready += 1;
        wake();
      },
      onError: (error) => {
        inboxes[i]!.fail(error);
        wake();
      },
    }),
  );
  try {
    await until(() => ready >= users.length || inboxes.some((inbox) => inbox.errors.length > 0), (w) => wakers.push(w), 15_000, 'three start_acks');
    expect(inboxes.flatMap((inbox) => inbox.errors)).toEqual([]);

    await expectOwnDeliveries(users, inboxes, publish, { __typename: 'Notification' });
  } finally {
    for (const subscription of subscriptions) subscription.close();
  }
});

it('says when the token is refused and when the API cannot be reached, instead of an error of unexpected shape or silence', async () => {
  const refused = await firstError((onError) => subscribeToNotifications({ graphqlUrl: stack.graphql.http, token: 'not.a.token', onNotification: () => undefined, onError }));
  expect(refused.message).toMatch(/refused the token .*Unauthorized.*: it has expired .* or is for another stage/);
  const nowhere = await closedGraphqlUrl();
  const unreachable = await firstError((onError) => subscribeToNotifications({ graphqlUrl: nowhere, token: users[0]!.token, onNotification: () => undefined, onError }));
  expect(unreachable.message).toMatch(new RegExp(`^Cannot reach ${nowhere} .*is the API running\\? Locally: npm start\\.$`));
});
