import { ATTENDANCE_BY_DEPARTMENT, PENDING_CORRECTIONS } from '../attendance/model/keys.ts';
import { DUE_JOBS_INDEX, JOBS_BY_RUNNER_INDEX, JOBS_BY_STATUS_INDEX } from '../jobs/model/keys.ts';
import { UNREAD_NOTIFICATIONS_INDEX } from '../notifications/model/keys.ts';
import { EMPLOYEES_BY_DEPARTMENT, EMPLOYEES_BY_NAME, EMPLOYEES_BY_REPORTS, EMPLOYEES_BY_STATUS } from '../people/model/keys.ts';
import { TENANTS_BY_ITEM } from '../tenancy/model/keys.ts';
import { ITEM_KEY, TENANT_KEY, type IndexDeclaration, type KeyAttribute } from './keys.ts';
import { stageName, type Stage } from './stage.ts';

export type { IndexDeclaration, KeyAttribute };

/**
 * Every table of the product, declared once. The CDK app and the local stack both create
 * tables from this list, so names, keys and indexes cannot drift between them. Each index is
 * declared by the module that reads it (`domain/<module>/model/keys.ts`).
 *
 * All tenant tables are pooled: partition key `TenantId` = `TENANT#<id>`, sort key `EntityItem`.
 */
export interface TableDeclaration {
  /** Logical name; the physical name adds the stage suffix. */
  readonly baseName: string;
  readonly description: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly indexes: readonly IndexDeclaration[];
  /** Attribute holding an epoch-seconds expiry, if items expire. */
  readonly timeToLiveAttribute?: string;
}


function pooled(
  baseName: string,
  description: string,
  indexes: readonly IndexDeclaration[] = [],
  timeToLiveAttribute?: string,
): TableDeclaration {
  return { baseName, description, partitionKey: TENANT_KEY, sortKey: ITEM_KEY, indexes, timeToLiveAttribute };
}

export const TABLES = {
  Employment: /* @__PURE__ */ pooled('Employment', 'Employment contracts, their versions, and the calendar of their events.'),
  TenantJob: /* @__PURE__ */ pooled('TenantJob', 'Background jobs, their runs and ledgers.', [DUE_JOBS_INDEX, JOBS_BY_STATUS_INDEX, JOBS_BY_RUNNER_INDEX]),
  WorkSchedule: /* @__PURE__ */ pooled('WorkSchedule', 'Shift patterns and employee work schedules.'),
  PIM: /* @__PURE__ */ pooled('PIM', 'Personnel records: employees, their documents and personal data.', [EMPLOYEES_BY_NAME, EMPLOYEES_BY_STATUS, EMPLOYEES_BY_DEPARTMENT, EMPLOYEES_BY_REPORTS, UNREAD_NOTIFICATIONS_INDEX]),
  Leave: /* @__PURE__ */ pooled('Leave', 'Leave requests, balances and accrual ledgers.'),
  TimeAttendance: /* @__PURE__ */ pooled('TimeAttendance', 'Clock-in/out events and attendance records.', [ATTENDANCE_BY_DEPARTMENT, PENDING_CORRECTIONS]),
  Payroll: /* @__PURE__ */ pooled('Payroll', 'Pay runs, payslips and salary history.'),
  TenantRegistry: /* @__PURE__ */ pooled('TenantRegistry', 'The system registry of tenants: status, plan, identity and policy stores.', [TENANTS_BY_ITEM]),
} as const satisfies Record<string, TableDeclaration>;

export type TableId = keyof typeof TABLES;

export const TABLE_IDS = /* @__PURE__ */ Object.keys(TABLES) as TableId[];

/** Physical table name for a stage: `tableName('PIM', 'Dev')` → `PIMDev`. */
export function tableName(table: TableId, stage: Stage): string {
  return stageName(TABLES[table].baseName, stage);
}

/**
 * The environment variable that carries a table's physical name to resolvers and Lambdas:
 * `PIM` → `PIM_TABLE`, `TenantRegistry` → `TENANT_REGISTRY_TABLE`. (No regex: resolver bundles use it.)
 * A table's id is its base name, so this needs no declaration: a resolver bundle that reads its
 * table's name does not carry every table and index declaration (the pure annotations above let
 * the bundler leave them out), which keeps it within AppSync's 32 KB code limit.
 */
export function tableEnvName(table: TableId): string {
  const name: string = table;
  const words = name.split('').map((c, i) => {
    const boundary = i > 0 && c >= 'A' && c <= 'Z' && name.charAt(i - 1) >= 'a' && name.charAt(i - 1) <= 'z';
    return boundary ? `_${c}` : c;
  });
  return `${words.join('').toUpperCase()}_TABLE`;
}
