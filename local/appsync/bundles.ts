/**
 * Loads APPSYNC_JS bundles the way AppSync does: the exact esbuild output that deploys, refused
 * if it breaks a rule of the runtime, run in a `vm` context that offers nothing but AppSync's
 * surface (the `@aws-appsync/utils` modules and `console`).
 */
import appsync from '@aws-appsync/eslint-plugin';
import { transform } from 'esbuild';
import { Linter } from 'eslint';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { APPSYNC_EXTRA_RULES } from '../../resolvers/lint-rules.js';
import type { AppSyncSurface, Invocation } from './runtime/contract.ts';

/** A loaded resolver or pipeline function: its two handlers, called synchronously. */
export interface ResolverCode {
  readonly file: string;
  request(ctx: unknown): unknown;
  response(ctx: unknown): unknown;
}

/** A bundle AppSync would refuse to create; the message names the file, line and broken rule. */
export class BundleRejectedError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file} breaks the APPSYNC_JS rules:\n  ${problems.join('\n  ')}`);
    this.name = 'BundleRejectedError';
  }
}

const linter = new Linter({ configType: 'flat' });
const { base } = appsync.configs as unknown as { base: Linter.Config };
// Bundles are plain JavaScript: ESLint's own parser reads them; the plugin's rules need no type information here.
const RULES: Linter.Config[] = [{ plugins: base.plugins, rules: { ...base.rules, ...APPSYNC_EXTRA_RULES } }];
const MODULES = { '@aws-appsync/utils': 'utils', '@aws-appsync/utils/dynamodb': 'dynamodb' } as const;

/** The problems AppSync's code validation would report for a bundle, as `line:col message (rule)`. */
export function appSyncRuleViolations(code: string, file: string): string[] {
  return linter
    // Linter ignores paths outside the working directory, so it gets the bare name.
    .verify(code, RULES, { filename: path.basename(file) })
    .filter((m) => m.severity === 2)
    .map((m) => `${m.line}:${m.column} ${m.message}${m.ruleId ? ` (${m.ruleId})` : ''}`);
}

/**
 * Loads one bundle into its own sandbox. `surface` is shared by every bundle of an API;
 * its per-invocation state comes from the `Invocation` the executor sets before each call.
 */
export async function loadBundle(file: string, surface: AppSyncSurface, current: () => Invocation): Promise<ResolverCode> {
  const code = await readFile(file, 'utf8');
  const problems = appSyncRuleViolations(code, file);
  if (problems.length > 0) throw new BundleRejectedError(file, problems);

  // The sandbox runs CommonJS so it needs no experimental vm module support; the rule check ran on the ESM that deploys.
  // `define` hides the wrapper's CommonJS names from resolver code (AppSync has no require, module
  // or exports); the require calls esbuild generates for the imports are not affected.
  const { code: commonJs } = await transform(code, {
    format: 'cjs',
    loader: 'js',
    target: 'es2022',
    sourcefile: file,
    define: { require: 'undefined', module: 'undefined', exports: 'undefined' },
  });
  const context = vm.createContext(
    { console: sandboxConsole(current) },
    { name: file, codeGeneration: { strings: false, wasm: false } },
  );
  const wrapper = new vm.Script(`(function (exports, require, module) {\n${commonJs}\n})`, { filename: file });
  const module = { exports: {} as Record<string, unknown> };
  const requireSurface = (specifier: string) => {
    const name = MODULES[specifier as keyof typeof MODULES];
    if (!name) throw new BundleRejectedError(file, [`imports "${specifier}": only @aws-appsync/utils modules exist at runtime; bundle it`]);
    return surface[name];
  };
  (wrapper.runInContext(context) as (e: unknown, r: unknown, m: unknown) => void)(module.exports, requireSurface, module);

  const { request, response } = module.exports;
  const missing = [typeof request !== 'function' && 'request', typeof response !== 'function' && 'response'].filter(Boolean);
  if (missing.length > 0) throw new BundleRejectedError(file, [`must export ${missing.join(' and ')} handler functions`]);
  return { file, request: request as ResolverCode['request'], response: response as ResolverCode['response'] };
}

function sandboxConsole(current: () => Invocation) {
  const to = (level: Parameters<Invocation['log']>[0]) => (...args: unknown[]) => current().log(level, args);
  return Object.freeze({ log: to('info'), info: to('info'), debug: to('debug'), warn: to('warn'), error: to('error') });
}
