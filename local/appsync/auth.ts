/**
 * AppSync's authorization: which mode a request uses, which modes each field allows (the
 * `@aws_*` directives), the Lambda authorizer contract with its token-keyed cache, and SigV4
 * verification for AWS_IAM callers.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { isObjectType, getNamedType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { createHash, timingSafeEqual } from 'node:crypto';
import { NodeSha256 } from '../../domain/sha256.ts';

export type AuthMode = 'AWS_LAMBDA' | 'AWS_IAM' | 'API_KEY' | 'AMAZON_COGNITO_USER_POOLS' | 'OPENID_CONNECT';

/** `util.authType()` answers. */
export const AUTH_TYPE_NAMES: Record<AuthMode, string> = {
  AWS_LAMBDA: 'Lambda Authorization',
  AWS_IAM: 'IAM Authorization',
  API_KEY: 'API Key Authorization',
  AMAZON_COGNITO_USER_POOLS: 'User Pool Authorization',
  OPENID_CONNECT: 'Open ID Connect Authorization',
};

const DIRECTIVE_MODES: Record<string, AuthMode> = {
  aws_lambda: 'AWS_LAMBDA',
  aws_iam: 'AWS_IAM',
  aws_api_key: 'API_KEY',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_auth: 'AMAZON_COGNITO_USER_POOLS',
  aws_oidc: 'OPENID_CONNECT',
};

function directiveModes(node: { directives?: readonly { name: { value: string } }[] } | null | undefined): AuthMode[] {
  return (node?.directives ?? []).map((d) => DIRECTIVE_MODES[d.name.value]).filter((m): m is AuthMode => m !== undefined);
}

/**
 * The modes allowed on a field, by AppSync's rules: the field's own directives; else its type's;
 * else the default mode alone (once any directive is present the default is not implied).
 * An object return type with directives must allow the mode too.
 */
export function fieldAuthRules(schema: GraphQLSchema, defaultMode: AuthMode) {
  const cache = new Map<string, { field: ReadonlySet<AuthMode>; returnType: ReadonlySet<AuthMode> | null }>();
  const rulesFor = (type: GraphQLObjectType, field: GraphQLField<unknown, unknown>) => {
    const key = `${type.name}.${field.name}`;
    let rules = cache.get(key);
    if (!rules) {
      const own = directiveModes(field.astNode);
      const inherited = own.length > 0 ? own : directiveModes(type.astNode);
      const returned = getNamedType(field.type);
      const returnModes = isObjectType(returned) ? directiveModes(returned.astNode) : [];
      rules = {
        field: new Set(inherited.length > 0 ? inherited : [defaultMode]),
        returnType: returnModes.length > 0 ? new Set(returnModes) : null,
      };
      cache.set(key, rules);
    }
    return rules;
  };
  return {
    allows(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, mode: AuthMode): boolean {
      const rules = rulesFor(type, field);
      return rules.field.has(mode) && (rules.returnType === null || rules.returnType.has(mode));
    },
  };
}

/** AppSync's Lambda authorizer event. */
export interface AuthorizerEvent {
  authorizationToken: string;
  requestContext: {
    apiId: string;
    accountId: string;
    requestId: string;
    queryString: string;
    operationName?: string;
    variables: Record<string, unknown>;
  };
  requestHeaders: Record<string, string>;
}

/** AppSync's Lambda authorizer response. */
export interface AuthorizerResponse {
  isAuthorized: boolean;
  resolverContext?: Record<string, unknown>;
  deniedFields?: string[];
  ttlOverride?: number;
}

export type AuthorizerHandler = (event: AuthorizerEvent) => Promise<AuthorizerResponse>;

export interface LambdaAuthorization {
  resolverContext: Record<string, unknown>;
  /** `Type.field` names that resolve to null for this caller. */
  deniedFields: ReadonlySet<string>;
  /**
   * When the cached answer for this token runs out (ms since the epoch); absent when the answer
   * was not cached. Real-time connections re-authorize at that moment.
   */
  expiresAt?: number;
}

/** AppSync stops waiting for the authorizer after 10 s. */
const AUTHORIZER_TIMEOUT_MS = 10_000;
const MAX_CACHED_TOKENS = 10_000;

/**
 * Calls the authorizer as AppSync does and caches its answer by token alone for the configured
 * TTL (or the answer's ttlOverride): a cached answer is reused for any later operation.
 */
