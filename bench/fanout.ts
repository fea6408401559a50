/**
 * Fan-out (part of `npm run bench`): 1,000 open `onNotification` subscriptions across 10 tenants,
 * notifications published through the internal AWS_IAM path at a steady rate, and per event the
 * time from publish to delivery on every subscription it is meant for.
 *
 * Set-up, through the same code the stack uses, against the stack's own services:
 * - Tenants: the stack's customer tenants (`acme`, `globex`) plus `fanout-NN` tenants onboarded
 *   with `local/onboarding.ts` (Cognito pool + app clients, Verified Permissions policy store,
 *   registry record) until there are 10. The authorizer finds them on its own: an unknown issuer
 *   reloads its registry snapshot.
 * - Users: TenantUser accounts provisioned in each tenant's pool (`custom:tenantId`,
 *   `custom:tenantRole`), signed in through the stage's app client (pre-token-generation runs).
 * - Subscriptions: each user opens `CONNECTIONS_PER_USER` WebSocket connections (their devices),
 *   each with `SUBSCRIPTIONS_PER_CONNECTION` `onNotification` subscriptions.
 *
 * Checked per delivery: a subscriber only ever receives notifications for itself in its own
 * tenant (anything else, including a duplicate, is misdelivered); every subscription of a
 * notification's recipient receives it within the drain timeout (otherwise it is lost). One event
 * in ten is a decoy: published in one tenant for a user of another; publishNotification must refuse
 * it (the recipient is no user of that tenant), and the subscription filter's tenant part would
 * still stand between it and that user.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { TenantRecord } from '../domain/tenancy/registry.ts';
import { iamGraphQL } from '../domain/internal-graphql.ts';
import { signIn } from '../local/cognito.ts';
import { onboardTenant, onboardUser, registryRecord, type OnboardingContext } from '../local/onboarding.ts';
import { DEMO_PASSWORD } from '../local/seed.ts';
import type { StackDescription } from '../local/stack.ts';
import { measure, quantile, subOf, type Measure } from './harness.ts';
import { BenchRealtimeClient, type RealtimeFrame } from './realtime-client.ts';
import { inPool } from '../domain/pool.ts';

const TENANTS = 10;
const SUBSCRIPTIONS = 1000;
const USERS_PER_TENANT = 20;
const CONNECTIONS_PER_USER = 5;
const SUBSCRIPTIONS_PER_CONNECTION = SUBSCRIPTIONS / (TENANTS * USERS_PER_TENANT * CONNECTIONS_PER_USER);
/** Parallel set-up calls (Cognito, WebSocket handshakes): enough to overlap, few enough for 2 cores. */
const SETUP_CONCURRENCY = 8;
/** Publish calls in flight at most; the schedule waits when this many are outstanding. */
const MAX_IN_FLIGHT = 32;
/** Publish calls in flight during the back-to-back burst that measures peak throughput. */
const BURST_IN_FLIGHT = 16;
const DECOY_EVERY = 10;
const WARMUP_EVENTS = 20;
/** After the last publish, how long deliveries may still arrive before they count as lost. */
const DRAIN_TIMEOUT_MS = 5_000;

const SUBSCRIBE = 'subscription OnNotification { onNotification { id tenantId recipientUserId title createdAt } }';
const PUBLISH = `mutation Publish($tenantId: ID!, $input: PublishNotificationInput!) {
  publishNotification(tenantId: $tenantId, input: $input) { id tenantId recipientUserId kind title createdAt } }`;

interface BenchUser {
  tenantId: string;
  email: string;
  sub: string;
  token: string;
}

/** One open subscription: whose it is and which events it has received. */
interface Subscriber {
  user: BenchUser;
  received: Set<number>;
}

/** One published event: for whom, and when it was sent. */
interface SentEvent {
  tenantId: string;
  recipient: BenchUser;
  decoy: boolean;
  sentAt: number;
  /** Set once the mutation answered with data; events that failed to publish expect nothing. */
  published: boolean;
  phase: Phase;
}

type Phase = 'warmup' | 'steady' | 'burst';

interface PhaseStats {
  events: number[];
  /** Deliveries owed: every subscription of the recipient of each published, non-decoy event. */
  expected: number;
  delivered: number;
  latencies: number[];
  publishLatencies: number[];
  publishErrors: number;
  /** Cross-tenant decoys publishNotification refused (all of them, when it checks the recipient). */
  decoysRefused: number;
  firstSentAt: number;
  lastDeliveredAt: number;
}

