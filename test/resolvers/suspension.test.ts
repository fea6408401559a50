/** Suspending a tenant shuts its users out: HTTP calls and open subscriptions, within the authorizer's cache time. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackHandle } from '../../local/stack.ts';
import { RealtimeClient } from '../fixtures/appsync/realtime/harness.ts';
import { graphqlWith, startTestStack } from '../support/stack.ts';
import { eventually } from '../support/eventually.ts';

let stack: StackHandle;

beforeAll(async () => {
  // Decisions live one second here (60 s by default), so the test needs no long waits.
  stack = await startTestStack({ authorizerCacheSeconds: 1 });
  await stack.addUser({ email: 'worker@initech.test', tenantId: 'initech', role: 'TenantUser' });
});

afterAll(async () => {
  await stack?.stop();
});

describe('a suspended tenant', () => {
  it('loses its open subscriptions and its API access, and gets them back when reactivated', async () => {
    const token = await stack.signIn('worker@initech.test');
    const host = new URL(stack.graphql.http).host;
    const socket = RealtimeClient.connect(stack.graphql.http, { Authorization: token, host });
    await socket.init();
    socket.send({
      type: 'start',
      id: 's1',
      payload: { data: JSON.stringify({ query: 'subscription { onNotification { id } }', variables: {} }), extensions: { authorization: { Authorization: token, host } } },
    });
    await socket.next('start_ack', 's1');
    expect((await graphqlWith(stack, token)('{ notifications { items { id } } }')).status).toBe(200);

    await stack.setTenantStatus('initech', 'suspended');
    // The connection is re-authorized when its cached decision expires; the authorizer now refuses.
    const closed = await Promise.race([
      socket.closed,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the connection stayed open')), 15_000)),
    ]);
    expect(closed.code).toBeGreaterThanOrEqual(1000);
    expect((await graphqlWith(stack, token)('{ notifications { items { id } } }')).status).toBe(401);
    // (Sign-in itself is refused too once the trigger's 30 s registry cache turns over; tokens are what the API checks.)

    await stack.setTenantStatus('initech', 'active');
    const again = await stack.signIn('worker@initech.test');
    // Reactivation, like suspension, reaches the authorizer when its one-second caches turn over.
    expect(await eventually(async () => (await graphqlWith(stack, again)('{ notifications { items { id } } }')).status === 200, { everyMs: 200 })).toBe(true);
  });
});
