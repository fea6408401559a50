/**
 * The tenant's jobs, one page at a time. Every filter is a key condition, so pages are always
 * full: none lists by id; `status` reads the `JobsByStatus` index (most recently changed first);
 * `runner` (with or without `status`) reads `JobsByRunner`, whose sort key is
 * `<runner>#<status>#<updatedAt>` (by status, then most recently changed first). Run history and
 * ledgers are never read.
 */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryJobsArgs } from '../../../domain/generated/graphql.ts';
import { isRunnerName, jobView, runnerAtPrefix, statusAt, storedStatus, type Job, type RunnerName } from '../../../domain/jobs/model/records.ts';
import { JOB_PREFIXES, JOBS_BY_RUNNER_INDEX, JOBS_BY_STATUS_INDEX } from '../../../domain/jobs/model/keys.ts';
import { ITEM_KEY, TENANT_KEY } from '../../../domain/model/keys.ts';
import { fail } from '../../lib/errors.ts';
import { newestUnderPrefix, pageOf, pageSize } from '../../lib/pages.ts';
import type { PipelineStash } from '../../lib/stash.ts';

function runnerFilter(runner: string | null | undefined): RunnerName | null {
  if (!runner) return null;
  if (isRunnerName(runner)) return runner;
  const message = 'is not a runner of this product';
  return fail('VALIDATION_ERROR', `filter.runner ${message}.`, { fields: [{ field: 'filter.runner', message }] });
}

export function request(ctx: Context<QueryJobsArgs, PipelineStash>): DynamoDBQueryRequest {
  const filter = ctx.args.filter;
  const status = filter?.status ? storedStatus(filter.status) : null;
  if (status === 'failed') {
    const message = 'describes runs, not jobs: a failing job is PENDING (retrying) or DEAD';
    fail('VALIDATION_ERROR', `filter.status FAILED ${message}.`, { fields: [{ field: 'filter.status', message }] });
  }
  const runner = runnerFilter(filter?.runner);
  const { limit, nextToken } = ctx.args;
  const tenant = ctx.stash.scope.tenantKey;
  if (runner) return newestUnderPrefix(tenant, runnerAtPrefix(runner, status), limit, nextToken, JOBS_BY_RUNNER_INDEX);
  // `<status>#`: statusAt with an empty time is the prefix of every time.
  if (status) return newestUnderPrefix(tenant, statusAt(status, ''), limit, nextToken, JOBS_BY_STATUS_INDEX);
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    query: {
      expression: '#tenant = :tenant AND begins_with(#item, :prefix)',
      expressionNames: { '#tenant': TENANT_KEY.name, '#item': ITEM_KEY.name },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': tenant, ':prefix': JOB_PREFIXES.job }),
    },
    limit: pageSize(limit),
  };
  if (nextToken) query.nextToken = nextToken;
  return query;
}

export function response(ctx: Context<QueryJobsArgs, PipelineStash>) {
  const page = pageOf<Job>(ctx);
  return { items: page.items.map((job) => jobView(job)), nextToken: page.nextToken };
}
