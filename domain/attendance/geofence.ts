/** Where a punch was made, against the geofence of the employee's location. */
import type { Geofence } from '../organisation/model/location.ts';
import type { PunchFlag } from '../generated/graphql.ts';
import type { Position } from './model/records.ts';

const EARTH_RADIUS_METERS = 6_371_008.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine; within a metre of the ellipsoid's at geofence scales). */
export function distanceMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface GeofenceCheck {
  /** OUTSIDE_GEOFENCE or NO_POSITION, or none. */
  flag: Extract<PunchFlag, 'OUTSIDE_GEOFENCE' | 'NO_POSITION'> | null;
  /** From the geofence's centre, rounded to the metre, when both are known. */
  distanceMeters: number | null;
}

/**
 * A position is inside when it could be: its distance from the centre, less the device's own
 * accuracy, is within the radius. Without a geofence there is nothing to check.
 */
export function checkGeofence(geofence: Geofence | null | undefined, position: Position | null | undefined): GeofenceCheck {
  if (!geofence) return { flag: null, distanceMeters: null };
  if (!position) return { flag: 'NO_POSITION', distanceMeters: null };
  const distance = distanceMeters(geofence, position);
  const inside = distance - (position.accuracyMeters ?? 0) <= geofence.radiusMeters;
  return { flag: inside ? null : 'OUTSIDE_GEOFENCE', distanceMeters: Math.round(distance) };
}
