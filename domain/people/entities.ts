/**
 * An employee as Cedar sees them: an `Employee` entity of its tenant whose parent is its manager,
 * whose parent is theirs, up the stored management line. A Lambda asking Verified Permissions
 * about one employee sends these, so `resource in principal.employee` (the ManagementLine policy)
 * holds exactly for the people below the caller, at any depth.
 */
import type { EntityItem } from '@aws-sdk/client-verifiedpermissions';
import { employeeIdFromKey, type EmployeeRow } from './model/employee.ts';
import { managementLine } from './model/keys.ts';

const NS = 'OptimalHR';

export function employeeEntities(tenantId: string, row: Pick<EmployeeRow, 'EntityItem' | 'ReportsPath'>): EntityItem[] {
  const tenant = { entityIdentifier: { entityType: `${NS}::Tenant`, entityId: tenantId } };
  // Top first: each one's parent is the one before it.
  const line = [...managementLine(row.ReportsPath), employeeIdFromKey(row.EntityItem)];
  return line.map((id, i) => ({
    identifier: { entityType: `${NS}::Employee`, entityId: id },
    attributes: { tenant },
    parents: i === 0 ? [] : [{ entityType: `${NS}::Employee`, entityId: line[i - 1] as string }],
  }));
}
