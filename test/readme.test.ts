/**
 * The README, run as a new user runs it: `npm start`'s entry point with the stages the README
 * starts, then every `sh` block in order, as written, in bash, and the `ts` snippets with tsx.
 *
 * Only what points at the stack changes: `127.0.0.1:4000`, `:4001` and `:4002` become the ports
 * of this stack's Dev, Staging and Prod APIs, `.optimalhr/` its data folder, and the helpers find
 * it through OPTIMALHR_DATA_DIR. The first block (`npm ci && npm start`, `npm test`) is what CI runs
 * and this test stands in for the `npm start` blocks. Conventions the README keeps:
 * - a block must exit 0 and print nothing on stderr (no warnings a user can do nothing about);
 * - its output holds no GraphQL `"errors"`, unless a `# → X` comment says it shows X;
 * - a block whose comment says `Ctrl-C stops it` keeps running: it is started in the background and
 *   must print what its comment quotes (`prints "…"`); the next block publishes, and it must show that.
 * The stack process gets neither LOG_LEVEL nor the SDK's warning switch from vitest, so its own
 * console and its own silence are what is checked. At the end, it is stopped as Ctrl-C stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, watch } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_NODE_WARNING_SWITCH, STACK_NODE_FLAGS } from '../local/node-flags.ts';
import type { StackDescription } from '../local/stack.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Block {
  language: string;
  code: string;
}

const BLOCKS: Block[] = [...README.matchAll(/^```(\w+)[^\n]*\n([\s\S]*?)^```$/gm)].map((m) => ({ language: m[1]!, code: m[2]! }));
const SHELL = BLOCKS.filter((b) => b.language === 'sh');
const STARTS = SHELL.filter((b) => /^npm (ci && npm )?start\b/.test(b.code));
const RUNNABLE = SHELL.slice(1).filter((b) => !STARTS.includes(b));
const SNIPPETS = BLOCKS.filter((b) => b.language === 'ts');
const KEEPS_RUNNING = /Ctrl-C stops it/;

/** The runnable blocks as steps: one block, or a listener that keeps running with the block after it. */
const STEPS: { block: Block; then?: Block }[] = RUNNABLE.flatMap((block, index) => {
  if (index > 0 && KEEPS_RUNNING.test(RUNNABLE[index - 1]!.code)) return [];
  return [KEEPS_RUNNING.test(block.code) ? { block, then: RUNNABLE[index + 1]! } : { block }];
});

