/**
 * Each in-process Lambda function's own environment variables, as on AWS, where every function
 * has its own (`STAGE`, table names, its role's credentials, ...).
 *
 * The local stack runs the deployable bundles in one Node process, so when it serves several
 * stages, two functions may need different values of the same variable at the same moment. The
 * handlers read `process.env` (at import and on each call), unaware of that. So `process.env`
 * becomes a view: inside {@link withEnvironment} it shows that function's variables over the
 * process's own, everywhere else just the process's own. The scope follows the call through
 * every await (AsyncLocalStorage), including the bundle's module body when it is imported
 * inside it. Writes always go to the process's own variables.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type FunctionEnvironment = Readonly<Record<string, string>>;

const scope = new AsyncLocalStorage<FunctionEnvironment>();
let view: NodeJS.ProcessEnv | undefined;

/** Makes `process.env` show the current function's variables; idempotent (again after a test replaced `process.env`). */
function installView(): void {
  if (view && process.env === view) return;
  const own = process.env;
  const scoped = (key: string | symbol): FunctionEnvironment | undefined => {
    const environment = scope.getStore();
    return typeof key === 'string' && environment && Object.hasOwn(environment, key) ? environment : undefined;
  };
  view = new Proxy(own, {
    get: (target, key) => scoped(key)?.[key as string] ?? Reflect.get(target, key),
    // Straight to the process's variables (process.env refuses the descriptor a receiver-based set would define).
    set: (target, key, value) => Reflect.set(target, key, value),
    has: (target, key) => scoped(key) !== undefined || Reflect.has(target, key),
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Object.keys(scope.getStore() ?? {})])],
    getOwnPropertyDescriptor: (target, key) => {
      const environment = scoped(key);
      return environment
        ? { value: environment[key as string], writable: true, enumerable: true, configurable: true }
        : Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  process.env = view;
}

/** Runs `body` (and everything it awaits) with `environment` over the process's variables. */
export function withEnvironment<T>(environment: FunctionEnvironment, body: () => T): T {
  installView();
  return scope.run(environment, body);
}

/** A function whose every call runs inside {@link withEnvironment}. */
export function inEnvironment<A extends unknown[], R>(environment: FunctionEnvironment, fn: (...args: A) => R): (...args: A) => R {
  return (...args) => withEnvironment(environment, () => fn(...args));
}
