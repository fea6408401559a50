/**
 * The project's local DynamoDB: dynalite plus a gateway that adds TransactWriteItems and
 * TransactGetItems, speaking the DynamoDB JSON protocol on 127.0.0.1 to unmodified SDK clients.
 *
 * It runs in a child process: the SDK clients of the calling process (the usual bottleneck)
 * and the database then use separate cores. See gateway.ts and transactions.ts for the design.
 */
import { fork } from 'node:child_process';
import { createLogger } from '../../domain/logger.ts';
import { STACK_NODE_FLAGS } from '../node-flags.ts';
import { supervise } from '../supervisor.ts';
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
  /** A child dying more than `deaths` times within `withinMs` is left dead. Default 5 in 60 s. */
  restartLimit?: { deaths: number; withinMs: number };
}

/** A running local DynamoDB. */
export interface LocalDynamo {
  /** The gateway, for SDK clients: `http://127.0.0.1:<gatewayPort>`. */
  endpoint: string;
  /** Plain dynalite on the same data, without transactions or hook (for benchmarks). */
  dynaliteEndpoint: string;
  /** Endpoints served by the hook module in the child, by name (e.g. `{ sts }`); empty without one. */
  hookEndpoints: Record<string, string>;
  /** The child process's id; a new one after a restart. */
  readonly pid: number | undefined;
  /**
   * Resolves once a child that died has been replaced and serves again on the same endpoints;
   * rejects when it could not be (too many deaths in a row, or the replacement failed to start).
   */
  nextRestart(): Promise<void>;
  /** Stops the servers and the child process. */
  stop(): Promise<void>;
}

const CHILD_ENTRY = fileURLToPath(new URL('./child.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const STOP_TIMEOUT_MS = 10_000;

/** One child process, once it listens. */
interface Running {
  child: ChildProcess;
  ready: Extract<ChildMessage, { type: 'ready' }>;
  /** Settles when the process has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A value a hook asked the parent to keep (see HookContext.remember). */
interface Kept {
  value: unknown;
  expiresAt?: number;
}

/**
 * Starts dynalite and the gateway in a child process and resolves once both listen.
 *
 * The child is supervised: should it die (a crash in dynalite, the OOM killer, a stray kill), it is
 * started again on the same ports and the same data folder, and its hook gets back what it asked
 * to keep (the local IAM: the STS sessions it issued), so clients holding endpoints and temporary
 * credentials carry on after the requests that were in flight fail. In memory mode the data dies
 * with the child; the replacement starts empty, and the log says so.
 */
export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const logger = createLogger({ service: 'local-dynamodb' });
  const { restartLimit, ...forChild } = options;
  const childOptions: ChildOptions = {
    ...forChild,
    ...(options.path === undefined ? {} : { path: resolve(options.path) }),
  };
  let kept: Kept[] = [];
  const keep = (message: Extract<ChildMessage, { type: 'remember' }>) => {
    const now = Date.now();
    kept = kept.filter((entry) => entry.expiresAt === undefined || entry.expiresAt > now);
    kept.push({ value: message.value, ...(message.expiresAt === undefined ? {} : { expiresAt: message.expiresAt }) });
  };

  const first = await launch(childOptions, keep);
  const ports = first.ready;
  const supervised = supervise({
    name: 'local dynamodb',
    first,
    logger,
    restartLimit,
    dataLost: options.path === undefined,
    relaunch: () => {
      const now = Date.now();
      return launch(
        {
          ...childOptions,
          port: ports.gatewayPort,
          dynalitePort: ports.dynalitePort,
          previousEndpoints: ports.hookEndpoints,
          remembered: kept.filter((entry) => entry.expiresAt === undefined || entry.expiresAt > now).map((entry) => entry.value),
        },
        keep,
      );
    },
    stopChild,
  });

  return {
    endpoint: `http://127.0.0.1:${ports.gatewayPort}`,
    dynaliteEndpoint: `http://127.0.0.1:${ports.dynalitePort}`,
    hookEndpoints: ports.hookEndpoints,
    get pid() {
      return supervised.current.child.pid;
    },
    nextRestart: () => supervised.nextRestart(),
    stop: () => supervised.stop(),
  };
}

/** Forks the child, hands it its options and resolves once it listens. */
async function launch(options: ChildOptions, keep: (message: Extract<ChildMessage, { type: 'remember' }>) => void): Promise<Running> {
  const child = fork(CHILD_ENTRY, [], {
    execArgv: [...STACK_NODE_FLAGS, '--import', TSX_LOADER],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  // Its log lines go out through this process's stdout, so they take the console's format (local/console-log.ts).
  child.stdout!.on('data', (chunk: Buffer) => process.stdout.write(chunk));
  child.on('message', (message: ChildMessage) => {
    if (typeof message === 'object' && message.type === 'remember') keep(message);
  });
  child.send({ type: 'start', options } satisfies ParentMessage);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolveReady, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'remember') return;
      child.off('message', onMessage);
      if (message.type === 'ready') resolveReady(message);
      else reject(new Error(`local dynamodb failed to start: ${message.message}`));
    };
    child.on('message', onMessage);
    void exited.then(({ code }) => reject(new Error(`local dynamodb exited during start (code ${code})`)));
  });
  return { child, ready, exited };
}

async function stopChild({ child, exited }: Running): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.send('stop');
  // A child that cannot close cleanly is killed rather than left behind.
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
