/**
 * `util.transform.toSubscriptionFilter`: turns a filter object into AppSync's
 * `{ filterGroup: [{ filters: [...] }] }` form, an OR of groups that each AND their filters.
 * As in AppSync, every operator of a field, every member of an `or` and every rule is an
 * alternative, so groups multiply out; operators are not validated and `not` is an ordinary field.
 */
import { definedEntries, isMap } from './values.ts';

/** One `{ fieldName, operator, value }` test of a subscription filter. */
export interface SubscriptionFilterEntry {
  fieldName: string;
  operator: string;
  value: unknown;
}

/** The object `extensions.setSubscriptionFilter` takes. */
export interface SubscriptionFilter {
  filterGroup: { filters: SubscriptionFilterEntry[] }[];
}

/** A list of alternatives, each a conjunction of filters. `[[]]` holds no constraint. */
type Alternatives = SubscriptionFilterEntry[][];

/** Thrown inside the builder when AppSync would answer `null`. */
class Unreadable extends Error {}

/**
 * Builds a subscription filter; `null` when `filter` is not an object. Fields named in
 * `ignoredFields` are dropped at any depth; `rules` are alternatives added to every group.
 */
export function toSubscriptionFilter(
  filter: unknown,
  ignoredFields: unknown = [],
  rules: unknown = {},
): SubscriptionFilter | null {
  const ignored = new Set(Array.isArray(ignoredFields) ? ignoredFields.map(String) : []);
  let groups: Alternatives;
  try {
    groups = alternativesOf(filter, ignored);
  } catch (error) {
    if (error instanceof Unreadable) return null;
    throw error;
  }
  const ruleAlternatives = isMap(rules)
    ? definedEntries(rules).flatMap(([field, operators]) => operatorAlternatives(field, operators))
    : [];
  if (ruleAlternatives.length > 0) groups = product(groups, ruleAlternatives);
  return { filterGroup: groups.filter((filters) => filters.length > 0).map((filters) => ({ filters })) };
}

function alternativesOf(filter: unknown, ignored: Set<string>): Alternatives {
  if (!isMap(filter)) throw new Unreadable();
  let result: Alternatives = [[]];
  for (const [key, value] of definedEntries(filter)) {
    if (ignored.has(key)) continue;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new Unreadable();
      const members = value.map((member) => alternativesOf(member, ignored));
      const combined = key === 'and' ? members.reduce(product, [[]]) : members.flat();
      result = product(result, combined);
    } else {
      const alternatives = operatorAlternatives(key, value);
      // a field without operators constrains nothing
      if (alternatives.length > 0) result = product(result, alternatives);
    }
  }
  return result;
}

/** Each operator of a field is an alternative of its own. */
function operatorAlternatives(fieldName: string, operators: unknown): Alternatives {
  if (!isMap(operators)) return [];
  return definedEntries(operators).map(([operator, value]) => [{ fieldName, operator, value }]);
}

/** Every alternative of `left` combined with every alternative of `right`, `left` varying slowest. */
function product(left: Alternatives, right: Alternatives): Alternatives {
  return left.flatMap((leftFilters) => right.map((rightFilters) => [...leftFilters, ...rightFilters]));
}
