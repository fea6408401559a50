/**
 * Every Lambda function of the product, declared once: the build bundles each entry, the CDK
 * app deploys each under its stage name, the local stack runs the very bundle.
 */
import type { Stage } from './stage.ts';

export interface LambdaDeclaration {
  /** Source entry, relative to the repository root. */
  readonly entry: string;
  /** Deployed function name for a stage. */
  functionName(stage: Stage): string;
  readonly description: string;
}

export const LAMBDAS = {
  authorizer: {
    entry: 'lambda-authorizer/handler.ts',
    functionName: (stage) => `AIML-SaaS-Authorizer-${stage}`,
    description: 'AppSync Lambda authorizer: Cognito JWTs + Verified Permissions.',
  },
  preTokenGeneration: {
    entry: 'lambda-authorizer/pre-token-generation.ts',
    functionName: (stage) => `AIML-SaaS-PreTokenGeneration-${stage}`,
    description: 'Cognito pre-token-generation trigger: stamps custom:environment for the app client\'s stage.',
  },
  documents: {
    entry: 'resolvers/lambda/documents.ts',
    functionName: (stage) => `AIML-SaaS-Documents-${stage}`,
    description: 'Lambda resolver: records employee documents and presigns S3 uploads and downloads with tenant credentials.',
  },
} as const satisfies Record<string, LambdaDeclaration>;

export type LambdaId = keyof typeof LAMBDAS;

/** Where the build writes a Lambda's bundle, relative to the repository root. */
export function lambdaBundlePath(id: LambdaId): string {
  return `dist/lambdas/${id}/index.mjs`;
}
