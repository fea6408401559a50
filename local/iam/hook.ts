/**
 * Local IAM inside the DynamoDB child process. `startLocalDynamo({ requestHook: <this file>,
 * hookOptions: LocalIamConfig })` loads it there and calls {@link setup}, which
 *
 * 1. builds the one {@link CredentialStore} of the child (service keys + STS sessions),
 * 2. starts the local STS on 127.0.0.1 beside the gateway, issuing sessions into that store,
 * 3. returns the gateway's request hook, which on every DynamoDB call verifies SigV4 against the
 *    same store and evaluates the call against the principal's role policies with iam-simulate.
 *
 * Why in the child: the gateway runs there, and STS and the hook must share the sessions STS
 * issues. Serving STS from the same process keeps that sharing a plain in-memory Map, with no
 * second channel to keep consistent. The parent learns the STS endpoint from `hookEndpoints.sts`.
 */
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../../domain/logger.ts';
import type { GatewayRejection, GatewayRequest, HookContext, HookSetup, TableKeys } from '../dynamodb/index.ts';
import { authenticate, principalContext, type AuthFailure } from './authenticate.ts';
import type { LocalIamConfig, LocalSession } from './config.ts';
import { CredentialStore, type Principal } from './credentials.ts';
import { checksFor, type DynamoCheck } from './dynamodb-checks.ts';
import { PolicyEvaluator } from './evaluator.ts';
import { createStsServer } from './sts.ts';
import { startLocalS3 } from '../s3/index.ts';

const TARGET_PREFIX = 'DynamoDB_20120810.';
/** Operations after which cached key schemas may be stale. */
const SCHEMA_CHANGES = new Set(['CreateTable', 'DeleteTable', 'UpdateTable']);

/** A DynamoDB error answer, shaped as the service sends it. */
function dynamoError(type: string, message: string, status = 400): GatewayRejection {
  return { status, body: { __type: `com.amazon.coral.service#${type}`, message } };
}

