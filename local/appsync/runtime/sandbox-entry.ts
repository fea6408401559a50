/**
 * Installs the APPSYNC_JS surface inside a resolver's vm realm. Bundled as a script and run in
 * each sandbox, so every object and function resolver code can reach belongs to that realm,
 * where code generation from strings is disabled: no path leads back to the host's `Function`.
 * Host callbacks (the current invocation, random bytes) stay inside these closures.
 */
import type { AppSyncSurface, Invocation } from './contract.ts';
import { useRandomBytes, type RandomBytes } from './ids.ts';
import { createSurface } from './index.ts';

export interface SandboxHost {
  current: () => Invocation;
  randomBytes: RandomBytes;
}

export interface SandboxGlobals {
  surface: AppSyncSurface;
  console: Record<'log' | 'info' | 'debug' | 'warn' | 'error', (...args: unknown[]) => void>;
}

export function install(host: SandboxHost): SandboxGlobals {
  useRandomBytes((length) => Uint8Array.from(host.randomBytes(length)));
  const to = (level: Parameters<Invocation['log']>[0]) => (...args: unknown[]) => host.current().log(level, JSON.parse(JSON.stringify(args)));
  return {
    surface: createSurface(host.current),
    console: Object.freeze({ log: to('info'), info: to('info'), debug: to('debug'), warn: to('warn'), error: to('error') }),
  };
}
