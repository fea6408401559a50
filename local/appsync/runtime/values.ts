/**
 * Type guards shared by the surface. Resolver values come from another `vm` realm, so
 * nothing here may rely on `instanceof` or on host prototypes.
 */

/** A JSON-like object: not null, not a list. */
export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entries of an object, without the keys whose value is `undefined` (absent in JSON). */
export function definedEntries(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).filter(([, entry]) => entry !== undefined);
}
