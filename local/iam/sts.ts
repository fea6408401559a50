/**
 * A local STS speaking the AWS Query protocol (form-encoded `Action=AssumeRole&Version=2011-06-15
 * &RoleArn=...&Tags.member.1.Key=tenantId&...`, XML answers and XML errors shaped as STS sends
 * them), so the unmodified `@aws-sdk/client-sts` works against it.
 *
 * Operations: AssumeRole (with session tags) and GetCallerIdentity. Every call is SigV4-verified
 * against the credential store; AssumeRole is authorised by evaluating the role's trust policy
 * (and the caller's identity policies) with iam-simulate, for `sts:AssumeRole` and, when tags are
 * passed, `sts:TagSession`, as IAM does.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../domain/logger.ts';
import { authenticate, principalContext, type AuthFailure } from './authenticate.ts';
import type { LocalIamConfig } from './config.ts';
import { assumedRoleArn, roleId, type CredentialStore, type Principal } from './credentials.ts';
import type { PolicyEvaluator } from './evaluator.ts';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const DEFAULT_SESSION_SECONDS = 3600;
const MIN_SESSION_SECONDS = 900;
const MAX_TAGS = 50;
/** Parameters of AssumeRole this STS honours; anything else is refused rather than ignored. */
const ASSUME_ROLE_PARAMS = /^(Action|Version|RoleArn|RoleSessionName|DurationSeconds|ExternalId|Tags\.member\.\d+\.(Key|Value)|TransitiveTagKeys\.member\.\d+)$/;

/** An STS error: HTTP status, `Code`, `Message`, and who is at fault (`Sender`/`Receiver`). */
class StsError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly type: 'Sender' | 'Receiver' = 'Sender') {
    super(message);
  }
}

function xmlEscape(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

function sendXml(res: ServerResponse, status: number, xml: string, requestId: string): void {
  res.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(xml), 'x-amzn-RequestId': requestId });
  res.end(xml);
}

function errorXml(error: StsError, requestId: string): string {
  return `<ErrorResponse xmlns="${NAMESPACE}">\n  <Error>\n    <Type>${error.type}</Type>\n    <Code>${xmlEscape(error.code)}</Code>\n` +
    `    <Message>${xmlEscape(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
}

function resultXml(action: string, inner: string, requestId: string): string {
  return `<${action}Response xmlns="${NAMESPACE}">\n  <${action}Result>\n${inner}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
}

