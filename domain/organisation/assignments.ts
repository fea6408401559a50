/**
 * The organisation side of an employee or contract write: add {@link assignmentWrites}' items to
 * your own TransactWriteItems, so the record and the organisation's counters change together.
 *
 * - Every newly referenced department, location, position and cost centre must exist in the
 *   tenant and not be archived: checked when read (VALIDATION_ERROR naming the field) and again by
 *   the condition of the write that counts the reference, so a race cannot slip through.
 * - Counters move with ADD: `assignmentCount` on each entity (an entity in use cannot be deleted),
 *   `headcount` on the department and `subtreeHeadcount` on it and every department above it, for
 *   records that count in headcount (ACTIVE or ON_LEAVE employees).
 *
 * @example
 * const org = await assignmentWrites({ dynamodb, tableName }, 'acme', {
 *   before: { departmentId: 'd1', countsInHeadcount: true },
 *   after: { departmentId: 'd2', locationId: 'l1', countsInHeadcount: true },
 * }, { fieldPrefix: 'employment.' });
 * const own = [{ Put: { TableName: tableName, Item: employeeItem } }];
 * try {
 *   await dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [...own, ...org.items] }));
 * } catch (error) {
 *   const outcome = org.outcomeOf(error, own.length); // e.g. { type: 'VALIDATION_ERROR', field: 'employment.locationId', ... }
 *   if (outcome) throw new DomainError(outcome.type, outcome.message);
 *   throw error;
 * }
 */
import { BatchGetItemCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-error.ts';
import { tenantKey } from '../model/keys.ts';
import {
  assignmentProblems,
  planAssignmentChange,
  referencedIds,
  type AssignmentChange,
  type DepartmentLine,
  type ReferencedState,
} from './model/assignments.ts';
import { MOVE_UNDER_WAY } from './model/department.ts';
import { ENTITY_KINDS, type EntityKind } from './model/references.ts';
import { mergeWrites, type GuardedWrite, type WriteOutcome } from './model/writes.ts';
import { cancellationOutcome, toTransactWriteItems } from './sdk-writes.ts';

export type { AssignmentChange, OrgAssignment } from './model/assignments.ts';
export { assignmentProblems } from './model/assignments.ts';

/** Where the organisation's items are: the PIM table, through a client signed for the tenant. */
export interface OrganisationStore {
  dynamodb: DynamoDBClient;
  tableName: string;
}

export interface AssignmentWrites {
  /** TransactWriteItems entries (AWS SDK v3) to add to the caller's transaction; empty when nothing changes. */
  items: TransactWriteItem[];
  /** For each item, what to tell the caller when its condition fails. */
  outcomes: WriteOutcome[];
  /** The outcome of a failed transaction whose items included these from `offset` on; null for other errors. */
  outcomeOf(error: unknown, offset?: number): WriteOutcome | null;
}

/** One record's change, with the input field prefix its problems are reported under. */
export interface NamedChange {
  change: AssignmentChange;
  fieldPrefix?: string;
}

/**
 * Reads the entities a change names (consistently) and returns the writes that keep the
 * organisation's references and counters right. Throws DomainError VALIDATION_ERROR (fields named
 * `fieldPrefix` + `departmentId`, ...) when a newly referenced entity is missing or archived.
 */
export async function assignmentWrites(
  store: OrganisationStore,
  tenantId: string,
  change: AssignmentChange,
  options: { fieldPrefix?: string; allowArchived?: boolean } = {},
): Promise<AssignmentWrites> {
  return assignmentWritesForAll(store, tenantId, [{ change, ...(options.fieldPrefix ? { fieldPrefix: options.fieldPrefix } : {}) }], options);
}

/**
 * {@link assignmentWrites} for several records written in one transaction (a hire: the employee
 * and their contract; a batch of employees brought in step): the counters of an entity several
 * of them touch are one write. `allowArchived`: archived entities may be counted (records reaching
 * the effective date of terms agreed before the entity was archived); missing ones never.
 */
export async function assignmentWritesForAll(
  store: OrganisationStore,
  tenantId: string,
  changes: NamedChange[],
  options: { allowArchived?: boolean } = {},
): Promise<AssignmentWrites> {
  const key = tenantKey(tenantId);
  const allowArchived = options.allowArchived === true;
  const ids = changes.flatMap(({ change }) => referencedIds(change));
  const unique = ids.filter((id, i) => ids.findIndex((other) => other.kind === id.kind && other.id === id.id) === i);
  const found = await readReferenced(store, key, unique);

  const states: Partial<Record<EntityKind, Record<string, ReferencedState>>> = {};
  const lines: Record<string, DepartmentLine> = {};
  for (const [kind, byId] of Object.entries(found) as [EntityKind, Record<string, Record<string, unknown> | null>][]) {
    states[kind] = {};
    for (const [id, item] of Object.entries(byId)) {
      states[kind][id] = item ? { archived: item.archived === true } : null;
      if (kind === 'department' && item) lines[id] = { id, ancestorIds: item.ancestorIds as string[], TreePath: item.TreePath as string };
    }
  }
  const moving = Object.values(found.department ?? {}).find((item) => item?.MoveLock);
  if (moving) throw new DomainError(MOVE_UNDER_WAY.type, `Department ${String(moving.id)} is being moved; retry in a few seconds.`);
  const all = changes.flatMap(({ change, fieldPrefix }) => assignmentProblems(change, states, fieldPrefix ?? '', allowArchived));
  // Records written together often name the same entity (an employee and their contract): one problem each.
  const problems = all.filter((p, i) => all.findIndex((q) => q.field === p.field && q.message === p.message) === i);
  if (problems.length > 0) throw new DomainError('VALIDATION_ERROR', `Invalid assignment: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);

  const planned: GuardedWrite[] = [];
  for (const { change, fieldPrefix } of changes) {
    const plan = planAssignmentChange(key, change, lines, fieldPrefix ?? '', allowArchived);
    if (!plan.ok) {
      throw new DomainError('CONFLICT', `The organisation changed while the assignment was prepared: ${plan.problems.map((p) => `${p.field} ${p.message}`).join('; ')}. Retry.`, plan.problems);
    }
    planned.push(...plan.writes);
  }
  const writes = mergeWrites(planned);
  return {
    items: toTransactWriteItems(store.tableName, writes),
    outcomes: writes.map((w) => w.onConditionFailed),
    outcomeOf: (error, offset = 0) => cancellationOutcome(error, writes, offset),
  };
}

/** The entities (kind → id → item, null when missing), in one consistent BatchGetItem. */
async function readReferenced(store: OrganisationStore, key: string, ids: { kind: EntityKind; id: string }[]) {
  const found: Partial<Record<EntityKind, Record<string, Record<string, unknown> | null>>> = {};
  for (const { kind, id } of ids) (found[kind] ??= {})[id] = null;
  if (ids.length === 0) return found;
  let keys = ids.map(({ kind, id }) => marshall({ TenantId: key, EntityItem: ENTITY_KINDS[kind].itemKey(id) }));
  const items: Record<string, unknown>[] = [];
  for (let attempt = 0; keys.length > 0; attempt += 1) {
    if (attempt === 5) throw new Error('BatchGetItem kept leaving keys unprocessed');
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    const answer = await store.dynamodb.send(new BatchGetItemCommand({ RequestItems: { [store.tableName]: { Keys: keys, ConsistentRead: true } } }));
    items.push(...(answer.Responses?.[store.tableName] ?? []).map((item) => unmarshall(item)));
    keys = answer.UnprocessedKeys?.[store.tableName]?.Keys ?? [];
  }
  for (const { kind, id } of ids) {
    found[kind]![id] = items.find((item) => item.EntityItem === ENTITY_KINDS[kind].itemKey(id)) ?? null;
  }
  return found;
}
