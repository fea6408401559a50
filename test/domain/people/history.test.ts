import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EmploymentRecord } from '../../../domain/employment/model/contracts.ts';
import { archivedEmployeeRow, employeeContent, mergeEmployeeChanges, newEmployeeRow, normaliseNewEmployee, updatedEmployeeRow, withProfilePhoto } from '../../../domain/people/model/employee.ts';
import { changedFields, historyEntry } from '../../../domain/people/model/history.ts';
import { employeeHistoryKey, employeeHistoryPrefix } from '../../../domain/people/model/keys.ts';

const employment: EmploymentRecord = {
  status: 'ACTIVE', contractId: 'C1', employmentType: 'FULL_TIME', jobTitle: 'Engineer', positionId: null, departmentId: 'D1', locationId: null,
  costCentreId: null, managerId: 'M1', ftePercent: 100, hireDate: '2020-01-01', terminationDate: null,
};
const hired = newEmployeeRow('acme', 'E1', normaliseNewEmployee({
  employeeNumber: 'E-1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  bankAccounts: [{ accountHolder: 'Ada', iban: 'DE89370400440532013000' }],
  contract: { startDate: '2020-01-01', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME' } },
}), employment, '/M1/', '2020-01-01T00:00:00Z');

describe('history entries', () => {
  it('of a hire list the fields it set, under version 1', () => {
    const entry = historyEntry(null, hired, 'HIRED', 'u-hr');
    expect(entry).toMatchObject({ TenantId: 'TENANT#acme', EntityItem: employeeHistoryKey('E1', 1), version: 1, employeeId: 'E1', change: 'HIRED', changedBy: 'u-hr', changedAt: '2020-01-01T00:00:00Z' });
    expect(entry.fields).toEqual(expect.arrayContaining(['employeeNumber', 'firstName', 'lastName', 'email', 'bankAccounts', 'employment.jobTitle', 'employment.status', 'managementLine', 'contracts']));
    expect(entry.fields).not.toContain('phone');
    expect(entry.fields).not.toContain('archived');
  });

  it('of an update name exactly the fields that changed, and never hold a value', () => {
    const changes = { bankAccounts: [{ accountHolder: 'Ada', iban: 'GB82 WEST 1234 5698 7654 32' }], phone: '+44 20 7946 0000', firstName: 'Ada' };
    const after = updatedEmployeeRow(hired, mergeEmployeeChanges(employeeContent(hired), changes), '2021-01-01T00:00:00Z', [{ key: 'shirt', value: 'M', fieldId: 'F1' }]);
    const entry = historyEntry(hired, after, 'UPDATED', 'u-hr');
    expect(entry).toMatchObject({ version: 2, EntityItem: employeeHistoryKey('E1', 2), fields: ['phone', 'bankAccounts', 'customFields.shirt'] });
    const text = JSON.stringify(entry);
    for (const value of ['GB82', '7946', 'DE89', 'Ada']) expect(text).not.toContain(value);
  });

  it('count an empty list, null and absent as the same nothing', () => {
    const legacy = { ...hired, bankAccounts: undefined, dependants: undefined, archived: undefined };
    expect(changedFields(legacy, { ...hired, bankAccounts: [], dependants: [], archived: false })).toEqual([]);
  });

  it('of archiving, a photo and a move in the management line say so', () => {
    const archived = archivedEmployeeRow(hired, true, '2022-01-01T00:00:00Z');
    expect(changedFields(hired, archived)).toEqual(['archived']);
    expect(changedFields(hired, withProfilePhoto(hired, 'D9', '2022-01-01T00:00:00Z'))).toEqual(['photoDocumentId']);
    expect(changedFields(hired, { ...hired, ReportsPath: '/M0/M1/' })).toEqual(['managementLine']);
    expect(changedFields(hired, { ...hired, employment: { ...employment, jobTitle: 'Lead', status: 'ON_LEAVE' } })).toEqual(['employment.status', 'employment.jobTitle']);
  });

  it('are keyed under their employee so that key order is version order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999_999 }), fc.integer({ min: 1, max: 9_999_999_999 }), (a, b) => {
        const [ka, kb] = [employeeHistoryKey('E1', a), employeeHistoryKey('E1', b)];
        expect(ka.startsWith(employeeHistoryPrefix('E1'))).toBe(true);
        expect(ka < kb).toBe(a < b);
      }),
      { seed: 20261208, numRuns: 2000 },
    );
  });
});
