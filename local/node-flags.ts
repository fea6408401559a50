/**
 * V8 flags of every process of the local stack (`npm start`'s own, the DynamoDB/IAM/S3 child,
 * cognito-local). The young generation is capped: a request's garbage is small and short-lived,
 * and V8's default 16 MB semi-spaces let each process grow tens of MB under load for nothing,
 * which a laptop running the whole product pays for. (`npm start` passes the same flags in
 * package.json; a test keeps the two equal.)
 */
export const STACK_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
