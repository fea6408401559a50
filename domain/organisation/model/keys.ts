/**
 * Keys of the organisation module (PIM table): departments and their tree, locations, positions
 * and cost centres, with the guards that keep their codes unique.
 *
 * The department tree is a closure table in the table itself, not an index: one small item per
 * (ancestor, descendant) pair, `DEPTTREE#<ancestor>#<levels below>#<descendant>`, plus one per
 * department under the tenant's virtual root. A subtree down to a bounded depth is then one key
 * range, children are one prefix, and both are read consistently (moves need that), where a path
 * index could bound depth only with a filter and answers eventually.
 */
export const ORGANISATION_PREFIXES = {
  department: 'DEPT#',
  /** Uniqueness guard: one item per department code within a tenant. */
  departmentCode: 'DEPTCODE#',
  /** Closure items of the department tree (see above). */
  departmentTree: 'DEPTTREE#',
  /** The one item that says a department move spanning several transactions is under way. */
  departmentMove: 'DEPTMOVE#',
  location: 'LOC#',
  position: 'POS#',
  /** Uniqueness guard: one item per position code within a tenant. */
  positionCode: 'POSCODE#',
  costCentre: 'CC#',
  /** Uniqueness guard: one item per cost-centre code within a tenant. */
  costCentreCode: 'CCCODE#',
} as const;

/** The tree's virtual root: every department has a closure item under it at its own depth. */
const TENANT_ROOT = '*';

export function departmentItemKey(departmentId: string): string {
  return `${ORGANISATION_PREFIXES.department}${departmentId}`;
}

export function departmentCodeKey(code: string): string {
  return `${ORGANISATION_PREFIXES.departmentCode}${code.toUpperCase()}`;
}

export function locationItemKey(locationId: string): string {
  return `${ORGANISATION_PREFIXES.location}${locationId}`;
}

export function positionItemKey(positionId: string): string {
  return `${ORGANISATION_PREFIXES.position}${positionId}`;
}

export function positionCodeKey(code: string): string {
  return `${ORGANISATION_PREFIXES.positionCode}${code.toUpperCase()}`;
}

export function costCentreItemKey(costCentreId: string): string {
  return `${ORGANISATION_PREFIXES.costCentre}${costCentreId}`;
}

export function costCentreCodeKey(code: string): string {
  return `${ORGANISATION_PREFIXES.costCentreCode}${code.toUpperCase()}`;
}

/** `DEPTMOVE#tree`: present while a multi-transaction move runs; tree changes check it is absent. */
export function departmentMoveKey(): string {
  return `${ORGANISATION_PREFIXES.departmentMove}tree`;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** The closure items below `ancestorId` (null: the tenant's root), as a sort-key prefix. */
export function departmentTreePrefix(ancestorId: string | null): string {
  return `${ORGANISATION_PREFIXES.departmentTree}${ancestorId ?? TENANT_ROOT}#`;
}

/** `DEPTTREE#<ancestor>#<levels>#`: the descendants exactly `levels` below `ancestorId`. */
export function departmentTreeLevelPrefix(ancestorId: string | null, levels: number): string {
  return `${departmentTreePrefix(ancestorId)}${twoDigits(levels)}#`;
}

/** `DEPTTREE#<ancestor>#<levels>#<descendant>`. */
export function departmentTreeKey(ancestorId: string | null, levels: number, departmentId: string): string {
  return `${departmentTreeLevelPrefix(ancestorId, levels)}${departmentId}`;
}

/**
 * The key range of a subtree down to `depth` levels below its top (`ancestorId`, or the tenant's
 * root departments when null), for a Query with BETWEEN: levels sort as two digits, and `~` sorts
 * after every character an id may hold.
 */
export function departmentTreeRange(ancestorId: string | null, depth: number): { from: string; to: string } {
  return { from: departmentTreeLevelPrefix(ancestorId, 0), to: `${departmentTreeLevelPrefix(ancestorId, depth)}~` };
}
