/**
 * Child-process entry of {@link startLocalDynamo}: runs the gateway and dynalite on 127.0.0.1
 * and reports their ports over IPC. Started with one argument, the JSON {@link ChildOptions}.
 *
 * Messages: child → parent `{ type: 'ready', gatewayPort, dynalitePort }` or
 * `{ type: 'error', message }`; parent → child `'stop'` (close everything, then exit).
 */
import type { Server } from 'node:http';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDynamoServers } from './gateway.ts';
import type { RequestHook } from './gateway.ts';

/** What the parent passes to the child. */
export interface ChildOptions {
  path?: string;
  port?: number;
  /** Absolute path or URL of an ES module whose default export is a {@link RequestHook}. */
  requestHook?: string;
}

/** What the child reports once it listens, or why it could not start. */
export type ChildMessage =
  | { type: 'ready'; gatewayPort: number; dynalitePort: number }
  | { type: 'error'; message: string };

function send(message: ChildMessage): void {
  process.send?.(message);
}

// The IPC channel closes when the parent exits, however it dies: never outlive it.
process.on('disconnect', () => process.exit(0));

async function loadHook(specifier: string): Promise<RequestHook> {
  const url = isAbsolute(specifier) ? pathToFileURL(specifier).href : specifier;
  const module = (await import(url)) as { default: RequestHook };
  return module.default;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
  const servers = createDynamoServers({
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.requestHook === undefined ? {} : { requestHook: await loadHook(options.requestHook) }),
  });
  const [gatewayPort, dynalitePort] = await Promise.all([
    listen(servers.gateway, options.port ?? 0),
    listen(servers.dynalite, 0),
  ]);
  process.on('message', (message) => {
    if (message !== 'stop') return;
    servers.close().then(() => process.exit(0), (err: unknown) => {
      console.error('local dynamodb: close failed', err);
      process.exit(1);
    });
  });
  send({ type: 'ready', gatewayPort, dynalitePort });
}

main().catch((err: unknown) => {
  send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
