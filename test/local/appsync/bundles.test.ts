/**
 * Loading resolver bundles: what AppSync would refuse to create is refused at load, and the
 * sandbox a bundle runs in offers nothing but the APPSYNC_JS surface.
 */
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleRejectedError, loadBundle } from '../../../local/appsync/bundles.ts';
import { randomBytes } from 'node:crypto';
import { bundledFixtures } from '../../fixtures/appsync/harness.ts';

const host = {
  current: () => {
    throw new Error('no invocation in these tests');
  },
  randomBytes: (length: number) => randomBytes(length),
};

/** Resolver sources breaking one APPSYNC_JS rule each; every construct is used so that bundling keeps it. */
const BROKEN: Record<string, { source: string; rule: RegExp }> = {
  throw: { source: `export function request(ctx) { if (!ctx.args.ok) { throw new Error('no'); } return {}; }`, rule: /APPSYNC_JS has no throw.*\(no-restricted-syntax\)/ },
  regex: { source: `export function request(ctx) { return { ok: /^a+$/.test(ctx.args.v) }; }`, rule: /\(@aws-appsync\/no-regex\)/ },
  tryCatch: { source: `export function request(ctx) { try { return ctx.args.a.b; } catch (e) { return null; } }`, rule: /\(@aws-appsync\/no-try\)/ },
  while: { source: `export function request(ctx) { let n = ctx.args.n; while (n > 0) { n = n - 1; } return { n }; }`, rule: /\(@aws-appsync\/no-while\)/ },
  increment: { source: `export function request(ctx) { let n = ctx.args.n; n++; return { n }; }`, rule: /\(@aws-appsync\/no-disallowed-unary-operators\)/ },
  // Without `this`, so that only the class itself breaks a rule (esbuild bundles it as a class expression).
  class: { source: `class Box { static wrap(v) { return { v }; } }\nexport function request(ctx) { return Box.wrap(ctx.args.v); }`, rule: /APPSYNC_JS has no classes\. \(no-restricted-syntax\)/ },
  async: { source: `export async function request(ctx) { return ctx.args; }`, rule: /\(@aws-appsync\/no-async\)/ },
  in: { source: `export function request(ctx) { return { has: 'id' in ctx.args }; }`, rule: /\(@aws-appsync\/no-in-operator\)/ },
  arrayFrom: { source: `export function request(ctx) { return { list: Array.from(ctx.args.items) }; }`, rule: /APPSYNC_JS has no Array\.from.*\(no-restricted-properties\)/ },
};
const RESPONSE = `\nexport function response(ctx) { return ctx.result; }\n`;

let root: string;
let sourceDir: string;
let bundles: Record<string, string>;
let fixtures: Awaited<ReturnType<typeof bundledFixtures>>;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'appsync-bundles-'));
  sourceDir = path.join(root, 'src');
  await mkdir(sourceDir, { recursive: true });
  const sources: Record<string, string> = {
    ...Object.fromEntries(Object.entries(BROKEN).map(([name, { source }]) => [name, source + RESPONSE])),
    nodeImport: `import { randomUUID } from 'node:crypto';\nexport function request() { return { id: randomUUID() }; }${RESPONSE}`,
    noResponse: `export function request(ctx) { return ctx.args; }\n`,
    good: `export function request(ctx) { return { v: ctx.args.v }; }${RESPONSE}`,
  };
  for (const [name, text] of Object.entries(sources)) await writeFile(path.join(sourceDir, `${name}.ts`), text);
  const { bundleResolvers } = await import('../../../scripts/build.ts');
  const files = await bundleResolvers(
    Object.keys(sources).map((name) => `${name}.ts`),
    sourceDir,
    path.join(root, 'out'),
  );
  bundles = Object.fromEntries(Object.keys(sources).map((name, i) => [name, files[i]!]));
  fixtures = await bundledFixtures(['sandbox.ts']);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await fixtures.remove();
});

async function rejection(file: string): Promise<BundleRejectedError> {
  const error = await loadBundle(file, host).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleRejectedError);
  return error as BundleRejectedError;
}

