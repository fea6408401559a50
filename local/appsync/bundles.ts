/**
 * Loads APPSYNC_JS bundles the way AppSync does: the exact esbuild output that deploys, refused
 * if it breaks a rule of the runtime, run in a `vm` context that offers nothing but AppSync's
 * surface (the `@aws-appsync/utils` modules and `console`).
 */
import { build, transform } from 'esbuild';
import { Linter } from 'eslint';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { APPSYNC_EXTRA_RULES } from '../../resolvers/lint-rules.js';
import { stringifyJson } from './json.ts';
import type { SandboxGlobals, SandboxHost } from './runtime/sandbox-entry.ts';

/** A loaded resolver or pipeline function: its two handlers, called synchronously. */
export interface ResolverCode {
  readonly file: string;
  request(ctx: unknown): unknown;
  response(ctx: unknown): unknown;
  /** A deep copy of a JSON value made of this sandbox's own objects (values handed to resolver code). */
  adopt(value: unknown): unknown;
  /** The value of a JSON text, made of this sandbox's own objects. */
  adoptJson(text: string): unknown;
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

/**
 * The rules of `@aws-appsync/eslint-plugin`'s base config (a test keeps this list equal to the
 * plugin's), loaded one by one: the plugin's entry point pulls in the TypeScript compiler,
 * which the local stack does not need to read plain-JavaScript bundles. Values: rule module file.
 */
export const APPSYNC_BASE_RULES: Record<string, string> = {
  'no-async': 'no-async',
  'no-await': 'no-await',
  'no-classes': 'no-classes',
  'no-for': 'no-for',
  'no-continue': 'no-continue',
  'no-generators': 'no-generators',
  'no-yield': 'no-yield',
  'no-labels': 'no-labels',
  'no-regex': 'no-regex',
  'no-this': 'no-this',
  'no-try': 'no-try',
  'no-while': 'no-while',
  'no-disallowed-unary-operators': 'no-disallowed-unary-operators',
  'no-disallowed-binary-operators': 'no-disallowed-binary-operator',
  'no-promise': 'no-promise',
  'no-disallowed-re-assignment': 'no-disallowed-re-assignment',
  'no-in-operator': 'no-in-operator',
};

const requireRule = createRequire(import.meta.url);
const plugin = {
  rules: Object.fromEntries(
    Object.entries(APPSYNC_BASE_RULES).map(([id, file]) => {
      const rule = requireRule(`@aws-appsync/eslint-plugin/lib/rules/${file}`) as { __esModule?: boolean; default?: unknown };
      return [id, rule.__esModule ? rule.default : rule];
    }),
  ),
} as unknown as NonNullable<Linter.Config['plugins']>[string];
const linter = new Linter({ configType: 'flat' });
// Bundles are plain JavaScript: ESLint's own parser reads them; the base rules need no type information.
const RULES: Linter.Config[] = [
  {
    plugins: { '@aws-appsync': plugin },
    rules: { ...Object.fromEntries(Object.keys(APPSYNC_BASE_RULES).map((id) => [`@aws-appsync/${id}`, 'error'])), ...APPSYNC_EXTRA_RULES },
  },
];
const MODULES = { '@aws-appsync/utils': 'utils', '@aws-appsync/utils/dynamodb': 'dynamodb' } as const;

/** The problems AppSync's code validation would report for a bundle, as `line:col message (rule)`. */
export function appSyncRuleViolations(code: string, file: string): string[] {
  return linter
    // Linter ignores paths outside the working directory, so it gets the bare name.
    .verify(code, RULES, { filename: path.basename(file) })
    .filter((m) => m.severity === 2)
    .map((m) => `${m.line}:${m.column} ${m.message}${m.ruleId ? ` (${m.ruleId})` : ''}`);
}

const SANDBOX_ENTRY = fileURLToPath(new URL('./runtime/sandbox-entry.ts', import.meta.url));
let sandboxScript: Promise<vm.Script & { text: string }> | undefined;

/** The surface implementation compiled once as a script that each sandbox runs in its own realm. */
function surfaceScript(): Promise<vm.Script & { text: string }> {
  sandboxScript ??= build({
    entryPoints: [SANDBOX_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'sandbox',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'warning',
  }).then((out) => {
    const text = `(() => {\n${out.outputFiles[0]!.text}\nreturn sandbox;\n})()`;
    return Object.assign(new vm.Script(text, { filename: 'appsync-surface.js' }), { text });
  });
  return sandboxScript;
}

/**
 * Bundles that passed every load check, by content: a later stack (every test file starts one)
 * loads a known bundle without linting, transforming and trial-running it again. The key covers
 * the bundle and everything that judges it: this loader, the extra rules, the surface it runs
 * against, and the versions of ESLint, the AppSync plugin and esbuild.
 */
const CHECKED_DIR = fileURLToPath(new URL('../../dist/.sandbox/', import.meta.url));
let judges: string | undefined;

function checkedKey(code: string, surface: string): string {
  judges ??= [
    fileURLToPath(import.meta.url),
    fileURLToPath(new URL('../../resolvers/lint-rules.js', import.meta.url)),
    requireRule.resolve('eslint/package.json'),
    requireRule.resolve('@aws-appsync/eslint-plugin/package.json'),
    requireRule.resolve('esbuild/package.json'),
  ].map((file) => readFileSync(file, 'utf8')).join('\0');
  return createHash('sha256').update(judges).update('\0').update(surface).update('\0').update(code).digest('hex');
}

async function remember(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/**
 * The CommonJS shell a bundle runs in, itself evaluated inside the sandbox so that `require`
 * and `module` are sandbox objects; it resolves only the `@aws-appsync/utils` modules.
 */
const MODULE_SHELL = `(function (modules, body) {
  const module = { exports: {} };
  const require = (specifier) => {
    if (!Object.hasOwn(modules, specifier)) throw new Error('Cannot find module ' + specifier);
    return modules[specifier];
  };
  body(module.exports, require, module);
  return module.exports;
})`;

/**
 * Loads one bundle into its own sandbox realm: the realm's own copy of the AppSync surface,
 * no host objects reachable, code generation from strings disabled.
 */
export async function loadBundle(file: string, host: SandboxHost, checkedDir = CHECKED_DIR): Promise<ResolverCode> {
  const code = await readFile(file, 'utf8');
  const surface = await surfaceScript();
  const checked = path.join(checkedDir, `${checkedKey(code, surface.text)}.cjs`);
  let commonJs = await readFile(checked, 'utf8').catch(() => null);
  if (commonJs === null) {
    commonJs = await checkBundle(file, code, surface, host);
    // A cache that cannot be written (a read-only checkout) only costs the next load the checks.
    await remember(checked, commonJs).catch(() => undefined);
  }
  let live: ResolverCode | undefined;
  const runnable = commonJs;
  const use = () => (live ??= realm(file, runnable, surface, host));
  return {
    file,
    request: (ctx) => use().request(ctx),
    response: (ctx) => use().response(ctx),
    adopt: (value) => use().adopt(value),
    adoptJson: (text) => use().adoptJson(text),
  };
}

/** AppSync's checks at deploy: its rules, its modules, and a trial run in a realm. Returns the CommonJS the sandbox runs. */
async function checkBundle(file: string, code: string, surface: vm.Script, host: SandboxHost): Promise<string> {
  const problems = appSyncRuleViolations(code, file);
  if (problems.length > 0) throw new BundleRejectedError(file, problems);
  const imports = [...code.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  const foreign = imports.filter((specifier) => !Object.hasOwn(MODULES, specifier));
  if (foreign.length > 0) {
    throw new BundleRejectedError(file, foreign.map((s) => `imports "${s}": only @aws-appsync/utils modules exist at runtime; bundle it`));
  }

  // The sandbox runs CommonJS so it needs no experimental vm module support; the rule check ran on the ESM that deploys.
  // `define` hides the shell's CommonJS names from resolver code (AppSync has no require, module
  // or exports); the require calls esbuild generates for the imports are not affected.
  const { code: commonJs } = await transform(code, {
    format: 'cjs',
    loader: 'js',
    target: 'es2022',
    sourcefile: file,
    define: { require: 'undefined', module: 'undefined', exports: 'undefined' },
  });
  // Made once now, so a bundle the runtime cannot run is refused at load; then dropped, and made
  // again on first use: a stack holds a realm (about a megabyte each) only for resolvers it runs.
  realm(file, commonJs, surface, host);
  return commonJs;
}

/** One bundle's sandbox realm: its own copy of the AppSync surface, its handlers, and how to hand it values. */
function realm(file: string, commonJs: string, surfaceCode: vm.Script, host: SandboxHost): ResolverCode {
  const context = vm.createContext({}, { name: file, codeGeneration: { strings: false, wasm: false } });
  const installer = surfaceCode.runInContext(context) as { install(host: SandboxHost): SandboxGlobals };
  const { surface, console } = installer.install(host);
  (context as { console?: unknown }).console = console;
  const shell = vm.runInContext(MODULE_SHELL, context) as (modules: object, body: unknown) => Record<string, unknown>;
  const modules = vm.runInContext('Object.create(null)', context) as Record<string, unknown>;
  modules['@aws-appsync/utils'] = surface.utils;
  modules['@aws-appsync/utils/dynamodb'] = surface.dynamodb;
  const body = new vm.Script(`(function (exports, require, module) {\n${commonJs}\n})`, { filename: file }).runInContext(context);
  const { request, response } = shell(modules, body);
  const missing = [typeof request !== 'function' && 'request', typeof response !== 'function' && 'response'].filter(Boolean);
  if (missing.length > 0) throw new BundleRejectedError(file, [`must export ${missing.join(' and ')} handler functions`]);

  const parse = vm.runInContext('JSON.parse', context) as (text: string) => unknown;
  return {
    file,
    request: request as ResolverCode['request'],
    response: response as ResolverCode['response'],
    adopt: (value) => {
      const text = stringifyJson(value);
      return text === undefined ? undefined : parse(text);
    },
    adoptJson: (text) => parse(text),
  };
}
