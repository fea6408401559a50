import { describe, expect, it } from 'vitest';
import {
  mergeEmployeeChanges,
  newEmployeeRow,
  normaliseNewEmployee,
  updatedEmployeeRow,
  validateEmployee,
  validateEmployeeChanges,
} from '../../../domain/people/model/employee.ts';
import type { CreateEmployeeInput } from '../../../domain/generated/graphql.ts';

const TODAY = '2025-06-01';
const input: CreateEmployeeInput = {
  employeeNumber: ' e-7 ',
  firstName: ' Grace ',
  lastName: 'Hopper',
  email: 'Grace.Hopper@Example.com',
  dateOfBirth: '1990-12-09',
  address: { line1: '1 Navy Way', city: 'Arlington', country: 'us' },
  employment: { jobTitle: 'Rear Admiral', employmentType: 'FULL_TIME', hireDate: '2020-01-01' },
};
const problemFields = (record: Parameters<typeof validateEmployee>[0], id?: string) => validateEmployee(record, TODAY, id).map((p) => p.field);

describe('normaliseNewEmployee', () => {
  it('trims, upper-cases the number and country, lower-cases the email, defaults the status', () => {
    expect(normaliseNewEmployee(input)).toMatchObject({
      employeeNumber: 'E-7',
      firstName: 'Grace',
      email: 'grace.hopper@example.com',
      preferredName: null,
      address: { country: 'US', line2: null },
      employment: { status: 'ACTIVE', managerId: null, terminationDate: null },
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
      employment: { jobTitle: 'x'.repeat(121), employmentType: 'INTERN', hireDate: '2020-01-01', status: 'TERMINATED' },
    });
    expect(problemFields(record)).toEqual([
      'employeeNumber',
      'firstName',
      'nationalId',
      'address.line1',
      'address.country',
      'employment.jobTitle',
      'dateOfBirth',
      'dateOfBirth',
      'employment.terminationDate',
    ]);
  });

  it('compares calendar dates even when they carry zone offsets', () => {
    const record = normaliseNewEmployee({
      ...input,
      employment: { ...input.employment, hireDate: '2020-01-01Z', terminationDate: '2019-12-31+01:00' },
    });
    expect(problemFields(record)).toEqual(['employment.terminationDate']);
  });

  it('refuses an employee managing themselves', () => {
    const record = normaliseNewEmployee({ ...input, employment: { ...input.employment, managerId: 'E1' } });
    expect(problemFields(record, 'E1')).toEqual(['employment.managerId']);
  });
});

describe('updates', () => {
  const current = newEmployeeRow('acme', 'E1', normaliseNewEmployee({ ...input, preferredName: 'Amazing Grace', phone: '+1 555 0100' }), '2025-01-01T00:00:00Z');

  it('keeps omitted fields, clears nulls, replaces given ones', () => {
    const merged = mergeEmployeeChanges(current, { id: 'E1', expectedVersion: 1, preferredName: null, lastName: ' Murray ' });
    expect(merged).toMatchObject({ preferredName: null, lastName: 'Murray', phone: '+1 555 0100', email: current.email });
    const row = updatedEmployeeRow(current, merged, '2025-02-01T00:00:00Z');
    expect(row).toMatchObject({ version: 2, createdAt: current.createdAt, updatedAt: '2025-02-01T00:00:00Z', TenantId: 'TENANT#acme' });
    expect(row.NameKey.startsWith('murray#grace#')).toBe(true);
  });

  it('reports required fields cleared with null', () => {
    expect(validateEmployeeChanges({ id: 'E1', expectedVersion: 1, firstName: null, employment: null }).map((p) => p.field)).toEqual([
      'firstName',
      'employment',
    ]);
    expect(problemFields(mergeEmployeeChanges(current, { id: 'E1', expectedVersion: 1, firstName: null }))).toEqual(['firstName']);
  });
});