export function lambdaAuthorizer(handler: AuthorizerHandler, resultTtlSeconds: number) {
  const cache = new Map<string, { expiresAt: number; authorization: LambdaAuthorization | null }>();
  let invocations = 0;

  async function invoke(event: AuthorizerEvent): Promise<AuthorizerResponse | null> {
    invocations += 1;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), AUTHORIZER_TIMEOUT_MS);
    });
    try {
      return await Promise.race([handler(event), timeout]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    /** How many times the handler ran: the cost the cache saves. */
    get invocations() {
      return invocations;
    },
    /** Resolves to the caller's authorization, or null when denied (HTTP 401). */
    async authorize(event: AuthorizerEvent): Promise<LambdaAuthorization | null> {
      const now = Date.now();
      const cached = cache.get(event.authorizationToken);
      if (cached && cached.expiresAt > now) return cached.authorization && { ...cached.authorization, expiresAt: cached.expiresAt };

      const response = await invoke(event);
      const authorization =
        response && response.isAuthorized === true
          ? {
              resolverContext: response.resolverContext ?? {},
              deniedFields: new Set((response.deniedFields ?? []).map(deniedFieldName)),
            }
          : null;
      const ttl = typeof response?.ttlOverride === 'number' ? response.ttlOverride : resultTtlSeconds;
      // An authorizer that failed or timed out gave no answer to cache: the next request asks again.
      if (response && ttl > 0) {
        if (cache.size >= MAX_CACHED_TOKENS) cache.delete(cache.keys().next().value as string);
        const expiresAt = now + ttl * 1000;
        cache.set(event.authorizationToken, { expiresAt, authorization });
        return authorization && { ...authorization, expiresAt };
      }
      return authorization;
    },
  };
}

/** `deniedFields` entries are `Type.field` or a field ARN (`arn:aws:appsync:...:apis/<id>/types/<Type>/fields/<field>`). */
function deniedFieldName(entry: string): string {
  const arn = entry.match(/\/types\/([^/]+)\/fields\/([^/]+)$/);
  return arn ? `${arn[1]}.${arn[2]}` : entry;
}

/** An internal caller's identity as AppSync gives it to resolvers under AWS_IAM. */
export interface IamIdentity {
  accountId: string;
  userArn: string;
  username: string;
  sourceIp: string[];
  cognitoIdentityPoolId: null;
  cognitoIdentityId: null;
  cognitoIdentityAuthType: null;
  cognitoIdentityAuthProvider: null;
}

export interface IamCredential {
  secretAccessKey: string;
  accountId: string;
  /** The principal's ARN, e.g. the job runner's role. */
  arn: string;
}

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  sourceIp: string;
}

/** AWS rejects signatures dated more than 15 minutes from its clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/**
 * Verifies SigV4 (`AWS4-HMAC-SHA256`) signatures of the `appsync` service by recomputing them
 * with the same signer the SDKs use. Returns null for anything that does not verify.
 */
export function sigV4Verifier(credentials: ReadonlyMap<string, IamCredential>, region: string) {
  return {
    async verify(request: SignedRequest): Promise<IamIdentity | null> {
      const header = request.headers.authorization ?? '';
      const parsed = header.match(/^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/);
      if (!parsed) return null;
      const [, accessKeyId, , signedRegion, service, signedHeaderList, signature] = parsed as unknown as string[];
      const credential = credentials.get(accessKeyId!);
      const amzDate = request.headers['x-amz-date'] ?? '';
      const date = parseAmzDate(amzDate);
      if (!credential || signedRegion !== region || service !== 'appsync' || !date) return null;
      if (Math.abs(Date.now() - date.getTime()) > MAX_CLOCK_SKEW_MS) return null;
      // The signer trusts x-amz-content-sha256 as the payload hash: it must be the body's hash,
      // or a signed request could be replayed with another body.
      const contentHash = request.headers['x-amz-content-sha256'];
      if (contentHash !== undefined && contentHash !== createHash('sha256').update(request.body, 'utf8').digest('hex')) return null;

      const signedHeaders = signedHeaderList!.split(';');
      const headers = Object.fromEntries(signedHeaders.map((h) => [h, request.headers[h] ?? '']));
      const [path, query = ''] = request.path.split('?');
      const signer = new SignatureV4({
        credentials: { accessKeyId: accessKeyId!, secretAccessKey: credential.secretAccessKey, sessionToken: request.headers['x-amz-security-token'] },
        region,
        service: 'appsync',
        sha256: NodeSha256,
      });
      const signed = await signer.sign(
        {
          method: request.method,
          protocol: 'http:',
          hostname: (request.headers.host ?? '').split(':')[0] ?? '',
          path: path ?? '/',
          query: Object.fromEntries(new URLSearchParams(query)),
          headers,
          body: request.body,
        },
        { signingDate: date, signableHeaders: new Set(signedHeaders) },
      );
      const expected = String(signed.headers.authorization ?? '').match(/Signature=([0-9a-f]{64})/)?.[1] ?? '';
      if (expected.length !== signature!.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) return null;
      return {
        accountId: credential.accountId,
        userArn: credential.arn,
        username: accessKeyId!,
        sourceIp: [request.sourceIp],
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      };
    },
  };
}

function parseAmzDate(value: string): Date | null {
  const m = value.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : null;
}
