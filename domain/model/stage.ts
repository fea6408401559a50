/** Deployment stages. Local runs as Dev unless told otherwise. */
export const STAGES = ['Dev', 'Staging', 'Prod'] as const;
export type Stage = (typeof STAGES)[number];

/** A stage-scoped resource name: `Employment` + Dev → `EmploymentDev`. */
export function stageName(baseName: string, stage: Stage): string {
  return `${baseName}${stage}`;
}
