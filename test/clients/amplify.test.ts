/**
 * The Amplify JS v6 example (examples/amplify-subscribe.ts) against a local stack, over wss:// on
 * 127.0.0.1: each user receives their own notifications and never another user's or tenant's.
 */
import { Hub } from 'aws-amplify/utils';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { subscribeToNotifications, type Notification } from '../../examples/amplify-subscribe.ts';
import type { StackHandle } from '../../local/stack.ts';
import { clientTestStack, closedGraphqlUrl, expectOwnDeliveries, firstError, Inbox, serverCertificate, until, type PublishedNotification, type Recipient } from './support.ts';

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
  const ca = await serverCertificate(stack.graphql.http);
  // Amplify reports each start_ack on Hub (without saying which subscription): wait for all three.
  let acks = 0;
  const wakers: (() => void)[] = [];
  const stopListening = Hub.listen('api', ({ payload }) => {
    if (payload.event === 'Subscription ack') acks += 1;
    wakers.splice(0).forEach((wake) => wake());
  });
  const inboxes = users.map(() => new Inbox<Notification>());
  const subscriptions = users.map((user, i) =>
    subscribeToNotifications({ graphqlUrl: stack.graphql.http, token: user.token, ca, onNotification: inboxes[i]!.push, onError: inboxes[i]!.fail }),
  );
  try {
    await until(() => acks >= users.length || inboxes.some((inbox) => inbox.errors.length > 0), (wake) => wakers.push(wake), 15_000, 'three start_acks');
    expect(inboxes.flatMap((inbox) => inbox.errors)).toEqual([]);

    await expectOwnDeliveries(users, inboxes, publish);
  } finally {
    for (const subscription of subscriptions) subscription.close();
    stopListening();
  }
});

it('says when the token is refused and when the API cannot be reached, instead of an error of unexpected shape or silence', async () => {
  const ca = await serverCertificate(stack.graphql.http);
  const refused = await firstError((onError) => subscribeToNotifications({ graphqlUrl: stack.graphql.http, token: 'not.a.token', ca, onNotification: () => undefined, onError }));
  expect(refused.message).toMatch(/refused the token .*Unauthorized.*: it has expired .* or is for another stage/);
  const nowhere = await closedGraphqlUrl();
  const unreachable = await firstError((onError) => subscribeToNotifications({ graphqlUrl: nowhere, token: users[0]!.token, ca, onNotification: () => undefined, onError }));
  expect(unreachable.message).toMatch(new RegExp(`^Cannot reach ${nowhere} .*is the API running\\? Locally: npm start\\.$`));
});
