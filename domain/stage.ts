/** Deployment stages. Local runs as Dev unless told otherwise. */
export const STAGES = ['Dev', 'Staging', 'Prod'] as const;
export type Stage = (typeof STAGES)[number];

/** Parses a stage name case-insensitively ("dev", "Prod"); throws on anything else. */
export function parseStage(value: string): Stage {
  const stage = STAGES.find((s) => s.toLowerCase() === value.trim().toLowerCase());
  if (!stage) throw new Error(`Unknown stage "${value}": expected one of ${STAGES.join(', ')}`);
  return stage;
}

/** A stage-scoped resource name: `Employment` + Dev → `EmploymentDev`. */
export function stageName(baseName: string, stage: Stage): string {
  return `${baseName}${stage}`;
}
