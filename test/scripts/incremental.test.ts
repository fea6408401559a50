/**
 * The build skips only what it may: a stamped build runs again when an input changes, an output is
 * missing, its options change, or an input changed while it ran.
 */
import { mkdtemp, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incremental } from '../../scripts/incremental.ts';

let dir: string;
let builds: number;
let source: string;
let output: string;

/** A build that copies its one input into its output, counted. */
function copy(options: { during?: () => Promise<void> } = {}) {
  return async () => {
    builds += 1;
    await options.during?.();
    await writeFile(output, `built ${builds}`);
    return { inputs: [source], outputs: [output], value: { build: builds } };
  };
}

/** Moves a file's modification time back, as if written a while ago (mtimes are what the stamp compares). */
async function age(file: string, seconds = 60): Promise<void> {
  const then = new Date(Date.now() - seconds * 1000);
  await utimes(file, then, then);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-incremental-'));
  source = path.join(dir, 'source.ts');
  output = path.join(dir, 'out.js');
  await writeFile(source, 'export const a = 1;');
  await age(source);
  builds = 0;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('given a build that ran once', () => {
  const stamps = () => path.join(dir, 'stamps');

  it('is skipped while nothing changed, returning the first run’s value', async () => {
    expect(await incremental(stamps(), 'b', { k: 1 }, copy())).toEqual({ build: 1 });
    expect(await incremental(stamps(), 'b', { k: 1 }, copy())).toEqual({ build: 1 });
    expect(builds).toBe(1);
  });

  it('runs again when an input changed', async () => {
    await incremental(stamps(), 'b', { k: 1 }, copy());
    await writeFile(source, 'export const a = 22;');
    await age(source, 30);
    expect(await incremental(stamps(), 'b', { k: 1 }, copy())).toEqual({ build: 2 });
    // And is stamped again.
    await incremental(stamps(), 'b', { k: 1 }, copy());
    expect(builds).toBe(2);
  });

  it('runs again when an always-read input (the build script, the bundler) changed', async () => {
    const tool = path.join(dir, 'tool.json');
    await writeFile(tool, '{"version":"1"}');
    await age(tool);
    await incremental(stamps(), 'b', { k: 1 }, copy(), [tool]);
    await writeFile(tool, '{"version":"2"}');
    await age(tool, 30);
    await incremental(stamps(), 'b', { k: 1 }, copy(), [tool]);
    expect(builds).toBe(2);
  });

  it('runs again when an output is missing', async () => {
    await incremental(stamps(), 'b', { k: 1 }, copy());
    await unlink(output);
    await incremental(stamps(), 'b', { k: 1 }, copy());
    expect(builds).toBe(2);
  });

  it('runs again when its options changed', async () => {
    await incremental(stamps(), 'b', { k: 1 }, copy());
    await incremental(stamps(), 'b', { k: 2 }, copy());
    expect(builds).toBe(2);
  });

  it('is not stamped when an input changed while it ran, so the next call builds again', async () => {
    await incremental(stamps(), 'b', { k: 1 }, copy({ during: () => writeFile(source, 'export const a = 3;') }));
    await incremental(stamps(), 'b', { k: 1 }, copy());
    expect(builds).toBe(2);
  });

  it('keeps builds of different names apart', async () => {
    await incremental(stamps(), 'one', { k: 1 }, copy());
    await incremental(stamps(), 'two', { k: 1 }, copy());
    expect(builds).toBe(2);
  });
});
