/**
 * Readers for request bodies: each checks one member's shape and names the offending path in
 * the `ValidationException` it raises, as the service's own input validation does.
 */
import { invalidField } from './errors.ts';

/** A decoded JSON object. */
export type Json = Record<string, unknown>;

/** An AVP `EntityIdentifier`. */
export interface EntityIdentifier {
  entityType: string;
  entityId: string;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, path: string): Json {
  if (!isObject(value)) throw invalidField(path, 'Member must be a structure');
  return value;
}

export function optionalObject(value: unknown, path: string): Json | undefined {
  return value === undefined || value === null ? undefined : object(value, path);
}

export function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalidField(path, 'Member must be a list');
  return value;
}

export function string(value: unknown, path: string, { min = 1, max = 10_000 } = {}): string {
  if (typeof value !== 'string') throw invalidField(path, 'Member must not be null and must be a string');
  if (value.length < min || value.length > max) {
    throw invalidField(path, `Member must have length between ${min} and ${max}`);
  }
  return value;
}

export function optionalString(value: unknown, path: string, limits?: { min?: number; max?: number }): string | undefined {
  return value === undefined || value === null ? undefined : string(value, path, limits);
}

export function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidField(path, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value as T;
}

/** An id member: AVP's ids are 1-200 characters of `[a-zA-Z0-9-/_]`. */
export function id(value: unknown, path: string): string {
  const text = string(value, path, { max: 200 });
  if (!/^[a-zA-Z0-9\-/_]*$/.test(text)) throw invalidField(path, 'Member must satisfy regular expression pattern: [a-zA-Z0-9-/_]*');
  return text;
}

export function optionalInteger(value: unknown, path: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidField(path, `Member must be an integer between ${min} and ${max}`);
  }
  return value;
}

export function entityIdentifier(value: unknown, path: string): EntityIdentifier {
  const shape = object(value, path);
  return {
    entityType: string(shape.entityType, `${path}.entityType`, { max: 200 }),
    entityId: string(shape.entityId, `${path}.entityId`, { max: 200 }),
  };
}

export function optionalEntityIdentifier(value: unknown, path: string): EntityIdentifier | undefined {
  return value === undefined || value === null ? undefined : entityIdentifier(value, path);
}

/** The single member set in a tagged union (AVP's `AttributeValue`, `PolicyDefinition`...). */
export function unionMember(value: unknown, path: string, members: readonly string[]): [string, unknown] {
  const shape = object(value, path);
  const set = Object.entries(shape).filter(([key, member]) => members.includes(key) && member !== undefined && member !== null);
  const unknown = Object.keys(shape).filter((key) => !members.includes(key));
  if (set.length !== 1 || unknown.length > 0) {
    throw invalidField(path, `Member must have exactly one of: ${members.join(', ')}`);
  }
  return set[0] as [string, unknown];
}
