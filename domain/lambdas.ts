/**
 * Every Lambda function of the product, declared once: the build bundles each entry, the CDK
 * app deploys each under its stage name, the local stack runs the very bundle.
 */
import type { RunnerName } from './jobs/engine.ts';
import type { Stage } from './model/stage.ts';

export interface LambdaDeclaration {
  /** Source entry, relative to the repository root. */
  readonly entry: string;
  /** Deployed function name for a stage (one name for all stages where one function serves them all). */
  functionName(stage: Stage): string;
  readonly description: string;
  /** Set on job runners: the runner the JobPicker dispatches to this function. */
  readonly runner?: RunnerName;
  /** Cognito actions the function takes on tenants' user pools (pools are created at onboarding, so any pool). */
  readonly cognitoActions?: readonly string[];
  /**
   * Set on the control plane: it gets `controlPlanePolicy` (domain/iam-policies.ts: pools, stores,
   * the registry), and the build writes the policy stores' Cedar sources next to its bundle.
   */
  readonly controlPlane?: true;
}

export const LAMBDAS = {
  authorizer: {
    entry: 'lambda-authorizer/handler.ts',
    functionName: (stage) => `AIML-SaaS-Authorizer-${stage}`,
    description: 'AppSync Lambda authorizer: Cognito JWTs + Verified Permissions.',
  },
  preTokenGeneration: {
    entry: 'lambda-authorizer/pre-token-generation.ts',
    // A user pool has one trigger, shared by every stage's app client: one function, no stage suffix.
    functionName: (_stage) => 'AIML-SaaS-PreTokenGeneration',
    description: 'Cognito pre-token-generation trigger (all stages): stamps custom:environment with the stage whose registry lists the app client, and tenant, role and employee from the user\'s membership there.',
  },
  documents: {
    entry: 'resolvers/documents/lambda/handler.ts',
    functionName: (stage) => `AIML-SaaS-Documents-${stage}`,
    description: 'Lambda resolver: records employee documents and presigns S3 uploads and downloads with tenant credentials.',
  },
  organisation: {
    entry: 'resolvers/organisation/lambda/handler.ts',
    functionName: (stage) => `AIML-SaaS-Organisation-${stage}`,
    description: 'Lambda resolver: moves a department with its subtree (re-pathing it over as many transactions as it takes) with the tenant\'s credentials.',
  },
  employment: {
    entry: 'resolvers/employment/lambda/handler.ts',
    functionName: (stage) => `AIML-SaaS-Employment-${stage}`,
    description: 'Lambda resolver: hires, starts, amends and terminates contracts with the tenant\'s credentials, keeping employee records in step.',
    cognitoActions: ['cognito-idp:AdminDisableUser'],
  },
  attendance: {
    entry: 'resolvers/attendance/lambda/handler.ts',
    functionName: (stage) => `AIML-SaaS-Attendance-${stage}`,
    description: 'Lambda resolver: clock-ins and clock-outs, correction requests and decisions, a manager\'s team today, and the day\'s recompute after a late punch, with the tenant\'s credentials.',
  },
  schedules: {
    entry: 'resolvers/schedules/lambda/handler.ts',
    functionName: (stage) => `AIML-SaaS-Schedules-${stage}`,
    description: 'Lambda resolver: plans rosters and lists holidays (date-holidays), and writes assignments, location calendars and holiday changes with the tenant\'s credentials.',
  },
  leave: {
    entry: 'resolvers/leave/lambda/handler.ts',
    functionName: (stage) => `AIML-SaaS-Leave-${stage}`,
    description: 'Lambda resolver: leave types, policies, balances (as of a day, projected), ledgers and adjustments with the tenant\'s credentials.',
  },
  payroll: {
    entry: 'resolvers/payroll/lambda/handler.ts',
    functionName: (stage) => `AIML-SaaS-Payroll-${stage}`,
    description: 'Lambda resolver: payroll settings, salary structures (formulas checked), assignments, pay runs (their jobs created with each step), payslips, the register as CSV and payslip PDFs through presigned URLs, with the tenant\'s credentials.',
  },
  jobs: {
    entry: 'resolvers/jobs/lambda/handler.ts',
    functionName: (stage) => `AIML-SaaS-Jobs-${stage}`,
    description: 'Lambda resolver: creates, cancels and retries a tenant\'s jobs with the tenant\'s credentials.',
  },
  tenancy: {
    entry: 'resolvers/tenancy/lambda/handler.ts',
    functionName: (stage) => `AIML-SaaS-Tenancy-${stage}`,
    description: 'Lambda resolver (control plane, system admins): onboards tenants — pool, app clients, policy store, registry records, first admin — resumably.',
    controlPlane: true,
  },
  jobPicker: {
    entry: 'jobs/picker-handler.ts',
    functionName: (stage) => `AIML-SaaS-JobPicker-${stage}`,
    description: 'Every minute: claims due jobs and dispatches each to its runner.',
  },
  contractRunner: {
    entry: 'jobs/runners/contract-runner.ts',
    functionName: (stage) => runnerFunctionName('AIML-SaaS-Job-Runner', stage),
    description: 'Runner: a tenant\'s daily contract processing (starts, amendments, ends, sign-ins of leavers, reminders).',
    runner: 'AIML-SaaS-Job-Runner',
    cognitoActions: ['cognito-idp:AdminDisableUser'],
  },
  attGenSystemRunner: {
    entry: 'jobs/runners/attgen-system.ts',
    functionName: (stage) => runnerFunctionName('AIML-SaaS-AttGen-System', stage),
    description: 'Runner (system, hourly): gives every active tenant its attendance generation job for its last settled day.',
    runner: 'AIML-SaaS-AttGen-System',
  },
  attGenTenantRunner: {
    entry: 'jobs/runners/attgen-tenant.ts',
    functionName: (stage) => runnerFunctionName('AIML-SaaS-AttGen-Tenant', stage),
    description: 'Runner: a tenant\'s daily attendance records for a day or a range, from its schedules and punches (paced writes).',
    runner: 'AIML-SaaS-AttGen-Tenant',
  },
  earnAlRunner: {
    entry: 'jobs/runners/earn-al.ts',
    functionName: (stage) => runnerFunctionName('AIML-SaaS-Employee-Earn-AL', stage),
    description: 'Runner: a tenant\'s monthly leave accrual, year-end carry-forward and expiry (idempotent; corrections post differences).',
    runner: 'AIML-SaaS-Employee-Earn-AL',
  },
  payrollRunner: {
    entry: 'jobs/runners/payroll-run.ts',
    functionName: (stage) => runnerFunctionName('AIML-SaaS-Payroll-Run', stage),
    description: 'Runner: one step of a pay run — calculating its payslips (resumable, one per employee) or finalising it (PDFs, PAYSLIP documents, then PAYSLIP_READY).',
    runner: 'AIML-SaaS-Payroll-Run',
  },
  crudItemRunner: {
    entry: 'jobs/runners/crud-item.ts',
    functionName: (stage) => runnerFunctionName('AIML-SaaS-CRUD-Item', stage),
    description: 'Runner: updates one entity item of one tenant, idempotently.',
    runner: 'AIML-SaaS-CRUD-Item',
  },
  notificationDispatcherRunner: {
    entry: 'jobs/runners/notification-dispatcher.ts',
    functionName: (stage) => runnerFunctionName('AIML-SaaS-Tenant-Notification-Dispatcher', stage),
    description: 'Runner: sends a tenant\'s scheduled clock-in/out reminders through the notification mutation.',
    runner: 'AIML-SaaS-Tenant-Notification-Dispatcher',
  },
} as const satisfies Record<string, LambdaDeclaration>;

/** A runner's deployed function: the runner name with the stage, `AIML-SaaS-CRUD-Item-Dev`. */
export function runnerFunctionName(runner: RunnerName, stage: Stage): string {
  return `${runner}-${stage}`;
}

export type LambdaId = keyof typeof LAMBDAS;

/** The Lambdas that are job runners, each with its runner. */
export function runnerLambdas(): { id: LambdaId; runner: RunnerName }[] {
  return (Object.entries(LAMBDAS) as [LambdaId, LambdaDeclaration][]).flatMap(([id, declaration]) => (declaration.runner ? [{ id, runner: declaration.runner }] : []));
}

/** The file beside a control-plane bundle holding the policy stores' sources (`Record<StoreKind, PolicyStoreSource>`). */
export const POLICY_STORES_FILE = 'policy-stores.json';

/** Where the build writes a Lambda's bundle, relative to the repository root. */
export function lambdaBundlePath(id: LambdaId): string {
  return `dist/lambdas/${id}/index.mjs`;
}
