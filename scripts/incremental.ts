/**
 * Skipping a build that would write what is already there (make's rule, by size and modification
 * time): every stack start, test stack and CDK synth builds, and most find nothing changed.
 *
 * A stamp records what one build read and wrote: the build's key (its options), each input's size
 * and modification time (a folder's changes when a file is added to or removed from it), and the
 * outputs. The next build with the same key is skipped while every input is unchanged and every
 * output is there.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

interface BuildStamp<T> {
  key: string;
  inputs: Record<string, [size: number, mtimeMs: number]>;
  outputs: string[];
  value: T;
}

/** What a build reports: the files it read and wrote, and its result (kept in the stamp, so JSON). */
export interface BuildRun<T> {
  inputs: readonly string[];
  outputs: readonly string[];
  value: T;
}

const MTIME_SLACK_MS = 2_000;

async function fingerprint(file: string): Promise<[number, number] | null> {
  try {
    const info = await stat(file);
    return [info.size, info.mtimeMs];
  } catch {
    return null;
  }
}

/**
 * Runs `build` unless its last run with the same key read inputs that are all unchanged and wrote
 * outputs that are all there; then returns that run's value. `alwaysRead` are inputs of every
 * build (the build script, the bundler's version). A stamp is written only when no input changed
 * while the build ran (an edit mid-build may be missing from the output) or just before it, so
 * the next call builds again.
 */
export async function incremental<T>(
  stampDir: string,
  name: string,
  key: unknown,
  build: () => Promise<BuildRun<T>>,
  alwaysRead: readonly string[] = [],
): Promise<T> {
  const stampFile = path.join(stampDir, `${name}.json`);
  const keyText = JSON.stringify(key);
  const stamp = await readFile(stampFile, 'utf8').then((text) => JSON.parse(text) as BuildStamp<T>, () => null);
  if (stamp?.key === keyText) {
    const [inputs, outputs] = await Promise.all([
      Promise.all(Object.entries(stamp.inputs).map(async ([file, [size, mtime]]) => {
        const now = await fingerprint(file);
        return now !== null && now[0] === size && now[1] === mtime;
      })),
      Promise.all(stamp.outputs.map(async (file) => (await fingerprint(file)) !== null)),
    ]);
    if (inputs.every(Boolean) && outputs.every(Boolean)) return stamp.value;
  }
  const startedAt = Date.now();
  const { inputs, outputs, value } = await build();
  const read = [...new Set([...alwaysRead, ...inputs])];
  const prints = await Promise.all(read.map(async (file) => [file, await fingerprint(file)] as const));
  // File times are coarse (a clock tick, or seconds on some file systems): anything written in the
  // last seconds before the build started may have been written during it.
  if (prints.every(([, print]) => print !== null && print[1] < startedAt - MTIME_SLACK_MS)) {
    const next: BuildStamp<T> = { key: keyText, inputs: Object.fromEntries(prints) as BuildStamp<T>['inputs'], outputs: [...outputs], value };
    await mkdir(stampDir, { recursive: true });
    const temporary = `${stampFile}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(next));
    await rename(temporary, stampFile);
  }
  return value;
}
