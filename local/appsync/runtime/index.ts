/**
 * The APPSYNC_JS surface: what `@aws-appsync/utils` and `@aws-appsync/utils/dynamodb` export
 * at runtime inside AppSync, for the local executor to inject into resolver bundles.
 */
import type { AppSyncSurface, Invocation } from './contract.ts';
import * as dynamodbHelpers from './dynamodb-helpers.ts';
import { createExtensions, createRuntime, createUtil } from './util.ts';

/**
 * Builds the module namespaces a resolver bundle imports. Handlers run synchronously, so each
 * call reads the invocation it serves through `current()`. Everything is frozen so that one
 * resolver cannot change the surface another one sees.
 */
export function createSurface(current: () => Invocation): AppSyncSurface {
  return deepFreeze({
    utils: { util: createUtil(current), runtime: createRuntime(), extensions: createExtensions(current) },
    dynamodb: { ...dynamodbHelpers },
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}
