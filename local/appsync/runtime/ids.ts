/** Identifiers for `util.autoId`, `util.autoUlid` and `util.autoKsuid`. */

/** Where random bytes come from: Web Crypto on the host; the sandbox installs a host source (it has no crypto global). */
export type RandomBytes = (length: number) => Uint8Array;

let randomBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

export function useRandomBytes(source: RandomBytes): void {
  randomBytes = source;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID timestamps count seconds from 2014-05-13T16:53:20Z. */
const KSUID_EPOCH_SECONDS = 1_400_000_000;

/** A random version 4 UUID. */
export function autoId(): string {
  const bytes = [...randomBytes(16)];
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A ULID: 48-bit millisecond timestamp then 80 random bits, 26 Crockford base32 characters. */
export function autoUlid(now: number = Date.now()): string {
  const value = (BigInt(now) << 80n) | bytesToBigInt(randomBytes(10));
  return encode(value, CROCKFORD, 26);
}

/** A KSUID: 32-bit second timestamp then 128 random bits, 27 base62 characters. */
export function autoKsuid(now: number = Date.now()): string {
  const seconds = BigInt(Math.floor(now / 1000) - KSUID_EPOCH_SECONDS);
  const value = (seconds << 128n) | bytesToBigInt(randomBytes(16));
  return encode(value, BASE62, 27);
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

function encode(value: bigint, alphabet: string, length: number): string {
  const base = BigInt(alphabet.length);
  let text = '';
  for (let rest = value; rest > 0n; rest /= base) text = alphabet[Number(rest % base)] + text;
  return text.padStart(length, alphabet[0]);
}
