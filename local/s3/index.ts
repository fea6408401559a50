/**
 * The project's local S3: s3rver (filesystem-backed, pure npm) behind a gateway that does what
 * s3rver does not: verify SigV4 signatures (header-signed and presigned URLs), enforce expiry of
 * presigned URLs and of temporary credentials, ask an authorize hook (IAM policy evaluation) for
 * every action, and verify bodies against their signed hashes and checksums. Both listen on
 * 127.0.0.1; clients use the gateway with `forcePathStyle: true`.
 *
 * @example
 * const s3 = await startLocalS3({ buckets: ['optimalhr-documents-dev'], lookupCredentials: (id) => keys.get(id) });
 * const client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: 'us-east-1', credentials });
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import S3rver from 's3rver';
import { createLogger, type Logger } from '../../domain/logger.ts';
import { createS3Gateway, type AuthorizeHook } from './gateway.ts';
import type { CredentialLookup } from './sigv4.ts';

export type { AuthorizeDecision, AuthorizeHook, AuthorizeRequest } from './gateway.ts';
export type { RequiredPermission, S3Action } from './operations.ts';
export type { Authenticated, CredentialLookup, S3AuthType, S3Credential } from './sigv4.ts';

/** Options of {@link startLocalS3}. */
export interface LocalS3Options<P> {
  /** Folder holding the buckets (kept across restarts); omitted = a temporary folder removed on stop. */
  folder?: string;
  /** Buckets to create if missing. */
  buckets: string[];
  /** Resolves an access key id to its secret (and session token, expiry, principal); undefined = unknown key. */
  lookupCredentials: CredentialLookup<P>;
  /** Asked once per IAM action a request needs; omitted = every authenticated request is allowed. */
  authorize?: AuthorizeHook<P>;
  /** The region signatures must be scoped to. Default `us-east-1`. */
  region?: string;
  /** The gateway's port; 0 or omitted = any free port. */
  port?: number;
  logger?: Logger;
}

/** A running local S3. */
export interface LocalS3 {
  /** The gateway, for every client: `http://127.0.0.1:<port>` (path-style). */
  endpoint: string;
  /** s3rver itself, unauthenticated: for debugging only, never hand it to code under test. */
  s3rverEndpoint: string;
  /** Closes both servers and removes temporary folders. */
  stop(): Promise<void>;
}

/** Starts s3rver and the gateway on 127.0.0.1 (free ports) and resolves once both listen. */
export async function startLocalS3<P>(options: LocalS3Options<P>): Promise<LocalS3> {
  const logger = options.logger ?? createLogger({ service: 'local-s3' });
  const region = options.region ?? 'us-east-1';
  const temporary: string[] = [];
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
    await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
  };

  try {
    const directory = options.folder === undefined ? await mkdtemp(join(tmpdir(), 'optimalhr-s3-')) : resolve(options.folder);
    if (options.folder === undefined) temporary.push(directory);
    else await mkdir(directory, { recursive: true });
    // Bodies under verification live outside s3rver's folder, where they could pass for a bucket.
    const spoolDir = await mkdtemp(join(tmpdir(), 'optimalhr-s3-spool-'));
    temporary.push(spoolDir);

    const s3rver = new S3rver({
      address: '127.0.0.1',
      port: 0,
      directory,
      silent: true,
      configureBuckets: options.buckets.map((name) => ({ name })),
    });
    const upstream = await s3rver.run();
    stops.push(() => s3rver.close());

    const gateway = createS3Gateway({
      upstream: { host: '127.0.0.1', port: upstream.port },
      region,
      lookupCredentials: options.lookupCredentials,
      authorize: options.authorize,
      spoolDir,
      logger,
    });
    const server = createServer((req, res) => gateway.handle(req, res));
    await listen(server, options.port ?? 0);
    stops.push(() => closeServer(server), () => gateway.close());

    const port = (server.address() as AddressInfo).port;
    logger.info('local s3 started', { endpoint: `http://127.0.0.1:${port}`, buckets: options.buckets, folder: options.folder ?? null });
    return {
      endpoint: `http://127.0.0.1:${port}`,
      s3rverEndpoint: `http://127.0.0.1:${upstream.port}`,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose, reject) => {
    server.close((err) => (err ? reject(err) : resolveClose()));
    server.closeAllConnections();
  });
}
