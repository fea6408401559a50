/** The transaction items that keep an employee row and its uniqueness guards in step. */
import type { TransactWriteItem } from '@aws-appsync/utils/dynamodb';
import type { EmployeeRow } from '../../domain/people/model/employee.ts';
import { employeeEmailKey, employeeNumberKey } from '../../domain/people/model/keys.ts';
import type { ConditionOutcome } from '../lib/transactions.ts';

/** A transaction item with what to tell the caller when its condition fails. */
export interface GuardedWrite {
  item: TransactWriteItem;
  onConditionFailed: ConditionOutcome;
}

function key(row: EmployeeRow, entityItem: string) {
  return { TenantId: row.TenantId, EntityItem: entityItem };
}

/** Claims a unique value (work email, employee number) for the employee; fails if another holds it. */
export function claimGuard(table: string, row: EmployeeRow, entityItem: string, what: string): GuardedWrite {
  return {
    item: {
      putItem: {
        table,
        key: key(row, entityItem),
        item: { employeeId: row.id },
        condition: { EntityItem: { attributeExists: false } },
      },
    },
    onConditionFailed: { type: 'CONFLICT', message: `Another employee of this tenant already has this ${what}.` },
  };
}

/** Releases a unique value the employee held. */
export function releaseGuard(table: string, row: EmployeeRow, entityItem: string): GuardedWrite {
  return {
    item: { deleteItem: { table, key: key(row, entityItem), condition: { employeeId: { eq: row.id } } } },
    onConditionFailed: { type: 'CONFLICT', message: 'The employee changed since you read it; read it again and retry.' },
  };
}

export function emailGuardKey(row: EmployeeRow): string {
  return employeeEmailKey(row.email);
}

export function numberGuardKey(row: EmployeeRow): string {
  return employeeNumberKey(row.employeeNumber);
}

/** Writes the whole row; `expectedVersion` null means it must not exist yet. */
export function putEmployee(table: string, row: EmployeeRow, expectedVersion: number | null): GuardedWrite {
  const { TenantId, EntityItem, ...attributes } = row;
  return {
    item: {
      putItem: {
        table,
        key: { TenantId, EntityItem },
        item: attributes,
        condition: expectedVersion === null ? { EntityItem: { attributeExists: false } } : { version: { eq: expectedVersion } },
      },
    },
    onConditionFailed:
      expectedVersion === null
        ? { type: 'CONFLICT', message: 'An employee with this id already exists.' }
        : { type: 'CONFLICT', message: 'The employee changed since you read it; read it again and retry.' },
  };
}
