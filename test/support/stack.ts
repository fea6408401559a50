/** Test helpers: a local stack in memory on a free port, and a small GraphQL client for it. */
import { startStack, type StackHandle } from '../../local/stack.ts';
import { createLogger } from '../../domain/logger.ts';
import type { Role } from '../../domain/tenant-context.ts';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { path: (string | number)[] | null; errorType: string | null; message: string; errorInfo: unknown; data: unknown }[];
}

/** Starts an in-memory stack without demo data on a free port; logs below warn are dropped. */
export async function startTestStack(options: { seed?: boolean } = {}): Promise<StackHandle> {
  return startStack({
    port: 0,
    memory: true,
    seed: options.seed ?? false,
    dataDir: await mkdtemp(path.join(os.tmpdir(), 'optimalhr-test-')),
    logger: createLogger({ service: 'test-stack', level: 'warn', write: () => undefined }),
  });
}

/** A signed-in caller: sends GraphQL with its bearer token. */
export function client(stack: StackHandle, who: { tenantId: string; role: Role; sub?: string }) {
  const token = stack.issueToken({ sub: who.sub ?? `${who.tenantId}-${who.role}`, tenantId: who.tenantId, role: who.role });
  return async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const response = await fetch(stack.graphql.http, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
  };
}
