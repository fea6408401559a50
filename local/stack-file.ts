/** What the local stack's command-line helpers share: finding the running stack through its stack.json. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StackDescription } from './stack.ts';

/** The checkout's default data folder; the same as `DEFAULT_DATA_DIR` in local/stack.ts. */
export const DEFAULT_DATA_DIR = path.join(fileURLToPath(new URL('..', import.meta.url)), '.optimalhr');

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

/** stack.json of a running stack; a clear error (exit 1) when there is none or its process is gone. */
export async function readStack(dataDir: string, command: string): Promise<Partial<StackDescription>> {
  const file = path.join(dataDir, 'stack.json');
  if (!existsSync(file)) throw new CliError(`${command}: no local stack is running (no ${file}); start it with npm start`, 1);
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
