/** What differs between stages beyond names: how long data and logs are kept. */
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Stage } from '../domain/model/stage.ts';

export interface StageSettings {
  /** Prod keeps tables, pools and stores when a stack is deleted, and protects them from deletion. */
  readonly retainData: boolean;
  readonly logRetention: logs.RetentionDays;
}

export function stageSettings(stage: Stage): StageSettings {
  return stage === 'Prod'
    ? { retainData: true, logRetention: logs.RetentionDays.ONE_YEAR }
    : { retainData: false, logRetention: logs.RetentionDays.ONE_MONTH };
}

/** Every Lambda's runtime. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_22_X;
export const LAMBDA_RUNTIME_REASON =
  'nodejs22.x on purpose: scripts/build.ts bundles for Node 20 so the local stack runs the very file that deploys, and ' +
  'nodejs22.x is the newest runtime that bundle is built and tested for; raise both together.';
