/** Checks the upload request and has the documents Lambda record it and presign the PUT. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import { validateUploadRequest } from '../../domain/documents.ts';
import type { MutationRequestDocumentUploadArgs } from '../../domain/generated/graphql.ts';
import { failOnProblems } from '../lib/errors.ts';
import { lambdaResult } from '../lib/lambda.ts';
import type { PipelineStash } from '../lib/stash.ts';

export function request(ctx: Context<MutationRequestDocumentUploadArgs, PipelineStash>): LambdaRequest {
  failOnProblems(validateUploadRequest(ctx.args.input));
  const caller = (ctx.identity as { resolverContext?: Record<string, string> } | null)?.resolverContext;
  return {
    operation: 'Invoke',
    payload: {
      operation: 'requestUpload',
      tenantId: ctx.stash.scope.tenantId,
      employeeId: ctx.args.input.employeeId,
      documentId: util.autoUlid(),
      input: ctx.args.input,
      requestedBy: caller?.userId ?? 'internal',
    },
  };
}

export function response(ctx: Context<MutationRequestDocumentUploadArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
