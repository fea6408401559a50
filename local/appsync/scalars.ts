/**
 * AppSync's AWS* scalars for graphql-js: validation of inputs (query literals and
 * variables) and of resolver outputs, as the AppSync service does it.
 *
 * Sources for the rules:
 * - https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html (formats, examples);
 * - the scalar descriptions AppSync's introspection returns (negative years, 1 to 9 fraction
 *   digits, timestamp limits, US numbers without country code, no double slash in URL paths);
 * - errors AppSync returned, e.g. "Variable 'phone' has an invalid value. Unable to parse
 *   `1110004444` as a valid phone number." (aws-amplify/amplify-flutter#822) and "Can't
 *   serialize value (/syncOrders/items[32]/orderDate) : Unable to serialize
 *   `2020-05-23T06:4:37.000Z` as a valid DateTime Object." (aws-amplify/amplify-js#5963).
 *   Our messages start with the same sentence, then name the scalar and what it expects.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { isAwsEmail, isAwsPhone } from '../../domain/scalar-formats.ts';
import { stringifyJson } from './json.ts';

/** How one scalar recognises a valid value; the shared wrapper does the GraphQL plumbing. */
interface ScalarRule<TInternal, TExternal> {
  name: string;
  description: string;
  /** How AppSync's errors end: "Unable to parse `x` as <invalidAs>.", e.g. "a valid phone number". */
  invalidAs: string;
  /** One sentence naming the scalar and the expected format, appended to every error. */
  expects: string;
  /** The literal kind the scalar accepts in a query. */
  literalKind: Kind.STRING | Kind.INT;
  /** Input (variable value or literal value) → value handed to resolvers; undefined when invalid. */
  parse(value: unknown): TInternal | undefined;
  /** Resolver value → response value; undefined when invalid. */
  serialize(value: unknown): TExternal | undefined;
}

function defineScalar<TInternal, TExternal>(
  rule: ScalarRule<TInternal, TExternal>,
): GraphQLScalarType<TInternal, TExternal> {
  const reject = (verb: 'parse' | 'serialize', shown: string, node?: ValueNode): never => {
    // A GraphQLError keeps our wording: graphql-js prefixes plain errors with its own
    // "Expected type …" sentence, which would say the same thing twice.
    throw new GraphQLError(`Unable to ${verb} ${shown} as ${rule.invalidAs}. ${rule.expects}`, {
      nodes: node,
    });
  };
  return new GraphQLScalarType<TInternal, TExternal>({
    name: rule.name,
    description: rule.description,
    serialize(value) {
      const result = rule.serialize(value);
      return result === undefined ? reject('serialize', show(value)) : result;
    },
    parseValue(value) {
      const result = rule.parse(value);
      return result === undefined ? reject('parse', show(value)) : result;
    },
    parseLiteral(node) {
      // A literal of the wrong kind (e.g. an object for AWSJSON, a string for AWSTimestamp)
      // is as invalid as a malformed one: AppSync answers "… is not a valid 'AWSJSON'".
      const value = node.kind === rule.literalKind ? literalValue(node) : undefined;
      const result = value === undefined ? undefined : rule.parse(value);
      if (result !== undefined) return result;
      return reject('parse', node.kind === Kind.STRING ? show(node.value) : `\`${print(node)}\``, node);
    },
  });
}

/** The JavaScript value of a string or int literal; ints become bigints so that big ones are not rounded. */
function literalValue(node: ValueNode): unknown {
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.INT) return BigInt(node.value);
  return undefined;
}

/** The value as AppSync quotes it in errors: between backticks, strings without quotes. */
function show(value: unknown): string {
  if (typeof value === 'string') return `\`${value}\``;
  try {
    return `\`${JSON.stringify(value) ?? String(value)}\``;
  } catch {
    return `\`${String(value)}\``;
  }
}

