/** One page of an employee's documents, newest first (document ids are time-ordered ULIDs). */
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import { type DocumentRow } from '../../../domain/documents/model/documents.ts';
import { employeeDocumentsPrefix } from '../../../domain/documents/model/keys.ts';
import type { QueryEmployeeDocumentsArgs } from '../../../domain/generated/graphql.ts';
import { newestUnderPrefix, pageOf } from '../../lib/pages.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryEmployeeDocumentsArgs, PipelineStash>): DynamoDBQueryRequest {
  return newestUnderPrefix(ctx.stash.scope.tenantKey, employeeDocumentsPrefix(ctx.args.employeeId), ctx.args.limit, ctx.args.nextToken);
}

export function response(ctx: Context<QueryEmployeeDocumentsArgs, PipelineStash>) {
  return pageOf<DocumentRow>(ctx);
}
