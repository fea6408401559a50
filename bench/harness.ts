/**
 * Benchmark plumbing: a closed-loop load generator with latency percentiles, the process-tree
 * memory probe, and the results table + JSON summary that every measure goes through.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { addDays } from '../domain/model/dates.ts';

export interface LoadResult {
  operations: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** The q-quantile (0..1) of ascending `sorted` samples; NaN when there are none (a goal on it is then not met). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The `sub` claim of a Cognito ID token (read, not verified: the bench signed it in itself). */
export function subOf(idToken: string): string {
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string };
  if (!claims.sub) throw new Error('an ID token without sub');
  return claims.sub;
}

/** The first Monday at least `days` days after today (UTC), as YYYY-MM-DD: a working day of the benches' five-day weeks. */
export function mondayAtLeast(days: number): string {
  let day = addDays(new Date().toISOString().slice(0, 10), days);
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
  return day;
}

/** Runs `operation` from `concurrency` workers for `seconds`; every call is timed. */
export async function load(operation: (i: number) => Promise<boolean>, options: { seconds: number; concurrency: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      const ok = await operation(counter++).catch(() => false);
      latencies.push(performance.now() - t);
      if (!ok) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { operations: latencies.length, seconds, perSecond: latencies.length / seconds, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), errors };
}

/** Resident memory (MB) of a process and all its descendants, from /proc. */
export function treeRssMb(rootPid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      const rss = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
      kb += rss ? Number(rss[1]) : 0;
    } catch {
      // Gone.
    }
  }
  return kb / 1024;
}

/** One line of the summary: what was measured, against which goal. */
export interface Measure {
  name: string;
  value: number;
  unit: string;
  /** Human-readable goal, e.g. ">= 0.5" or "< 512"; empty when informational. */
  goal: string;
  met: boolean | null;
}

export function measure(name: string, value: number, unit: string, goal?: { min?: number; max?: number; atMost?: number }): Measure {
  const text = !goal ? '' : goal.min !== undefined ? `>= ${goal.min}` : goal.atMost !== undefined ? `<= ${goal.atMost}` : `< ${goal.max}`;
  const met = !goal ? null : goal.min !== undefined ? value >= goal.min : goal.atMost !== undefined ? value <= goal.atMost : value < goal.max!;
  return { name, value: Math.round(value * 100) / 100, unit, goal: text, met };
}

/** Prints the table and writes the JSON summary. */
export async function report(measures: Measure[], file: string): Promise<void> {
  const rows = measures.map((m) => [m.name, `${m.value} ${m.unit}`, m.goal, m.met === null ? '' : m.met ? 'met' : 'NOT MET']);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[['measure', 'value', 'goal', ''], ...rows].map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
  console.log(`\n${line(['measure', 'value', 'goal', ''])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
  await writeFile(file, `${JSON.stringify(measures, null, 2)}\n`);
  console.log(`\nSummary written to ${file}`);
}
