/**
 * Java `DateTimeFormatter` patterns (`yyyy-MM-dd'T'HH:mm:ss.SSSZ`), the syntax `util.time` uses.
 * Supported letters: G u y D M L d a h K k H m s S E Z X x z V O, quoted text and `[optional]`
 * sections; any other letter is rejected, as Java rejects unknown letters.
 */
import { AppSyncResolverError } from './contract.ts';
import { localToEpoch, zoneName, zoneOffsetMinutes } from './time-zones.ts';

type Token =
  | { kind: 'field'; letter: string; count: number }
  | { kind: 'literal'; text: string }
  | { kind: 'optional'; open: boolean };

const SUPPORTED = new Set('GuyDMLdahKkHmsSEZXxzVO');
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Splits a pattern into letter runs, literals and optional-section markers. */
function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index]!;
    if (/[A-Za-z]/.test(char)) {
      let end = index;
      while (pattern[end] === char) end += 1;
      if (!SUPPORTED.has(char)) throw new AppSyncResolverError(`Unsupported pattern letter '${char}' in ${pattern}`);
      tokens.push({ kind: 'field', letter: char, count: end - index });
      index = end;
    } else if (char === "'") {
      const [text, next] = readQuoted(pattern, index);
      tokens.push({ kind: 'literal', text });
      index = next;
    } else if (char === '[' || char === ']') {
      tokens.push({ kind: 'optional', open: char === '[' });
      index += 1;
    } else {
      tokens.push({ kind: 'literal', text: char });
      index += 1;
    }
  }
  return tokens;
}

/** Reads `'text'` starting at the opening quote; `''` stands for one quote. */
function readQuoted(pattern: string, start: number): [string, number] {
  if (pattern[start + 1] === "'") return ["'", start + 2];
  let text = '';
  let index = start + 1;
  while (index < pattern.length) {
    if (pattern[index] === "'") {
      if (pattern[index + 1] !== "'") return [text, index + 1];
      text += "'";
      index += 2;
    } else {
      text += pattern[index];
      index += 1;
    }
  }
  throw new AppSyncResolverError(`Unterminated quote in pattern ${pattern}`);
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Formats the instant `epochMs` as seen in `zone`. */
export function formatEpoch(epochMs: number, pattern: string, zone: string): string {
  const offset = zoneOffsetMinutes(zone, epochMs);
  const local = new Date(epochMs + offset * 60000);
  return tokenize(pattern)
    .map((token) => {
      if (token.kind === 'literal') return token.text;
      if (token.kind === 'optional') return '';
      return formatField(token.letter, token.count, { local, offset, zone, epochMs });
    })
    .join('');
}

interface Moment {
  /** the wall clock of the zone, read through the UTC getters */
  local: Date;
  offset: number;
  zone: string;
  epochMs: number;
}

function formatField(letter: string, count: number, { local, offset, zone, epochMs }: Moment): string {
  const hour = local.getUTCHours();
  switch (letter) {
    case 'G':
      return count === 4 ? 'Anno Domini' : 'AD';
    case 'u':
    case 'y':
      return count === 2 ? pad(local.getUTCFullYear() % 100, 2) : pad(local.getUTCFullYear(), count);
    case 'D':
      return pad(Math.floor((local.getTime() - Date.UTC(local.getUTCFullYear(), 0, 1)) / 86400000) + 1, count);
    case 'M':
    case 'L':
      return formatText(local.getUTCMonth() + 1, MONTHS[local.getUTCMonth()]!, count);
    case 'd':
      return pad(local.getUTCDate(), count);
    case 'a':
      return hour < 12 ? 'AM' : 'PM';
    case 'h':
      return pad(hour % 12 === 0 ? 12 : hour % 12, count);
    case 'K':
      return pad(hour % 12, count);
    case 'k':
      return pad(hour === 0 ? 24 : hour, count);
    case 'H':
      return pad(hour, count);
    case 'm':
      return pad(local.getUTCMinutes(), count);
    case 's':
      return pad(local.getUTCSeconds(), count);
    case 'S':
      return pad(local.getUTCMilliseconds(), 3).padEnd(count, '0').slice(0, count);
    case 'E': {
      const day = DAYS[local.getUTCDay()]!;
      return count === 4 ? day : count === 5 ? day[0]! : day.slice(0, 3);
    }
    case 'V':
      return zone;
    case 'z':
      return zoneName(zone, epochMs, count === 4 ? 'long' : 'short');
    default:
      return formatOffset(letter, count, offset);
  }
}

/** Numeric (`M`, `MM`) or text (`MMM` short, `MMMM` full, `MMMMM` narrow) presentation. */
function formatText(number: number, text: string, count: number): string {
  if (count <= 2) return pad(number, count);
  if (count === 4) return text;
  return count === 5 ? text[0]! : text.slice(0, 3);
}

/** Z, X, x and O, following DateTimeFormatter's tables (X prints `Z` for zero, x does not). */
function formatOffset(letter: string, count: number, offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const hours = pad(Math.floor(Math.abs(offset) / 60), 2);
  const minutes = pad(Math.abs(offset) % 60, 2);
  if (letter === 'O') {
    if (offset === 0) return 'GMT';
    return count === 4 ? `GMT${sign}${hours}:${minutes}` : `GMT${sign}${Number(hours)}${minutes === '00' ? '' : `:${minutes}`}`;
  }
  if (letter === 'Z') {
    if (count === 4) return offset === 0 ? 'GMT' : `GMT${sign}${hours}:${minutes}`;
    if (count === 5) return offset === 0 ? 'Z' : `${sign}${hours}:${minutes}`;
    return `${sign}${hours}${minutes}`;
  }
  if (letter === 'X' && offset === 0) return 'Z';
  if (count === 1) return minutes === '00' ? `${sign}${hours}` : `${sign}${hours}${minutes}`;
  return count === 2 || count === 4 ? `${sign}${hours}${minutes}` : `${sign}${hours}:${minutes}`;
}

const OFFSET_SOURCE = String.raw`Z|GMT(?:[+-]\d{1,2}(?::\d{2})?)?|[+-]\d{2}(?::?\d{2})?`;

/** How one token reads: a regex source and what its match sets. */
interface Reader {
  source: string;
  apply?: (match: string, fields: ParsedFields) => void;
}

interface ParsedFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  pm?: boolean;
  hour12?: number;
  offset?: number;
  zone?: string;
}

