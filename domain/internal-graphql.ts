/**
 * The API client of internal callers (job runners, Lambda resolvers, `npm run notify`): requests
 * signed with SigV4 for the `appsync` service, so they use the API's AWS_IAM mode.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from './sha256.ts';

export interface IamGraphQLOptions {
  url: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface GraphQLAnswer<T> {
  status: number;
  data?: T | null;
  errors?: { errorType: string | null; message: string; errorInfo?: unknown }[];
}

export function iamGraphQL(options: IamGraphQLOptions) {
  const url = new URL(options.url);
  const signer = new SignatureV4({ credentials: options.credentials, region: options.region, service: 'appsync', sha256: NodeSha256 });
  return async function send<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer<T>> {
    const body = JSON.stringify({ query, variables });
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    });
    const response = await fetch(url, { method: 'POST', headers: signed.headers as Record<string, string>, body });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLAnswer<T>, 'status'>) };
  };
}

/** Signed with the process's own role: the credentials Lambda puts in the environment. */
export function internalGraphQLFromEnvironment(url: string) {
  const env = process.env;
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY || !env.AWS_REGION) {
    throw new Error('AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION are required to call the API as an internal caller.');
  }
  return iamGraphQL({
    url,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) },
  });
}
