/** Evaluation and validation of AppSync subscription filters (argument and enhanced filters). */
import { describe, expect, it } from 'vitest';
import { argumentsMatch, filterMatches, validateSubscriptionFilter, type FilterRule } from '../../../local/appsync/subscription-filters.ts';

const event = { tenant: 'acme', severity: 4, tags: ['a', 'b'], title: 'Payroll run', owner: { team: { name: 'hr' } } };
const holds = (rule: Omit<FilterRule, 'operator'> & { operator: string }) =>
  filterMatches({ filterGroup: [{ filters: [rule as FilterRule] }] }, event);

describe('enhanced filters', () => {
  it.each([
    [{ fieldName: 'tenant', operator: 'eq', value: 'acme' }, true],
    [{ fieldName: 'tenant', operator: 'ne', value: 'acme' }, false],
    [{ fieldName: 'severity', operator: 'le', value: 4 }, true],
    [{ fieldName: 'severity', operator: 'lt', value: 4 }, false],
    [{ fieldName: 'severity', operator: 'ge', value: 5 }, false],
    [{ fieldName: 'severity', operator: 'gt', value: 3 }, true],
    [{ fieldName: 'title', operator: 'contains', value: 'roll' }, true],
    [{ fieldName: 'tags', operator: 'contains', value: 'b' }, true],
    [{ fieldName: 'tags', operator: 'notContains', value: 'c' }, true],
    [{ fieldName: 'title', operator: 'beginsWith', value: 'Pay' }, true],
    [{ fieldName: 'tenant', operator: 'in', value: ['x', 'acme'] }, true],
    [{ fieldName: 'tenant', operator: 'notIn', value: ['acme'] }, false],
    [{ fieldName: 'severity', operator: 'between', value: [1, 4] }, true],
    [{ fieldName: 'tags', operator: 'containsAny', value: ['z', 'a'] }, true],
    [{ fieldName: 'owner.team.name', operator: 'eq', value: 'hr' }, true],
    [{ fieldName: 'missing', operator: 'ne', value: 'x' }, false],
  ])('%j holds: %s', (rule, expected) => {
    expect(holds(rule)).toBe(expected);
  });

  it('ORs the groups and ANDs the rules of a group', () => {
    const rule = (fieldName: string, value: unknown): FilterRule => ({ fieldName, operator: 'eq', value });
    expect(filterMatches({ filterGroup: [{ filters: [rule('tenant', 'acme'), rule('severity', 1)] }] }, event)).toBe(false);
    expect(filterMatches({ filterGroup: [{ filters: [rule('tenant', 'x')] }, { filters: [rule('severity', 4)] }] }, event)).toBe(true);
  });

  it('refuses filters over AppSync’s quotas or with unknown operators', () => {
    const filter = (operator: string, value: unknown) => ({ filterGroup: [{ filters: [{ fieldName: 'tenant', operator, value }] }] });
    expect(validateSubscriptionFilter(filter('notIn', [1, 2, 3, 4, 5, 6]))).toEqual({ error: 'subscription exceeds maximum value limit 5 for operator `notIn`.' });
    expect(validateSubscriptionFilter(filter('containsAny', Array.from({ length: 21 }, (_, i) => i)))).toEqual({
      error: 'subscription exceeds maximum value limit 20 for operator `containsAny`.',
    });
    expect(validateSubscriptionFilter(filter('containsAny', Array.from({ length: 20 }, (_, i) => i)))).toHaveProperty('filter');
    expect(validateSubscriptionFilter(filter('like', 'x'))).toHaveProperty('error');
    expect(validateSubscriptionFilter(null)).toEqual({ filter: null });
  });
});

describe('argument filters', () => {
  it('require each non-null argument to equal the same-named field', () => {
    expect(argumentsMatch({ tenant: 'acme', severity: null }, event)).toBe(true);
    expect(argumentsMatch({ tenant: 'other' }, event)).toBe(false);
  });
});