describe('bundles that break the APPSYNC_JS rules', () => {
  it.each(Object.keys(BROKEN))('are refused at load: %s', async (name) => {
    const error = await rejection(bundles[name]!);

    expect(error.file).toBe(bundles[name]);
    expect(error.problems).toEqual(expect.arrayContaining([expect.stringMatching(BROKEN[name]!.rule)]));
    expect(error.message).toContain(`${bundles[name]} breaks the APPSYNC_JS rules:`);
    // Each problem names the line and column of the bundle.
    for (const problem of error.problems) expect(problem).toMatch(/^\d+:\d+ /);
  });

  it('a bundle importing anything but @aws-appsync/* is refused', async () => {
    const error = await rejection(bundles.nodeImport!);

    expect(error.problems).toEqual(['imports "node:crypto": only @aws-appsync/utils modules exist at runtime; bundle it']);
  });

  it('a bundle without a response handler is refused', async () => {
    const error = await rejection(bundles.noResponse!);

    expect(error.problems).toEqual(['must export response handler functions']);
  });
});

describe('the sandbox', () => {
  async function sandbox() {
    return loadBundle(fixtures.files[0]!, host);
  }

  it('exposes no process, require, fetch, setTimeout, Buffer, module or exports', async () => {
    const code = await sandbox();
    const answer = code.request(code.adopt({ args: { value: 'globals' } })) as { payload: string };

    expect(JSON.parse(answer.payload)).toEqual({
      process: 'undefined',
      require: 'undefined',
      fetch: 'undefined',
      setTimeout: 'undefined',
      Buffer: 'undefined',
      module: 'undefined',
      exports: 'undefined',
    });
  });

  it.each(['Function', 'eval'])('refuses code generation from strings: %s', async (probe) => {
    const code = await sandbox();

    expect(() => code.request(code.adopt({ args: { value: probe } }))).toThrow(/Code generation from strings disallowed for this context/);
  });

  it.each(['ctx', 'util', 'console'])('offers no way back to the host through %s', async (probe) => {
    const code = await sandbox();

    // Every object a handler can reach belongs to its realm, whose Function refuses strings.
    expect(() => code.request(code.adopt({ args: { value: probe } }))).toThrow(/Code generation from strings disallowed for this context/);
  });
});

describe('the record of checked bundles', () => {
  it('lets a bundle that passed every check load again unchecked, and checks any other bundle afresh', async () => {
    const checked = path.join(root, 'checked');
    const first = await loadBundle(bundles.good!, host, checked);
    expect(first.request(first.adopt({ args: { v: 1 } }))).toEqual({ v: 1 });
    const records = await readdir(checked);
    expect(records).toHaveLength(1);

    // The record is what a later load runs (proved by altering it): the checks are not repeated.
    const record = path.join(checked, records[0]!);
    await writeFile(record, (await readFile(record, 'utf8')).replace('v: ctx.args.v', 'v: ctx.args.v, recorded: true'));
    const again = await loadBundle(bundles.good!, host, checked);
    expect(again.request(again.adopt({ args: { v: 2 } }))).toEqual({ v: 2, recorded: true });

    // Any change to the bundle is another key: checked and run from the bundle itself.
    await appendFile(bundles.good!, '\n// changed\n');
    const changed = await loadBundle(bundles.good!, host, checked);
    expect(changed.request(changed.adopt({ args: { v: 3 } }))).toEqual({ v: 3 });
    expect(await readdir(checked)).toHaveLength(2);
  });

  it('never records a refused bundle', async () => {
    const checked = path.join(root, 'checked-refused');
    await expect(loadBundle(bundles.throw!, host, checked)).rejects.toBeInstanceOf(BundleRejectedError);
    await expect(loadBundle(bundles.noResponse!, host, checked)).rejects.toBeInstanceOf(BundleRejectedError);
    expect(await readdir(checked).catch(() => [])).toEqual([]);
  });
});

describe('the load-time rule set', () => {
  it('is exactly the base config of @aws-appsync/eslint-plugin', async () => {
    const { default: appsync } = await import('@aws-appsync/eslint-plugin');
    const { APPSYNC_BASE_RULES } = await import('../../../local/appsync/bundles.ts');
    const base = (appsync.configs as unknown as { base: { rules: Record<string, unknown> } }).base.rules;
    expect(Object.keys(APPSYNC_BASE_RULES).map((id) => `@aws-appsync/${id}`).sort()).toEqual(Object.keys(base).sort());
  });
});
