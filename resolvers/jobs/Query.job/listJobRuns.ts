/** The job read by `getJob` with one page of its run history, newest run first. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryJobArgs } from '../../../domain/generated/graphql.ts';
import { jobRunView, jobView, type Job, type StoredJobRun } from '../../../domain/jobs/model/records.ts';
import { jobRunPrefix } from '../../../domain/jobs/model/keys.ts';
import { pageOf, pageSize } from '../../lib/pages.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryJobArgs, PipelineStash>): DynamoDBQueryRequest {
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    query: {
      expression: '#tenant = :tenant AND begins_with(#item, :prefix)',
      expressionNames: { '#tenant': 'TenantId', '#item': 'EntityItem' },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':prefix': jobRunPrefix(ctx.args.id) }),
    },
    limit: pageSize(ctx.args.runsLimit),
    scanIndexForward: false,
  };
  if (ctx.args.runsNextToken) query.nextToken = ctx.args.runsNextToken;
  return query;
}

export function response(ctx: Context<QueryJobArgs, PipelineStash>) {
  const page = pageOf<StoredJobRun>(ctx);
  return {
    job: jobView(ctx.stash.job as Job),
    runs: { items: page.items.map((run) => jobRunView(run)), nextToken: page.nextToken },
  };
}
