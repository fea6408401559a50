/** Checks the upload request and has the documents Lambda record it and presign the PUT. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import { validateUploadRequest } from '../../../domain/documents/model/documents.ts';
import type { MutationRequestDocumentUploadArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { failOnProblems } from '../../lib/errors.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationRequestDocumentUploadArgs, PipelineStash>): LambdaRequest {
  failOnProblems(validateUploadRequest(ctx.args.input));
  return {
    operation: 'Invoke',
    payload: {
      operation: 'requestUpload',
      tenantId: ctx.stash.scope.tenantId,
      employeeId: ctx.args.input.employeeId,
      documentId: util.autoUlid(),
      input: ctx.args.input,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
    },
  };
}

export function response(ctx: Context<MutationRequestDocumentUploadArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
