/**
 * Supervision of the local stack's child processes (the local DynamoDB, cognito-local): a child
 * that dies (a crash, the OOM killer, a stray kill) is started again, on the same ports and data,
 * so that a fault in one process costs the requests in flight, not the stack. A child that keeps
 * dying is left dead, and the log says so, rather than restarted in a loop.
 */
import type { Logger } from '../domain/logger.ts';

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A started child: settles `exited` when its process ends. */
export interface Child {
  exited: Promise<Exit>;
}

/** More than `deaths` deaths within `withinMs`: not restarted again. */
export interface RestartLimit {
  deaths: number;
  withinMs: number;
}

export const DEFAULT_RESTART_LIMIT: RestartLimit = { deaths: 5, withinMs: 60_000 };

export interface Supervised<C extends Child> {
  /** The child serving now (a new one after each restart). */
  readonly current: C;
  /**
   * Resolves once a child that died has been replaced and serves again; rejects when it could not
   * be (too many deaths in a row, the replacement failed to start, or the supervisor stopped).
   */
  nextRestart(): Promise<void>;
  /** Stops supervising and stops the current child. */
  stop(): Promise<void>;
}

export interface SuperviseOptions<C extends Child> {
  /** Names the child in the log, e.g. "local dynamodb". */
  name: string;
  first: C;
  /** Starts a replacement on the first one's ports and data. */
  relaunch(): Promise<C>;
  stopChild(child: C): Promise<void>;
  logger: Logger;
  restartLimit?: RestartLimit;
  /** Logged with each death: whether the replacement starts without the data (in-memory children). */
  dataLost?: boolean;
}

export function supervise<C extends Child>(options: SuperviseOptions<C>): Supervised<C> {
  const { name, logger, restartLimit = DEFAULT_RESTART_LIMIT } = options;
  let current = options.first;
  let stopping = false;
  const deaths: number[] = [];
  let waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const settleWaiting = (error?: Error) => {
    const waiters = waiting;
    waiting = [];
    for (const waiter of waiters) if (error) waiter.reject(error); else waiter.resolve();
  };

  const watch = (running: C) => {
    void running.exited.then(async ({ code, signal }) => {
      if (stopping) return;
      const now = Date.now();
      deaths.push(now);
      while (deaths.length > 0 && deaths[0]! < now - restartLimit.withinMs) deaths.shift();
      if (deaths.length > restartLimit.deaths) {
        logger.error(`${name} keeps dying; not restarting it again`, { code, signal, deaths: deaths.length, withinMs: restartLimit.withinMs });
        settleWaiting(new Error(`${name} keeps dying`));
        return;
      }
      logger.error(`${name} died; restarting it on the same ports`, { code, signal, dataLost: options.dataLost ?? false });
      let replacement: C;
      try {
        replacement = await options.relaunch();
      } catch (error) {
        logger.error(`${name} could not be restarted`, { error: error instanceof Error ? error.message : String(error) });
        settleWaiting(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      current = replacement;
      if (stopping) {
        await options.stopChild(replacement);
        return;
      }
      logger.info(`${name} restarted`);
      watch(replacement);
      settleWaiting();
    });
  };
  watch(current);

  return {
    get current() {
      return current;
    },
    nextRestart: () => new Promise<void>((resolve, reject) => waiting.push({ resolve, reject })),
    async stop() {
      stopping = true;
      settleWaiting(new Error(`${name} stopped`));
      await options.stopChild(current);
    },
  };
}