/**
 * Parses `text` with `pattern`. The offset or zone written in the text wins, then `zone`;
 * fields the pattern lacks default to 1970-01-01T00:00:00.000. Throws when the text does not match.
 */
export function parseToEpoch(text: string, pattern: string, zone: string): number {
  const readers: Reader[] = [];
  const sources = tokenize(pattern).map((token) => {
    if (token.kind === 'literal') return escapeRegex(token.text);
    if (token.kind === 'optional') return token.open ? '(?:' : ')?';
    const reader = readerFor(token.letter, token.count);
    if (!reader.apply) return `(?:${reader.source})`;
    readers.push(reader);
    return `(${reader.source})`;
  });
  const match = new RegExp(`^${sources.join('')}$`).exec(text);
  if (!match) throw new AppSyncResolverError(`Text '${text}' could not be parsed with pattern ${pattern}`);
  const fields: ParsedFields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millis: 0 };
  readers.forEach((reader, index) => {
    const value = match[index + 1];
    if (value !== undefined) reader.apply!(value, fields);
  });
  if (fields.hour12 !== undefined) fields.hour = (fields.hour12 % 12) + (fields.pm ? 12 : 0);
  const local = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millis);
  if (fields.offset !== undefined) return local - fields.offset * 60000;
  return localToEpoch(local, fields.zone ?? zone);
}

function readerFor(letter: string, count: number): Reader {
  const digits = (max: number) => (count === 1 ? `\\d{1,${max}}` : `\\d{${count}}`);
  const set = (field: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second') => (value: string, fields: ParsedFields) => {
    fields[field] = Number(value);
  };
  switch (letter) {
    case 'u':
    case 'y':
      if (count === 2) return { source: '\\d{2}', apply: (value, fields) => (fields.year = 2000 + Number(value)) };
      return { source: `\\d{${count},9}`, apply: set('year') };
    case 'M':
    case 'L':
      if (count <= 2) return { source: digits(2), apply: set('month') };
      return {
        source: MONTHS.map((month) => (count === 4 ? month : month.slice(0, 3))).join('|'),
        apply: (value, fields) => (fields.month = MONTHS.findIndex((month) => month.startsWith(value)) + 1),
      };
    case 'd':
      return { source: digits(2), apply: set('day') };
    case 'H':
    case 'k':
      return { source: digits(2), apply: (value, fields) => (fields.hour = Number(value) % 24) };
    case 'h':
    case 'K':
      return { source: digits(2), apply: (value, fields) => (fields.hour12 = Number(value)) };
    case 'a':
      return { source: 'AM|PM', apply: (value, fields) => (fields.pm = value === 'PM') };
    case 'm':
      return { source: digits(2), apply: set('minute') };
    case 's':
      return { source: digits(2), apply: set('second') };
    case 'S':
      return { source: `\\d{${count}}`, apply: (value, fields) => (fields.millis = Number(value.padEnd(3, '0').slice(0, 3))) };
    case 'Z':
    case 'X':
    case 'x':
    case 'O':
      return { source: OFFSET_SOURCE, apply: (value, fields) => (fields.offset = parseOffset(value)) };
    case 'V':
    case 'z':
      return { source: '[A-Za-z][A-Za-z0-9_/+-]*', apply: (value, fields) => (fields.zone = value) };
    case 'E':
      return { source: DAYS.map((day) => (count === 4 ? day : day.slice(0, 3))).join('|') };
    case 'D':
      return { source: digits(3) };
    default:
      return { source: 'AD|Anno Domini' };
  }
}

function parseOffset(text: string): number {
  const match = /([+-])(\d{1,2}):?(\d{2})?$/.exec(text);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
