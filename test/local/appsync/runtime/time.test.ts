// util.time against the examples of AppSync's time-helper reference, plus the pattern letters.
import { describe, expect, it } from 'vitest';
import { createTimeUtil } from '../../../../local/appsync/runtime/time.ts';

const NOW = 1517943695758; // 2018-02-06T19:01:35.758Z, the reference's example instant
const time = createTimeUtil(() => NOW);

describe('the current time', () => {
  it('in ISO 8601, seconds and milliseconds', () => {
    expect(time.nowISO8601()).toBe('2018-02-06T19:01:35.758Z');
    expect(time.nowEpochSeconds()).toBe(1517943695);
    expect(time.nowEpochMilliSeconds()).toBe(NOW);
  });

  it('formatted in UTC, in a region and at a fixed offset', () => {
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe('2018-02-07 03:01:35+0800');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe('2018-02-07 03:01:35+0800');
  });
});

describe('conversions', () => {
  it('epoch milliseconds to seconds, truncating like Java', () => {
    expect(time.epochMilliSecondsToSeconds(NOW)).toBe(1517943695);
    expect(time.epochMilliSecondsToSeconds(-1500)).toBe(-1);
  });

  it('epoch milliseconds to ISO 8601 and to a format', () => {
    expect(time.epochMilliSecondsToISO8601(NOW)).toBe('2018-02-06T19:01:35.758Z');
    expect(time.epochMilliSecondsToFormatted(NOW, 'yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.epochMilliSecondsToFormatted(NOW, 'yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe('2018-02-07 03:01:35+0800');
  });

  it('follows daylight saving time in a region', () => {
    const july = Date.UTC(2024, 6, 1, 12);
    const january = Date.UTC(2024, 0, 1, 12);
    expect(time.epochMilliSecondsToFormatted(july, 'HH:mm XXX', 'America/New_York')).toBe('08:00 -04:00');
    expect(time.epochMilliSecondsToFormatted(january, 'HH:mm XXX', 'America/New_York')).toBe('07:00 -05:00');
  });
});

describe('parsing', () => {
  it('ISO 8601 with an offset, and without one as UTC', () => {
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.180+08:00')).toBe(1517476865180);
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-01T09:21:05.180Z')).toBe(1517476865180);
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-01T09:21:05.180')).toBe(1517476865180);
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-01')).toBe(Date.UTC(2018, 1, 1));
    expect(() => time.parseISO8601ToEpochMilliSeconds('yesterday')).toThrow(/not an ISO 8601/);
  });

  it('a formatted timestamp with its offset, or in the zone given', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22+0800', 'yyyy-MM-dd HH:mm:ssZ')).toBe(1517505562000);
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', '+08:00')).toBe(1517505562000);
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', 'Australia/Perth')).toBe(
      1517505562000,
    );
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 17:19:22', 'yyyy-MM-dd HH:mm:ss')).toBe(1517505562000);
  });

  it('text months, twelve-hour clocks, fractions and quoted literals', () => {
    expect(time.parseFormattedToEpochMilliSeconds('01 Feb 2018 05:19:22.5 PM', 'dd MMM yyyy hh:mm:ss.S a')).toBe(
      Date.UTC(2018, 1, 1, 17, 19, 22, 500),
    );
    expect(time.parseFormattedToEpochMilliSeconds("2018-02-01T17:19:22Z", "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe(
      Date.UTC(2018, 1, 1, 17, 19, 22),
    );
    expect(time.parseFormattedToEpochMilliSeconds('20180201', 'yyyyMMdd')).toBe(Date.UTC(2018, 1, 1));
  });

  it('rejects text that does not match the pattern', () => {
    expect(() => time.parseFormattedToEpochMilliSeconds('2018/02/01', 'yyyy-MM-dd')).toThrow(/could not be parsed/);
  });
});

describe('DateTimeFormatter letters', () => {
  const at = Date.UTC(2024, 2, 5, 7, 8, 9, 45); // Tuesday 2024-03-05T07:08:09.045Z
  const format = (pattern: string, zone?: string) => time.epochMilliSecondsToFormatted(at, pattern, zone as string);

  it.each([
    ['yyyy yy y', '2024 24 2024'],
    ['M MM MMM MMMM', '3 03 Mar March'],
    ['d dd D', '5 05 65'],
    ['H HH h hh a K k', '7 07 7 07 AM 7 7'],
    ['m mm s ss', '8 08 9 09'],
    ['S SS SSS SSSSSS', '0 04 045 045000'],
    ['E EEE EEEE', 'Tue Tue Tuesday'],
    ['G', 'AD'],
    ["'at' HH 'o''clock' ''", "at 07 o'clock '"],
    ['[yyyy]', '2024'],
  ])('%s', (pattern, expected) => {
    expect(format(pattern)).toBe(expected);
  });

  it.each([
    ['Z', 'UTC', '+0000'],
    ['ZZZZ', 'UTC', 'GMT'],
    ['ZZZZZ', 'UTC', 'Z'],
    ['X', 'UTC', 'Z'],
    ['XXX', 'UTC', 'Z'],
    ['xxx', 'UTC', '+00:00'],
    ['X', 'Asia/Kolkata', '+0530'],
    ['XX', 'Asia/Kolkata', '+0530'],
    ['XXX', 'Asia/Kolkata', '+05:30'],
    ['ZZZZ', 'Asia/Kolkata', 'GMT+05:30'],
    ['O', 'Asia/Kolkata', 'GMT+5:30'],
    ['OOOO', 'Asia/Kolkata', 'GMT+05:30'],
    ['X', '-03:00', '-03'],
    ['VV', 'Europe/Paris', 'Europe/Paris'],
    ['z', 'America/Los_Angeles', 'PST'],
  ])('%s in %s', (pattern, zone, expected) => {
    expect(format(pattern, zone)).toBe(expected);
  });

  it('rejects an unknown zone and an unsupported letter', () => {
    expect(() => format('yyyy', 'Mars/Olympus')).toThrow(/Unknown time zone/);
    expect(() => format('ww')).toThrow(/Unsupported pattern letter 'w'/);
  });
});

describe('fixed-offset zone ids', () => {
  it.each([
    ['Z', '00:00'],
    ['UTC', '00:00'],
    ['GMT+2', '02:00'],
    ['UTC-05:30', '18:30'],
    ['+0100', '01:00'],
  ])('%s', (zone, expected) => {
    expect(time.epochMilliSecondsToFormatted(Date.UTC(2024, 0, 1), 'HH:mm', zone)).toBe(expected);
  });
});
