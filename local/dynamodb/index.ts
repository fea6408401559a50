/**
 * The project's local DynamoDB: dynalite plus a gateway that adds TransactWriteItems and
 * TransactGetItems, speaking the DynamoDB JSON protocol on 127.0.0.1 to unmodified SDK clients.
 *
 * It runs in a child process: the SDK clients of the calling process (the usual bottleneck)
 * and the database then use separate cores. See gateway.ts and transactions.ts for the design.
 */
import { fork } from 'node:child_process';
import { STACK_NODE_FLAGS } from '../node-flags.ts';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChildMessage, ChildOptions, ParentMessage } from './child.ts';

export type { GatewayRejection, GatewayRequest, HookContext, HookSetup, RequestHook, TableKeys } from './gateway.ts';

/** Options of {@link startLocalDynamo}. */
export interface LocalDynamoOptions {
  /** On-disk folder for the data; omitted = in memory. */
  path?: string;
  /** Gateway port; 0 or omitted = any free port. */
  port?: number;
  /**
   * Absolute path or URL of an ES module whose default export is a `RequestHook`, run by the
   * gateway before every request: where SigV4 verification and IAM enforcement plug in. The module
   * may instead export `setup(context)` returning the hook (see child.ts), e.g. local/iam/hook.ts.
   */
  requestHook?: string;
  /** JSON handed to the hook module's `setup` in the child (over IPC, never argv). */
  hookOptions?: unknown;
}

/** A running local DynamoDB. */
export interface LocalDynamo {
  /** The gateway, for SDK clients: `http://127.0.0.1:<gatewayPort>`. */
  endpoint: string;
  /** Plain dynalite on the same data, without transactions or hook (for benchmarks). */
  dynaliteEndpoint: string;
  /** Endpoints served by the hook module in the child, by name (e.g. `{ sts }`); empty without one. */
  hookEndpoints: Record<string, string>;
  /** Stops the servers and the child process. */
  stop(): Promise<void>;
}

const CHILD_ENTRY = fileURLToPath(new URL('./child.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const STOP_TIMEOUT_MS = 10_000;

/** Starts dynalite and the gateway in a child process and resolves once both listen. */
export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const childOptions: ChildOptions = {
    ...options,
    ...(options.path === undefined ? {} : { path: resolve(options.path) }),
  };
  const child = fork(CHILD_ENTRY, [], {
    execArgv: [...STACK_NODE_FLAGS, '--import', TSX_LOADER],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  // Its log lines go out through this process's stdout, so they take the console's format (local/console-log.ts).
  child.stdout!.on('data', (chunk: Buffer) => process.stdout.write(chunk));
  child.send({ type: 'start', options: childOptions } satisfies ParentMessage);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolveReady, reject) => {
    child.once('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolveReady(message);
      else reject(new Error(`local dynamodb failed to start: ${message.message}`));
    });
    child.once('exit', (code) => reject(new Error(`local dynamodb exited during start (code ${code})`)));
  });

  return {
    endpoint: `http://127.0.0.1:${ready.gatewayPort}`,
    dynaliteEndpoint: `http://127.0.0.1:${ready.dynalitePort}`,
    hookEndpoints: ready.hookEndpoints,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.send('stop');
  // A child that cannot close cleanly is killed rather than left behind.
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
