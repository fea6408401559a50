/** Test helpers: a local stack in memory on a free port, and signed-in GraphQL callers. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../domain/logger.ts';
import type { Role } from '../../domain/model/tenant-context.ts';
import { startStack, type StackHandle, type StackOptions } from '../../local/stack.ts';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { path: (string | number)[] | null; errorType: string | null; message: string; errorInfo: unknown; data: unknown }[];
}

/**
 * Starts an in-memory stack on a free port, without demo data unless asked; logs below error are
 * dropped (the local IAM's too); `stop()` also removes its temporary data folder.
 */
export async function startTestStack(
  options: { seed?: boolean; authorizerCacheSeconds?: number; observeDataSource?: StackOptions['observeDataSource'] } = {},
): Promise<StackHandle> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-test-'));
  const stack = await startStack({
    port: 0,
    memory: true,
    seed: options.seed ?? false,
    // Tests tick the JobPicker themselves.
    tickSeconds: 0,
    ...(options.authorizerCacheSeconds ? { authorizerCacheSeconds: options.authorizerCacheSeconds } : {}),
    ...(options.observeDataSource ? { observeDataSource: options.observeDataSource } : {}),
    dataDir,
    logger: createLogger({ service: 'test-stack', level: 'error', write: () => undefined }),
    // The access denials isolation tests provoke on purpose are not news.
    iamLogLevel: 'error',
  });
  const stop = stack.stop;
  return Object.assign(stack, {
    async stop() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}

export type Gql = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;

/** Sends GraphQL with a bearer token. */
export function graphqlWith(stack: StackHandle, token: string): Gql {
  return async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const response = await fetch(stack.graphql.http, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    return { status: response.status, ...(JSON.parse(text) as Omit<GraphQLResponse<T>, 'status'>) };
  };
}

/**
 * A new user of `tenantId` with `role` (the tenant is onboarded first if need be), signed in
 * through Cognito: every call goes through the real authorizer and Verified Permissions.
 */
export async function signedIn(stack: StackHandle, who: { tenantId: string; role: Role; employeeId?: string }): Promise<Gql> {
  const email = `${who.role.toLowerCase()}-${randomUUID().slice(0, 8)}@${who.tenantId}.test`;
  await stack.addUser({ email, tenantId: who.tenantId, role: who.role, employeeId: who.employeeId });
  return graphqlWith(stack, await stack.signIn(email));
}
