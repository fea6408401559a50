import { STAGES, type Stage } from './model/stage.ts';

/** Reads a required environment variable, failing with a message that names it. */
export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new Error(`Environment variable ${name} is required but not set.`);
  return value;
}

/** An optional whole-number setting within [min, max]; `fallback` when unset, a clear error when malformed. */
export function integerEnv(name: string, fallback: number, min: number, max: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Environment variable ${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return value;
}

/** Parses a stage name case-insensitively ("dev", "Prod"); throws on anything else. */
export function parseStage(value: string): Stage {
  const stage = STAGES.find((s) => s.toLowerCase() === value.trim().toLowerCase());
  if (!stage) throw new Error(`Unknown stage "${value}": expected one of ${STAGES.join(', ')}`);
  return stage;
}
