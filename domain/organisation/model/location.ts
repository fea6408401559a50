/**
 * Locations: where people work, with the IANA time zone their schedules and attendance run in.
 * APPSYNC_JS has no Intl, so zones and countries are checked against lists generated from the tz
 * database (places.ts), kept in step with Node's Intl by a test. APPSYNC_JS-safe.
 */
import type { AddressInput, CreateLocationInput, GeofenceInput, Location, UpdateLocationInput } from '../../generated/graphql.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { tenantKey } from '../../model/keys.ts';
import { checkLength, clearedRequired, given, required, trimmed } from './fields.ts';
import { locationItemKey } from './keys.ts';
import { IANA_TIME_ZONES, ISO_COUNTRY_CODES } from './places.ts';
import { absent, equal, itemKey, put, remove, update, type GuardedWrite } from './writes.ts';

export type Geofence = { latitude: number; longitude: number; radiusMeters: number };

/** A location as stored; rows written before geofences existed have none. */
export type LocationRow = Omit<Location, '__typename' | 'geofence'> & { TenantId: string; EntityItem: string; geofence?: Geofence | null };

export type LocationContent = Pick<LocationRow, 'name' | 'address' | 'timeZone' | 'archived'> & { geofence: Geofence | null };

/** Geofence radius bounds, in metres: a room's size up to a campus'. */
export const GEOFENCE_RADIUS = { min: 10, max: 10_000 } as const;

const TIME_ZONES = IANA_TIME_ZONES.split(' ');
const COUNTRIES = ISO_COUNTRY_CODES.split(' ');

/** The IANA name of `value` in its own spelling (`europe/berlin` → `Europe/Berlin`), or null when it names no zone. */
export function canonicalTimeZone(value: string | null | undefined): string | null {
  const wanted = (value ?? '').trim().toLowerCase();
  if (wanted === '') return null;
  return TIME_ZONES.find((zone) => zone.toLowerCase() === wanted) ?? null;
}

export function isCountryCode(value: string): boolean {
  return COUNTRIES.includes(value);
}

function normaliseAddress(address: AddressInput): LocationRow['address'] {
  return {
    line1: required(address.line1),
    line2: trimmed(address.line2),
    city: required(address.city),
    region: trimmed(address.region),
    postalCode: trimmed(address.postalCode),
    country: required(address.country).toUpperCase(),
  };
}

/** A zone that names no IANA zone is kept as given, so validation can report it. */
function normaliseTimeZone(value: string | null | undefined): string {
  return canonicalTimeZone(value) ?? required(value);
}

function normaliseGeofence(geofence: GeofenceInput | null | undefined): Geofence | null {
  return geofence ? { latitude: geofence.latitude, longitude: geofence.longitude, radiusMeters: geofence.radiusMeters } : null;
}

export function normaliseNewLocation(input: CreateLocationInput): LocationContent {
  return {
    name: required(input.name),
    address: normaliseAddress(input.address),
    timeZone: normaliseTimeZone(input.timeZone),
    geofence: normaliseGeofence(input.geofence),
    archived: false,
  };
}

export function mergeLocationChanges(current: LocationRow, input: UpdateLocationInput): LocationContent {
  return {
    name: given(input, 'name') ? required(input.name) : current.name,
    address: input.address ? normaliseAddress(input.address) : current.address,
    timeZone: given(input, 'timeZone') ? normaliseTimeZone(input.timeZone) : current.timeZone,
    geofence: given(input, 'geofence') ? normaliseGeofence(input.geofence) : (current.geofence ?? null),
    archived: given(input, 'archived') && input.archived !== null ? input.archived === true : current.archived,
  };
}

export function validateLocationChanges(input: UpdateLocationInput): FieldProblem[] {
  return clearedRequired(input, ['name', 'address', 'timeZone', 'archived']);
}

export function validateLocation(content: LocationContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkLength(problems, 'name', content.name, 1, 120);
  const { address } = content;
  checkLength(problems, 'address.line1', address.line1, 1, 200);
  checkLength(problems, 'address.line2', address.line2, 0, 200);
  checkLength(problems, 'address.city', address.city, 1, 100);
  checkLength(problems, 'address.region', address.region, 0, 100);
  checkLength(problems, 'address.postalCode', address.postalCode, 0, 20);
  if (!isCountryCode(address.country)) problems.push({ field: 'address.country', message: 'must be an ISO 3166-1 alpha-2 country code such as "DE"' });
  if (canonicalTimeZone(content.timeZone) !== content.timeZone) {
    problems.push({ field: 'timeZone', message: 'must be an IANA time zone such as "Europe/Berlin" or "America/New_York"' });
  }
  const fence = content.geofence;
  if (fence) {
    if (!(fence.latitude >= -90 && fence.latitude <= 90)) problems.push({ field: 'geofence.latitude', message: 'must be from -90 to 90' });
    if (!(fence.longitude >= -180 && fence.longitude <= 180)) problems.push({ field: 'geofence.longitude', message: 'must be from -180 to 180' });
    if (!(fence.radiusMeters >= GEOFENCE_RADIUS.min && fence.radiusMeters <= GEOFENCE_RADIUS.max)) {
      problems.push({ field: 'geofence.radiusMeters', message: `must be from ${GEOFENCE_RADIUS.min} to ${GEOFENCE_RADIUS.max} metres` });
    }
  }
  return problems;
}

export function newLocationRow(tenantId: string, id: string, content: LocationContent, now: string): LocationRow {
  return {
    TenantId: tenantKey(tenantId),
    EntityItem: locationItemKey(id),
    id,
    tenantId,
    ...content,
    assignmentCount: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

const changedSince = (id: string) => ({ type: 'CONFLICT' as const, message: `Location ${id} changed since you read it; read it again and retry.` });

export function createLocationWrites(row: LocationRow): GuardedWrite[] {
  const { TenantId, EntityItem, ...attributes } = row;
  return [put({ TenantId, EntityItem }, attributes, [absent()], { type: 'CONFLICT', message: `A location with id ${row.id} already exists.` })];
}

export function updateLocationWrites(current: LocationRow, content: LocationContent, now: string): GuardedWrite[] {
  return [
    update(
      itemKey(current.TenantId, current.EntityItem),
      { set: { ...content, version: current.version + 1, updatedAt: now } },
      [equal('version', current.version)],
      changedSince(current.id),
    ),
  ];
}

/** Why a location cannot be deleted, or null. */
export function locationDeletionBlocker(row: LocationRow): string | null {
  if (row.assignmentCount === 0) return null;
  return `Location ${row.id} still has ${row.assignmentCount} assignment(s) (employees or contracts): reassign them first, or archive the location (archived: true) instead.`;
}

export function deleteLocationWrites(row: LocationRow): GuardedWrite[] {
  return [
    remove(itemKey(row.TenantId, row.EntityItem), [equal('version', row.version), equal('assignmentCount', 0)], {
      type: 'CONFLICT',
      message: `Location ${row.id} changed since you read it (it may have been assigned); read it again and retry.`,
    }),
  ];
}
