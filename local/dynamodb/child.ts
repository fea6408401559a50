/**
 * Child-process entry of {@link startLocalDynamo}: runs the gateway and dynalite on 127.0.0.1
 * and reports their ports over IPC.
 *
 * Messages: parent → child `{ type: 'start', options }` (the {@link ChildOptions}, sent over IPC
 * rather than argv because hook options may carry secrets, and argv is world-readable), then
 * `'stop'` (close everything, then exit); child → parent `{ type: 'ready', gatewayPort,
 * dynalitePort, hookEndpoints }` or `{ type: 'error', message }`, and `{ type: 'remember', ... }`
 * for what the hook wants handed to a replacement child should this one die (see index.ts).
 *
 * A request-hook module either default-exports a {@link RequestHook}, or exports
 * `setup(context: HookContext): Promise<HookSetup>`: then it is set up once with the parent's
 * `hookOptions` and the store's key schemas, and may start servers of its own in this process
 * (local/iam serves STS here, so its credential store and the enforcing hook share memory).
 */
import type { Server } from 'node:http';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDynamoServers } from './gateway.ts';
import type { HookContext, HookSetup, RequestHook } from './gateway.ts';

/** What the parent passes to the child. */
export interface ChildOptions {
  path?: string;
  port?: number;
  /** Fixed port of the plain dynalite server; 0 or omitted = any free port. */
  dynalitePort?: number;
  /** A replacement child's predecessor's hook endpoints and remembered values (see HookContext). */
  previousEndpoints?: Record<string, string>;
  remembered?: unknown[];
  /** Absolute path or URL of an ES module exporting a {@link RequestHook} or a `setup` function. */
  requestHook?: string;
  /** Handed to the hook module's `setup` (JSON). */
  hookOptions?: unknown;
}

/** What the child reports once it listens, or why it could not start. */
export type ChildMessage =
  | { type: 'ready'; gatewayPort: number; dynalitePort: number; hookEndpoints: Record<string, string> }
  | { type: 'error'; message: string }
  | { type: 'remember'; value: unknown; expiresAt?: number };

/** What the parent sends. */
export type ParentMessage = { type: 'start'; options: ChildOptions } | 'stop';

interface HookModule {
  default?: RequestHook;
  setup?: (context: HookContext) => Promise<HookSetup>;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** Closes the servers and whatever the hook started (the local S3 removes its temporary folders). */
let close: (() => Promise<void>) | undefined;

function closeAndExit(): void {
  const closing = close ? close() : Promise.resolve();
  closing.then(() => process.exit(0), (err: unknown) => {
    console.error('local dynamodb: close failed', err);
    process.exit(1);
  });
}

// The IPC channel closes when the parent exits, however it dies: never outlive it, but clean up first.
process.on('disconnect', closeAndExit);
// Ctrl-C reaches the whole process group; the parent decides when to stop (it sends 'stop').
process.on('SIGINT', () => undefined);

async function loadHookModule(specifier: string): Promise<HookModule> {
  const url = isAbsolute(specifier) ? pathToFileURL(specifier).href : specifier;
  return (await import(url)) as HookModule;
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

async function start(options: ChildOptions): Promise<void> {
  const module = options.requestHook === undefined ? undefined : await loadHookModule(options.requestHook);
  // The hook may need the store (key schemas), which exists only once the servers are created:
  // the gateway gets a forwarder, bound to the real hook before anything listens.
  let hook: RequestHook | undefined = module?.default;
  const servers = createDynamoServers({
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(module ? { requestHook: (request) => hook!(request) } : {}),
  });
  let setup: HookSetup | undefined;
  if (module?.setup) {
    setup = await module.setup({
      options: options.hookOptions,
      tableKeys: servers.tableKeys,
      remembered: options.remembered ?? [],
      remember: (value, expiresAt) => send({ type: 'remember', value, ...(expiresAt === undefined ? {} : { expiresAt }) }),
      ...(options.previousEndpoints ? { previousEndpoints: options.previousEndpoints } : {}),
    });
    hook = setup.hook;
  }
  if (module && !hook) throw new Error(`request hook module ${options.requestHook} exports neither a default hook nor setup()`);

  const [gatewayPort, dynalitePort] = await Promise.all([
    listen(servers.gateway, options.port ?? 0),
    listen(servers.dynalite, options.dynalitePort ?? 0),
  ]);
  close = async () => {
    await setup?.close?.();
    await servers.close();
  };
  process.on('message', (message: ParentMessage) => {
    if (message === 'stop') closeAndExit();
  });
  send({ type: 'ready', gatewayPort, dynalitePort, hookEndpoints: setup?.endpoints ?? {} });
}

process.once('message', (message: ParentMessage) => {
  if (message === 'stop' || message.type !== 'start') return process.exit(0);
  start(message.options).catch((err: unknown) => {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    process.exit(1);
  });
});
