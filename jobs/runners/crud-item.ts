/**
 * `AIML-SaaS-CRUD-Item`: sets attributes of one entity item of the job's tenant, optionally only
 * while the item is still at `expectedVersion`.
 *
 * Tenant confinement, twice over: keys are only ever built as `TENANT#<job tenant>` (the payload
 * names a table and a sort key, never a partition), and the writes go through the tenant's scoped
 * session, so IAM would refuse any other tenant's key anyway.
 *
 * Idempotency: the update and a ledger item `EFFECT#<jobId>#<occurrence>` in TenantJob are written
 * in one transaction, the ledger item only if new. A second delivery of the same occurrence (a
 * duplicate, or a rerun after a crash before the job's status was recorded) finds the ledger item
 * and changes nothing, so `version` moves once per occurrence.
 *
 * Employee records keep a history entry per version (domain/people/model/history.ts): on an
 * employee item the update is held to the version read, and the entry of the next one (by
 * `system`, naming the attributes set) goes in the same transaction; a record that changes
 * meanwhile is tried again on the job's next attempt.
 */
import { GetItemCommand, TransactionCanceledException, TransactWriteItemsCommand, type AttributeValue, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { JOB_RUNNERS, type CrudItemPayload } from '../../domain/jobs/engine.ts';
import { jobEffectKey } from '../../domain/jobs/model/keys.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { historyItem } from '../../domain/people/model/history.ts';
import { PEOPLE_PREFIXES } from '../../domain/people/model/keys.ts';
import { defineRunner, JobFailure, type RunContext } from '../runner.ts';

/** What {@link applyCrudItem} did. */
export type CrudItemResult = 'applied' | 'already-applied';

/**
 * Applies a CRUD payload to the item `TENANT#<tenantId>` / `payload.entityItem` with the given
 * clients. Throws a non-retryable {@link JobFailure} (`NOT_FOUND` or `CONFLICT`) when the item is
 * missing or its version moved on.
 */
export async function applyCrudItem(ctx: Pick<RunContext<CrudItemPayload>, 'tenantId' | 'jobId' | 'payload' | 'idempotencyKey' | 'now' | 'clients' | 'tableName'>): Promise<CrudItemResult> {
  const { payload, clients } = ctx;
  const key = { TenantId: { S: tenantKey(ctx.tenantId) }, EntityItem: { S: payload.entityItem } };
  const names: Record<string, string> = { '#version': 'version', '#key': 'EntityItem' };
  const values: Record<string, AttributeValue> = { ':zero': { N: '0' }, ':one': { N: '1' } };
  const sets = Object.entries(payload.set).map(([attribute, value], i) => {
    names[`#a${i}`] = attribute;
    values[`:a${i}`] = marshall({ v: value }, { removeUndefinedValues: true }).v!;
    return `#a${i} = :a${i}`;
  });
  sets.push('#version = if_not_exists(#version, :zero) + :one');
  let condition = 'attribute_exists(#key)';
  if (payload.expectedVersion !== undefined) {
    condition += ' AND #version = :expected';
    values[':expected'] = { N: String(payload.expectedVersion) };
  }
  const history: TransactWriteItem[] = [];
  if (payload.table === 'PIM' && payload.entityItem.startsWith(PEOPLE_PREFIXES.employee)) {
    const read = await clients.dynamodb.send(new GetItemCommand({ TableName: ctx.tableName('PIM'), Key: key, ConsistentRead: true, ProjectionExpression: '#version', ExpressionAttributeNames: { '#version': 'version' } }));
    const version = read.Item?.version?.N === undefined ? null : Number(read.Item.version.N);
    if (read.Item && payload.expectedVersion === undefined) {
      condition += version === null ? ' AND attribute_not_exists(#version)' : ' AND #version = :read';
      if (version !== null) values[':read'] = { N: String(version) };
    }
    const after = { TenantId: key.TenantId.S, EntityItem: payload.entityItem, version: (payload.expectedVersion ?? version ?? 0) + 1, updatedAt: ctx.now.toISOString() };
    history.push({ Put: { TableName: ctx.tableName('PIM'), Item: marshall(historyItem(after, 'UPDATED', 'system', Object.keys(payload.set))) } });
  }
  const ledger = {
    TenantId: tenantKey(ctx.tenantId),
    EntityItem: jobEffectKey(ctx.idempotencyKey),
    jobId: ctx.jobId,
    table: payload.table,
    entityItem: payload.entityItem,
    appliedAt: ctx.now.toISOString(),
  };
  try {
    await clients.dynamodb.send(new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: ctx.tableName('TenantJob'), Item: marshall(ledger), ConditionExpression: 'attribute_not_exists(EntityItem)' } },
        {
          Update: {
            TableName: ctx.tableName(payload.table),
            Key: key,
            ConditionExpression: condition,
            UpdateExpression: `SET ${sets.join(', ')}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        ...history,
      ],
    }));
    return 'applied';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [ledgerReason, itemReason] = error.CancellationReasons ?? [];
    if (ledgerReason?.Code === 'ConditionalCheckFailed') return 'already-applied';
    if (itemReason?.Code !== 'ConditionalCheckFailed') throw error;
    const current = await clients.dynamodb.send(new GetItemCommand({ TableName: ctx.tableName(payload.table), Key: key, ConsistentRead: true }));
    // Retrying cannot fix either case, so the job goes straight to dead with this message.
    if (!current.Item) throw new JobFailure(`No item ${payload.entityItem} in ${payload.table}.`, { retryable: false, type: 'NOT_FOUND' });
    // An employee record changed between the read and the write: the next attempt reads it again.
    if (history.length > 0 && payload.expectedVersion === undefined) throw new JobFailure(`Item ${payload.entityItem} changed while the job ran; retrying.`, { retryable: true, type: 'CONFLICT' });
    throw new JobFailure(
      `Item ${payload.entityItem} is at version ${current.Item.version?.N ?? 'none'}, not ${payload.expectedVersion}; re-read it and schedule a new job.`,
      { retryable: false, type: 'CONFLICT' },
    );
  }
}

/** The runner; its Lambda handler is `crudItemRunner.handler`. */
export const crudItemRunner = defineRunner<CrudItemPayload>({
  ...JOB_RUNNERS['AIML-SaaS-CRUD-Item'],
  async run(ctx) {
    const result = await applyCrudItem(ctx);
    ctx.log.info('crud item', { result, table: ctx.payload.table, entityItem: ctx.payload.entityItem });
  },
});

/** Lambda entry point. */
export const handler = crudItemRunner.handler;
