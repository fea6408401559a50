/**
 * Time-zone offsets for `util.time`. Java's `ZoneId` accepts region ids (via Intl here) and
 * fixed offsets such as `Z`, `+08:00`, `UTC+8` or `GMT-05:30` (parsed here, Intl knows few of them).
 */
import { AppSyncResolverError } from './contract.ts';

const FIXED_OFFSET = /^(?:Z|UTC|GMT|UT|(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `zone` from UTC, in minutes, at the instant `epochMs`. */
export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  const fixed = FIXED_OFFSET.exec(zone);
  if (fixed) {
    const [, sign, hours, minutes] = fixed;
    if (!sign) return 0;
    return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0));
  }
  const parts = regionFormatter(zone).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((candidate) => candidate.type === type)?.value);
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wallClock - Math.floor(epochMs / 1000) * 1000) / 60000);
}

/** The instant at which the wall clock of `zone` shows `localMs` (local time counted as if UTC). */
export function localToEpoch(localMs: number, zone: string): number {
  const guess = localMs - zoneOffsetMinutes(zone, localMs) * 60000;
  return localMs - zoneOffsetMinutes(zone, guess) * 60000;
}

/** A zone's name as Intl spells it (`short`: "PST", "GMT+8"; `long`: "Pacific Standard Time"). */
export function zoneName(zone: string, epochMs: number, style: 'short' | 'long'): string {
  if (FIXED_OFFSET.test(zone)) return zone;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: style }).formatToParts(
    new Date(epochMs),
  );
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

function regionFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new AppSyncResolverError(`Unknown time zone: ${zone}`);
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}
