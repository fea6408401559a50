/** Identifiers for `util.autoId`, `util.autoUlid` and `util.autoKsuid`. */
import { randomBytes, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID timestamps count seconds from 2014-05-13T16:53:20Z. */
const KSUID_EPOCH_SECONDS = 1_400_000_000;

/** A random version 4 UUID. */
export function autoId(): string {
  return randomUUID();
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