/** A scalar whose values are strings both ways, valid when `isValid` says so. */
function stringScalar(
  rule: Omit<ScalarRule<string, string>, 'literalKind' | 'parse' | 'serialize'> & {
    isValid(value: string): boolean;
  },
): GraphQLScalarType<string, string> {
  const check = (value: unknown): string | undefined =>
    typeof value === 'string' && rule.isValid(value) ? value : undefined;
  return defineScalar({ ...rule, literalKind: Kind.STRING, parse: check, serialize: check });
}

// ---------------------------------------------------------------------------
// Dates and times (extended ISO 8601)
// ---------------------------------------------------------------------------

// Years: four digits, optionally negative ("-2017-05-01" is documented as valid); more than
// four digits need a sign (ISO 8601's expanded years).
const DATE = String.raw`(?<year>-?\d{4}|[+-]\d{5,9})-(?<month>\d{2})-(?<day>\d{2})`;
// Seconds are optional, the fraction needs the seconds and holds at most 9 digits. An empty
// fraction ("12:00:34.") is accepted because the developer guide's own example sends one.
const TIME = String.raw`(?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.\d{0,9})?)?`;
// Z, or ±hh:mm with optional :ss ("considered valid even though it is not part of ISO 8601").
const OFFSET = String.raw`(?<offset>Z|[+-](?<offsetHour>\d{2}):(?<offsetMinute>\d{2})(?::(?<offsetSecond>\d{2}))?)`;

const DATE_PATTERN = new RegExp(`^${DATE}${OFFSET}?$`);
const TIME_PATTERN = new RegExp(`^${TIME}${OFFSET}?$`);
const DATE_TIME_PATTERN = new RegExp(`^${DATE}T${TIME}${OFFSET}$`);

type Groups = Record<string, string | undefined>;

function isValidDate({ year, month, day }: Groups): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= daysInMonth;
}

function isValidTime({ hour, minute, second }: Groups): boolean {
  return Number(hour) <= 23 && Number(minute) <= 59 && Number(second ?? 0) <= 59;
}

function isValidOffset({ offset, offsetHour, offsetMinute, offsetSecond }: Groups): boolean {
  if (offset === undefined || offset === 'Z') return true;
  const h = Number(offsetHour);
  const m = Number(offsetMinute);
  const s = Number(offsetSecond ?? 0);
  // Offsets span -18:00 to +18:00 (the range of Java's ZoneOffset, ISO 8601 in practice).
  return m <= 59 && s <= 59 && h * 3600 + m * 60 + s <= 18 * 3600;
}

function matches(pattern: RegExp, value: string, ...checks: Array<(groups: Groups) => boolean>): boolean {
  const groups = pattern.exec(value)?.groups;
  return groups !== undefined && checks.every((check) => check(groups));
}

const OFFSET_HINT = 'a time zone offset Z or ±hh:mm[:ss]';

const AWSDate = stringScalar({
  name: 'AWSDate',
  description:
    'An extended ISO 8601 date string YYYY-MM-DD, optionally with a time zone offset, e.g. 1970-01-01, 1970-01-01Z or 1970-01-01-07:00.',
  invalidAs: 'a valid Date Object',
  expects: `AWSDate expects an extended ISO 8601 date YYYY-MM-DD, optionally followed by ${OFFSET_HINT}, e.g. 1970-01-01, 1970-01-01Z or 1970-01-01+05:30.`,
  isValid: (value) => matches(DATE_PATTERN, value, isValidDate, isValidOffset),
});

const AWSTime = stringScalar({
  name: 'AWSTime',
  description:
    'An extended ISO 8601 time string hh:mm[:ss[.sss]] (up to nine fraction digits), optionally with a time zone offset, e.g. 12:30, 12:30Z or 12:30:24.500+05:30.',
  invalidAs: 'a valid Time Object',
  expects: `AWSTime expects an extended ISO 8601 time hh:mm[:ss[.fraction]] with up to 9 fraction digits, optionally followed by ${OFFSET_HINT}, e.g. 12:30, 12:30:24Z or 12:30:24.500+05:30.`,
  isValid: (value) => matches(TIME_PATTERN, value, isValidTime, isValidOffset),
});

