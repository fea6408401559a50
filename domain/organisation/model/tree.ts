/**
 * The department tree's rules: how deep it may grow, each department's closure items (one per
 * ancestor, one for itself and one under the tenant's root, see keys.ts), cycles, and how a move
 * rewrites a department below the moved one. Pure and APPSYNC_JS-safe: resolvers, the Lambda and
 * property tests share it.
 */
import { departmentTreeKey } from './keys.ts';

/** Root departments are at depth 0; the deepest allowed is 9 (ten levels). */
export const MAX_DEPARTMENT_DEPTH = 9;

/** Levels an org chart shows below its top when the caller gives none, and the most it may ask for. */
export const ORG_CHART_DEPTH = { default: 3, max: MAX_DEPARTMENT_DEPTH } as const;

/** One closure item of a department: `ancestorId` (null: the tenant's root) is `levels` above it. */
export interface ClosureEntry {
  ancestorId: string | null;
  levels: number;
}

/** Where a department sits: the ids above it, from the root department down to its parent. */
export interface TreePlace {
  id: string;
  ancestorIds: string[];
}

/** `root/…/parent/id`: stored on each department, compared in conditions to detect a concurrent move. */
export function treePath(ancestorIds: string[], id: string): string {
  return ancestorIds.concat([id]).join('/');
}

/** The closure entries of a department at `ancestorIds`: each ancestor, itself (0) and the tenant's root. */
export function closureEntries(ancestorIds: string[], id: string): ClosureEntry[] {
  const depth = ancestorIds.length;
  const entries: ClosureEntry[] = ancestorIds.map((ancestorId, i) => ({ ancestorId, levels: depth - i }));
  entries.push({ ancestorId: id, levels: 0 }, { ancestorId: null, levels: depth });
  return entries;
}

/** A closure item: its sort key and how many levels below its ancestor the department is. */
export interface ClosureItem {
  key: string;
  levels: number;
}

/** The closure items of a department at `ancestorIds`. */
export function closureItems(ancestorIds: string[], id: string): ClosureItem[] {
  return closureEntries(ancestorIds, id).map((e) => ({ key: departmentTreeKey(e.ancestorId, e.levels, id), levels: e.levels }));
}

/** Moving `departmentId` under `newParent` would make it its own ancestor. */
export function wouldCreateCycle(departmentId: string, newParent: TreePlace | null): boolean {
  if (!newParent) return false;
  return newParent.id === departmentId || newParent.ancestorIds.includes(departmentId);
}

/** The ancestors a department gets under `parent` (null: a root department). */
export function ancestorsUnder(parent: TreePlace | null): string[] {
  return parent ? parent.ancestorIds.concat([parent.id]) : [];
}

/** How a department's place changes in a move: its new ancestors and its closure keys to delete and to add. */
export interface PlaceRewrite {
  ancestorIds: string[];
  deleteKeys: string[];
  puts: ClosureItem[];
}

/**
 * The rewrite of `node` when `movedId` (the node itself or one of its ancestors) goes to sit under
 * `newAncestorsOfMoved`: everything from `movedId` down stays, what is above it is replaced. Null
 * when the node already sits there (a resumed move). Keys present before and after are untouched,
 * so no item is written twice in one transaction.
 */
export function rewritePlace(node: TreePlace, movedId: string, newAncestorsOfMoved: string[]): PlaceRewrite | null {
  const at = node.id === movedId ? node.ancestorIds.length : node.ancestorIds.indexOf(movedId);
  if (at < 0) return null;
  const ancestorIds = newAncestorsOfMoved.concat(node.ancestorIds.slice(at));
  if (ancestorIds.join('/') === node.ancestorIds.join('/')) return null;
  const before = closureItems(node.ancestorIds, node.id).map((c) => c.key);
  const after = closureItems(ancestorIds, node.id);
  const afterKeys = after.map((c) => c.key);
  return {
    ancestorIds,
    deleteKeys: before.filter((k) => !afterKeys.includes(k)),
    puts: after.filter((c) => !before.includes(c.key)),
  };
}
