/** Test helpers: one synthesis per stage (with the shared identity stack), its templates, and where the assembly staged each asset. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { createApp, stackName, type StageStacks } from '../../cdk/create-app.ts';
import { IDENTITY_STACK_NAME, type IdentityStack } from '../../cdk/identity-stack.ts';
import { LAMBDAS, lambdaBundlePath, type LambdaId } from '../../domain/lambdas.ts';
import type { Stage } from '../../domain/model/stage.ts';
import { bundlePath, resolverSources } from '../../resolvers/manifest.ts';
import { buildLambdas, buildResolvers, releaseBuildService, ROOT } from '../../scripts/build.ts';

const outdirs: string[] = [];

/** A temporary folder for a cloud assembly (a few MB each); {@link removeOutdirs} removes them. */
export function outdir(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `optimalhr-${name}-`));
  outdirs.push(dir);
  return dir;
}

/** Removes every assembly folder this test file made: `afterAll(removeOutdirs)`. */
export function removeOutdirs(): void {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The stacks of each stage. */
export const STAGE_PARTS = ['Data', 'Authorization', 'Api', 'Jobs', 'Access'] as const;
/** Every stack a synthesis holds: the stage's, and `Identity`, the one all stages share (`OptimalHR-Identity`). */
export const STACK_PARTS = [...STAGE_PARTS, 'Identity'] as const;
export type StackPart = (typeof STACK_PARTS)[number];

/** The deployed name of a part: `OptimalHR-Api-Dev`, or `OptimalHR-Identity` for every stage. */
export function partStackName(part: StackPart, stage: Stage): string {
  return part === 'Identity' ? IDENTITY_STACK_NAME : stackName(part, stage);
}

/**
 * Builds the bundles the app deploys when any is missing (a fresh clone). `npm test` builds them
 * first anyway, and rebuilding here would rewrite files other test files may be reading.
 */
export async function ensureBundles(): Promise<void> {
  const files = [...resolverSources().map(bundlePath), ...(Object.keys(LAMBDAS) as LambdaId[]).map((id) => `${lambdaBundlePath(id)}.map`)];
  if (files.every((file) => existsSync(path.join(ROOT, file)))) return;
  await Promise.all([buildResolvers(), buildLambdas()]);
  await releaseBuildService();
}

export interface SynthesizedStage {
  readonly stage: Stage;
  readonly stacks: StageStacks;
  /** The shared identity stack, as this synthesis built it. */
  readonly identity: IdentityStack;
  readonly assembly: CloudAssembly;
  template(part: StackPart): Template;
  /** The raw template JSON of a stack. */
  json(part: StackPart): { Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }> };
  /** The staged copy of an asset, by the S3 object key the template names (`<hash>.js`, `<hash>.zip`). */
  assetPath(objectKey: string): string;
}

/** Synthesizes one stage without cdk-nag and CloudFormation validation (tests of their own cover those). */
export async function synthStage(stage: Stage): Promise<SynthesizedStage> {
  await ensureBundles();
  const assemblyDir = outdir(`cdk-${stage}`);
  const { app, identity, stages } = createApp({ stages: [stage], outdir: assemblyDir, nag: false, cloudFormationValidation: false });
  const assembly = app.synth();
  const json = (part: StackPart) => assembly.getStackByName(partStackName(part, stage)).template;
  return {
    stage,
    stacks: stages[stage]!,
    identity,
    assembly,
    template: (part) => Template.fromJSON(json(part)),
    json,
    assetPath: (objectKey) => path.join(assemblyDir, `asset.${objectKey.replace(/\.zip$/, '')}`),
  };
}

/** The object key of an asset location: `s3://bucket/<key>` inside a `Fn::Sub`, or an `S3Key`. */
export function objectKey(location: unknown): string {
  const text = typeof location === 'string' ? location : JSON.stringify(location);
  const match = /([0-9a-f]{64}\.(?:js|zip))/.exec(text);
  if (!match) throw new Error(`No asset key in ${text}`);
  return match[1]!;
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

/** Resources of one type, by logical id. */
export function resourcesOf(template: ReturnType<SynthesizedStage['json']>, type: string) {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}
