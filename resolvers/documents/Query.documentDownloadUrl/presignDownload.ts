/** Has the documents Lambda presign a GET for an uploaded document. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryDocumentDownloadUrlArgs } from '../../../domain/generated/graphql.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryDocumentDownloadUrlArgs, PipelineStash>): LambdaRequest {
  const documentId = requireEntityId(ctx.args.documentId, 'documentId');
  return {
    operation: 'Invoke',
    payload: { operation: 'downloadUrl', tenantId: ctx.stash.scope.tenantId, employeeId: ctx.args.employeeId, documentId },
  };
}

export function response(ctx: Context<QueryDocumentDownloadUrlArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
