/**
 * Tenant-scoped AWS clients for Lambda resolvers and per-tenant runners: each tenant's clients
 * sign with credentials from `sts:AssumeRole` on the tenant-scoped role, tagged `tenantId=<id>`,
 * so IAM itself (see domain/iam-policies.ts) confines them to `TENANT#<id>` keys.
 *
 * Plain SDK v3: on AWS the clients reach the real STS and DynamoDB; locally the standard
 * `AWS_ENDPOINT_URL_STS` / `AWS_ENDPOINT_URL_DYNAMODB` variables point them at the local stack.
 *
 * S3: `@aws-sdk/client-s3` is not a dependency yet, so no S3 client is built here. Once it is, add
 * `s3: new S3Client({ credentials: provider })` next to `dynamodb` (same provider, same cache).
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { TENANT_TAG_KEY } from './iam-policies.ts';
import { isValidTenantId } from './model/keys.ts';
import { createLogger, type Logger } from './logger.ts';

/** Session length asked of STS: the minimum, so a leaked session is short-lived. */
export const SESSION_SECONDS = 900;
/** Credentials are renewed this long before they expire, so no call is signed with nearly dead keys. */
export const REFRESH_MARGIN_MS = 60_000;
/** STS limit on RoleSessionName. */
const MAX_SESSION_NAME = 64;

/** Temporary credentials of one tenant session. */
export interface TenantCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** The clients of one tenant. */
export interface TenantScopedClients {
  readonly tenantId: string;
  /** Signs every call with the tenant's session; renews it transparently before expiry. */
  readonly dynamodb: DynamoDBClient;
  /** The same session for S3 (objects under `tenants/<tenantId>/` only). */
  readonly s3: S3Client;
}

/** Options of {@link tenantClients}. */
export interface TenantClientsOptions {
  /** ARN of the tenant-scoped role (trust policy: `tenantScopedRoleTrustPolicy`). */
  roleArn: string;
  /** STS client; default `new STSClient({})` (region and endpoint from the environment). */
  sts?: STSClient;
  /** Clock in epoch milliseconds, for tests; default `Date.now`. */
  now?: () => number;
  /** Extra DynamoDB client configuration (region, endpoint, request handler); never credentials. */
  dynamodb?: Omit<DynamoDBClientConfig, 'credentials'>;
  /** Extra S3 client configuration; never credentials. */
  s3?: Omit<S3ClientConfig, 'credentials'>;
  logger?: Logger;
}

/** Per-tenant clients, built lazily and cached. */
export interface TenantClients {
  /**
   * The clients of `tenantId`. Validates the id first, then makes sure the tenant has a live
   * session (AssumeRole at most once per tenant at a time), so an STS refusal surfaces here.
   */
  forTenant(tenantId: string): Promise<TenantScopedClients>;
  /** Current credentials of a tenant, from the cache or a fresh AssumeRole. */
  credentials(tenantId: string): Promise<TenantCredentials>;
  /** Destroys every client built (and the STS client if this created it). */
  destroy(): void;
}

interface TenantEntry {
  clients: TenantScopedClients;
  current?: TenantCredentials;
  /** The AssumeRole in flight, shared by every caller that needs fresh credentials meanwhile. */
  pending?: Promise<TenantCredentials>;
}

/**
 * @example
 * const tenants = tenantClients({ roleArn: process.env.TENANT_ROLE_ARN! });
 * const { dynamodb } = await tenants.forTenant(ctx.tenantId);
 * await dynamodb.send(new GetItemCommand({ TableName, Key: { TenantId: { S: tenantKey(ctx.tenantId) }, ... } }));
 */
export function tenantClients(options: TenantClientsOptions): TenantClients {
  const ownSts = options.sts === undefined;
  const sts = options.sts ?? new STSClient({});
  const now = options.now ?? Date.now;
  const log = (options.logger ?? createLogger({ service: 'tenant-credentials' })).child({ roleArn: options.roleArn });
  const entries = new Map<string, TenantEntry>();

  async function assumeRole(tenantId: string): Promise<TenantCredentials> {
    const output = await sts.send(new AssumeRoleCommand({
      RoleArn: options.roleArn,
      RoleSessionName: sessionName(tenantId),
      DurationSeconds: SESSION_SECONDS,
      Tags: [{ Key: TENANT_TAG_KEY, Value: tenantId }],
    }));
    const c = output.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new Error(`AssumeRole for tenant ${tenantId} returned no credentials`);
    }
    log.debug('tenant session started', { tenantId, expiresAt: c.Expiration.toISOString() });
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  }

  function credentialsOf(entry: TenantEntry): Promise<TenantCredentials> {
    const { current } = entry;
    if (current && now() < current.expiration.getTime() - REFRESH_MARGIN_MS) return Promise.resolve(current);
    if (!entry.pending) {
      const pending = assumeRole(entry.clients.tenantId).then(
        (fresh) => {
          entry.current = fresh;
          return fresh;
        },
      ).finally(() => {
        // A failure is not cached: the next caller tries again.
        if (entry.pending === pending) delete entry.pending;
      });
      entry.pending = pending;
    }
    return entry.pending;
  }

  function entryOf(tenantId: string): TenantEntry {
    // Validation comes before any cache or STS use: an invalid id must never reach a session tag.
    if (!isValidTenantId(tenantId)) throw new Error(`Invalid tenant id: ${JSON.stringify(tenantId)}`);
    let entry = entries.get(tenantId);
    if (!entry) {
      const created: TenantEntry = {
        clients: {
          tenantId,
          dynamodb: new DynamoDBClient({ ...options.dynamodb, credentials: () => credentialsOf(created) }),
          s3: new S3Client({ ...options.s3, credentials: () => credentialsOf(created) }),
        },
      };
      entry = created;
      entries.set(tenantId, entry);
    }
    return entry;
  }

  return {
    async forTenant(tenantId) {
      const entry = entryOf(tenantId);
      await credentialsOf(entry);
      return entry.clients;
    },
    async credentials(tenantId) {
      return credentialsOf(entryOf(tenantId));
    },
    destroy() {
      for (const entry of entries.values()) entry.clients.dynamodb.destroy();
      entries.clear();
      if (ownSts) sts.destroy();
    },
  };
}

/** `tenant-acme`; a tenant id too long for the prefix is used alone (STS allows 64 characters). */
export function sessionName(tenantId: string): string {
  const name = `tenant-${tenantId}`;
  return name.length <= MAX_SESSION_NAME ? name : tenantId;
}