const AWSDateTime = stringScalar({
  name: 'AWSDateTime',
  description:
    'An extended ISO 8601 date-time string YYYY-MM-DDThh:mm[:ss[.sss]] with a compulsory time zone offset, e.g. 1970-01-01T12:00:00Z or 1930-01-01T16:00:00-07:00.',
  invalidAs: 'a valid DateTime Object',
  expects: `AWSDateTime expects an extended ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fraction]] followed by ${OFFSET_HINT} (the offset is required), e.g. 1970-01-01T12:00:00Z or 1930-01-01T16:00:00-07:00.`,
  isValid: (value) => matches(DATE_TIME_PATTERN, value, isValidDate, isValidTime, isValidOffset),
});

// ---------------------------------------------------------------------------
// AWSTimestamp
// ---------------------------------------------------------------------------

// AppSync's documented limits are -31557014167219200 and 31556889864403199 seconds, beyond
// what a JavaScript number holds exactly; locally we accept the integers a number holds
// exactly, which covers every date within ±285 million years.
function timestampFrom(value: unknown): number | undefined {
  if (typeof value === 'bigint') {
    const inRange = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
    return inRange ? Number(value) : undefined;
  }
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

const AWSTimestamp = defineScalar<number, number>({
  name: 'AWSTimestamp',
  description:
    'An integer number of seconds before (negative) or after 1970-01-01T00:00Z, serialized as a number.',
  invalidAs: 'a valid timestamp',
  expects: `AWSTimestamp expects an integer number of seconds since 1970-01-01T00:00Z (negative before it), between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}, e.g. 1700000000 or -123123.`,
  literalKind: Kind.INT,
  // Variables must be JSON numbers: AppSync rejects strings such as "1700000000".
  parse: timestampFrom,
  serialize: (value) => (typeof value === 'number' ? timestampFrom(value) : undefined),
});

// ---------------------------------------------------------------------------
// AWSEmail
// ---------------------------------------------------------------------------

const AWSEmail = stringScalar({
  name: 'AWSEmail',
  description: 'An email address local-part@domain-part as defined by RFC 822, e.g. username@example.com.',
  invalidAs: 'a valid email address',
  expects: 'AWSEmail expects an email address local-part@domain-part (RFC 822), e.g. username@example.com.',
  isValid: isAwsEmail,
});

// ---------------------------------------------------------------------------
// AWSJSON
// ---------------------------------------------------------------------------

function parseJson(value: unknown): unknown {
  // Only strings: AppSync rejects a variable holding an object or array ("Unable to parse
  // [] as valid JSON.") just as it rejects an object literal in the query.
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown; // never undefined; `null` is a valid input
  } catch {
    return undefined;
  }
}

function serializeJson(value: unknown): string | undefined {
  // Resolvers usually return maps and lists, which AppSync writes out as a JSON string;
  // a string is taken to be JSON already and passes through unchanged.
  if (typeof value === 'string') return value;
  try {
    return stringifyJson(value); // undefined for functions and symbols
  } catch {
    return undefined; // cycles, BigInt
  }
}

const AWSJSON = defineScalar<unknown, string>({
  name: 'AWSJSON',
  description:
    'A JSON string (RFC 8259). Inputs are parsed and handed to resolvers as maps, lists or scalar values; outputs are JSON strings.',
  invalidAs: 'valid JSON',
  expects:
    'AWSJSON expects a string holding valid JSON, e.g. "{\\"upvotes\\": 10}", "[1,2,3]" or "true"; objects and lists must be sent JSON-encoded as a string.',
  literalKind: Kind.STRING,
  parse: parseJson,
  serialize: serializeJson,
});

// ---------------------------------------------------------------------------
// AWSURL
// ---------------------------------------------------------------------------

const URL_PATTERN = /^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?<rest>.+)$/s;
// Schemes whose URLs name a host: "http:///path" has none and is not a URL.
const HOST_SCHEMES = new Set(['http', 'https', 'ftp', 'ws', 'wss']);

