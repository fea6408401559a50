/**
 * `AIML-SaaS-CRUD-Item`: changes declared fields of one entity of the job's tenant, optionally
 * only while the entity is still at `expectedVersion`. What may change, and how, is each module's
 * declaration (`CRUD_ENTITIES`, domain/jobs/crud-entities.ts): the runner reads the current item,
 * has the module apply and validate the changes with its own rules (the API's), and writes the
 * new item (version and `updatedAt` moved on) with the module's guards in one transaction,
 * conditional on the version it read.
 *
 * Tenant confinement, twice over: keys are only ever built as `TENANT#<job tenant>` from the
 * entity's id, and the writes go through the tenant's scoped session, so IAM would refuse any
 * other tenant's key anyway.
 *
 * Idempotency: a ledger item `EFFECT#<jobId>#<occurrence>` in TenantJob is written in the same
 * transaction, only if new. A second delivery of the same occurrence (a duplicate, or a rerun
 * after a crash before the job's status was recorded) finds the ledger item and changes nothing,
 * so `version` moves once per occurrence.
 */
import { GetItemCommand, TransactionCanceledException, TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { crudEntity, type GuardedTransactItem, type StoredItem } from '../../domain/jobs/crud-entities.ts';
import { JOB_RUNNERS, type CrudItemPayload } from '../../domain/jobs/engine.ts';
import { jobEffectKey } from '../../domain/jobs/model/keys.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { localDate } from '../../domain/time.ts';
import { defineRunner, JobFailure, type RunContext } from '../runner.ts';

/** What {@link applyCrudItem} did. */
export type CrudItemResult = 'applied' | 'already-applied';

type CrudContext = Pick<RunContext<CrudItemPayload>, 'tenantId' | 'jobId' | 'payload' | 'idempotencyKey' | 'now' | 'tenant' | 'clients' | 'tableName'>;

/** Failures a retry cannot fix: the job goes straight to dead with this message and type. */
function final(message: string, type: 'NOT_FOUND' | 'CONFLICT' | 'VALIDATION_ERROR'): JobFailure {
  return new JobFailure(message, { retryable: false, type });
}

/**
 * Applies a CRUD payload to the entity `payload.id` of the job's tenant with the given clients.
 * Throws a non-retryable {@link JobFailure} when the entity is missing (`NOT_FOUND`), its version
 * moved on from `expectedVersion` or a unique value is taken (`CONFLICT`), or the changes break
 * the module's rules (`VALIDATION_ERROR`); a change made by someone else while the job ran is retried.
 */
export async function applyCrudItem(ctx: CrudContext): Promise<CrudItemResult> {
  const { payload, clients } = ctx;
  const entity = crudEntity(payload.entity);
  if (!entity) throw final(`No entity ${payload.entity} can be changed by a job.`, 'VALIDATION_ERROR');
  const jobTable = ctx.tableName('TenantJob');
  const ledgerKey = { TenantId: tenantKey(ctx.tenantId), EntityItem: jobEffectKey(ctx.idempotencyKey) };
  // Applied by an earlier delivery of this occurrence: the entity may have moved on since, so it is not read again.
  const ledger = await clients.dynamodb.send(new GetItemCommand({ TableName: jobTable, Key: marshall(ledgerKey), ConsistentRead: true }));
  if (ledger.Item) return 'already-applied';

  const table = ctx.tableName(entity.table);
  const key = marshall({ TenantId: tenantKey(ctx.tenantId), EntityItem: entity.itemKey(payload.id) });
  const found = await clients.dynamodb.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }));
  if (!found.Item) throw final(`No ${entity.entity} ${payload.id} in this tenant.`, 'NOT_FOUND');
  const current = unmarshall(found.Item) as StoredItem;
  if (payload.expectedVersion !== undefined && current.version !== payload.expectedVersion) {
    throw final(`The ${entity.entity} ${payload.id} is at version ${current.version}, not ${payload.expectedVersion}; read it again and schedule a new job.`, 'CONFLICT');
  }
  // Date rules (no birth date in the future) use the tenant's today, as the API does.
  const applied = entity.apply(current, payload.set, { now: ctx.now, today: localDate(ctx.now, ctx.tenant.settings.timeZone) }, table);
  if (!applied.ok) {
    throw final(`Invalid change of ${entity.entity} ${payload.id}: ${applied.problems.map((p) => `set.${p.field} ${p.message}`).join('; ')}.`, 'VALIDATION_ERROR');
  }

  const writes: TransactWriteItem[] = [
    {
      Put: {
        TableName: jobTable,
        Item: marshall({ ...ledgerKey, jobId: ctx.jobId, entity: entity.entity, id: payload.id, appliedAt: ctx.now.toISOString() }),
        ConditionExpression: 'attribute_not_exists(EntityItem)',
      },
    },
    {
      Put: {
        TableName: table,
        Item: marshall(applied.row, { removeUndefinedValues: true }),
        ConditionExpression: '#version = :read',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':read': { N: String(current.version) } },
      },
    },
    ...applied.guards.map((g) => g.item),
  ];
  try {
    await clients.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: writes }));
    return 'applied';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const failed = (error.CancellationReasons ?? []).map((reason) => reason?.Code === 'ConditionalCheckFailed');
    if (failed[0]) return 'already-applied';
    // Changed by someone else since it was read: a retry reads it again (CONFLICT if the job named a version).
    if (failed[1]) throw new JobFailure(`The ${entity.entity} ${payload.id} changed while the job ran; the change is retried on the new version.`, { type: 'CONFLICT' });
    const guard: GuardedTransactItem | undefined = applied.guards.find((_, i) => failed[i + 2]);
    if (guard) throw new JobFailure(guard.onConditionFailed.message, { retryable: guard.onConditionFailed.retryable === true, type: guard.onConditionFailed.type });
    throw error;
  }
}

/** The runner; its Lambda handler is `crudItemRunner.handler`. */
export const crudItemRunner = defineRunner<CrudItemPayload>({
  ...JOB_RUNNERS['AIML-SaaS-CRUD-Item'],
  async run(ctx) {
    const result = await applyCrudItem(ctx);
    ctx.log.info('crud item', { result, entity: ctx.payload.entity, id: ctx.payload.id });
  },
});

/** Lambda entry point. */
export const handler = crudItemRunner.handler;
