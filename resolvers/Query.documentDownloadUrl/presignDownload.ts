/** Has the documents Lambda presign a GET for an uploaded document. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryDocumentDownloadUrlArgs } from '../../domain/generated/graphql.ts';
import { isValidEntityId } from '../../domain/keys.ts';
import { fail } from '../lib/errors.ts';
import { lambdaResult } from '../lib/lambda.ts';
import type { PipelineStash } from '../lib/stash.ts';

export function request(ctx: Context<QueryDocumentDownloadUrlArgs, PipelineStash>): LambdaRequest {
  if (!isValidEntityId(ctx.args.documentId)) {
    const message = 'must be 1-64 letters, digits, "-" or "_"';
    fail('VALIDATION_ERROR', `documentId ${message}.`, { fields: [{ field: 'documentId', message }] });
  }
  return {
    operation: 'Invoke',
    payload: { operation: 'downloadUrl', tenantId: ctx.stash.scope.tenantId, employeeId: ctx.args.employeeId, documentId: ctx.args.documentId },
  };
}

export function response(ctx: Context<QueryDocumentDownloadUrlArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
