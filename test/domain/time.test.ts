import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateOfEpochDay, epochDay } from '../../domain/model/dates.ts';
import { dayMinutes, isWallTime, localDate, localTime, offsetMinutes, wallMinutes, zonedInstant } from '../../domain/time.ts';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'Australia/Lord_Howe', 'Asia/Tokyo'];
const anyZone = fc.constantFrom(...ZONES);
const anyDate = fc.integer({ min: epochDay('1990-01-01'), max: epochDay('2060-12-31') }).map(dateOfEpochDay);
const anyTime = fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

describe('zoned instants', () => {
  it('given the Berlin spring-forward night, 02:30 does not exist and is read as 03:30 summer time', () => {
    expect(zonedInstant('2027-03-28', '02:30', 'Europe/Berlin').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(zonedInstant('2027-03-28', '01:59', 'Europe/Berlin').toISOString()).toBe('2027-03-28T00:59:00.000Z');
    expect(zonedInstant('2027-03-28', '03:00', 'Europe/Berlin').toISOString()).toBe('2027-03-28T01:00:00.000Z');
  });

  it('given the Berlin fall-back night, 02:30 happens twice and the first (summer time) is meant', () => {
    expect(zonedInstant('2027-10-31', '02:30', 'Europe/Berlin').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(zonedInstant('2027-10-31', '03:00', 'Europe/Berlin').toISOString()).toBe('2027-10-31T02:00:00.000Z');
  });

  it('given New York, times follow EST and EDT', () => {
    expect(zonedInstant('2027-01-15', '09:00', 'America/New_York').toISOString()).toBe('2027-01-15T14:00:00.000Z');
    expect(zonedInstant('2027-07-15', '09:00', 'America/New_York').toISOString()).toBe('2027-07-15T13:00:00.000Z');
    expect(zonedInstant('2027-03-14', '02:15', 'America/New_York').toISOString()).toBe('2027-03-14T07:15:00.000Z');
  });

  it('days have 23 or 25 hours when the clocks change, and 24 otherwise', () => {
    expect(dayMinutes('2027-03-28', 'Europe/Berlin')).toBe(23 * 60);
    expect(dayMinutes('2027-10-31', 'Europe/Berlin')).toBe(25 * 60);
    expect(dayMinutes('2027-03-14', 'America/New_York')).toBe(23 * 60);
    expect(dayMinutes('2027-11-07', 'America/New_York')).toBe(25 * 60);
    expect(dayMinutes('2027-04-04', 'Australia/Sydney')).toBe(25 * 60);
    expect(dayMinutes('2027-10-03', 'Australia/Sydney')).toBe(23 * 60);
    expect(dayMinutes('2027-10-03', 'Australia/Lord_Howe')).toBe(23 * 60 + 30);
    expect(dayMinutes('2027-06-01', 'Europe/Berlin')).toBe(24 * 60);
  });

  it('a wall time that exists reads back as itself, on its date, in every zone', () => {
    fc.assert(fc.property(anyDate, anyTime, anyZone, (date, time, zone) => {
      const instant = zonedInstant(date, time, zone);
      const back = `${localDate(instant, zone)}T${localTime(instant, zone)}`;
      // Only a time in a spring-forward gap reads back differently: later, by the gap.
      if (back !== `${date}T${time}`) {
        const shift = (instant.getTime() - Date.parse(`${date}T${time}:00Z`)) / 60_000 + offsetMinutes(instant, zone);
        expect(shift).toBeGreaterThan(0);
        expect(shift).toBeLessThanOrEqual(60);
        expect(dayMinutes(date, zone)).toBeLessThan(1440);
      }
    }), { seed: 20261207, numRuns: 3000 });
  });

  it('the offset is the difference between wall time and UTC at every instant', () => {
    fc.assert(fc.property(fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2060-01-01') }), anyZone, (ms, zone) => {
      const instant = new Date(Math.floor(ms / 60_000) * 60_000);
      const offset = offsetMinutes(instant, zone);
      const wall = Date.parse(`${localDate(instant, zone)}T${localTime(instant, zone)}:00Z`);
      expect(wall - instant.getTime()).toBe(offset * 60_000);
    }), { seed: 20261207, numRuns: 3000 });
  });

  it('consecutive days tile time: each day ends where the next starts, and their lengths sum to the span', () => {
    fc.assert(fc.property(anyDate, anyZone, fc.integer({ min: 1, max: 120 }), (date, zone, n) => {
      const start = zonedInstant(date, '00:00', zone).getTime();
      const end = zonedInstant(addDays(date, n), '00:00', zone).getTime();
      let total = 0;
      for (let i = 0; i < n; i += 1) total += dayMinutes(addDays(date, i), zone);
      expect(total * 60_000).toBe(end - start);
    }), { seed: 20261207, numRuns: 100 });
  });
});

describe('wall times', () => {
  it('accepts HH:MM from 00:00 to 23:59 only', () => {
    for (const ok of ['00:00', '09:05', '23:59']) expect(isWallTime(ok)).toBe(true);
    for (const bad of ['24:00', '9:05', '12:60', '12:00:00', '', 1200, null]) expect(isWallTime(bad)).toBe(false);
    expect(wallMinutes('22:30')).toBe(1350);
  });
});
