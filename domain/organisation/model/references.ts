/**
 * References between records and the organisation's entities. Every reference is counted on the
 * entity it names (`assignmentCount`), so an entity in use cannot be deleted; a new reference
 * needs the entity to exist and not be archived. Shared by the organisation's own writes
 * (a department's cost centre, a position's department) and the assignments API.
 */
import { costCentreItemKey, departmentItemKey, locationItemKey, positionItemKey } from './keys.ts';
import { equal, exists, itemKey, update, type GuardedWrite } from './writes.ts';

export type EntityKind = 'department' | 'location' | 'position' | 'costCentre';

/** Each kind's reference field (as inputs name it), its words for messages, and its item key. */
export const ENTITY_KINDS: Record<EntityKind, { field: string; label: string; itemKey: (id: string) => string }> = {
  department: { field: 'departmentId', label: 'department', itemKey: departmentItemKey },
  location: { field: 'locationId', label: 'location', itemKey: locationItemKey },
  position: { field: 'positionId', label: 'position', itemKey: positionItemKey },
  costCentre: { field: 'costCentreId', label: 'cost centre', itemKey: costCentreItemKey },
};

/** The message of a reference to an entity that is missing or archived. */
export function referenceProblemMessage(kind: EntityKind, id: string, state: 'missing' | 'archived' | 'missing-or-archived'): string {
  const { label } = ENTITY_KINDS[kind];
  if (state === 'missing') return `no ${label} ${id} in this tenant`;
  if (state === 'archived') return `${label} ${id} is archived: choose one in use`;
  return `no ${label} ${id} in this tenant, or it is archived`;
}

/**
 * Counts a new reference: the entity must exist and not be archived. `field` names the input at
 * fault. `allowArchived`: an archived entity may be counted too (a record that already named it
 * reaching its effective date: archiving stops new choices, not what was already agreed).
 */
export function countReference(tenantKey: string, kind: EntityKind, id: string, field: string = ENTITY_KINDS[kind].field, allowArchived = false): GuardedWrite {
  return update(itemKey(tenantKey, ENTITY_KINDS[kind].itemKey(id)), { add: { assignmentCount: 1 } }, allowArchived ? [exists()] : [exists(), equal('archived', false)], {
    type: 'VALIDATION_ERROR',
    field,
    message: `${field}: ${referenceProblemMessage(kind, id, allowArchived ? 'missing' : 'missing-or-archived')}.`,
  });
}

/** Uncounts a reference that goes away. */
export function releaseReference(tenantKey: string, kind: EntityKind, id: string): GuardedWrite {
  return update(itemKey(tenantKey, ENTITY_KINDS[kind].itemKey(id)), { add: { assignmentCount: -1 } }, [exists()], {
    type: 'CONFLICT',
    message: `The ${ENTITY_KINDS[kind].label} ${id} changed meanwhile; read it again and retry.`,
  });
}

/** The writes when a record's reference of `kind` changes from `before` to `after` (either may be null). */
export function referenceChange(tenantKey: string, kind: EntityKind, before: string | null, after: string | null, field?: string, allowArchived = false): GuardedWrite[] {
  if (before === after) return [];
  const writes: GuardedWrite[] = [];
  if (before) writes.push(releaseReference(tenantKey, kind, before));
  if (after) writes.push(countReference(tenantKey, kind, after, field, allowArchived));
  return writes;
}
