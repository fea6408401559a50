/**
 * Load (part of `npm run bench`; issue 19 §2): `clients` concurrent users of one tenant for
 * `seconds` against the running stack, each a signed-in employee with a real-time connection
 * holding an `onNotification` subscription, each running a realistic mix in a closed loop:
 *
 *   reads (55 %)   the employee list, their own record, their attendance month, their balances
 *   writes (20 %)  updateMyProfile (a new phone number each time, with the expected version)
 *   punches (15 %) clockIn / clockOut in turn, each with a fresh idempotency key; one in four is
 *                  sent a second time with the same key (a client's retry)
 *   leave (5 %)    requestLeave for the next free Monday (one day, a type that allows a
 *                  negative balance); one in four is sent a second time with the same client id
 *   notify (10 %)  a notification to another client, published on the internal AWS_IAM path
 *
 * Afterwards every acknowledged write is read back: the last acknowledged phone of every client
 * must be the stored one, every acknowledged punch must be stored exactly once (a retry returns
 * the first punch), every acknowledged leave request must be the client's once (a retry returns
 * the first request), and every published notification must reach its recipient's subscription
 * exactly once. Errors, lost writes, doubled writes and lost or doubled notifications are the
 * measures whose goal is 0; p50/p99 per kind are reported.
 */
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { employeePunchesPrefix } from '../domain/attendance/model/keys.ts';
import { iamGraphQL } from '../domain/internal-graphql.ts';
import { addDays } from '../domain/model/dates.ts';
import { tenantKey } from '../domain/model/keys.ts';
import { tableName } from '../domain/model/tables.ts';
import { inPool } from '../domain/pool.ts';
import { signIn } from '../local/cognito.ts';
import { onboardUser, registryRecord, type OnboardingContext } from '../local/onboarding.ts';
import { DEMO_PASSWORD } from '../local/seed.ts';
import type { StackDescription } from '../local/stack.ts';
import { measure, mondayAtLeast, quantile, subOf, type Measure } from './harness.ts';
import { BenchRealtimeClient, type RealtimeFrame } from './realtime-client.ts';

const TENANT = 'acme';
const ZONE = 'America/New_York';
const SETUP_CONCURRENCY = 8;
/** After the run, how long notifications may still arrive before they count as lost. */
const DRAIN_TIMEOUT_MS = 10_000;

const KINDS = ['read', 'write', 'punch', 'leave', 'notify'] as const;
type Kind = (typeof KINDS)[number];
/** Shares of the mix. */
const MIX: Record<Kind, number> = { read: 0.5, write: 0.2, punch: 0.15, leave: 0.05, notify: 0.1 };

const CREATE = 'mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id version } }';
const READS = [
  'query { employees(limit: 20) { items { id lastName employment { status } } nextToken } }',
  'query ($id: ID!) { employee(id: $id) { id phone version employment { jobTitle status } } }',
  'query ($month: String!) { myAttendance(month: $month) { month days { date status } punches { id type at } } }',
  'query { myLeaveBalances { leaveTypeId amount asOf } }',
];
const UPDATE = 'mutation ($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { id phone version } }';
const PUNCH = (type: 'clockIn' | 'clockOut') => `mutation ($input: PunchInput!) { ${type}(input: $input) { id } }`;
const REQUEST_LEAVE = 'mutation ($input: RequestLeaveInput!) { requestLeave(input: $input) { id } }';
const MY_REQUESTS = 'query ($nextToken: String) { myLeaveRequests(limit: 100, nextToken: $nextToken) { items { id } nextToken } }';
const SUBSCRIBE = 'subscription { onNotification { id recipientUserId title } }';
/** Selects every field the subscription asks for: AppSync sends subscribers only what the mutation selected. */
const PUBLISH = 'mutation ($tenantId: ID!, $input: PublishNotificationInput!) { publishNotification(tenantId: $tenantId, input: $input) { id recipientUserId title } }';

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { errorType?: string | null; message?: string }[];
}

/** One simulated user: their employee record, token and everything acknowledged to them. */
interface Client {
  n: number;
  employeeId: string;
  sub: string;
  token: string;
  version: number;
  /** The last phone number an updateMyProfile acknowledged. */
  phone: string | null;
  clockedIn: boolean;
  /** Punch ids acknowledged, by idempotency key. */
  punches: Map<string, string>;
  /** Leave request ids acknowledged, by client request id. */
  requests: Map<string, string>;
  /** Notification sequence numbers received on this client's subscription. */
  received: Set<number>;
}

