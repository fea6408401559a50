/**
 * Who receives a published mutation: AppSync's argument filters (every non-null subscription
 * argument equals the same-named field of the event) and enhanced filters
 * (`extensions.setSubscriptionFilter`), checked against AppSync's quotas when a subscription starts.
 *
 * An enhanced filter is `{ filterGroup: [{ filters: [{ fieldName, operator, value }] }] }`: the
 * groups are alternatives (OR) and each group's rules must all hold (AND).
 */

/** One rule of an enhanced filter. */
export interface FilterRule {
  fieldName: string;
  operator: FilterOperator;
  value: unknown;
}

/** A validated enhanced filter: alternatives, each a conjunction of rules. */
export interface SubscriptionFilterGroups {
  filterGroup: { filters: FilterRule[] }[];
}

export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** AppSync's limits on list values of a rule (quotas: `in`/`notIn` 5 values, `containsAny` 20). */
const MAX_VALUES: Partial<Record<FilterOperator, number>> = { in: 5, notIn: 5, containsAny: 20 };
/** Field paths nest at most 5 levels and hold at most 256 characters. */
const MAX_PATH_DEPTH = 5;
const MAX_PATH_LENGTH = 256;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks what a resolver handed to `setSubscriptionFilter` (or the invalidation variant). Returns
 * the filter, `null` when none was set, or the message AppSync refuses the subscription with.
 */
export function validateSubscriptionFilter(filter: unknown): { filter: SubscriptionFilterGroups | null } | { error: string } {
  if (filter === null || filter === undefined) return { filter: null };
  if (!isRecord(filter) || !Array.isArray(filter.filterGroup)) return { error: 'subscription filter must be an object with a filterGroup array.' };
  const groups: { filters: FilterRule[] }[] = [];
  for (const group of filter.filterGroup) {
    if (!isRecord(group) || !Array.isArray(group.filters)) return { error: 'each filterGroup entry must carry a filters array.' };
    const rules: FilterRule[] = [];
    for (const rule of group.filters) {
      if (!isRecord(rule) || typeof rule.fieldName !== 'string' || typeof rule.operator !== 'string') {
        return { error: 'each filter needs a fieldName and an operator.' };
      }
      const problem = ruleProblem(rule.fieldName, rule.operator, rule.value);
      if (problem) return { error: problem };
      rules.push({ fieldName: rule.fieldName, operator: rule.operator as FilterOperator, value: rule.value });
    }
    groups.push({ filters: rules });
  }
  return { filter: { filterGroup: groups } };
}

function ruleProblem(fieldName: string, operator: string, value: unknown): string | null {
  if (!(FILTER_OPERATORS as readonly string[]).includes(operator)) return `subscription filter uses unsupported operator \`${operator}\`.`;
  if (fieldName.length === 0 || fieldName.length > MAX_PATH_LENGTH || fieldName.split('.').length > MAX_PATH_DEPTH) {
    return `subscription filter field \`${fieldName}\` must be 1 to ${MAX_PATH_LENGTH} characters and at most ${MAX_PATH_DEPTH} levels deep.`;
  }
  const limit = MAX_VALUES[operator as FilterOperator];
  if (limit !== undefined) {
    if (!Array.isArray(value)) return `operator \`${operator}\` needs a list value.`;
    // AppSync's own wording, seen in a client's error payload (aws-amplify/amplify-category-api#740).
    if (value.length > limit) return `subscription exceeds maximum value limit ${limit} for operator \`${operator}\`.`;
  }
  if (operator === 'between' && (!Array.isArray(value) || value.length !== 2)) return 'operator `between` needs a list of two values.';
  return null;
}

/** The value at a dotted field path of the event; undefined when any step is missing. */
function valueAt(event: unknown, fieldName: string): unknown {
  let current: unknown = event;
  for (const key of fieldName.split('.')) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Lists and objects compare by value (a published field can be a list or an input-like object).
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** `<`-style comparison between two numbers or two strings; null when they are not comparable. */
function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

function contains(field: unknown, value: unknown): boolean {
  if (typeof field === 'string') return typeof value === 'string' && field.includes(value);
  if (Array.isArray(field)) return field.some((element) => same(element, value));
  return false;
}

/** One rule against the event. A rule on a field the event does not carry never holds. */
export function ruleHolds(rule: FilterRule, event: unknown): boolean {
  const field = valueAt(event, rule.fieldName);
  if (field === undefined) return false;
  const { value } = rule;
  const order = compare(field, value);
  switch (rule.operator) {
    case 'eq':
      return same(field, value);
    case 'ne':
      return !same(field, value);
    case 'le':
      return order !== null && order <= 0;
    case 'lt':
      return order !== null && order < 0;
    case 'ge':
      return order !== null && order >= 0;
    case 'gt':
      return order !== null && order > 0;
    case 'contains':
      return contains(field, value);
    case 'notContains':
      return (typeof field === 'string' || Array.isArray(field)) && !contains(field, value);
    case 'beginsWith':
      return typeof field === 'string' && typeof value === 'string' && field.startsWith(value);
    case 'in':
      return Array.isArray(value) && value.some((candidate) => same(field, candidate));
    case 'notIn':
      return Array.isArray(value) && !value.some((candidate) => same(field, candidate));
    case 'between': {
      if (!Array.isArray(value)) return false;
      const low = compare(field, value[0]);
      const high = compare(field, value[1]);
      return low !== null && high !== null && low >= 0 && high <= 0;
    }
    case 'containsAny':
      return Array.isArray(field) && Array.isArray(value) && value.some((candidate) => contains(field, candidate));
  }
}

/** An enhanced filter holds when any group holds, a group when all its rules hold. */
export function filterMatches(filter: SubscriptionFilterGroups, event: unknown): boolean {
  return filter.filterGroup.some((group) => group.filters.every((rule) => ruleHolds(rule, event)));
}

/**
 * AppSync's basic filtering: every argument the subscriber passed (non-null) must equal the
 * same-named top-level field of the published event.
 */
export function argumentsMatch(args: Readonly<Record<string, unknown>>, event: unknown): boolean {
  return Object.entries(args).every(([name, value]) => value === null || value === undefined || (isRecord(event) && same(event[name], value)));
}
