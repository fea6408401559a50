/**
 * What `npm start` shows on its console. Every part of the stack logs structured JSON lines (the
 * deployed Lambdas must: CloudWatch reads them, metrics included), which a person watching a
 * terminal cannot scan. By default the console shows one short line per GraphQL request and per
 * job run, and every warning and error; `--log-format json` passes the JSON through untouched.
 *
 * It works on the lines as written to stdout, so the deployable bundles running in-process (and
 * the DynamoDB child, whose output the stack forwards) need no logging mode of their own.
 */
export const LOG_FORMATS = ['human', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

interface Entry {
  time?: string;
  level?: string;
  service?: string;
  component?: string;
  message?: string;
  [field: string]: unknown;
}

/** Fields a human line never repeats: the line says them already, or they are for machines (EMF). */
const OMITTED = new Set(['time', 'level', 'service', 'component', 'message', '_aws', 'JobRuns', 'JobDuration', 'Runner', 'Outcome']);

function clock(time: string | undefined): string {
  const at = time ? new Date(time) : new Date();
  return Number.isNaN(at.getTime()) ? String(time) : at.toTimeString().slice(0, 8);
}

function text(value: unknown, max = 120): string {
  const raw = typeof value === 'string' ? value : JSON.stringify(value);
  const line = (raw ?? '').replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function fields(entry: Entry): string {
  return Object.entries(entry)
    .filter(([key, value]) => !OMITTED.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${text(value)}`)
    .join(' ');
}

/**
 * The console line for one log line, or undefined to leave it out. Lines that are not JSON log
 * entries pass unchanged.
 *
 * @example
 * humanLine('{"time":"…","level":"info","message":"graphql request","tenantId":"acme","operation":"query employees","status":200,"durationMs":34}')
 * // → '14:02:11  acme     query employees  200  34 ms'
 */
export function humanLine(line: string, options: { showStage?: boolean } = {}): string | undefined {
  let entry: Entry;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return line;
    entry = parsed as Entry;
  } catch {
    return line;
  }
  if (typeof entry.level !== 'string' || typeof entry.message !== 'string') return line;
  const at = clock(entry.time);
  if (entry.message === 'graphql request') {
    const who = typeof entry.tenantId === 'string' ? entry.tenantId : entry.authMode === 'AWS_IAM' ? '(internal)' : '-';
    const errors = Array.isArray(entry.errorTypes) && entry.errorTypes.length > 0 ? ` ${[...new Set(entry.errorTypes)].join(',')}` : '';
    const stage = options.showStage && typeof entry.stage === 'string' ? `${entry.stage.padEnd(8)}` : '';
    return `${at}  ${stage}${who.padEnd(8)} ${text(entry.operation ?? '-', 60).padEnd(28)} ${entry.status}${errors}  ${entry.durationMs} ms`;
  }
  if (entry.message === 'run finished') {
    const duration = typeof entry.JobDuration === 'number' ? `  ${entry.JobDuration} ms` : '';
    const next = typeof entry.nextRunAt === 'string' ? ` (next ${entry.nextRunAt})` : '';
    const error = typeof entry.error === 'string' ? `: ${text(entry.error)}` : '';
    return `${at}  ${String(entry.tenantId ?? '-').padEnd(8)} job ${entry.jobId} (${entry.runner}) ${entry.outcome}${next}${error}${duration}`;
  }
  if (entry.level === 'warn' || entry.level === 'error') {
    const source = [entry.service, entry.component].filter(Boolean).join('/');
    const rest = fields(entry);
    return `${at}  ${entry.level.toUpperCase()} ${source}: ${entry.message}${rest ? `  ${rest}` : ''}`;
  }
  return undefined;
}

/**
 * Routes everything written to `stream` (stdout) through the console format: whole lines are
 * formatted as they complete; with `json` nothing changes.
 */
export function installConsoleLog(format: LogFormat, options: { showStage?: boolean; stream?: NodeJS.WriteStream } = {}): void {
  if (format === 'json') return;
  const stream = options.stream ?? process.stdout;
  const write = stream.write.bind(stream) as (chunk: string) => boolean;
  let pending = '';
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    const out = lines.flatMap((line) => {
      const shown = humanLine(line, options);
      return shown === undefined ? [] : [`${shown}\n`];
    });
    const written = out.length > 0 ? write(out.join('')) : true;
    (rest.find((arg) => typeof arg === 'function') as (() => void) | undefined)?.();
    return written;
  }) as typeof stream.write;
}
