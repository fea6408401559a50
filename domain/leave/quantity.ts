/**
 * Exact leave quantities. Every amount is an integer of base units, never a binary float:
 * thousandths of a day for day and half-day types, minutes for hour types. The API speaks decimal
 * strings in the type's unit ("1.25" days, "7.5" hours); they convert here, and only amounts that
 * are a whole number of base units (and, for half-day types, whole half days where it says so) pass.
 * Fractions on the way (a month's share of a year, a part-time share) are exact rationals in BigInt
 * until a policy's rounding rule makes them base units.
 */
import type { LeaveUnit, RoundingMode } from '../generated/graphql.ts';

/** Base units per unit: 1,000 per day (days, half days), 60 per hour (minutes). */
export function baseUnitsPer(unit: LeaveUnit): number {
  return unit === 'HOURS' ? 60 : 1000;
}

/** The largest amount accepted anywhere (in the type's unit): ten thousand days or hours. */
export const MAX_AMOUNT = 10_000;

/**
 * A decimal string in `unit` as base units, or null when it is not a decimal, has more than three
 * decimals, or is not a whole number of base units (`0.01` hours is 0.6 minutes: refused).
 */
export function parseAmount(text: string, unit: LeaveUnit, options: { allowNegative?: boolean } = {}): number | null {
  const value = text.trim();
  const negative = value.startsWith('-');
  if (negative && !options.allowNegative) return null;
  const body = negative ? value.slice(1) : value;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  const fraction = dot < 0 ? '' : body.slice(dot + 1);
  const isDigits = (s: string) => s.split('').every((c) => c >= '0' && c <= '9');
  if (whole.length < 1 || whole.length > 6 || !isDigits(whole) || !isDigits(fraction) || fraction.length > 3 || (dot >= 0 && fraction.length === 0)) return null;
  // thousandths of the unit, exactly
  const thousandths = Number(whole) * 1000 + Number(`${fraction}000`.slice(0, 3));
  if (thousandths > MAX_AMOUNT * 1000) return null;
  const per = baseUnitsPer(unit);
  if ((thousandths * per) % 1000 !== 0) return null;
  const base = (thousandths * per) / 1000;
  return negative ? -base : base;
}

/** Base units as a decimal string in the unit: 1250 (days) → "1.25", 450 (minutes) → "7.5"; hours that are not a whole hundredth show rounded half-up to 0.01. */
export function formatAmount(base: number, unit: LeaveUnit): string {
  const negative = base < 0;
  const magnitude = Math.abs(base);
  let thousandths: number;
  if (unit === 'HOURS') {
    // minutes → thousandths of an hour, rounded half-up to hundredths where not exact (1 min = 0.01666… h)
    const hundredths = Math.floor((magnitude * 100 + 30) / 60);
    thousandths = (magnitude * 1000) % 60 === 0 ? (magnitude * 1000) / 60 : hundredths * 10;
  } else {
    thousandths = magnitude;
  }
  const whole = Math.floor(thousandths / 1000);
  let fraction = `${thousandths % 1000}`.padStart(3, '0');
  while (fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const text = fraction === '' ? `${whole}` : `${whole}.${fraction}`;
  return negative && thousandths !== 0 ? `-${text}` : text;
}

/** An exact non-negative-denominator rational of base units. */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

export function ratio(n: bigint | number, d: bigint | number = 1n): Ratio {
  const nn = BigInt(n);
  const dd = BigInt(d);
  if (dd === 0n) throw new Error('ratio with a zero denominator');
  const sign = dd < 0n ? -1n : 1n;
  const g = gcd(nn, dd);
  return { n: (sign * nn) / g, d: (sign * dd) / g };
}

export function addRatio(a: Ratio, b: Ratio): Ratio {
  return a.d === b.d ? ratio(a.n + b.n, a.d) : ratio(a.n * b.d + b.n * a.d, a.d * b.d);
}

export const ZERO: Ratio = { n: 0n, d: 1n };

/**
 * Rounds an exact amount of base units to a multiple of `step` base units: HALF_UP (halves away
 * from zero), UP (away from zero), DOWN (towards zero). Exact: 1/3 × 3 is 1 here.
 */
export function roundTo(value: Ratio, step: number, mode: RoundingMode): number {
  const s = BigInt(step);
  const negative = value.n < 0n;
  const n = negative ? -value.n : value.n;
  const den = value.d * s;
  const quotient = n / den;
  const remainder = n % den;
  let q = quotient;
  if (remainder !== 0n) {
    if (mode === 'UP') q += 1n;
    else if (mode === 'HALF_UP' && remainder * 2n >= den) q += 1n;
  }
  const result = Number(q * s);
  return negative ? -result : result;
}
