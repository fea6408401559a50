/**
 * The authorization mode AppSync reads back from `ctx.identity`, for executors that need the
 * `util.authType()` answer of an identity. Each mode has its own identity shape; a shape that
 * names no single mode falls back to "API Key Authorization", as AppSync's EvaluateCode does.
 */
import { isMap } from './values.ts';

const IAM_KEYS = ['accountId', 'sourceIp', 'username', 'userArn'];
const USER_POOL_KEYS = ['sourceIp', 'username', 'sub', 'issuer', 'claims', 'defaultAuthStrategy'];
const OIDC_KEYS = ['sub', 'issuer', 'claims'];

/** The `util.authType()` string for an identity: Lambda, IAM, User Pool, OIDC or API key. */
export function authTypeForIdentity(identity: unknown): string {
  if (!isMap(identity)) return 'API Key Authorization';
  const keys = Object.keys(identity);
  const present = (key: string) => identity[key] !== undefined && identity[key] !== null;
  // a Lambda authorizer without a resolver context leaves an empty identity
  if (keys.length === 0 || 'resolverContext' in identity || 'handlerContext' in identity) {
    return 'Lambda Authorization';
  }
  if (IAM_KEYS.every(present)) return 'IAM Authorization';
  if (USER_POOL_KEYS.every(present)) return 'User Pool Authorization';
  if (OIDC_KEYS.every(present) && keys.every((key) => OIDC_KEYS.includes(key))) {
    return 'Open ID Connect Authorization';
  }
  return 'API Key Authorization';
}
