/**
 * How every local process runs Node: `npm start`'s own, the DynamoDB/IAM/S3 child, cognito-local,
 * the command-line helpers, the test workers and the benchmark.
 *
 * V8 flags: the young generation is capped. A request's garbage is small and short-lived, and V8's
 * default 16 MB semi-spaces let each process grow tens of MB under load for nothing, which a laptop
 * running the whole product pays for. (`npm start` passes the same flags in package.json; a test
 * keeps the two equal.)
 *
 * Supported Node versions (package.json `engines`, the README): 20.19 or later on 20 (this machine
 * and CI) and 22.13 or later on 22 (deployed Lambdas run nodejs22.x). On Node 20 every AWS SDK v3
 * client prints a multi-line `NodeVersionSupportWarning` (SDK releases after January 2027 need
 * Node 22). The SDK is pinned in package-lock.json, so a developer can do nothing about it; the
 * SDK's own switch turns off that one warning and no other. Deployed Lambdas never set it (on
 * Node 22 the SDK has nothing to say); moving the SDK past January 2027 means moving to Node 22.
 */
export const STACK_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/** The AWS SDK's switch for its Node version warning (see `emitWarningIfUnsupportedVersion` in @aws-sdk/core). */
export const SDK_NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * Turns off the SDK's Node version warning in this process and the children it starts, unless
 * someone set the switch themselves. Call it before the first SDK client is created.
 */
export function quietSdkNodeWarning(env: NodeJS.ProcessEnv = process.env): void {
  env[SDK_NODE_WARNING_SWITCH] ??= 'true';
}
