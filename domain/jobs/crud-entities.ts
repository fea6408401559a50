/**
 * What the `AIML-SaaS-CRUD-Item` runner may change. A module that lets jobs update one of its
 * entities declares it (`domain/<module>/crud.ts`): which fields, checked and applied by the
 * module's own rules, the same the API applies. {@link CRUD_ENTITIES} composes the declarations;
 * the job API's payload check and the runner read it, so nothing else can be written by a job.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { ErrorType, FieldProblem } from '../model/errors.ts';
import type { TableId } from '../model/tables.ts';
import { employeeCrud } from '../people/crud.ts';

/** A stored item as a declaration sees it: its keys, its version, its attributes. */
export type StoredItem = { TenantId: string; EntityItem: string; version: number } & Record<string, unknown>;

/**
 * A transaction item an entity adds (a uniqueness guard), with what to tell when its condition
 * fails, and whether a retry (which reads the item again) may succeed.
 */
export interface GuardedTransactItem {
  item: TransactWriteItem;
  onConditionFailed: { type: ErrorType; message: string; retryable?: boolean };
}

/** The outcome of applying a job's changes to the current item. */
export type CrudApplication<Row extends StoredItem> =
  | { ok: true; row: Row; guards: GuardedTransactItem[] }
  | { ok: false; problems: FieldProblem[] };

/** One entity jobs may update. */
export interface CrudEntity<Row extends StoredItem = StoredItem> {
  /** The payload's `entity`, e.g. `employee`. */
  readonly entity: string;
  readonly table: TableId;
  /** The item's sort key for an id (the partition is always the job's tenant). */
  itemKey(id: string): string;
  /** The only fields a job may set. */
  readonly updatable: readonly string[];
  /**
   * Problems of the changes on their own (types, formats), field names relative to `set`:
   * checked when the job is created and again when it runs.
   */
  checkChanges(set: Readonly<Record<string, unknown>>): FieldProblem[];
  /**
   * The item after the changes, validated as a whole by the module's rules, with `version` and
   * `updatedAt` moved on and any guards to keep in the same transaction; or the problems.
   * `when.today` is the tenant's calendar date; `table` the physical table the guards live in.
   */
  apply(current: Row, set: Readonly<Record<string, unknown>>, when: { now: Date; today: string }, table: string): CrudApplication<Row>;
}

/** Every entity a job may update, one line per module. */
export const CRUD_ENTITIES: readonly CrudEntity[] = [employeeCrud];

/** The declaration named `entity`, or undefined. */
export function crudEntity(entity: unknown): CrudEntity | undefined {
  return CRUD_ENTITIES.find((e) => e.entity === entity);
}
