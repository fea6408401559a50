/** Reads one job of the scoped tenant into `ctx.stash.job`; the pipeline answers null when there is none. */
import { runtime, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryJobArgs } from '../../domain/generated/graphql.ts';
import { jobItemKey, type Job } from '../../domain/job-records.ts';
import { isValidEntityId } from '../../domain/keys.ts';
import { fail, failOnDataSourceError } from '../lib/errors.ts';
import type { PipelineStash } from '../lib/stash.ts';

export function request(ctx: Context<QueryJobArgs, PipelineStash>) {
  if (!isValidEntityId(ctx.args.id)) {
    const message = 'must be 1-64 letters, digits, "-" or "_"';
    return fail('VALIDATION_ERROR', `id ${message}.`, { fields: [{ field: 'id', message }] });
  }
  return get<Job>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: jobItemKey(ctx.args.id) } });
}

export function response(ctx: Context<QueryJobArgs, PipelineStash>): Job | null {
  failOnDataSourceError(ctx);
  const job = (ctx.result as Job | null | undefined) ?? null;
  // No job: the pipeline answers null, its history is not read.
  if (!job) runtime.earlyReturn(null, { skipTo: 'END' });
  ctx.stash.job = job;
  return job;
}