function isValidUrl(value: string): boolean {
  // RFC 1738: no unescaped spaces or control characters anywhere.
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return false;
  const groups = URL_PATTERN.exec(value)?.groups;
  if (groups === undefined) return false; // no scheme: "amazon.com", "www.amazon.com"
  const scheme = (groups['scheme'] ?? '').toLowerCase();
  let rest = groups['rest'] ?? '';
  let authority: string | undefined;
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    authority = end === -1 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end === -1 ? '' : rest.slice(end + 2);
  }
  if (HOST_SCHEMES.has(scheme) && !authority) return false;
  const path = rest.split(/[?#]/, 1)[0] ?? '';
  // "URLs which contain double slashes (two consecutive forward slashes) in their path are
  // also considered invalid."
  if (path.includes('//')) return false;
  try {
    new URL(value); // ports, IPv6 hosts, percent escapes
    return true;
  } catch {
    return false;
  }
}

const AWSURL = stringScalar({
  name: 'AWSURL',
  description:
    'A URL as defined by RFC 1738, with a scheme and without a double slash in its path, e.g. https://www.amazon.com/dp/B000NZW3KC/ or mailto:example@example.com.',
  invalidAs: 'a valid URL',
  expects:
    'AWSURL expects an absolute URL with a scheme and no "//" in its path, e.g. https://www.amazon.com/dp/B000NZW3KC/, http://localhost/ or mailto:example@example.com.',
  isValid: isValidUrl,
});

// ---------------------------------------------------------------------------
// AWSPhone
// ---------------------------------------------------------------------------

const AWSPhone = stringScalar({
  name: 'AWSPhone',
  description:
    'A phone number, stored as a string. Digit groups may be separated by spaces or hyphens; numbers without a +country code are North American (NANP) numbers.',
  invalidAs: 'a valid phone number',
  expects:
    'AWSPhone expects digits grouped by single spaces, hyphens or an (area code), with a leading +country code unless it is a North American (NANP) number, e.g. +1 555 764 4377, (206) 555-0100 or +44 20 7946 0958.',
  isValid: isAwsPhone,
});

// ---------------------------------------------------------------------------
// AWSIPAddress
// ---------------------------------------------------------------------------

function isValidIpAddress(value: string): boolean {
  const [address = '', prefix, ...extra] = value.split('/');
  if (extra.length > 0) return false;
  // Unbracketed IPv6 only, and without a zone id ("fe80::1%eth0"): AppSync documents the
  // plain colon-separated form.
  const version = isIPv4(address) ? 4 : isIPv6(address) && !address.includes('%') ? 6 : 0;
  if (version === 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const AWSIPAddress = stringScalar({
  name: 'AWSIPAddress',
  description:
    'An IPv4 address in quad-dotted notation or an unbracketed, colon-separated IPv6 address, with an optional CIDR suffix, e.g. 123.12.34.56, 127.0.0.1/8 or 1a2b:3c4b::1234:4567.',
  invalidAs: 'a valid IP address',
  expects:
    'AWSIPAddress expects an IPv4 address in quad-dotted notation or an unbracketed IPv6 address, each with an optional CIDR suffix, e.g. 123.12.34.56, 127.0.0.1/8 or 1a2b:3c4b::1234:4567.',
  isValid: isValidIpAddress,
});

/**
 * AppSync's scalars, by name, with AppSync's parsing, validation and serialization.
 *
 * Invalid inputs and invalid resolver outputs raise a {@link GraphQLError} whose message
 * starts like AppSync's ("Unable to parse `x` as a valid phone number.") and then names the
 * scalar and the format it expects. AWSJSON inputs reach resolvers parsed (maps, lists,
 * scalar values); AWSTimestamp values are numbers; all others are strings, unchanged.
 */
export const AWS_SCALARS: Readonly<Record<string, GraphQLScalarType>> = Object.freeze({
  AWSDate,
  AWSTime,
  AWSDateTime,
  AWSTimestamp,
  AWSEmail,
  AWSJSON,
  AWSURL,
  AWSPhone,
  AWSIPAddress,
} satisfies Record<string, GraphQLScalarType>);
