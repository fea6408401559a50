/** `util.time`: timestamps in UTC unless a zone is given; formats follow Java's DateTimeFormatter. */
import { AppSyncResolverError } from './contract.ts';
import { formatEpoch, parseToEpoch } from './date-pattern.ts';

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Milliseconds since the epoch of an ISO 8601 date or date-time; without an offset it is read as
 * UTC (unlike `Date.parse`, which would use the host's zone for a date-time).
 */
export function parseISO8601ToEpochMilliSeconds(timestamp: string): number {
  const match = ISO_8601.exec(String(timestamp));
  if (!match) throw new AppSyncResolverError(`Text '${timestamp}' is not an ISO 8601 timestamp`);
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset = 'Z'] = match;
  const local = Date.UTC(
    Number(year), Number(month) - 1, Number(day),
    Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  return local - offsetMinutes(offset) * 60000;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0);
  return offset.startsWith('-') ? -minutes : minutes;
}

/** Builds `util.time`; `now` is injectable for tests. */
export function createTimeUtil(now: () => number = Date.now) {
  return {
    nowISO8601: () => new Date(now()).toISOString(),
    nowEpochSeconds: () => Math.floor(now() / 1000),
    nowEpochMilliSeconds: () => now(),
    nowFormatted: (format: string, timezone = 'UTC') => formatEpoch(now(), format, timezone),
    parseFormattedToEpochMilliSeconds: (timestamp: string, format: string, timezone = 'UTC') =>
      parseToEpoch(timestamp, format, timezone),
    parseISO8601ToEpochMilliSeconds,
    // Java's long division truncates toward zero
    epochMilliSecondsToSeconds: (milliseconds: number) => Math.trunc(milliseconds / 1000),
    epochMilliSecondsToISO8601: (milliseconds: number) => new Date(milliseconds).toISOString(),
    epochMilliSecondsToFormatted: (milliseconds: number, format: string, timezone = 'UTC') =>
      formatEpoch(milliseconds, format, timezone),
  };
}
