/**
 * Publishing a notification the way every internal caller does (runners, Lambda resolvers, the
 * notify CLI): the API's `publishNotification` mutation over IAM, so subscribers get it live and the
 * inbox keeps it. Ids derived from what the notification is about make publishing idempotent: the
 * API refuses an id twice (CONFLICT) and delivers it once.
 */
import { createHash } from 'node:crypto';
import { requiredEnv } from '../env.ts';
import type { PublishNotificationInput } from '../generated/graphql.ts';
import { internalGraphQLFromEnvironment, type GraphQLAnswer } from '../internal-graphql.ts';

/** Publishes one notification for a tenant; resolves to the API's answer. */
export type Publish = (tenantId: string, input: PublishNotificationInput) => Promise<GraphQLAnswer<unknown>>;

export const PUBLISH_NOTIFICATION = `mutation ($tenantId: ID!, $input: PublishNotificationInput!) {
  publishNotification(tenantId: $tenantId, input: $input) { id tenantId recipientUserId kind title body link createdAt readAt }
}`;

let fromEnvironment: Publish | undefined;

/** Publishing as the process's own role, over the API's IAM mode (GRAPHQL_URL). */
export function environmentPublish(): Publish {
  if (!fromEnvironment) {
    const send = internalGraphQLFromEnvironment(requiredEnv('GRAPHQL_URL'));
    fromEnvironment = (tenantId, input) => send(PUBLISH_NOTIFICATION, { tenantId, input });
  }
  return fromEnvironment;
}

/** What publishing one notification came to: sent now, sent before (its id was taken), or failed with an error type. */
export type PublishOutcome = { sent: true } | { sent: false; already: true } | { sent: false; already: false; error: string };

export async function publishOnce(publish: Publish, tenantId: string, input: PublishNotificationInput): Promise<PublishOutcome> {
  const answer = await publish(tenantId, input);
  const error = answer.errors?.[0];
  if (!error) return { sent: true };
  if (error.errorType === 'CONFLICT') return { sent: false, already: true };
  return { sent: false, already: false, error: error.errorType ?? error.message };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID that is a pure function of its inputs: 48-bit time, then 80 bits of SHA-256 of `key`.
 * It sorts by time like the API's own ids, and the same key always gives the same id.
 */
export function deterministicUlid(timeMs: number, key: string): string {
  let time = '';
  let t = timeMs;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const digest = createHash('sha256').update(key).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let random = '';
  for (let i = 0; i < 16; i += 1) {
    random = CROCKFORD[Number(bits & 31n)] + random;
    bits >>= 5n;
  }
  return time + random;
}
