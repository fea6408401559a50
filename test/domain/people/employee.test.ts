import { describe, expect, it } from 'vitest';
import type { EmploymentRecord } from '../../../domain/employment/model/contracts.ts';
import type { CreateEmployeeInput } from '../../../domain/generated/graphql.ts';
import {
  employeeContent,
  employeeView,
  mergeEmployeeChanges,
  newEmployeeRow,
  normaliseNewEmployee,
  updatedEmployeeRow,
  validateEmployee,
  validateEmployeeChanges,
} from '../../../domain/people/model/employee.ts';

const TODAY = '2025-06-01';
const input: CreateEmployeeInput = {
  employeeNumber: ' e-7 ',
  firstName: ' Grace ',
  lastName: 'Hopper',
  email: 'Grace.Hopper@Example.com',
  dateOfBirth: '1990-12-09',
  address: { line1: '1 Navy Way', city: 'Arlington', country: 'us' },
  contract: { startDate: '2020-01-01', terms: { jobTitle: 'Rear Admiral', employmentType: 'FULL_TIME' } },
};
const employment: EmploymentRecord = {
  status: 'ACTIVE', contractId: 'C1', employmentType: 'FULL_TIME', jobTitle: 'Rear Admiral', positionId: null, departmentId: 'D1', locationId: null,
  costCentreId: null, managerId: 'M1', ftePercent: 100, hireDate: '2020-01-01', terminationDate: null,
};
const problemFields = (record: Parameters<typeof validateEmployee>[0]) => validateEmployee(record, TODAY).map((p) => p.field);

describe('normaliseNewEmployee', () => {
  it('trims, upper-cases the number and country, lower-cases the email, reads zoned dates as calendar dates', () => {
    expect(normaliseNewEmployee({ ...input, dateOfBirth: '1990-12-09+02:00' })).toEqual({
      employeeNumber: 'E-7',
      firstName: 'Grace',
      lastName: 'Hopper',
      preferredName: null,
      email: 'grace.hopper@example.com',
      phone: null,
      dateOfBirth: '1990-12-09',
      nationalId: null,
      address: { line1: '1 Navy Way', line2: null, city: 'Arlington', region: null, postalCode: null, country: 'US' },
    });
  });
});

describe('validateEmployee', () => {
  it('accepts a complete record', () => {
    expect(validateEmployee(normaliseNewEmployee(input), TODAY)).toEqual([]);
  });

  it('reports each offending field once', () => {
    const record = normaliseNewEmployee({
      ...input,
      employeeNumber: 'E 7',
      firstName: '  ',
      nationalId: 'AB#12',
      dateOfBirth: '2026-01-01',
      address: { line1: '', city: 'X', country: 'USA' },
    });
    expect(problemFields(record)).toEqual(['employeeNumber', 'firstName', 'nationalId', 'dateOfBirth', 'address.line1', 'address.country']);
  });

  it('refuses dates that do not exist or carry expanded years, whatever AWSDate lets through', () => {
    for (const dateOfBirth of ['+99999-01-01', '1990-02-30', '0990-01-01', '1990-01-01T00:00']) {
      expect(problemFields(normaliseNewEmployee({ ...input, dateOfBirth })), dateOfBirth).toEqual(['dateOfBirth']);
    }
  });

  it('compares the birth date with the tenant\'s today, not as text of different shapes', () => {
    expect(problemFields(normaliseNewEmployee({ ...input, dateOfBirth: `${TODAY}Z` }))).toEqual([]);
    expect(problemFields(normaliseNewEmployee({ ...input, dateOfBirth: '2025-06-02' }))).toEqual(['dateOfBirth']);
  });

  it('bounds every text field, so a 200,000-character name is refused', () => {
    expect(problemFields({ ...normaliseNewEmployee(input), firstName: 'x'.repeat(200_000) })).toEqual(['firstName']);
  });
});

describe('rows', () => {
  const current = newEmployeeRow('acme', 'E1', normaliseNewEmployee({ ...input, preferredName: 'Amazing Grace', phone: '+1 555 0100' }), employment, '/M0/M1/', '2025-01-01T00:00:00Z');

  it('carry the index keys of their name, status, department and place in the management line', () => {
    expect(current).toMatchObject({
      NameKey: 'hopper#grace#E1',
      StatusKey: 'ACTIVE#hopper#grace#E1',
      DepartmentKey: 'D1#ACTIVE#hopper#grace#E1',
      ReportsPath: '/M0/M1/',
      ReportsKey: '/M0/M1/#hopper#grace#E1',
    });
    const loner = newEmployeeRow('acme', 'E2', normaliseNewEmployee(input), { ...employment, departmentId: null, managerId: null }, '/ignored/', '2025-01-01T00:00:00Z');
    expect(loner.ReportsPath).toBe('/');
    expect(loner).not.toHaveProperty('DepartmentKey');
    expect(loner).not.toHaveProperty('ReportsKey');
  });

  it('keep omitted fields on update, clear nulls, replace given ones, and re-key a renamed employee', () => {
    const merged = mergeEmployeeChanges(employeeContent(current), { id: 'E1', expectedVersion: 1, preferredName: null, lastName: ' Murray ' });
    expect(merged).toMatchObject({ preferredName: null, lastName: 'Murray', phone: '+1 555 0100', email: current.email });
    const row = updatedEmployeeRow(current, merged, '2025-02-01T00:00:00Z');
    expect(row).toMatchObject({ version: 2, createdAt: current.createdAt, updatedAt: '2025-02-01T00:00:00Z', TenantId: 'TENANT#acme', employment });
    expect(row.NameKey).toBe('murray#grace#E1');
    expect(row.ReportsKey).toBe('/M0/M1/#murray#grace#E1');
    expect(row.DepartmentKey).toBe('D1#ACTIVE#murray#grace#E1');
  });

  it('report required fields cleared with null', () => {
    expect(validateEmployeeChanges({ id: 'E1', expectedVersion: 1, firstName: null, email: null }).map((p) => p.field)).toEqual(['firstName', 'email']);
    expect(problemFields(mergeEmployeeChanges(employeeContent(current), { id: 'E1', expectedVersion: 1, firstName: null }))).toEqual(['firstName']);
  });

  it('show the id and tenant of their keys, never of their writable attributes', () => {
    const tampered = { ...current, id: 'someone-else', tenantId: 'globex' };
    expect(employeeView(tampered, 'acme')).toMatchObject({ id: 'E1', tenantId: 'acme' });
  });
});
