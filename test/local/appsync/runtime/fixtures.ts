/** Shared set-up for the surface tests: a recording invocation and a typed surface. */
import type { AppendedError, Invocation } from '../../../../local/appsync/runtime/contract.ts';
import { createExtensions, createRuntime, createUtil } from '../../../../local/appsync/runtime/util.ts';

/** An invocation that records what the surface hands it. */
export function recordingInvocation(overrides: Partial<Invocation> = {}) {
  const calls = {
    errors: [] as AppendedError[],
    filters: [] as unknown[],
    invalidationFilters: [] as unknown[],
    invalidations: [] as unknown[],
    evictions: [] as unknown[][],
    headers: [] as [string, unknown][],
  };
  const invocation: Invocation = {
    authType: 'Lambda Authorization',
    parentTypeName: 'Query',
    fieldName: 'employee',
    appendError: (error) => calls.errors.push(error),
    setSubscriptionFilter: (filter) => calls.filters.push(filter),
    setSubscriptionInvalidationFilter: (filter) => calls.invalidationFilters.push(filter),
    invalidateSubscriptions: (payload) => calls.invalidations.push(payload),
    evictFromApiCache: (...args) => calls.evictions.push(args),
    log: () => {},
    addResponseHeader: (name, value) => calls.headers.push([name, value]),
    ...overrides,
  };
  return { invocation, calls };
}

/** `util`, `runtime` and `extensions` bound to a recording invocation. */
export function typedUtils(overrides: Partial<Invocation> = {}) {
  const { invocation, calls } = recordingInvocation(overrides);
  const current = () => invocation;
  return { util: createUtil(current), runtime: createRuntime(), extensions: createExtensions(current), calls };
}
