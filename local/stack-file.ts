/**
 * What the local stack and its command-line helpers share about a data folder: which stack owns
 * it (`stack.lock`, taken before anything else starts), and how to reach it once it is ready
 * (`stack.json`, written only when the stack serves its demo users, and removed on stop).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StackDescription } from './stack.ts';

/** The data folder when neither `--data-dir` nor `OPTIMALHR_DATA_DIR` names one: `.optimalhr/` in the checkout. */
export const CHECKOUT_DATA_DIR = path.join(fileURLToPath(new URL('..', import.meta.url)), '.optimalhr');

/** The environment variable that moves the default data folder (`npm start` and every helper). */
export const DATA_DIR_VARIABLE = 'OPTIMALHR_DATA_DIR';

/** The data folder to use: the flag's, else `OPTIMALHR_DATA_DIR`, else `.optimalhr/` in the checkout. */
export function dataDirFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(flag ?? (env[DATA_DIR_VARIABLE] || CHECKOUT_DATA_DIR));
}

/** Where output goes (a process's stdout and stderr, or a test's buffers). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A failure the command reports as is, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const LOCK_FILE = 'stack.lock';
const STACK_FILE = 'stack.json';

/** Another live process owns the data folder. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `A local stack (process ${pid}) is already running on ${dataDir}. Use that one, stop it first (Ctrl-C in its terminal), ` +
        `or start another with its own --data-dir and --port. If no such stack runs, delete ${path.join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * Claims the data folder for this process, or throws {@link DataDirInUseError} when a live
 * process holds it. A lock left by a process that is gone is taken over. Resolves to the release.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(`${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() })}\n`);
      await handle.close();
      return async () => {
        const holder = await lockHolder(file);
        if (holder === process.pid) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await lockHolder(file);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) throw new DataDirInUseError(dataDir, holder);
      // Left by a process that is gone (or unreadable, half written by one that died): take it over.
      await rm(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}: ${file} keeps reappearing`);
}

async function lockHolder(file: string): Promise<number | undefined> {
  try {
    const { pid } = JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown };
    return typeof pid === 'number' ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The pid holding the data folder, if that process is alive. */
async function liveHolder(dataDir: string): Promise<number | undefined> {
  const pid = await lockHolder(path.join(dataDir, LOCK_FILE));
  return pid !== undefined && isAlive(pid) ? pid : undefined;
}

/** Writes stack.json in one step (readers see the old file or the whole new one). */
export async function writeStackFile(dataDir: string, description: StackDescription): Promise<void> {
  const file = path.join(dataDir, STACK_FILE);
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(description, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

export function removeStackFile(dataDir: string): Promise<void> {
  return rm(path.join(dataDir, STACK_FILE), { force: true });
}

/** stack.json of a running stack; a clear error (exit 1) when there is none yet, none at all, or its process is gone. */
export async function readStack(dataDir: string, command: string): Promise<Partial<StackDescription>> {
  const file = path.join(dataDir, STACK_FILE);
  if (!existsSync(file)) {
    const starting = await liveHolder(dataDir);
    if (starting !== undefined) throw new CliError(`${command}: the local stack on ${dataDir} (process ${starting}) is still starting; try again when npm start says it is up`, 1);
    throw new CliError(`${command}: no local stack is running on ${dataDir} (no ${STACK_FILE}); start it with npm start`, 1);
  }
  let stack: Partial<StackDescription>;
  try {
    stack = JSON.parse(await readFile(file, 'utf8')) as Partial<StackDescription>;
  } catch (error) {
    throw new CliError(`${command}: cannot read ${file}: ${(error as Error).message}`, 1);
  }
  if (stack.pid !== undefined && !isAlive(stack.pid)) {
    throw new CliError(`${command}: the local stack recorded in ${file} is not running (process ${stack.pid} is gone); start it with npm start`, 1);
  }
  return stack;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A refused or reset connection: the stack (or one of its endpoints) is not there. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? (error as { cause?: { code?: string } } | null)?.cause?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET';
}

/** Runs a command's body, printing its result or its error, and resolves to the exit code. */
export async function runCli(command: string, io: CliIo, body: () => Promise<string>): Promise<number> {
  try {
    io.stdout(`${await body()}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