/** The month of `now` in the tenant's zone, as myAttendance takes it. */
function monthIn(zone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

export interface LoadOptions {
  clients: number;
  seconds: number;
}

export async function loadMeasures(stack: StackDescription, adminToken: string, options: LoadOptions): Promise<Measure[]> {
  const runId = randomBytes(3).toString('hex');
  const log = (text: string) => console.error(`[load] ${text}`);
  const url = stack.graphql.http;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients + 8 });
  const gql = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
    const answer = (await response.json()) as GraphQLAnswer;
    if (!response.ok && !answer.errors) answer.errors = [{ errorType: `HTTP ${response.status}` }];
    return answer;
  };
  const dynamo = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials, requestHandler: { httpAgent: agent } });
  const avp = new VerifiedPermissionsClient({ endpoint: stack.verifiedPermissions.endpoint, region: stack.region, credentials: stack.credentials });
  const ctx: OnboardingContext = { cognitoEndpoint: stack.cognito.endpoint, avp, dynamo, stage: stack.stage, region: stack.region };
  const internal = iamGraphQL({ url, region: stack.region, credentials: stack.credentials });
  const sockets: BenchRealtimeClient[] = [];
  try {
    // --- Set-up: one employee, user and subscription per client.
    let t = performance.now();
    const tenant = await registryRecord(ctx, TENANT);
    if (!tenant) throw new Error(`the stack has no tenant ${TENANT}`);
    const clientId = tenant.identity.clientIds[stack.stage]!;
    // A five-day week to request leave from, and a type that lets the balance go negative.
    const created = async (query: string, input: Record<string, unknown>): Promise<string> => {
      const answer = await gql(adminToken, query, { input });
      const id = (Object.values(answer.data ?? {})[0] as { id?: string } | null)?.id;
      if (!id) throw new Error(`load set-up failed: ${JSON.stringify(answer.errors)}`);
      return id;
    };
    const shift = await created('mutation ($input: CreateShiftTypeInput!) { createShiftType(input: $input) { id } }', { name: `Load day ${runId}`, start: '09:00', end: '17:00', breakMinutes: 30 });
    const week = await created('mutation ($input: CreateWorkPatternInput!) { createWorkPattern(input: $input) { id } }', { name: `Load week ${runId}`, cycleDays: 7, anchorDate: '2024-01-01', days: [shift, shift, shift, shift, shift, null, null] });
    const leaveType = await created('mutation ($input: LeaveTypeInput!) { createLeaveType(input: $input) { id } }', { name: `Load leave ${runId}`, paid: true, unit: 'DAYS', negativeBalanceLimit: '1000' });
    const firstMonday = mondayAtLeast(21);
    const clients = await inPool(Array.from({ length: options.clients }, (_, n) => n), SETUP_CONCURRENCY, async (n): Promise<Client> => {
      const email = `load-${runId}-${n}@acme.example`;
      const created = await gql(adminToken, CREATE, {
        input: {
          employeeNumber: `LD-${runId}-${n}`,
          firstName: `Load${n}`,
          lastName: `Client${runId}`,
          email,
          contract: { startDate: '2024-01-02', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME', workScheduleId: week } },
        },
      });
      const employee = created.data?.createEmployee as { id: string; version: number } | undefined;
      if (!employee) throw new Error(`creating a load employee failed: ${JSON.stringify(created.errors)}`);
      await onboardUser(ctx, tenant, { email, password: DEMO_PASSWORD, tenantId: TENANT, role: 'TenantUser', employeeId: employee.id });
      const { idToken } = await signIn(stack.cognito.endpoint, clientId, email, DEMO_PASSWORD);
      return { n, employeeId: employee.id, sub: subOf(idToken), token: idToken, version: employee.version, phone: null, clockedIn: false, punches: new Map(), requests: new Map(), received: new Set() };
    });
    log(`${clients.length} employees with users signed in, in ${Math.round(performance.now() - t)} ms`);

    const titlePattern = new RegExp(`^load ${runId} #(\\d+)$`);
    let misdelivered = 0;
    let doubledNotifications = 0;
    t = performance.now();
    const host = new URL(url).host;
    await inPool(clients, SETUP_CONCURRENCY, async (client) => {
      const header = { Authorization: client.token, host };
      const socket = await BenchRealtimeClient.connect(stack.graphql.realtime, header, (_id: string, frame: RealtimeFrame) => {
        const notification = (frame.payload?.data as { onNotification?: { recipientUserId?: string; title?: string } } | undefined)?.onNotification;
        const seq = Number(titlePattern.exec(notification?.title ?? '')?.[1] ?? Number.NaN);
        if (!notification || notification.recipientUserId !== client.sub || Number.isNaN(seq)) {
          misdelivered += 1;
          return;
        }
        if (client.received.has(seq)) doubledNotifications += 1;
        client.received.add(seq);
      });
      sockets.push(socket);
      await socket.subscribe('n', SUBSCRIBE, header);
    });
    log(`${sockets.length} subscriptions open in ${Math.round(performance.now() - t)} ms`);

    // --- The run.
    const latencies: Record<Kind, number[]> = { read: [], write: [], punch: [], leave: [], notify: [] };
    const errors: string[] = [];
    const fail = (kind: Kind, answer: GraphQLAnswer | Error) => {
      const text = answer instanceof Error ? answer.message : `${answer.errors?.[0]?.errorType}: ${answer.errors?.[0]?.message}`;
      errors.push(`${kind}: ${text}`.slice(0, 300));
    };
    /** Published notifications: sequence → recipient. */
    const published = new Map<number, Client>();
    let seq = 0;
    let retries = 0;
    let retriedDifferently = 0;
    const month = monthIn(ZONE);

    const operations: Record<Kind, (client: Client) => Promise<void>> = {
      async read(client) {
        const query = READS[Math.floor(Math.random() * READS.length)]!;
        const answer = await gql(client.token, query, query.includes('$id') ? { id: client.employeeId } : query.includes('$month') ? { month } : {});
        if (answer.errors || !answer.data) fail('read', answer);
      },
      async write(client) {
        const phone = `+1 212 555 ${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
        const answer = await gql(client.token, UPDATE, { input: { expectedVersion: client.version, phone } });
        const updated = answer.data?.updateMyProfile as { version: number; phone: string } | undefined;
        if (answer.errors || !updated) return fail('write', answer);
        client.version = updated.version;
        client.phone = updated.phone;
      },
      async punch(client) {
        const type = client.clockedIn ? 'clockOut' : 'clockIn';
        const key = `ld-${runId}-${client.n}-${client.punches.size}`;
        const input = { idempotencyKey: key, deviceTimeZone: ZONE };
        const answer = await gql(client.token, PUNCH(type), { input });
        const punch = answer.data?.[type] as { id: string } | undefined;
        if (answer.errors || !punch) return fail('punch', answer);
        client.punches.set(key, punch.id);
        client.clockedIn = !client.clockedIn;
        if (Math.random() < 0.25) {
          retries += 1;
          const again = await gql(client.token, PUNCH(type), { input });
          if ((again.data?.[type] as { id: string } | undefined)?.id !== punch.id) retriedDifferently += 1;
        }
      },
      async leave(client) {
        const n = client.requests.size;
        const day = addDays(firstMonday, 7 * n);
        const input = { clientRequestId: `ld-${runId}-${client.n}-${n}`, leaveTypeId: leaveType, from: day, to: day, reason: 'Load' };
        const answer = await gql(client.token, REQUEST_LEAVE, { input });
        const request = answer.data?.requestLeave as { id: string } | undefined;
        if (answer.errors || !request) return fail('leave', answer);
        client.requests.set(input.clientRequestId, request.id);
        if (Math.random() < 0.25) {
          retries += 1;
          const again = await gql(client.token, REQUEST_LEAVE, { input });
          if ((again.data?.requestLeave as { id: string } | undefined)?.id !== request.id) retriedDifferently += 1;
        }
      },
      async notify(client) {
        const recipient = clients[(client.n + 1 + Math.floor(Math.random() * (clients.length - 1))) % clients.length]!;
        const n = seq;
        seq += 1;
        const answer = await internal(PUBLISH, { tenantId: TENANT, input: { recipientUserId: recipient.sub, kind: 'GENERAL', title: `load ${runId} #${n}` } }).catch((error: Error) => error);
        if (answer instanceof Error || answer.errors || !answer.data?.publishNotification) return fail('notify', answer as GraphQLAnswer | Error);
        published.set(n, recipient);
      },
    };
    const pick = (): Kind => {
      let r = Math.random();
      for (const kind of KINDS) {
        r -= MIX[kind];
        if (r < 0) return kind;
      }
      return 'read';
    };

    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    await Promise.all(clients.map(async (client) => {
      while (performance.now() < deadline) {
        const kind = pick();
        const t0 = performance.now();
        await operations[kind](client).catch((error: Error) => fail(kind, error));
        latencies[kind].push(performance.now() - t0);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    const expected = published.size;
    const drainUntil = performance.now() + DRAIN_TIMEOUT_MS;
    const delivered = () => [...published].filter(([n, recipient]) => recipient.received.has(n)).length;
    while (performance.now() < drainUntil && delivered() < expected) await new Promise((resolve) => setTimeout(resolve, 20));
    log(`${Object.values(latencies).reduce((s, l) => s + l.length, 0)} operations in ${seconds.toFixed(1)} s; ${errors.length} errors${errors.length ? `, e.g. ${errors.slice(0, 3).join(' | ')}` : ''}`);

    // --- Read back every acknowledged write.
    let lostWrites = 0;
    let doubledWrites = retriedDifferently;
    await inPool(clients, SETUP_CONCURRENCY, async (client) => {
      if (client.phone !== null) {
        const read = await gql(adminToken, READS[1]!, { id: client.employeeId });
        if ((read.data?.employee as { phone?: string } | undefined)?.phone !== client.phone) lostWrites += 1;
      }
      const stored: string[] = [];
      let ExclusiveStartKey: Record<string, never> | undefined;
      do {
        const page = await dynamo.send(new QueryCommand({
          TableName: tableName('TimeAttendance', stack.stage),
          KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)',
          ExpressionAttributeValues: { ':t': { S: tenantKey(TENANT) }, ':p': { S: employeePunchesPrefix(client.employeeId) } },
          ProjectionExpression: 'id',
          ConsistentRead: true,
          ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
        }));
        stored.push(...(page.Items ?? []).map((item) => item.id?.S ?? ''));
        ExclusiveStartKey = page.LastEvaluatedKey as Record<string, never> | undefined;
      } while (ExclusiveStartKey);
      for (const id of client.punches.values()) if (!stored.includes(id)) lostWrites += 1;
      doubledWrites += Math.max(0, stored.length - client.punches.size);
      const requests: string[] = [];
      let next: string | null = null;
      do {
        const page = await gql(client.token, MY_REQUESTS, { nextToken: next });
        const connection = page.data?.myLeaveRequests as { items: { id: string }[]; nextToken: string | null } | undefined;
        if (!connection) throw new Error(`reading leave requests back failed: ${JSON.stringify(page.errors)}`);
        requests.push(...connection.items.map((item) => item.id));
        next = connection.nextToken;
      } while (next);
      for (const id of client.requests.values()) if (!requests.includes(id)) lostWrites += 1;
      doubledWrites += Math.max(0, requests.length - client.requests.size);
    });
    const lostNotifications = expected - delivered();

    const all = KINDS.flatMap((kind) => latencies[kind]).sort((a, b) => a - b);
    const shape = `${options.clients} clients × ${options.seconds} s`;
    return [
      measure(`load (${shape}): operations per second`, all.length / seconds, 'ops/s'),
      measure('load: p50, all operations', quantile(all, 0.5), 'ms'),
      measure('load: p99, all operations', quantile(all, 0.99), 'ms'),
      ...KINDS.flatMap((kind) => {
        const sorted = latencies[kind].sort((a, b) => a - b);
        return [measure(`load: ${kind} p50 (${sorted.length} calls)`, quantile(sorted, 0.5), 'ms'), measure(`load: ${kind} p99`, quantile(sorted, 0.99), 'ms')];
      }),
      measure('load: errors', errors.length, 'calls', { max: 1 }),
      measure(`load: acknowledged writes lost (phones, punches, leave requests; ${retries} retries)`, lostWrites, 'writes', { max: 1 }),
      measure('load: writes stored twice', doubledWrites, 'writes', { max: 1 }),
      measure(`load: notifications lost (of ${expected})`, lostNotifications, 'notifications', { max: 1 }),
      measure('load: notifications doubled or misdelivered', doubledNotifications + misdelivered, 'notifications', { max: 1 }),
    ];
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
    dynamo.destroy();
    avp.destroy();
    agent.destroy();
  }
}
