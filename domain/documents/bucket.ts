import type { Stage } from '../model/stage.ts';

/** The stage's documents bucket; objects live under `tenants/<tenantId>/`. */
export function documentsBucketName(stage: Stage): string {
  return `optimalhr-documents-${stage.toLowerCase()}`;
}