/** STS's wording of authentication failures. */
function authError(failure: AuthFailure): StsError {
  switch (failure.kind) {
    case 'missing':
      return new StsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    case 'malformed':
      return new StsError(400, 'IncompleteSignature', failure.message);
    case 'unknown-key':
      return new StsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    case 'expired-token':
      return new StsError(400, 'ExpiredToken', 'The security token included in the request is expired');
    case 'bad-signature':
      return new StsError(403, 'SignatureDoesNotMatch', failure.message ??
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  }
}

function validation(message: string): StsError {
  return new StsError(400, 'ValidationError', message);
}

/** `Tags.member.N.Key/Value` → `{ key: value }`, validated as STS does. */
function sessionTags(params: URLSearchParams): Record<string, string> {
  const members = new Map<number, { key?: string; value?: string }>();
  for (const [name, value] of params) {
    const m = /^Tags\.member\.(\d+)\.(Key|Value)$/.exec(name);
    if (!m) continue;
    const member = members.get(Number(m[1])) ?? {};
    if (m[2] === 'Key') member.key = value;
    else member.value = value;
    members.set(Number(m[1]), member);
  }
  if (members.size > MAX_TAGS) throw validation(`1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TAGS}`);
  const tags: Record<string, string> = {};
  const seen = new Set<string>();
  for (const { key, value } of [...members.entries()].sort(([a], [b]) => a - b).map(([, m]) => m)) {
    if (key === undefined || key.length < 1 || key.length > 128) throw validation("1 validation error detected: Value at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 and 128");
    if (value === undefined || value.length > 256) throw validation("1 validation error detected: Value at 'tags.member.value' failed to satisfy constraint: Member must have length less than or equal to 256");
    if (seen.has(key.toLowerCase())) throw new StsError(400, 'InvalidParameterValue', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(key.toLowerCase());
    tags[key] = value;
  }
  return tags;
}

export interface StsServerOptions {
  config: LocalIamConfig;
  store: CredentialStore;
  evaluator: PolicyEvaluator;
  logger: Logger;
  /** Clock in epoch ms; default Date.now. */
  now?: () => number;
}

/** Creates the STS server (not yet listening). */
export function createStsServer(options: StsServerOptions): Server {
  const { config, store, evaluator, logger } = options;
  const now = options.now ?? Date.now;

  function getCallerIdentity(principal: Principal): string {
    return `    <Arn>${xmlEscape(principal.arn)}</Arn>\n    <UserId>${xmlEscape(principal.userId)}</UserId>\n    <Account>${config.accountId}</Account>\n`;
  }

  async function assumeRole(principal: Principal, params: URLSearchParams): Promise<string> {
    for (const name of params.keys()) {
      if (!ASSUME_ROLE_PARAMS.test(name)) throw validation(`The local STS does not support the AssumeRole parameter ${name}.`);
    }
    const roleArn = params.get('RoleArn');
    const sessionName = params.get('RoleSessionName');
    if (!roleArn || roleArn.length < 20) throw validation("1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20");
    if (!sessionName || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw validation(`1 validation error detected: Value '${sessionName ?? 'null'}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
    }
    const duration = Number(params.get('DurationSeconds') ?? DEFAULT_SESSION_SECONDS);
    if (!Number.isInteger(duration) || duration < MIN_SESSION_SECONDS || duration > 43_200) {
      throw validation(`1 validation error detected: Value '${params.get('DurationSeconds')}' at 'durationSeconds' failed to satisfy constraint: Member must have value between ${MIN_SESSION_SECONDS} and 43200`);
    }
    const tags = sessionTags(params);

    const role = store.role(roleArn);
    // AWS answers an unknown role exactly like an untrusted caller: nothing to learn by probing.
    const denied = (action: string) => {
      logger.warn('access denied', { event: 'security.access_denied', tenantId: tags.tenantId, principal: principal.arn, action, resource: roleArn });
      return new StsError(403, 'AccessDenied', `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${roleArn}`);
    };
    if (!role?.trustPolicy) throw denied('sts:AssumeRole');
    if (duration > (role.maxSessionSeconds ?? DEFAULT_SESSION_SECONDS)) {
      throw validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }

    const context: Record<string, string | string[]> = { ...principalContext(principal, config.accountId), 'sts:RoleSessionName': sessionName };
    const externalId = params.get('ExternalId');
    if (externalId !== null) context['sts:ExternalId'] = externalId;
    const tagKeys = Object.keys(tags);
    if (tagKeys.length > 0) {
      context['aws:TagKeys'] = tagKeys;
      for (const [key, value] of Object.entries(tags)) context[`aws:RequestTag/${key}`] = value;
    }
    const actions = tagKeys.length > 0 ? ['sts:AssumeRole', 'sts:TagSession'] : ['sts:AssumeRole'];
    for (const action of actions) {
      const decision = await evaluator.decide({
        principal: principal.arn,
        policyKey: principal.role.arn,
        identityPolicies: principal.role.policies,
        resourcePolicy: role.trustPolicy,
        action,
        resource: role.arn,
        accountId: config.accountId,
        context,
      });
      if (decision !== 'Allowed') throw denied(action);
    }

    const session = store.issue(role, sessionName, tags, now() + duration * 1000);
    logger.info('role assumed', { tenantId: tags.tenantId, principal: principal.arn, role: role.arn, sessionName });
    const arn = assumedRoleArn(role.arn, sessionName, config.accountId);
    return `    <AssumedRoleUser>\n      <AssumedRoleId>${roleId(role.arn)}:${xmlEscape(sessionName)}</AssumedRoleId>\n      <Arn>${xmlEscape(arn)}</Arn>\n    </AssumedRoleUser>\n` +
      `    <Credentials>\n      <AccessKeyId>${session.accessKeyId}</AccessKeyId>\n      <SecretAccessKey>${xmlEscape(session.secretAccessKey)}</SecretAccessKey>\n` +
      `      <SessionToken>${xmlEscape(session.sessionToken)}</SessionToken>\n      <Expiration>${new Date(session.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}</Expiration>\n    </Credentials>\n` +
      `    <PackedPolicySize>${Math.min(100, tagKeys.length * 6)}</PackedPolicySize>\n`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    try {
      const url = req.url ?? '/';
      const params = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
      for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.append(name, value);

      const auth = authenticate({ method: req.method ?? 'POST', url, headers: req.headers, body }, store, { service: 'sts', region: config.region, now: now() });
      if (!auth.ok) {
        logger.warn('request refused', { event: 'security.authentication_failed', service: 'sts', reason: auth.failure.kind, accessKeyId: 'accessKeyId' in auth.failure ? auth.failure.accessKeyId : undefined });
        throw authError(auth.failure);
      }
      const action = params.get('Action') ?? '';
      if (params.get('Version') !== '2011-06-15') throw new StsError(400, 'InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
      switch (action) {
        case 'GetCallerIdentity':
          return sendXml(res, 200, resultXml(action, getCallerIdentity(auth.principal), requestId), requestId);
        case 'AssumeRole':
          return sendXml(res, 200, resultXml(action, await assumeRole(auth.principal, params), requestId), requestId);
        default:
          throw new StsError(400, 'InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
      }
    } catch (error) {
      const stsError = error instanceof StsError ? error : new StsError(500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 'Receiver');
      if (!(error instanceof StsError)) logger.error('sts request failed', { error });
      sendXml(res, stsError.status, errorXml(stsError, requestId), requestId);
    }
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('sts request failed', { error });
      res.destroy();
    });
  });
}
