/**
 * Checks the upload request and who files what (an employee files only their own papers; HR
 * admins and internal callers every kind), then has the documents Lambda record it and presign the PUT.
 */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import { mayFileKind, SELF_FILED_KINDS, validateUploadRequest } from '../../../domain/documents/model/documents.ts';
import type { MutationRequestDocumentUploadArgs } from '../../../domain/generated/graphql.ts';
import { scopeKey } from '../../../domain/model/authorization.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail, failOnProblems } from '../../lib/errors.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationRequestDocumentUploadArgs, PipelineStash>): LambdaRequest {
  failOnProblems(validateUploadRequest(ctx.args.input));
  const caller = callerContext(ctx);
  // HR admins are the callers documentAccess lets handle every employee's documents.
  const filesEveryKind = !caller || caller[scopeKey('ReadSensitiveDetails')] === 'all';
  if (!mayFileKind(ctx.args.input.kind, filesEveryKind)) {
    fail('UNAUTHORIZED_ACCESS', `You may add only ${SELF_FILED_KINDS.join(', ')} documents; ${ctx.args.input.kind} documents are added by HR.`);
  }
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
