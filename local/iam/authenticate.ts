/**
 * Authentication of a signed request against the credential store: which principal signed it,
 * or why it is refused. Services word the refusals differently (DynamoDB's JSON exceptions,
 * STS's XML codes); callers map the {@link AuthFailure} kinds to their own.
 */
import type { CredentialStore, Principal } from './credentials.ts';
import { isProblem, parseAuthorization, verifySignature, type SignedRequest } from './sigv4.ts';

export type AuthFailure =
  /** No Authorization header. */
  | { kind: 'missing' }
  /** An Authorization header that is not a usable SigV4 one. */
  | { kind: 'malformed'; message: string }
  /** Key id (or its session token) unknown. */
  | { kind: 'unknown-key'; accessKeyId: string }
  /** Session credentials past their expiration. */
  | { kind: 'expired-token'; accessKeyId: string }
  /** Wrong signature, wrong scope or a signature older than the allowed clock skew. */
  | { kind: 'bad-signature'; accessKeyId: string; message?: string };

export type AuthResult = { ok: true; principal: Principal } | { ok: false; failure: AuthFailure };

export function authenticate(
  request: SignedRequest,
  store: CredentialStore,
  expect: { service: string; region: string; now: number },
): AuthResult {
  const claim = parseAuthorization(request.headers);
  if (isProblem(claim)) {
    return { ok: false, failure: claim.kind === 'missing' ? { kind: 'missing' } : { kind: 'malformed', message: 'message' in claim ? claim.message : '' } };
  }
  const found = store.lookup(claim.accessKeyId, claim.sessionToken, expect.now);
  if (found.status === 'unknown') return { ok: false, failure: { kind: 'unknown-key', accessKeyId: claim.accessKeyId } };
  if (found.status === 'expired') return { ok: false, failure: { kind: 'expired-token', accessKeyId: claim.accessKeyId } };
  const problem = verifySignature(request, claim, found.principal.secretAccessKey, expect);
  if (!problem) return { ok: true, principal: found.principal };
  if (problem.kind === 'malformed') return { ok: false, failure: { kind: 'malformed', message: problem.message } };
  return { ok: false, failure: { kind: 'bad-signature', accessKeyId: claim.accessKeyId, ...('message' in problem ? { message: problem.message } : {}) } };
}

/** Context keys every call of a principal carries: who it is and its session tags. */
export function principalContext(principal: Principal, accountId: string): Record<string, string> {
  const context: Record<string, string> = {
    'aws:PrincipalArn': principal.role.arn,
    'aws:PrincipalAccount': accountId,
  };
  for (const [key, value] of Object.entries(principal.tags)) context[`aws:PrincipalTag/${key}`] = value;
  return context;
}
