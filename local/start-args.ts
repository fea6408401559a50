/**
 * `npm start`'s command line: what each flag means and how a wrong one is refused (exit 2 with
 * the usage, in local/cli.ts). Kept apart from the stack so that it can be checked without one.
 */
import { parseArgs } from 'node:util';
import { parseStage } from '../domain/env.ts';
import { STAGES, type Stage } from '../domain/model/stage.ts';
import { LOG_FORMATS, type LogFormat } from './console-log.ts';
import { DATA_DIR_VARIABLE } from './stack-file.ts';

/** The first stage's GraphQL port unless --port says otherwise. */
export const DEFAULT_PORT = 4000;

export const USAGE = `Usage: npm start -- [--port <0-65535>] [--data-dir <folder>] [--memory] [--reset] [--stages <Stage,...>] [--tick <seconds>] [--log-format human|json]
  --port        GraphQL port of the first stage, HTTP and TLS on the same port (default ${DEFAULT_PORT}; 0 = any free port);
                each further stage takes the next port
  --data-dir    where data, certificates and stack.json live (default $${DATA_DIR_VARIABLE}, else .optimalhr/ in the checkout)
  --memory      keep DynamoDB data in memory (nothing survives a restart)
  --reset       wipe the data folder before starting
  --stages      the stages to serve, comma-separated, from ${STAGES.join(', ')} (default Dev); the first one gets the demo data
  --stage       the same as --stages with one stage
  --tick        seconds between JobPicker runs (default 60, the deployed schedule; 0 = never)
  --log-format  human: one line per request and job run, plus warnings and errors (default); json: every structured log line`;

/** A command line `npm start` refuses, with the sentence that says why. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface StartOptions {
  help: boolean;
  port: number;
  /** Seconds between JobPicker runs; undefined = the deployed schedule. */
  tickSeconds: number | undefined;
  stages: Stage[];
  /** As given; undefined = the default folder. */
  dataDir: string | undefined;
  memory: boolean;
  reset: boolean;
  logFormat: LogFormat;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, not "${value}".`);
  return port;
}

function parseTick(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 86_400) throw new UsageError(`--tick must be a whole number of seconds from 0 to 86400, not "${value}".`);
  return Number(value);
}

function parseStages(stages: string | undefined, stage: string | undefined): Stage[] {
  if (stages !== undefined && stage !== undefined) throw new UsageError('Give --stages or --stage, not both.');
  const names = (stages ?? stage ?? 'Dev').split(',').map((name) => name.trim());
  let parsed: Stage[];
  try {
    parsed = names.map(parseStage);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (new Set(parsed).size !== parsed.length) throw new UsageError(`--stages names a stage twice: "${stages}".`);
  return parsed;
}

function parseLogFormat(value: string): LogFormat {
  if (!(LOG_FORMATS as readonly string[]).includes(value)) throw new UsageError(`--log-format must be ${LOG_FORMATS.join(' or ')}, not "${value}".`);
  return value as LogFormat;
}

/** `npm start`'s arguments (after `--`), or a UsageError naming the first problem. */
export function parseStartArgs(argv: readonly string[]): StartOptions {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        memory: { type: 'boolean', default: false },
        reset: { type: 'boolean', default: false },
        stage: { type: 'string' },
        stages: { type: 'string' },
        tick: { type: 'string' },
        'log-format': { type: 'string', default: 'human' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    help: values.help,
    port: parsePort(values.port),
    tickSeconds: parseTick(values.tick),
    stages: parseStages(values.stages, values.stage),
    dataDir: values['data-dir'],
    memory: values.memory,
    reset: values.reset,
    logFormat: parseLogFormat(values['log-format']),
  };
}
