/**
 * The tenant's jobs, one page at a time: by id, or with a status filter through the
 * `JobsByStatus` index, most recently changed first. Run history and ledgers are never read.
 */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryJobsArgs } from '../../../domain/generated/graphql.ts';
import { isRunnerName, jobView, storedStatus, type Job } from '../../../domain/jobs/model/records.ts';
import { JOB_PREFIXES, JOBS_BY_STATUS_INDEX } from '../../../domain/jobs/model/keys.ts';
import { fail } from '../../lib/errors.ts';
import { pageOf, pageSize } from '../../lib/pages.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryJobsArgs, PipelineStash>): DynamoDBQueryRequest {
  const filter = ctx.args.filter;
  const status = filter?.status ? storedStatus(filter.status) : null;
  if (status === 'failed') {
    const message = 'describes runs, not jobs: a failing job is PENDING (retrying) or DEAD';
    fail('VALIDATION_ERROR', `filter.status FAILED ${message}.`, { fields: [{ field: 'filter.status', message }] });
  }
  if (filter?.runner && !isRunnerName(filter.runner)) {
    const message = 'is not a runner of this product';
    fail('VALIDATION_ERROR', `filter.runner ${message}.`, { fields: [{ field: 'filter.runner', message }] });
  }
  const tenant = ctx.stash.scope.tenantKey;
  const query: DynamoDBQueryRequest = status
    ? {
        operation: 'Query',
        index: JOBS_BY_STATUS_INDEX.name,
        query: {
          expression: '#tenant = :tenant AND begins_with(#statusAt, :status)',
          expressionNames: { '#tenant': 'TenantId', '#statusAt': 'StatusAt' },
          expressionValues: util.dynamodb.toMapValues({ ':tenant': tenant, ':status': `${status}#` }),
        },
        scanIndexForward: false,
        limit: pageSize(ctx.args.limit),
      }
    : {
        operation: 'Query',
        query: {
          expression: '#tenant = :tenant AND begins_with(#item, :prefix)',
          expressionNames: { '#tenant': 'TenantId', '#item': 'EntityItem' },
          expressionValues: util.dynamodb.toMapValues({ ':tenant': tenant, ':prefix': JOB_PREFIXES.job }),
        },
        limit: pageSize(ctx.args.limit),
      };
  if (filter?.runner) {
    query.filter = { expression: '#runner = :runner', expressionNames: { '#runner': 'runner' }, expressionValues: util.dynamodb.toMapValues({ ':runner': filter.runner }) };
  }
  if (ctx.args.nextToken) query.nextToken = ctx.args.nextToken;
  return query;
}

export function response(ctx: Context<QueryJobsArgs, PipelineStash>) {
  const page = pageOf<Job>(ctx);
  return { items: page.items.map((job) => jobView(job)), nextToken: page.nextToken };
}
