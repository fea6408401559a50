import { stageName, type Stage } from './stage.ts';

/**
 * Every table of the product, declared once. The CDK app and the local stack both create
 * tables from this list, so names, keys and indexes cannot drift between them.
 *
 * All tenant tables are pooled: partition key `TenantId` = `TENANT#<id>`, sort key `EntityItem`.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDeclaration {
  readonly name: string;
  readonly kind: 'GSI' | 'LSI';
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** What the index holds besides keys; sparse indexes project only what their reader needs. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

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

const TENANT_KEY: KeyAttribute = { name: 'TenantId', type: 'S' };
const ITEM_KEY: KeyAttribute = { name: 'EntityItem', type: 'S' };

function pooled(
  baseName: string,
  description: string,
  indexes: readonly IndexDeclaration[] = [],
  timeToLiveAttribute?: string,
): TableDeclaration {
  return { baseName, description, partitionKey: TENANT_KEY, sortKey: ITEM_KEY, indexes, timeToLiveAttribute };
}

export const TABLES = {
  Employment: pooled('Employment', 'Employment contracts and their lifecycle events.'),
  TenantJob: pooled('TenantJob', 'Background jobs, their runs and ledgers.', [
    {
      // Sparse: only jobs waiting to run carry DueShard, so the picker's cost follows due work, not history.
      name: 'DueJobs',
      kind: 'GSI',
      partitionKey: { name: 'DueShard', type: 'S' },
      sortKey: { name: 'DueAt', type: 'S' },
      projection: 'ALL',
    },
    {
      // Admins list a tenant's jobs by status, most recent change first; only job items carry StatusAt.
      name: 'JobsByStatus',
      kind: 'GSI',
      partitionKey: TENANT_KEY,
      sortKey: { name: 'StatusAt', type: 'S' },
      projection: 'ALL',
    },
  ]),
  WorkSchedule: pooled('WorkSchedule', 'Shift patterns and employee work schedules.'),
  PIM: pooled('PIM', 'Personnel records: employees, their documents and personal data.', [
    {
      // Employees listed by last name within a tenant.
      name: 'ByName',
      kind: 'LSI',
      partitionKey: TENANT_KEY,
      sortKey: { name: 'NameKey', type: 'S' },
      projection: 'ALL',
    },
  ]),
  Leave: pooled('Leave', 'Leave requests, balances and accrual ledgers.'),
  TimeAttendance: pooled('TimeAttendance', 'Clock-in/out events and attendance records.'),
  Payroll: pooled('Payroll', 'Pay runs, payslips and salary history.'),
  TenantRegistry: pooled('TenantRegistry', 'The system registry of tenants: status, plan, identity and policy stores.', [
    {
      // Every tenant's PROFILE item in one partition: the authorizer lists tenants with a Query, not a Scan.
      name: 'ByItem',
      kind: 'GSI',
      partitionKey: ITEM_KEY,
      sortKey: TENANT_KEY,
      projection: 'ALL',
    },
  ]),
} as const satisfies Record<string, TableDeclaration>;

export type TableId = keyof typeof TABLES;

export const TABLE_IDS = Object.keys(TABLES) as TableId[];

/** Physical table name for a stage: `tableName('PIM', 'Dev')` → `PIMDev`. */
export function tableName(table: TableId, stage: Stage): string {
  return stageName(TABLES[table].baseName, stage);
}

/**
 * The environment variable that carries a table's physical name to resolvers and Lambdas:
 * `PIM` → `PIM_TABLE`, `TenantRegistry` → `TENANT_REGISTRY_TABLE`. (No regex: resolver bundles use it.)
 */
export function tableEnvName(table: TableId): string {
  const name = TABLES[table].baseName;
  const words = name.split('').map((c, i) => {
    const boundary = i > 0 && c >= 'A' && c <= 'Z' && name.charAt(i - 1) >= 'a' && name.charAt(i - 1) <= 'z';
    return boundary ? `_${c}` : c;
  });
  return `${words.join('').toUpperCase()}_TABLE`;
}
