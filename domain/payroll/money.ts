/**
 * Exact payroll arithmetic. Amounts are exact rationals of BigInt while a formula is evaluated and
 * are rounded once per payslip line to the currency's minor unit (integer BigInt), by the tenant's
 * rule: HALF_UP (halves away from zero, "kaufmännisch") or HALF_EVEN (bankers'). Totals are sums
 * of rounded lines, so a register always reconciles to the minor unit. No binary float is ever
 * involved: decimal strings in, decimal strings out (libraries.md §3: integer minor units).
 */
export type Rounding = 'HALF_UP' | 'HALF_EVEN';

/** An exact rational n/d with d > 0. */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function ratio(n: bigint, d = 1n): Ratio {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Ratio = { n: 0n, d: 1n };
export const ONE: Ratio = { n: 1n, d: 1n };

export const add = (a: Ratio, b: Ratio): Ratio => (a.d === b.d ? ratio(a.n + b.n, a.d) : ratio(a.n * b.d + b.n * a.d, a.d * b.d));
export const sub = (a: Ratio, b: Ratio): Ratio => add(a, { n: -b.n, d: b.d });
export const mul = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.n, a.d * b.d);
/** Throws RangeError on a zero divisor. */
export const div = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d, a.d * b.n);
export const cmp = (a: Ratio, b: Ratio): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
export const isZero = (a: Ratio): boolean => a.n === 0n;
export const fromInt = (n: number | bigint): Ratio => ({ n: BigInt(n), d: 1n });

/** Largest integer ≤ a. */
export function floor(a: Ratio): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

/** A plain decimal (`-12.345`, `7`, `.5` refused) as an exact ratio, or null. */
export function parseDecimal(text: string): Ratio | null {
  let s = text.trim();
  let sign = 1n;
  if (s.startsWith('-')) {
    sign = -1n;
    s = s.slice(1);
  }
  const dot = s.indexOf('.');
  const whole = dot < 0 ? s : s.slice(0, dot);
  const fraction = dot < 0 ? '' : s.slice(dot + 1);
  const digits = (x: string) => x.length > 0 && [...x].every((c) => c >= '0' && c <= '9');
  if (!digits(whole) || (dot >= 0 && !digits(fraction)) || whole.length + fraction.length > 30) return null;
  return ratio(sign * BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}

/** Rounds an exact value to an integer by the rule (ties: away from zero, or to even). */
export function roundInteger(a: Ratio, rule: Rounding): bigint {
  const lower = floor(a);
  const rest = sub(a, fromInt(lower)); // 0 ≤ rest < 1
  const half = cmp(rest, { n: 1n, d: 2n });
  if (half < 0) return lower;
  if (half > 0) return lower + 1n;
  if (rule === 'HALF_EVEN') return lower % 2n === 0n ? lower : lower + 1n;
  return a.n < 0n ? lower : lower + 1n;
}

/** An exact amount in major units rounded to minor units (`decimals` = the currency's). */
export function toMinor(a: Ratio, decimals: number, rule: Rounding): bigint {
  return roundInteger(mul(a, fromInt(10n ** BigInt(decimals))), rule);
}

/** Minor units as an exact ratio of major units. */
export function minorToRatio(minor: bigint, decimals: number): Ratio {
  return ratio(minor, 10n ** BigInt(decimals));
}

/** Minor units as a decimal string with exactly `decimals` decimals: `-123456n, 2` → `-1234.56`. */
export function formatMinor(minor: bigint, decimals: number): string {
  const negative = minor < 0n;
  const digits = abs(minor).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`;
  return negative ? `-${text}` : text;
}

/** A decimal string with at most `decimals` decimals as minor units, or null. */
export function parseMinor(text: string, decimals: number): bigint | null {
  const value = parseDecimal(text);
  if (!value) return null;
  const scaled = mul(value, fromInt(10n ** BigInt(decimals)));
  return scaled.d === 1n ? scaled.n : null;
}

/** An exact value as a short decimal for traces: exact when it terminates within 6 places, else rounded there with `~`. */
export function formatRatio(a: Ratio): string {
  const minor = toMinor(a, 6, 'HALF_EVEN');
  const exact = cmp(minorToRatio(minor, 6), a) === 0;
  let text = formatMinor(minor, 6);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return exact ? text : `~${text}`;
}
