/** Reads one job of the scoped tenant into `ctx.stash.job`; the pipeline answers null when there is none. */
import { runtime, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryJobArgs } from '../../../domain/generated/graphql.ts';
import { type Job } from '../../../domain/jobs/model/records.ts';
import { jobItemKey } from '../../../domain/jobs/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryJobArgs, PipelineStash>) {
  const id = requireEntityId(ctx.args.id, 'id');
  return get<Job>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: jobItemKey(id) } });
}

export function response(ctx: Context<QueryJobArgs, PipelineStash>): Job | null {
  failOnDataSourceError(ctx);
  const job = (ctx.result as Job | null | undefined) ?? null;
  // No job: the pipeline answers null, its history is not read.
  if (!job) runtime.earlyReturn(null, { skipTo: 'END' });
  ctx.stash.job = job;
  return job;
}
