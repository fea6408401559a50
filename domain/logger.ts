/**
 * Structured JSON logs, one line per event, carrying tenantId, userId and requestId when known.
 * Fields that could hold secrets or personal data are redacted by name before writing.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogFields {
  tenantId?: string;
  userId?: string;
  requestId?: string;
  [field: string]: unknown;
}

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Names of fields whose values never reach a log. */
const REDACTED = /token|authorization|password|secret|credential|signature|cookie|nationalid|email|phone|dateofbirth|address|salary|iban|bank/i;

function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: value.message };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, REDACTED.test(k) ? '[redacted]' : redact(v, depth + 1)]));
}

export interface LoggerOptions {
  service: string;
  /** Lowest level written; defaults to LOG_LEVEL or "info". */
  level?: LogLevel;
  /** Where lines go; defaults to stdout. */
  write?: (line: string) => void;
}

/**
 * @example
 * const log = createLogger({ service: 'authorizer' }).child({ requestId });
 * log.info('decision', { tenantId, userId, allowed: true });
 */
export function createLogger(options: LoggerOptions, fields: LogFields = {}): Logger {
  const threshold = LEVELS[options.level ?? ((process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info')] ?? LEVELS.info;
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const emit = (level: LogLevel) => (message: string, extra: LogFields = {}) => {
    if (LEVELS[level] < threshold) return;
    const entry = { time: new Date().toISOString(), level, service: options.service, message, ...(redact({ ...fields, ...extra }) as object) };
    write(JSON.stringify(entry));
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (more) => createLogger(options, { ...fields, ...more }),
  };
}
