/**
 * The time zones and countries a location may use (domain/organisation/model/places.ts, generated
 * by scripts/generate-places.ts) against Node's Intl, which schedules and attendance use the zone with.
 */
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isCountryCode } from '../../../domain/organisation/model/location.ts';
import { IANA_TIME_ZONES, ISO_COUNTRY_CODES } from '../../../domain/organisation/model/places.ts';

const zones = IANA_TIME_ZONES.split(' ');
const countries = ISO_COUNTRY_CODES.split(' ');
const acceptedByIntl = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

describe('the time-zone list', () => {
  it('holds every zone Intl lists (if this fails, Node changed: run scripts/generate-places.ts)', () => {
    const missing = Intl.supportedValuesOf('timeZone').filter((zone) => !zones.includes(zone));
    expect(missing).toEqual([]);
  });

  it('holds only names Intl accepts, so a stored zone always works where schedules run', () => {
    expect(zones.filter((zone) => !acceptedByIntl(zone))).toEqual([]);
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('accepts current IANA names Intl accepts without listing them, and UTC', () => {
    for (const zone of ['UTC', 'Europe/Kyiv', 'Asia/Kolkata', 'America/New_York', 'Europe/Berlin']) expect(canonicalTimeZone(zone), zone).toBe(zone);
  });

  it('reads a zone in any letter case and around blanks, in its IANA spelling', () => {
    expect(canonicalTimeZone(' america/new_york ')).toBe('America/New_York');
    expect(canonicalTimeZone('EUROPE/BERLIN')).toBe('Europe/Berlin');
  });

  it('knows no zone for offsets, abbreviations, blanks or inventions', () => {
    for (const bad of ['+02:00', 'CEST', 'Berlin', 'Mars/Olympus_Mons', '', '   ', null, undefined]) expect(canonicalTimeZone(bad), String(bad)).toBeNull();
  });
});

describe('the country list', () => {
  it('holds ISO 3166-1 alpha-2 codes Intl can name', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    expect(countries.length).toBeGreaterThan(240);
    for (const code of countries) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(names.of(code), code).not.toBe(code);
    }
  });

  it('refuses what is not a code', () => {
    expect(isCountryCode('DE')).toBe(true);
    for (const bad of ['de', 'DEU', 'XX', 'EU', '']) expect(isCountryCode(bad), bad).toBe(false);
  });
});