/** A process started by the test, with what it printed so far and a way to wait for a text. */
class Running {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcess) {
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      this[stream] += chunk.toString();
      this.waiters.splice(0).forEach((wake) => wake());
    };
    child.stdout!.on('data', collect('stdout'));
    child.stderr!.on('data', collect('stderr'));
    this.exited = new Promise((resolve) => child.once('exit', (code) => {
      resolve(code);
      this.waiters.splice(0).forEach((wake) => wake());
    }));
  }

  /** Resolves once stdout or stderr contains `text`; rejects if the process exits first or `timeoutMs` passes. */
  waitFor(text: string, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${text}" within ${timeoutMs} ms; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`)), timeoutMs);
      const check = () => {
        if (this.stdout.includes(text) || this.stderr.includes(text)) {
          clearTimeout(timer);
          resolve();
        } else if (this.child.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`exited (${this.child.exitCode}) before printing "${text}"; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
        } else {
          this.waiters.push(check);
        }
      };
      check();
    });
  }

  /** Signals the process group (it was started detached, so it leads one, as a terminal's job does). */
  signal(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.child.pid!, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}

let tmp: string;
let dataDir: string;
let stack: Running;
let described: StackDescription;
let env: NodeJS.ProcessEnv;

function start(command: string, args: string[]): Running {
  return new Running(spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** A README block as it runs against this stack. */
function pointed(code: string): string {
  const port = (stage: keyof StackDescription['stages']) => new URL(described.stages[stage]!.graphql.http).host;
  return code
    .replaceAll('127.0.0.1:4000', port('Dev'))
    .replaceAll('127.0.0.1:4001', port('Staging'))
    .replaceAll('127.0.0.1:4002', port('Prod'))
    .replaceAll('.optimalhr/', `${dataDir}/`);
}

async function run(code: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = start('bash', ['-eo', 'pipefail', '-c', pointed(code)]);
  const exitCode = await script.exited;
  return { code: exitCode, stdout: script.stdout, stderr: script.stderr };
}

/** Resolves when `file` exists (watching its folder, no polling). */
function fileAppears(file: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(path.dirname(file), () => {
      if (existsSync(file)) {
        watcher.close();
        resolve();
      }
    });
    if (existsSync(file)) {
      watcher.close();
      resolve();
    }
  });
}

function expectClean(result: { code: number | null; stdout: string; stderr: string }, block: string): void {
  expect({ code: result.code, stderr: result.stderr }, `${block}\nstdout:\n${result.stdout}`).toEqual({ code: 0, stderr: '' });
  const shows = /# → (\S+)/.exec(block)?.[1];
  if (shows) expect(result.stdout).toContain(shows);
  else expect(result.stdout).not.toContain('"errors"');
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-readme-'));
  dataDir = path.join(tmp, 'data');
  // The stack's temporary folders go here, so the end can check it left none.
  const tmpdir = path.join(tmp, 'tmp');
  await mkdir(tmpdir, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  env = { ...process.env, TMPDIR: tmpdir, OPTIMALHR_DATA_DIR: dataDir, GRAPHQL_URL: '', NO_COLOR: '1' };
  delete env.LOG_LEVEL;
  delete env[SDK_NODE_WARNING_SWITCH];
  const stages = /npm start -- --stages (\S+)/.exec(README)?.[1];
  expect(stages, 'the README shows how to serve every stage').toBe('Dev,Staging,Prod');
  const ready = fileAppears(path.join(dataDir, 'stack.json'));
  stack = start(process.execPath, [...STACK_NODE_FLAGS, '--import', 'tsx', 'local/cli.ts', '--port', '0', '--stages', stages!, '--tick', '0']);
  // Not the banner: the moment stack.json appears, the helpers use it, so the demo users must sign in from then on (the first block does).
  await Promise.race([ready, stack.exited.then((code) => Promise.reject(new Error(`npm start exited (${code}): ${stack.stderr}`)))]);
  described = JSON.parse(await readFile(path.join(dataDir, 'stack.json'), 'utf8')) as StackDescription;
  env.GRAPHQL_URL = described.stages.Dev!.graphql.http;
}, 150_000);

afterAll(async () => {
  stack?.signal('SIGKILL');
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the README', () => {
  it('starts with npm ci && npm start and npm test', () => {
    expect(SHELL[0]?.code.split('\n').map((line) => line.split('#')[0]!.trim()).filter(Boolean)).toEqual(['npm ci && npm start', 'npm test']);
    expect(STEPS.length).toBeGreaterThan(6);
    expect(SNIPPETS).toHaveLength(2);
  });

  it.each(STEPS.map((step) => [step.block.code.split('\n')[0]!, step] as const))('runs as written: %s', async (_title, { block, then: next }) => {
    if (!next) {
      const result = await run(block.code);
      expectClean(result, block.code);
      if (block.code.includes('--claims')) {
        // One user, every stage: the same subject, each token for its own stage and app client.
        const claims = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { sub: string; stage: string; aud: string });
        expect(claims.map((c) => c.stage)).toEqual(['Dev', 'Staging', 'Prod']);
        expect(new Set(claims.map((c) => c.sub)).size).toBe(1);
        expect(new Set(claims.map((c) => c.aud)).size).toBe(3);
      }
      return;
    }
    // A listener: started in the background, it must print what the README says, then receive what the next block publishes.
    const listener = start('bash', ['-eo', 'pipefail', '-c', pointed(block.code)]);
    try {
      await listener.waitFor(/prints "([^"]+)"/.exec(block.code)![1]!);
      expectClean(await run(next.code), next.code);
      await listener.waitFor(/--title (\S+)/.exec(next.code)![1]!, 15_000);
      expect(listener.stderr.trim()).toBe('listening (apollo)');
    } finally {
      listener.signal('SIGINT');
      await listener.exited;
    }
  }, 90_000);

  it.each(SNIPPETS.map((snippet) => [/from '\.\/examples\/([\w-]+)\.ts'/.exec(snippet.code)![1]!, snippet] as const))('runs the %s snippet: subscribed, then the notification', async (_name, snippet) => {
    const file = path.join(tmp, `snippet-${randomUUID()}.ts`);
    await writeFile(file, pointed(snippet.code).replaceAll("'./examples/", `'${ROOT}examples/`));
    const token = (await run('npm run -s token -- --user user@acme.example')).stdout.trim();
    const subscriber = new Running(spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env: { ...env, TOKEN: token }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
    try {
      await subscriber.waitFor('subscribed');
      const title = `snippet-${randomUUID().slice(0, 8)}`;
      expectClean(await run(`npm run -s notify -- --to user@acme.example --title ${title} --body from-the-readme-test`), 'notify');
      await subscriber.waitFor(`${title} from-the-readme-test`, 15_000);
      expect(subscriber.stderr).toBe('');
    } finally {
      subscriber.signal('SIGKILL');
      await subscriber.exited;
    }
  }, 60_000);

  it('has npm start print a line per request and job run, and Ctrl-C stop everything it started, leaving nothing behind', async () => {
    await stack.waitFor('OptimalHR local stack is up (Dev, Staging, Prod).');
    expect(stack.stdout).toMatch(/^\d\d:\d\d:\d\d {2}Dev {5}acme {5}query employees +200 {2}\d+ ms$/m);
    expect(stack.stdout).toMatch(/^\d\d:\d\d:\d\d {2}acme {5}job [\w-]+ \(AIML-SaaS-CRUD-Item\) (succeeded|rescheduled)/m);
    expect(stack.stdout).not.toMatch(/^\{"time"/m);
    stack.signal('SIGINT');
    expect(await stack.exited).toBe(0);
    expect(stack.stderr).toBe('');
    expect(() => process.kill(-stack.child.pid!, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    // (tsx keeps its compile cache there too: that one stays on purpose.)
    expect(readdirSync(path.join(tmp, 'tmp')).filter((name) => name.startsWith('optimalhr-'))).toEqual([]);
    expect(['stack.json', 'stack.lock'].filter((file) => existsSync(path.join(dataDir, file)))).toEqual([]);
  }, 60_000);
});