const newPhase = (): PhaseStats => ({
  events: [],
  expected: 0,
  delivered: 0,
  latencies: [],
  publishLatencies: [],
  publishErrors: 0,
  decoysRefused: 0,
  firstSentAt: Number.POSITIVE_INFINITY,
  lastDeliveredAt: 0,
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The stack's customer tenants plus onboarded `fanout-NN` tenants, `TENANTS` in all, with their pools. */
async function benchTenants(stack: StackDescription, ctx: OnboardingContext): Promise<TenantRecord[]> {
  const existing = (
    await Promise.all(
      Object.keys(stack.cognito.pools)
        .filter((tenantId) => tenantId !== 'system')
        .slice(0, TENANTS)
        .map((tenantId) => registryRecord(ctx, tenantId)),
    )
  ).flatMap((record) => (record ? [record] : []));
  const missing = Array.from({ length: TENANTS - existing.length }, (_, i) => `fanout-${String(i + 1).padStart(2, '0')}`);
  // One at a time: onboarding finds pools by name, and concurrent creations could clash.
  const added: TenantRecord[] = [];
  for (const tenantId of missing) added.push(await onboardTenant(ctx, { tenantId, displayName: `Fan-out bench ${tenantId}`, plan: 'standard' }));
  return [...existing, ...added];
}

/**
 * Sets up tenants, users and 1,000 subscriptions on a running stack, then measures: the steady
 * phase (`events` at `rate`/s; quick 200, full 1,000, at 50/s) gives publish-to-delivery p50/p99;
 * a back-to-back burst (quick 200, full 500 events, 16 in flight) gives peak deliveries per second.
 * Every socket is closed before it returns. Users and `fanout-NN` tenants stay in the stack.
 */
export async function fanoutMeasures(stack: StackDescription, options: { quick: boolean; events?: number; rate?: number }): Promise<Measure[]> {
  const events = options.events ?? (options.quick ? 200 : 1000);
  const rate = options.rate ?? 50;
  const burstEvents = options.quick ? 200 : 500;
  const runId = randomBytes(4).toString('hex');
  const host = new URL(stack.graphql.http).host;
  const shape = `${SUBSCRIPTIONS} subs: ${TENANTS} tenants × ${USERS_PER_TENANT} users × ${CONNECTIONS_PER_USER} connections × ${SUBSCRIPTIONS_PER_CONNECTION} sub`;
  const log = (text: string) => console.error(`[fan-out] ${text}`);

  const dynamo = new DynamoDBClient({
    endpoint: stack.dynamodb.endpoint,
    region: stack.region,
    credentials: stack.credentials,
    requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 8 }) },
  });
  const avp = new VerifiedPermissionsClient({ endpoint: stack.verifiedPermissions.endpoint, region: stack.region, credentials: stack.credentials });
  const ctx: OnboardingContext = { cognitoEndpoint: stack.cognito.endpoint, avp, dynamo, stage: stack.stage, region: stack.region };
  const clients: BenchRealtimeClient[] = [];
  const subscribers = new Map<string, Subscriber>();
  try {
    // --- Tenants and users.
    let t = performance.now();
    const tenants = await benchTenants(stack, ctx);
    if (tenants.length < TENANTS) throw new Error(`only ${tenants.length} tenants available`);
    log(`${tenants.length} tenants (${tenants.map((x) => x.tenantId).join(', ')}) in ${Math.round(performance.now() - t)} ms`);

    t = performance.now();
    const specs = tenants.flatMap((tenant) =>
      Array.from({ length: USERS_PER_TENANT }, (_, j) => ({ tenant, email: `fanout-${runId}-${j}@${tenant.tenantId}.bench` })),
    );
    const users = await inPool(specs, SETUP_CONCURRENCY, async ({ tenant, email }): Promise<BenchUser> => {
      const { tenantId, identity } = tenant;
      // A member of the tenant, as onboarding makes one: the sign-in stamps the role from the membership.
      await onboardUser(ctx, tenant, { email, password: DEMO_PASSWORD, tenantId, role: 'TenantUser' });
      const clientId = identity.clientIds[stack.stage];
      if (!clientId) throw new Error(`tenant ${tenantId} has no app client for ${stack.stage}`);
      const { idToken } = await signIn(stack.cognito.endpoint, clientId, email, DEMO_PASSWORD);
      return { tenantId, email, sub: subOf(idToken), token: idToken };
    });
    const byTenant = new Map<string, BenchUser[]>();
    for (const user of users) byTenant.set(user.tenantId, [...(byTenant.get(user.tenantId) ?? []), user]);
    log(`${users.length} users provisioned and signed in in ${Math.round(performance.now() - t)} ms`);

    // --- Deliveries: checked and timed as they arrive, per phase.
    const sent = new Map<number, SentEvent>();
    const phases: Record<Phase, PhaseStats> = { warmup: newPhase(), steady: newPhase(), burst: newPhase() };
    const titlePattern = new RegExp(`^fanout ${runId} #(\\d+)$`);
    let misdelivered = 0;
    const problems: string[] = [];
    const misdeliver = (why: string) => {
      misdelivered += 1;
      if (problems.length < 10) problems.push(why);
    };
    const onData = (key: string) => (subscriptionId: string, frame: RealtimeFrame, receivedAt: number) => {
      const subscriber = subscribers.get(`${key}/${subscriptionId}`);
      const notification = (frame.payload?.data as { onNotification?: { tenantId?: string; recipientUserId?: string; title?: string } } | undefined)?.onNotification;
      if (!subscriber) return misdeliver(`a data frame for an unknown subscription ${key}/${subscriptionId}`);
      if (!notification || frame.payload?.errors) return misdeliver(`a data frame without a notification: ${JSON.stringify(frame.payload).slice(0, 200)}`);
      const { user } = subscriber;
      if (notification.tenantId !== user.tenantId || notification.recipientUserId !== user.sub) {
        return misdeliver(`${user.tenantId}/${user.sub} received one for ${notification.tenantId}/${notification.recipientUserId}`);
      }
      const seq = Number(titlePattern.exec(notification.title ?? '')?.[1] ?? Number.NaN);
      const event = sent.get(seq);
      if (!event) return misdeliver(`an unknown event: ${notification.title}`);
      if (event.decoy || event.recipient !== user || event.tenantId !== user.tenantId) return misdeliver(`event #${seq} reached ${user.email}, not its recipient`);
      if (subscriber.received.has(seq)) return misdeliver(`event #${seq} delivered twice to one subscription`);
      subscriber.received.add(seq);
      const stats = phases[event.phase];
      stats.delivered += 1;
      stats.latencies.push(receivedAt - event.sentAt);
      stats.lastDeliveredAt = Math.max(stats.lastDeliveredAt, receivedAt);
    };

    // --- Connections and subscriptions.
    t = performance.now();
    const sockets = users.flatMap((user) => Array.from({ length: CONNECTIONS_PER_USER }, (_, d) => ({ user, key: `${user.email}#${d}` })));
    await inPool(sockets, SETUP_CONCURRENCY, async ({ user, key }) => {
      const header = { Authorization: user.token, host };
      const client = await BenchRealtimeClient.connect(stack.graphql.realtime, header, onData(key));
      clients.push(client);
      for (let s = 0; s < SUBSCRIPTIONS_PER_CONNECTION; s += 1) {
        subscribers.set(`${key}/s${s}`, { user, received: new Set() });
        await client.subscribe(`s${s}`, SUBSCRIBE, header);
      }
    });
    log(`${clients.length} connections with ${subscribers.size} subscriptions open in ${Math.round(performance.now() - t)} ms`);
    const subscriptionsOf = new Map<BenchUser, Subscriber[]>();
    for (const subscriber of subscribers.values()) subscriptionsOf.set(subscriber.user, [...(subscriptionsOf.get(subscriber.user) ?? []), subscriber]);

    // --- Publishing: random recipients, one decoy in DECOY_EVERY.
    const internal = iamGraphQL({ url: stack.graphql.http, region: stack.region, credentials: stack.credentials });
    const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
    let seq = 0;
    const publishOne = async (phase: Phase) => {
      const stats = phases[phase];
      const n = seq;
      seq += 1;
      const recipientTenant = pick(tenants).tenantId;
      const recipient = pick(byTenant.get(recipientTenant)!);
      const decoy = n % DECOY_EVERY === DECOY_EVERY - 1;
      const tenantId = decoy ? pick(tenants.filter((x) => x.tenantId !== recipientTenant)).tenantId : recipientTenant;
      const event: SentEvent = { tenantId, recipient, decoy, sentAt: performance.now(), published: false, phase };
      sent.set(n, event);
      stats.events.push(n);
      stats.firstSentAt = Math.min(stats.firstSentAt, event.sentAt);
      try {
        const answer = await internal(PUBLISH, { tenantId, input: { recipientUserId: recipient.sub, kind: 'GENERAL', title: `fanout ${runId} #${n}` } });
        // A decoy names a recipient outside the tenant: publishNotification refuses it (the first
        // line); were it accepted, the subscription filter would be the second.
        if (decoy && answer.errors?.[0]?.errorType === 'VALIDATION_ERROR') {
          stats.decoysRefused += 1;
          return;
        }
        if (answer.errors || !answer.data?.publishNotification) throw new Error(JSON.stringify(answer.errors ?? answer).slice(0, 200));
        event.published = true;
        stats.publishLatencies.push(performance.now() - event.sentAt);
        if (!decoy) stats.expected += subscriptionsOf.get(recipient)?.length ?? 0;
      } catch (error) {
        stats.publishErrors += 1;
        if (problems.length < 10) problems.push(`publish #${n} failed: ${(error as Error).message}`);
      }
    };
    /** Publishes `count` events on a schedule of `perSecond` (Infinity: back to back), at most `inFlightLimit` outstanding. */
    const run = async (phase: Phase, count: number, perSecond: number, inFlightLimit: number) => {
      const inFlight = new Set<Promise<void>>();
      const start = performance.now();
      for (let i = 0; i < count; i += 1) {
        const wait = start + (i * 1000) / perSecond - performance.now();
        if (wait > 0) await sleep(wait);
        while (inFlight.size >= inFlightLimit) await Promise.race(inFlight);
        const call: Promise<void> = publishOne(phase).finally(() => inFlight.delete(call));
        inFlight.add(call);
      }
      await Promise.all(inFlight);
      // Deliveries may trail the last answer: wait for all of them, up to the drain timeout.
      const stats = phases[phase];
      const deadline = performance.now() + DRAIN_TIMEOUT_MS;
      while (performance.now() < deadline && stats.delivered < stats.expected) await sleep(10);
      log(
        `${phase}: ${count} events (${perSecond === Infinity ? `back to back, ${inFlightLimit} in flight` : `${perSecond}/s`}) ` +
          `in ${((performance.now() - start) / 1000).toFixed(2)} s; ${stats.delivered}/${stats.expected} deliveries`,
      );
    };

    // Warm-up (not measured): every path runs before the clock starts.
    await run('warmup', WARMUP_EVENTS, 20, MAX_IN_FLIGHT);
    await run('steady', events, rate, MAX_IN_FLIGHT);
    await run('burst', burstEvents, Infinity, BURST_IN_FLIGHT);
    // Deliveries that were never meant to happen may still trickle in: give them a moment.
    await sleep(200);
    for (const problem of problems) log(`problem: ${problem}`);
    const unexpected = clients.flatMap((c) => c.unexpected);
    if (unexpected.length > 0) log(`unexpected frames: ${JSON.stringify(unexpected.slice(0, 3))}`);

    const { steady, burst } = phases;
    const latencies = [...steady.latencies].sort((a, b) => a - b);
    const publishLatencies = [...steady.publishLatencies].sort((a, b) => a - b);
    const burstSeconds = (burst.lastDeliveredAt - burst.firstSentAt) / 1000;
    const measuredPhases = [steady, burst];
    const expected = measuredPhases.reduce((n, p) => n + p.expected, 0);
    const lost = measuredPhases.reduce((n, p) => n + Math.max(0, p.expected - p.delivered), 0);
    const decoys = measuredPhases.reduce((n, p) => n + p.events.filter((e) => sent.get(e)?.decoy).length, 0);
    return [
      measure(`fan-out publish-to-delivery p50 (${shape}; ${events} events at ${rate}/s)`, quantile(latencies, 0.5), 'ms'),
      measure('fan-out publish-to-delivery p99', quantile(latencies, 0.99), 'ms', { max: 100 }),
      measure('fan-out publishNotification round trip p50', quantile(publishLatencies, 0.5), 'ms'),
      measure(`fan-out deliveries per second at ${rate} events/s`, steady.delivered / ((steady.lastDeliveredAt - steady.firstSentAt) / 1000 || 1), 'deliveries/s'),
      measure(`fan-out peak deliveries per second (${burstEvents} events back to back, ${BURST_IN_FLIGHT} in flight)`, burstSeconds > 0 ? burst.delivered / burstSeconds : 0, 'deliveries/s'),
      measure(`fan-out misdelivered events (incl. ${decoys} cross-tenant decoys)`, misdelivered, 'events', { max: 1 }),
      measure(`fan-out lost events (of ${expected} expected deliveries, ${DRAIN_TIMEOUT_MS / 1000}s timeout)`, lost, 'events', { max: 1 }),
      measure('fan-out failed publishes', steady.publishErrors + burst.publishErrors, 'calls', { max: 1 }),
      measure(`fan-out cross-tenant decoys accepted by publishNotification (of ${decoys})`, decoys - measuredPhases.reduce((n, p) => n + p.decoysRefused, 0), 'calls', { max: 1 }),
    ];
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    dynamo.destroy();
    avp.destroy();
  }
}
