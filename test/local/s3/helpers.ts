/**
 * Test helpers for the local S3: a started gateway with a few known keys, SDK clients for
 * them, and a way to read S3's XML errors from plain `fetch` answers.
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { AuthorizeRequest, LocalS3, S3Credential } from '../../../local/s3/index.ts';
import { startLocalS3 } from '../../../local/s3/index.ts';

export const REGION = 'us-east-1';
export const BUCKET = 'optimalhr-documents-test';

/** Who signs: an internal service, or a role session scoped to one tenant. */
export interface TestPrincipal {
  name: string;
  tenantId?: string;
}

export interface TestKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const HOUR = 3_600_000;

/** Long-term key of an internal service: may do anything. */
export const ADMIN: TestKey = { accessKeyId: 'AKIALOCALADMIN', secretAccessKey: 'admin-secret-0123456789' };
/** A tenant role session of acme (what STS AssumeRole with a tenantId tag hands out). */
export const ACME: TestKey = { accessKeyId: 'ASIALOCALACME', secretAccessKey: 'acme-secret-0123456789', sessionToken: 'acme-session-token' };
/** A session whose credentials expired an hour ago. */
export const EXPIRED: TestKey = { accessKeyId: 'ASIALOCALEXPIRED', secretAccessKey: 'expired-secret-0123456789', sessionToken: 'expired-session-token' };

export interface TestS3 extends LocalS3 {
  /** Every authorize call so far, in order. */
  authorizations: AuthorizeRequest<TestPrincipal>[];
  client(key: TestKey, config?: Partial<S3ClientConfig>): S3Client;
}

/**
 * Starts the local S3 with {@link ADMIN}, {@link ACME} and {@link EXPIRED}, and an authorize hook
 * playing the tenant role's policy: a tenant principal may only touch keys (and list prefixes)
 * under `tenants/<tenantId>/`.
 */
export async function startTestS3(): Promise<TestS3> {
  const keys = new Map<string, S3Credential<TestPrincipal>>([
    [ADMIN.accessKeyId, { secretAccessKey: ADMIN.secretAccessKey, principal: { name: 'internal' } }],
    [ACME.accessKeyId, { secretAccessKey: ACME.secretAccessKey, sessionToken: ACME.sessionToken, expiresAt: new Date(Date.now() + HOUR), principal: { name: 'acme-role', tenantId: 'acme' } }],
    [EXPIRED.accessKeyId, { secretAccessKey: EXPIRED.secretAccessKey, sessionToken: EXPIRED.sessionToken, expiresAt: new Date(Date.now() - HOUR), principal: { name: 'old-role', tenantId: 'acme' } }],
  ]);
  const authorizations: AuthorizeRequest<TestPrincipal>[] = [];
  const clients: S3Client[] = [];
  const s3 = await startLocalS3<TestPrincipal>({
    buckets: [BUCKET],
    region: REGION,
    lookupCredentials: (accessKeyId) => keys.get(accessKeyId),
    async authorize(request) {
      authorizations.push(request);
      const { tenantId } = request.principal;
      if (tenantId === undefined) return { allowed: true };
      const scoped = request.key ?? request.prefix;
      return scoped !== undefined && scoped.startsWith(`tenants/${tenantId}/`)
        ? { allowed: true }
        : { allowed: false, reason: `outside tenants/${tenantId}/` };
    },
  });
  return {
    ...s3,
    authorizations,
    client(key, config = {}) {
      const client = new S3Client({ endpoint: s3.endpoint, region: REGION, forcePathStyle: true, credentials: key, ...config });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.destroy();
      await s3.stop();
    },
  };
}

/** The `<Code>` and `<Message>` of an S3 XML error answer. */
export async function s3ErrorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const text = await response.text();
  return {
    status: response.status,
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? '',
    message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? '',
  };
}
