/**
 * cdk-nag's AwsSolutionsChecks over every stage: synthesis passes, and every acknowledgement
 * answers a real finding with a reason (none is stale, none is blanket, none is unexplained).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validations, type Acknowledgment } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../cdk/create-app.ts';
import { IDENTITY_STACK_NAME } from '../../cdk/identity-stack.ts';
import { ensureBundles, outdir, removeOutdirs } from './support.ts';

interface Violation {
  ruleName: string;
  violatingConstructs: { constructPath: string }[];
}

const plain = (id: string) => id.replace(/^AwsSolutions::/, '');

beforeAll(ensureBundles, 60_000);
afterAll(removeOutdirs);
afterEach(() => {
  vi.restoreAllMocks();
});

describe('AwsSolutionsChecks', () => {
  // Prod (with the shared identity stack) is covered below: every finding it has is acknowledged.
  it('passes for Dev and Staging, and the shared identity stack, with the acknowledgements in place', () => {
    const { app } = createApp({ outdir: outdir('nag-stages'), stages: ['Dev', 'Staging'], cloudFormationValidation: false });
    expect(() => app.synth()).not.toThrow();
  }, 60_000);

  it('acknowledges exactly the findings there are, each with a concrete reason', () => {
    const acknowledged: { path: string; id: string; reason: string }[] = [];
    vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (this: Validations, ...rules: Acknowledgment[]) {
      const scope = (this as unknown as { scope: IConstruct }).scope;
      for (const rule of rules) acknowledged.push({ path: scope.node.path, id: plain(rule.id), reason: rule.reason });
    });
    const dir = outdir('nag-bare');
    const { app } = createApp({ outdir: dir, stages: ['Prod'], cloudFormationValidation: false });
    expect(() => app.synth()).toThrow(/validation-report\.json/);
    const report = JSON.parse(readFileSync(path.join(dir, 'validation-report.json'), 'utf8')) as { pluginReports: { violations: Violation[] }[] };
    const findings = report.pluginReports.flatMap((p) => p.violations.flatMap((v) => v.violatingConstructs.map((c) => ({ id: plain(v.ruleName), path: c.constructPath }))));
    const covers = (ack: { path: string; id: string }, finding: { path: string; id: string }) =>
      ack.id === finding.id && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));

    expect(acknowledged.length).toBeGreaterThan(0);
    // The shared identity stack is checked with Prod's: its pool and trigger carry acknowledgements of their own.
    expect(acknowledged.filter((a) => a.path.startsWith(`${IDENTITY_STACK_NAME}/`)).map((a) => a.id).sort()).toEqual(
      ['AwsSolutions-COG8', 'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-L1'],
    );
    const unexplained = findings.filter((f) => !acknowledged.some((a) => covers(a, f)));
    expect(unexplained, 'findings nobody acknowledged').toEqual([]);
    const stale = acknowledged.filter((a) => !findings.some((f) => covers(a, f)));
    expect(stale, 'acknowledgements of findings that do not occur').toEqual([]);
    // A rule is acknowledged for one finding at a time: IAM5 always names its exact resource or action.
    expect(acknowledged.filter((a) => a.id === 'AwsSolutions-IAM5')).toEqual([]);
    for (const { id, path: where, reason } of acknowledged) {
      expect(reason.length, `${id} at ${where}`).toBeGreaterThanOrEqual(60);
      expect(reason, `${id} at ${where}`).not.toMatch(/todo|tbd|placeholder|fixme/i);
    }
  }, 60_000);
});