/** DynamoDB's wording of authentication failures. */
function authRejection(failure: AuthFailure): GatewayRejection {
  switch (failure.kind) {
    case 'missing':
      return dynamoError('MissingAuthenticationTokenException', 'Request is missing Authentication Token', 403);
    case 'malformed':
      return dynamoError('IncompleteSignatureException', failure.message);
    case 'unknown-key':
      return dynamoError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    case 'expired-token':
      return dynamoError('ExpiredTokenException', 'The security token included in the request is expired');
    case 'bad-signature':
      return dynamoError('InvalidSignatureException', failure.message ??
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  }
}

/** Options of {@link createEnforcementHook}. */
export interface EnforcementOptions {
  config: LocalIamConfig;
  store: CredentialStore;
  evaluator: PolicyEvaluator;
  tableKeys: HookContext['tableKeys'];
  logger: Logger;
  now?: () => number;
}

/** The DynamoDB request hook: SigV4 verification, then IAM evaluation of every check of the call. */
export function createEnforcementHook(options: EnforcementOptions): (request: GatewayRequest) => Promise<GatewayRejection | void> {
  const { config, store, evaluator, logger } = options;
  const now = options.now ?? Date.now;
  const arnPrefix = `arn:aws:dynamodb:${config.region}:${config.accountId}:table/`;

  // Key schemas are read from the store once per table; schema changes invalidate them.
  const schemas = new Map<string, Promise<TableKeys | undefined>>();
  const keysOf = (table: string) => {
    let keys = schemas.get(table);
    if (!keys) {
      keys = options.tableKeys(table);
      schemas.set(table, keys);
      // A table that does not exist yet must be looked up again once it does.
      keys.then((found) => found ?? schemas.delete(table), () => schemas.delete(table));
    }
    return keys;
  };

  function resourceOf(check: DynamoCheck): string {
    if (check.resourceArn !== undefined) return check.resourceArn;
    if (check.table === undefined) return '*';
    return `${arnPrefix}${check.table}${check.index === undefined ? '' : `/index/${check.index}`}`;
  }

  function denial(principal: Principal, action: string, resource: string, explicit: boolean): GatewayRejection {
    logger.warn('access denied', {
      event: 'security.access_denied',
      tenantId: principal.tags.tenantId,
      principal: principal.arn,
      action,
      resource,
    });
    const because = explicit ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
    return dynamoError('AccessDeniedException', `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} ${because}`);
  }

  return async (request) => {
    const auth = authenticate(request, store, { service: 'dynamodb', region: config.region, now: now() });
    if (!auth.ok) {
      logger.warn('request refused', {
        event: 'security.authentication_failed',
        service: 'dynamodb',
        reason: auth.failure.kind,
        accessKeyId: 'accessKeyId' in auth.failure ? auth.failure.accessKeyId : undefined,
      });
      return authRejection(auth.failure);
    }
    const { principal } = auth;
    // Only the current API is evaluated, so only it may pass: dynalite also serves the 2011 API
    // (`DynamoDB_20111205.Scan`), which would otherwise slip by unchecked.
    if (!request.target.startsWith(TARGET_PREFIX)) return dynamoError('UnknownOperationException', '');
    const operation = request.target.slice(TARGET_PREFIX.length);
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(request.body.toString('utf8') || '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      // Unparsed means unauthorised: nothing reaches dynalite that was not checked.
      return { status: 400, body: { __type: 'com.amazon.coral.service#SerializationException' } };
    }
    if (SCHEMA_CHANGES.has(operation)) schemas.clear();

    const base = principalContext(principal, config.accountId);
    base['aws:RequestedRegion'] = config.region;
    for (const check of await checksFor(operation, body, keysOf)) {
      const context: Record<string, string | string[]> = { ...base };
      if (check.leadingKeys) context['dynamodb:LeadingKeys'] = check.leadingKeys;
      if (check.enclosingOperation) context['dynamodb:EnclosingOperation'] = check.enclosingOperation;
      const resource = resourceOf(check);
      const decision = await evaluator.decide({
        principal: principal.arn,
        policyKey: principal.role.arn,
        identityPolicies: principal.role.policies,
        action: check.action,
        resource,
        accountId: config.accountId,
        context,
      });
      if (decision !== 'Allowed') return denial(principal, check.action, resource, decision === 'ExplicitlyDenied');
    }
  };
}

/**
 * The child-process entry point (see local/dynamodb/child.ts): starts the local STS and returns
 * the enforcement hook, both on one credential store.
 */
export async function setup(context: HookContext): Promise<HookSetup> {
  const options = context.options as LocalIamConfig;
  // A replacement child (the previous one died) serves the same ports and knows the sessions issued before.
  const config: LocalIamConfig = {
    ...options,
    sessions: [...(options.sessions ?? []), ...(context.remembered as LocalSession[])],
    ...(context.previousEndpoints?.sts ? { stsPort: portOf(context.previousEndpoints.sts) } : {}),
  };
  const logger = createLogger({ service: 'local-iam', ...(config.logLevel ? { level: config.logLevel } : {}) });
  const store = new CredentialStore(config, (session) => context.remember(session, session.expiresAt + SESSION_AFTERLIFE_MS));
  const evaluator = new PolicyEvaluator();
  const sts = createStsServer({ config, store, evaluator, logger: logger.child({ component: 'sts' }) });
  await new Promise<void>((resolve, reject) => {
    sts.once('error', reject);
    sts.listen(config.stsPort ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = sts.address() as AddressInfo;
  const s3Port = context.previousEndpoints?.s3 ? portOf(context.previousEndpoints.s3) : 0;
  const s3 = config.s3 ? await startS3(config, store, evaluator, logger.child({ component: 's3' }), s3Port) : undefined;
  return {
    hook: createEnforcementHook({ config, store, evaluator, tableKeys: context.tableKeys, logger: logger.child({ component: 'dynamodb' }) }),
    endpoints: { sts: `http://127.0.0.1:${port}`, ...(s3 ? { s3: s3.endpoint } : {}) },
    close: async () => {
      await s3?.stop();
      await new Promise<void>((resolve, reject) => {
        sts.close((err) => (err ? reject(err) : resolve()));
        sts.closeAllConnections();
      });
    },
  };
}

/** Sessions are kept an hour past expiry, as the store keeps them (ExpiredToken rather than an unknown key). */
const SESSION_AFTERLIFE_MS = 3_600_000;

function portOf(endpoint: string): number {
  return Number(new URL(endpoint).port);
}

/** Condition keys that change with every request; the role policies use none of them, and they would defeat the decision cache. */
const VOLATILE_CONTEXT = new Set(['aws:CurrentTime', 'aws:EpochTime', 's3:signatureAge']);

/** The local S3 on the same credential store, every request evaluated against the signer's role policies. */
function startS3(config: LocalIamConfig, store: CredentialStore, evaluator: PolicyEvaluator, logger: Logger, port: number) {
  return startLocalS3<Principal>({
    port,
    buckets: config.s3!.buckets,
    ...(config.s3!.folder ? { folder: config.s3!.folder } : {}),
    region: config.region,
    logger,
    lookupCredentials: (accessKeyId) => store.credential(accessKeyId),
    authorize: async ({ principal, action, resource, context }) => {
      const stable = Object.fromEntries(Object.entries(context).filter(([key]) => !VOLATILE_CONTEXT.has(key)));
      const decision = await evaluator.decide({
        principal: principal.arn,
        policyKey: principal.role.arn,
        identityPolicies: principal.role.policies,
        action,
        resource,
        accountId: config.accountId,
        context: { ...stable, ...principalContext(principal, config.accountId) },
      });
      if (decision === 'Allowed') return { allowed: true };
      logger.warn('access denied', { event: 'security.access_denied', tenantId: principal.tags.tenantId, principal: principal.arn, action, resource });
      return { allowed: false, reason: decision };
    },
  });
}
