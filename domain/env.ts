/** Reads a required environment variable, failing with a message that names it. */
export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new Error(`Environment variable ${name} is required but not set.`);
  return value;
}
