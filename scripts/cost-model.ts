/**
 * The monthly cost model of the deployed stacks (issue 16 §6; docs/cost-model.md): AWS list prices
 * (us-east-1) times usage derived from the code, for T tenants × E employees each.
 *
 *   node --import tsx scripts/cost-model.ts                          # both documented scales
 *   node --import tsx scripts/cost-model.ts --tenants 10 --employees 50
 *
 * Money is integer micro-dollars (bigint). Prices are exact rationals (micro-dollars per `per` base
 * units); each line's cost is rounded once, half up, to the micro-dollar, and every total is the
 * exact sum of its lines. No binary float touches a price, a quantity or a total.
 */
import { fileURLToPath } from 'node:url';
import { DECISION_TTL_SECONDS } from '../lambda-authorizer/authorizer.ts';
import { CAPABILITIES, FIELD_GROUP_NAMES } from '../domain/model/authorization.ts';
import { OPERATION_GROUPS } from '../domain/generated/operations.ts';
import { PICKER_SCHEDULE_MINUTES } from '../domain/jobs/engine.ts';

// ───────────────────────────── money and tiers ─────────────────────────────

/** A price: `micro` micro-dollars per `per` base units of the line's unit. */
export interface Rate {
  readonly micro: bigint;
  readonly per: bigint;
}

/** A price tier: applies to the units up to `upTo` (cumulative, in base units); `null` = no end. */
export interface Tier {
  readonly upTo: bigint | null;
  readonly rate: Rate;
}

export const rate = (micro: bigint, per: bigint): Rate => ({ micro, per });
/** `dollars` (a decimal string, e.g. '0.625') per `per` base units. */
export function dollars(amount: string, per: bigint): Rate {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) throw new Error(`not a decimal amount: ${amount}`);
  const fraction = match[2] ?? '';
  // micro-dollars = amount × 10^6; keep any digits past the sixth by scaling `per` instead.
  const scale = fraction.length > 6 ? 10n ** BigInt(fraction.length - 6) : 1n;
  const micro = BigInt(match[1]! + fraction.padEnd(6, '0'));
  return { micro, per: per * scale };
}

/** A rational amount of micro-dollars, exact until rounded. */
interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

function addFractions(a: Fraction, b: Fraction): Fraction {
  return { numerator: a.numerator * b.denominator + b.numerator * a.denominator, denominator: a.denominator * b.denominator };
}

/** Half up, to the micro-dollar (amounts are never negative). */
export function roundMicros(value: Fraction): bigint {
  return (value.numerator * 2n + value.denominator) / (value.denominator * 2n);
}

/** The cost of `quantity` base units through the tiers, in micro-dollars, rounded once. */
export function tieredCost(quantity: bigint, tiers: readonly Tier[]): bigint {
  if (quantity < 0n) throw new Error('quantity must not be negative');
  let total: Fraction = { numerator: 0n, denominator: 1n };
  let from = 0n;
  for (const tier of tiers) {
    if (from >= quantity) break;
    const to = tier.upTo === null || tier.upTo > quantity ? quantity : tier.upTo;
    if (to > from) total = addFractions(total, { numerator: (to - from) * tier.rate.micro, denominator: tier.rate.per });
    from = to;
  }
  if (from < quantity) throw new Error('the tiers end before the quantity does');
  return roundMicros(total);
}

/** What is left to bill after a free allowance: never below zero. */
export function afterFreeTier(quantity: bigint, free: bigint): bigint {
  return quantity > free ? quantity - free : 0n;
}

/** `1234567n` micro-dollars → `'1.23'` (half up to the cent) or, with `digits`, more places. */
export function formatMicros(micros: bigint, digits = 2): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const unit = 10n ** BigInt(6 - digits);
  const rounded = (abs * 2n + unit) / (unit * 2n);
  const sign = negative && rounded > 0n ? '-' : '';
  const text = rounded.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${whole}${digits > 0 ? `.${text.slice(text.length - digits)}` : ''}`;
}

// ───────────────────────────── prices ─────────────────────────────

const M = 1_000_000n;
const K = 1_000n;
/** Storage is billed per GB-month; the model counts bytes and 1 GB = 2^30 bytes, as AWS bills it. */
const GB = 1n << 30n;
/** Lambda duration is counted in MB-milliseconds: 1 GB-second = 1024 MB × 1000 ms. */
const GB_SECOND = 1024n * 1000n;

export type Service =
  | 'AppSync' | 'Lambda' | 'DynamoDB' | 'Cognito' | 'Verified Permissions' | 'EventBridge Scheduler'
  | 'S3' | 'CloudWatch' | 'X-Ray' | 'KMS';

export interface PriceSource {
  readonly page: string;
  /** The date the page shows, or why there is none. */
  readonly shown: string;
}

export interface FreeTier {
  readonly amount: bigint;
  /** `always`: every month, every account (the model's "with free tier" counts these); `12-month`: new accounts only (never counted). */
  readonly kind: 'always' | '12-month';
  readonly note: string;
}

export interface PriceLine {
  readonly service: Service;
  readonly item: string;
  /** What the quantity counts (its base unit). */
  readonly unit: string;
  readonly tiers: readonly Tier[];
  readonly free?: FreeTier;
  readonly source: PriceSource;
}

const NOT_DATED = 'no date shown on the page (read 2026-12-07)';
const SOURCES = {
  appsync: { page: 'https://aws.amazon.com/appsync/pricing/', shown: NOT_DATED },
  lambda: { page: 'https://aws.amazon.com/lambda/pricing/', shown: NOT_DATED },
  dynamodb: { page: 'https://aws.amazon.com/dynamodb/pricing/on-demand/', shown: NOT_DATED },
  cognito: { page: 'https://aws.amazon.com/cognito/pricing/', shown: NOT_DATED },
  avp: { page: 'https://aws.amazon.com/verified-permissions/pricing/', shown: NOT_DATED },
  scheduler: { page: 'https://aws.amazon.com/eventbridge/pricing/', shown: NOT_DATED },
  s3: { page: 'https://aws.amazon.com/s3/pricing/', shown: NOT_DATED },
  cloudwatch: { page: 'https://aws.amazon.com/cloudwatch/pricing/', shown: NOT_DATED },
  xray: { page: 'https://aws.amazon.com/xray/pricing/', shown: NOT_DATED },
  kms: { page: 'https://aws.amazon.com/kms/pricing/', shown: NOT_DATED },
} as const satisfies Record<string, PriceSource>;

const flat = (r: Rate): Tier[] => [{ upTo: null, rate: r }];

/** us-east-1 list prices. Keys are the lines of the model. */
export const PRICES = {
  appsyncOperations: {
    service: 'AppSync', item: 'query and mutation operations', unit: 'operations',
    tiers: flat(dollars('4.00', M)),
    free: { amount: 250_000n, kind: '12-month', note: '250,000 operations a month, first 12 months' },
    source: SOURCES.appsync,
  },
  appsyncRealtimeUpdates: {
    service: 'AppSync', item: 'real-time updates (messages and connection operations)', unit: 'updates',
    tiers: flat(dollars('2.00', M)),
    free: { amount: 250_000n, kind: '12-month', note: '250,000 updates a month, first 12 months' },
    source: SOURCES.appsync,
  },
  appsyncConnectionMinutes: {
    service: 'AppSync', item: 'real-time connection minutes', unit: 'minutes',
    tiers: flat(dollars('0.08', M)),
    free: { amount: 600_000n, kind: '12-month', note: '600,000 minutes a month, first 12 months' },
    source: SOURCES.appsync,
  },
  lambdaRequests: {
    service: 'Lambda', item: 'requests', unit: 'invocations',
    tiers: flat(dollars('0.20', M)),
    free: { amount: 1_000_000n, kind: 'always', note: '1M requests a month' },
    source: SOURCES.lambda,
  },
  lambdaDuration: {
    service: 'Lambda', item: 'duration, Arm (every function is arm64)', unit: 'MB-ms',
    // Arm tiers: first 7.5 billion GB-s, next 11.25 billion, over 18.75 billion.
    tiers: [
      { upTo: 7_500_000_000n * GB_SECOND, rate: dollars('0.0000133334', GB_SECOND) },
      { upTo: 18_750_000_000n * GB_SECOND, rate: dollars('0.0000120001', GB_SECOND) },
      { upTo: null, rate: dollars('0.0000106667', GB_SECOND) },
    ],
    free: { amount: 400_000n * GB_SECOND, kind: 'always', note: '400,000 GB-s a month (x86 and Arm together)' },
    source: SOURCES.lambda,
  },
  dynamodbWrites: {
    service: 'DynamoDB', item: 'on-demand write request units', unit: 'WRU',
    tiers: flat(dollars('0.625', M)), source: SOURCES.dynamodb,
  },
  dynamodbReads: {
    service: 'DynamoDB', item: 'on-demand read request units', unit: 'RRU',
    tiers: flat(dollars('0.125', M)), source: SOURCES.dynamodb,
  },
  dynamodbStorage: {
    service: 'DynamoDB', item: 'table and index storage (Standard class)', unit: 'byte-months',
    tiers: flat(dollars('0.25', GB)),
    free: { amount: 25n * GB, kind: 'always', note: '25 GB a month' },
    source: SOURCES.dynamodb,
  },
  dynamodbPitr: {
    service: 'DynamoDB', item: 'point-in-time recovery (continuous backups)', unit: 'byte-months',
    tiers: flat(dollars('0.20', GB)), source: SOURCES.dynamodb,
  },
  cognitoMau: {
    service: 'Cognito', item: 'monthly active users, Essentials plan', unit: 'MAU',
    tiers: flat(dollars('0.015', 1n)),
    free: { amount: 10_000n, kind: 'always', note: '10,000 MAU a month (Lite and Essentials together, per account)' },
    source: SOURCES.cognito,
  },
  avpBatch: {
    service: 'Verified Permissions', item: 'batch authorization requests (BatchIsAuthorized)', unit: 'API calls',
    tiers: [
      { upTo: 40n * M, rate: dollars('0.00015', 1n) },
      { upTo: 100n * M, rate: dollars('0.000075', 1n) },
      { upTo: null, rate: dollars('0.00004', 1n) },
    ],
    source: SOURCES.avp,
  },
  avpSingle: {
    service: 'Verified Permissions', item: 'single authorization requests (IsAuthorized; not used today)', unit: 'API calls',
    tiers: flat(dollars('0.000005', 1n)), source: SOURCES.avp,
  },
  schedulerInvocations: {
    service: 'EventBridge Scheduler', item: 'schedule invocations', unit: 'invocations',
    tiers: flat(dollars('1.00', M)),
    free: { amount: 14_000_000n, kind: 'always', note: '14M invocations a month' },
    source: SOURCES.scheduler,
  },
  s3Storage: {
    service: 'S3', item: 'Standard storage (documents, every version)', unit: 'byte-months',
    tiers: [
      { upTo: 50n * 1024n * GB, rate: dollars('0.023', GB) },
      { upTo: 500n * 1024n * GB, rate: dollars('0.022', GB) },
      { upTo: null, rate: dollars('0.021', GB) },
    ],
    free: { amount: 5n * GB, kind: '12-month', note: '5 GB a month, first 12 months' },
    source: SOURCES.s3,
  },
  s3Puts: {
    service: 'S3', item: 'PUT, COPY, POST, LIST requests', unit: 'requests',
    tiers: flat(dollars('0.005', K)),
    free: { amount: 2_000n, kind: '12-month', note: '2,000 a month, first 12 months' },
    source: SOURCES.s3,
  },
  s3Gets: {
    service: 'S3', item: 'GET and other requests', unit: 'requests',
    tiers: flat(dollars('0.0004', K)),
    free: { amount: 20_000n, kind: '12-month', note: '20,000 a month, first 12 months' },
    source: SOURCES.s3,
  },
  logsIngestion: {
    service: 'CloudWatch', item: 'Logs ingestion (standard class)', unit: 'bytes',
    tiers: flat(dollars('0.50', GB)),
    free: { amount: 5n * GB, kind: 'always', note: '5 GB of logs data a month (ingestion, storage and Insights scans together; the model gives it all to ingestion)' },
    source: SOURCES.cloudwatch,
  },
  logsStorage: {
    service: 'CloudWatch', item: 'Logs storage (archived, compressed)', unit: 'byte-months',
    tiers: flat(dollars('0.03', GB)), source: SOURCES.cloudwatch,
  },
  alarms: {
    service: 'CloudWatch', item: 'standard-resolution alarms', unit: 'alarm-months',
    tiers: flat(dollars('0.10', 1n)),
    free: { amount: 10n, kind: 'always', note: '10 alarm metrics a month' },
    source: SOURCES.cloudwatch,
  },
  customMetrics: {
    service: 'CloudWatch', item: 'custom metrics (Embedded Metric Format), prorated by the hour', unit: 'metric-hours',
    // $0.30 a metric-month for the first 10,000 metrics; a month is 730 metric-hours.
    tiers: flat(dollars('0.30', 730n)),
    free: { amount: 10n * 730n, kind: 'always', note: '10 custom metrics a month' },
    source: SOURCES.cloudwatch,
  },
  xrayTraces: {
    service: 'X-Ray', item: 'traces recorded', unit: 'traces',
    tiers: flat(dollars('5.00', M)),
    free: { amount: 100_000n, kind: 'always', note: '100,000 traces recorded a month' },
    source: SOURCES.xray,
  },
  kmsKeys: {
    service: 'KMS', item: 'customer managed keys (the alarm topics\' keys)', unit: 'key-months',
    tiers: flat(dollars('1.00', 1n)), source: SOURCES.kms,
  },
} as const satisfies Record<string, PriceLine>;

export type LineId = keyof typeof PRICES;
export const LINE_IDS = Object.keys(PRICES) as LineId[];
export type Quantities = Record<LineId, bigint>;

// ───────────────────────────── usage assumptions ─────────────────────────────
// Each is a challengeable assumption; docs/cost-model.md gives the reasoning.

/** A month in the model: 30 days, 21 working days, 730 hours. */
export const DAYS_PER_MONTH = 30n;
export const WORKING_DAYS_PER_MONTH = 21n;
export const HOURS_PER_MONTH = 730n;

/** From the code: the authorizer's decision (and AppSync's cache of it) lives DECISION_TTL_SECONDS. */
export const DECISION_TTL = BigInt(DECISION_TTL_SECONDS);
/** From the code (lambda-authorizer/decide.ts): probes of one employee's decision, and BatchIsAuthorized's limit of 30. */
export const PROBES_PER_EMPLOYEE_DECISION = BigInt(new Set(Object.values(OPERATION_GROUPS)).size + 1 + CAPABILITIES.length + 3 * FIELD_GROUP_NAMES.length);
export const AVP_BATCH_LIMIT = 30n;
export const AVP_CALLS_PER_DECISION = (PROBES_PER_EMPLOYEE_DECISION + AVP_BATCH_LIMIT - 1n) / AVP_BATCH_LIMIT;

export const ASSUMPTIONS = {
  /** Every employee signs in once a working day (a new ID token, so a new decision; the pre-token trigger runs). */
  signInsPerWorkingDay: 1n,
  /** Minutes with requests per sign-in. A token's decision is reused for DECISION_TTL seconds, so one decision per active minute. */
  activeMinutesPerSession: 5n,
  /** GraphQL queries per employee per working day (own record, lists, attendance month, balances). */
  queriesPerWorkingDay: 12n,
  /** clockIn + clockOut. */
  punchesPerWorkingDay: 2n,
  /** Other mutations (profile, corrections, requests). */
  otherMutationsPerWorkingDay: 1n,
  /** Share of queries served by a Lambda resolver (team today, balances, rosters), in percent. */
  lambdaQuerySharePercent: 25n,
  /** Minutes a day the app holds its onNotification subscription open (the working day). */
  subscribedMinutesPerWorkingDay: 480n,
  /** Notifications delivered per employee per month (reminders, approvals). */
  notificationsPerMonth: 10n,

  // DynamoDB request units per operation (items ≤ 1 KB written, ≤ 4 KB read; transactions cost double).
  rruPerQuery: 4n,
  /** The authorizer's registry read per decision (worst case: its in-process snapshot missed). */
  rruPerDecision: 1n,
  rruPerPunch: 3n,
  /** A punch is one transaction of three puts (punch, idempotency guard, state): 3 × 2 WRU. */
  wruPerPunch: 6n,
  rruPerOtherMutation: 2n,
  /** Item + history item in a transaction (4) + index updates (2). */
  wruPerOtherMutation: 6n,
  /** Attendance generation per employee-day: plan and punches read, the day's record and its department-index entry written. */
  rruPerAttendanceDay: 2n,
  wruPerAttendanceDay: 2n,
  /** Leave accrual per employee-month: contracts, policies, balance read; 2 leave types × (ledger put + balance update in a transaction). */
  rruPerAccrual: 6n,
  wruPerAccrual: 8n,
  /** Reminder dispatcher per employee-day: the planned day read. */
  rruPerDispatchDay: 1n,
  /** Per job run: the picker's claim (conditional update + index entry) and the runner's outcome and history transaction. */
  rruPerJobRun: 2n,
  wruPerJobRun: 6n,
  /** A picker tick's DueJobs index query that finds little or nothing. */
  rruPerPickerTick: 1n,

  // Lambda (memory from cdk/, durations assumed: billed ms per invocation).
  authorizerMb: 512n, authorizerMs: 150n,
  preTokenMb: 256n, preTokenMs: 100n,
  resolverMb: 256n, resolverMs: 200n,
  pickerMb: 512n, pickerMs: 100n,
  runnerMb: 512n,
  /** A tenant job's fixed time (read the job, assume the tenant role, record the outcome). */
  runnerBaseMs: 300n,
  attendanceMsPerEmployee: 20n,
  accrualMsPerEmployee: 30n,
  dispatchMsPerEmployee: 5n,

  // Storage.
  /** Months of history the tables hold in steady state (nothing is deleted yet). */
  historyMonths: 12n,
  /** An employee's standing items (record, contracts, balances, plans) with index copies. */
  baseBytesPerEmployee: 20_000n,
  /** Bytes per stored punch item (three items per punch) and per daily record (with its index copy). */
  bytesPerPunchItem: 400n,
  bytesPerAttendanceDay: 1_600n,
  /** Documents per employee in S3, every version: 10 files of 200 KB. */
  documentBytesPerEmployee: 2_000_000n,
  documentPutsPerMonth: 1n,
  documentGetsPerMonth: 2n,

  // Logs and traces.
  /** Per Lambda invocation: START, END, REPORT, the X-Ray line and one structured line. */
  logBytesPerInvocation: 700n,
  /** The authorizer's `authorized` line carries the denied operations too. */
  extraLogBytesPerDecision: 500n,
  /** Archived (compressed) size as a share of ingested, in percent. */
  logArchivePercent: 15n,
  /** Months kept: Prod 12 (logs.RetentionDays.ONE_YEAR), Dev and Staging 1 (cdk/stage-settings.ts); steady state. */
  prodLogRetentionMonths: 12n,
  nonProdLogRetentionMonths: 1n,
  /** X-Ray's default sampling rule: the first request each second, then 5 %. */
  xrayReservoirPerSecond: 1n,
  xraySamplePercent: 5n,
} as const;

/** From cdk/ (a synth of one stage): alarms per stage and in the shared identity stack, keys, Lambda runners. */
export const DEPLOYED = {
  stages: ['Dev', 'Staging', 'Prod'] as const,
  alarmsPerStage: 23n,
  alarmsShared: 1n,
  kmsKeysPerStage: 1n,
  kmsKeysShared: 1n,
  /** The picker's EMF metrics (JobsClaimed, JobsDispatchFailed, JobsDeadOnLeaseExpiry), sent every tick. */
  pickerMetrics: 3n,
  /** JobRuns and JobDuration per (runner, outcome). */
  metricsPerRunnerOutcome: 2n,
  /** Tenant jobs every tenant has (the seed's schedules): contract runner, attendance generation and reminder dispatcher daily; leave accrual monthly. */
  dailyTenantJobs: 3n,
  monthlyTenantJobs: 1n,
  /** AttGen-System, hourly in the system tenant. */
  systemJobRunsPerMonth: 730n,
} as const;

export type StageName = (typeof DEPLOYED.stages)[number] | 'Shared';
export const COLUMNS: readonly StageName[] = ['Shared', 'Dev', 'Staging', 'Prod'];

export interface Scale {
  readonly tenants: bigint;
  readonly employeesPerTenant: bigint;
}

const zero = (): Quantities => Object.fromEntries(LINE_IDS.map((id) => [id, 0n])) as Quantities;
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
const percent = (value: bigint, pct: bigint) => (value * pct) / 100n;
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** X-Ray traces recorded of `requests` spread evenly over the month. */
export function sampledTraces(requests: bigint): bigint {
  const reservoir = ASSUMPTIONS.xrayReservoirPerSecond * HOURS_PER_MONTH * 3600n;
  return min(requests, reservoir) + percent(requests > reservoir ? requests - reservoir : 0n, ASSUMPTIONS.xraySamplePercent);
}

/** A month of one stage: its fixed load (picker, system job, alarms, key, metrics) plus `scale`'s tenants (none outside Prod). */
export function stageUsage(stage: StageName, scale: Scale): Quantities {
  const q = zero();
  const a = ASSUMPTIONS;
  if (stage === 'Shared') {
    // The identity stack: the system pool, the pre-token trigger (its invocations are counted with Prod's sign-ins), one alarm, one key.
    q.alarms = DEPLOYED.alarmsShared;
    q.kmsKeys = DEPLOYED.kmsKeysShared;
    return q;
  }
  const tenants = stage === 'Prod' ? scale.tenants : 0n;
  const employees = tenants * scale.employeesPerTenant;
  const wd = WORKING_DAYS_PER_MONTH;

  // Fixed per stage.
  const ticks = (DAYS_PER_MONTH * 24n * 60n) / BigInt(PICKER_SCHEDULE_MINUTES);
  q.schedulerInvocations = ticks;
  q.alarms = DEPLOYED.alarmsPerStage;
  q.kmsKeys = DEPLOYED.kmsKeysPerStage;

  // People.
  const signIns = employees * a.signInsPerWorkingDay * wd;
  const decisionsPerSession = ceilDiv(a.activeMinutesPerSession * 60n, DECISION_TTL);
  const decisions = signIns * decisionsPerSession;
  const queries = employees * a.queriesPerWorkingDay * wd;
  const punches = employees * a.punchesPerWorkingDay * wd;
  const otherMutations = employees * a.otherMutationsPerWorkingDay * wd;
  const operations = queries + punches + otherMutations;
  const lambdaQueries = percent(queries, a.lambdaQuerySharePercent);

  q.appsyncOperations = operations;
  q.appsyncConnectionMinutes = employees * a.subscribedMinutesPerWorkingDay * wd;
  // Each session connects and subscribes (2 operations), then receives its notifications.
  q.appsyncRealtimeUpdates = signIns * 2n + employees * a.notificationsPerMonth;
  q.cognitoMau = employees;
  q.avpBatch = decisions * AVP_CALLS_PER_DECISION;

  // Jobs.
  const dailyJobRuns = tenants * DEPLOYED.dailyTenantJobs * DAYS_PER_MONTH;
  const monthlyJobRuns = tenants * DEPLOYED.monthlyTenantJobs;
  const tenantJobRuns = dailyJobRuns + monthlyJobRuns;
  const jobRuns = tenantJobRuns + DEPLOYED.systemJobRunsPerMonth;
  const attendanceDays = employees * DAYS_PER_MONTH;

  // Lambda.
  const invocations = {
    authorizer: decisions,
    preToken: signIns,
    resolvers: lambdaQueries + punches + otherMutations,
    picker: ticks,
    runners: jobRuns,
  };
  q.lambdaRequests = Object.values(invocations).reduce((sum, n) => sum + n, 0n);
  const runnerMs =
    jobRuns * a.runnerBaseMs +
    attendanceDays * a.attendanceMsPerEmployee +
    employees * a.accrualMsPerEmployee +
    attendanceDays * a.dispatchMsPerEmployee;
  q.lambdaDuration =
    decisions * a.authorizerMb * a.authorizerMs +
    signIns * a.preTokenMb * a.preTokenMs +
    invocations.resolvers * a.resolverMb * a.resolverMs +
    ticks * a.pickerMb * a.pickerMs +
    runnerMs * a.runnerMb;

  // DynamoDB.
  q.dynamodbReads =
    queries * a.rruPerQuery + decisions * a.rruPerDecision + punches * a.rruPerPunch + otherMutations * a.rruPerOtherMutation +
    attendanceDays * (a.rruPerAttendanceDay + a.rruPerDispatchDay) + employees * a.rruPerAccrual +
    jobRuns * a.rruPerJobRun + ticks * a.rruPerPickerTick;
  q.dynamodbWrites =
    punches * a.wruPerPunch + otherMutations * a.wruPerOtherMutation + attendanceDays * a.wruPerAttendanceDay +
    employees * a.wruPerAccrual + jobRuns * a.wruPerJobRun;
  const bytesPerEmployeeMonth = a.punchesPerWorkingDay * wd * 3n * a.bytesPerPunchItem + DAYS_PER_MONTH * a.bytesPerAttendanceDay;
  const tableBytes = employees * (a.baseBytesPerEmployee + a.historyMonths * bytesPerEmployeeMonth);
  q.dynamodbStorage = tableBytes;
  q.dynamodbPitr = tableBytes;

  // S3.
  q.s3Storage = employees * a.documentBytesPerEmployee;
  q.s3Puts = employees * a.documentPutsPerMonth;
  q.s3Gets = employees * a.documentGetsPerMonth;

  // CloudWatch.
  const logBytes = q.lambdaRequests * a.logBytesPerInvocation + decisions * a.extraLogBytesPerDecision;
  q.logsIngestion = logBytes;
  const retention = stage === 'Prod' ? a.prodLogRetentionMonths : a.nonProdLogRetentionMonths;
  q.logsStorage = percent(logBytes * retention, a.logArchivePercent);
  // Metric-hours: the picker's every hour; AttGen-System's (one outcome) every hour; each tenant runner's in the
  // hours its tenants' jobs run (one hour a day per distinct tenant, at most 24 a day).
  const runnerHoursPerDay = min(tenants, 24n);
  q.customMetrics =
    DEPLOYED.pickerMetrics * HOURS_PER_MONTH +
    DEPLOYED.metricsPerRunnerOutcome * HOURS_PER_MONTH +
    DEPLOYED.metricsPerRunnerOutcome * (DEPLOYED.dailyTenantJobs * runnerHoursPerDay * DAYS_PER_MONTH + DEPLOYED.monthlyTenantJobs * runnerHoursPerDay);

  // X-Ray: requests through AppSync (the authorizer and resolvers join their trace), sign-ins, ticks and job runs.
  q.xrayTraces = sampledTraces(operations + signIns + ticks + jobRuns);
  return q;
}

// ───────────────────────────── pricing a month ─────────────────────────────

export interface LineCost {
  readonly id: LineId;
  readonly quantity: bigint;
  readonly billed: bigint;
  readonly micros: bigint;
}

/** Prices quantities; `freeTier` subtracts the always-free allowances (never below zero). */
export function priceQuantities(quantities: Quantities, freeTier: boolean): LineCost[] {
  return LINE_IDS.map((id) => {
    const line: PriceLine = PRICES[id];
    const quantity = quantities[id];
    const billed = freeTier && line.free?.kind === 'always' ? afterFreeTier(quantity, line.free.amount) : quantity;
    return { id, quantity, billed, micros: tieredCost(billed, line.tiers) };
  });
}

export const sumMicros = (lines: readonly { micros: bigint }[]): bigint => lines.reduce((sum, line) => sum + line.micros, 0n);

export const SERVICES: readonly Service[] = [
  'AppSync', 'Lambda', 'DynamoDB', 'Cognito', 'Verified Permissions', 'EventBridge Scheduler', 'S3', 'CloudWatch', 'X-Ray', 'KMS',
];

export function byService(lines: readonly LineCost[]): Map<Service, bigint> {
  const totals = new Map<Service, bigint>(SERVICES.map((s) => [s, 0n]));
  for (const line of lines) totals.set(PRICES[line.id].service, totals.get(PRICES[line.id].service)! + line.micros);
  return totals;
}

export interface Model {
  readonly scale: Scale;
  readonly stageQuantities: Record<StageName, Quantities>;
  /** Each stage priced alone, no free tier. */
  readonly stageLines: Record<StageName, LineCost[]>;
  /** The account (every stage's quantities summed, so volume tiers and free tiers apply once). */
  readonly accountQuantities: Quantities;
  readonly account: LineCost[];
  readonly accountFree: LineCost[];
}

export function computeModel(scale: Scale): Model {
  const stageQuantities = Object.fromEntries(COLUMNS.map((stage) => [stage, stageUsage(stage, scale)])) as Record<StageName, Quantities>;
  const stageLines = Object.fromEntries(COLUMNS.map((stage) => [stage, priceQuantities(stageQuantities[stage], false)])) as Record<StageName, LineCost[]>;
  const accountQuantities = zero();
  for (const stage of COLUMNS) for (const id of LINE_IDS) accountQuantities[id] += stageQuantities[stage][id];
  return {
    scale,
    stageQuantities,
    stageLines,
    accountQuantities,
    account: priceQuantities(accountQuantities, false),
    accountFree: priceQuantities(accountQuantities, true),
  };
}

// ───────────────────────────── the report ─────────────────────────────

const count = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function quantityText(id: LineId, n: bigint): string {
  switch (PRICES[id].unit) {
    case 'MB-ms': return `${count(n / GB_SECOND)} GB-s`;
    case 'bytes': return `${formatGb(n)} GB`;
    case 'byte-months': return `${formatGb(n)} GB-month`;
    case 'metric-hours': return `${count(n)} metric-hours`;
    default: return `${count(n)} ${PRICES[id].unit}`;
  }
}

function formatGb(bytes: bigint): string {
  const hundredths = (bytes * 100n + GB / 2n) / GB;
  return `${count(hundredths / 100n)}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** The service whose cost is largest (ties: the first in SERVICES). */
export function dominant(lines: readonly LineCost[]): { service: Service; micros: bigint; total: bigint } {
  const totals = byService(lines);
  let best: Service = SERVICES[0]!;
  for (const s of SERVICES) if (totals.get(s)! > totals.get(best)!) best = s;
  return { service: best, micros: totals.get(best)!, total: sumMicros(lines) };
}

/** The report for one scale: the Markdown tables docs/cost-model.md shows between its markers. */
export function renderReport(model: Model): string {
  const { tenants, employeesPerTenant } = model.scale;
  const employees = tenants * employeesPerTenant;
  const out: string[] = [];
  out.push(`### ${count(tenants)} tenants × ${count(employeesPerTenant)} employees (${count(employees)} employees)`, '');

  out.push('Usage per month (account, all stages):', '', '| line | quantity | billed after always-free tier |', '|---|---:|---:|');
  for (const line of model.accountFree) {
    if (line.quantity === 0n) continue;
    out.push(`| ${PRICES[line.id].service}: ${PRICES[line.id].item} | ${quantityText(line.id, line.quantity)} | ${quantityText(line.id, line.billed)} |`);
  }
  out.push('');

  out.push('Monthly cost per stage (each stage priced alone, no free tier):', '');
  out.push(`| service | ${COLUMNS.join(' | ')} |`, `|---|${COLUMNS.map(() => '---:').join('|')}|`);
  const stageByService = Object.fromEntries(COLUMNS.map((s) => [s, byService(model.stageLines[s])])) as Record<StageName, Map<Service, bigint>>;
  for (const service of SERVICES) out.push(`| ${service} | ${COLUMNS.map((s) => formatMicros(stageByService[s].get(service)!)).join(' | ')} |`);
  out.push(`| **total** | ${COLUMNS.map((s) => `**${formatMicros(sumMicros(model.stageLines[s]))}**`).join(' | ')} |`, '');

  const stagesSum = COLUMNS.reduce((sum, s) => sum + sumMicros(model.stageLines[s]), 0n);
  const accountTotal = sumMicros(model.account);
  const freeTotal = sumMicros(model.accountFree);
  out.push('Monthly cost of the account (stages summed, volume tiers applied once):', '');
  out.push('| service | without free tier | with always-free tier |', '|---|---:|---:|');
  const acc = byService(model.account);
  const accFree = byService(model.accountFree);
  for (const service of SERVICES) out.push(`| ${service} | ${formatMicros(acc.get(service)!)} | ${formatMicros(accFree.get(service)!)} |`);
  out.push(`| **total** | **${formatMicros(accountTotal)}** | **${formatMicros(freeTotal)}** |`);
  out.push(`| volume-tier saving against the stages priced alone | ${formatMicros(accountTotal - stagesSum)} | |`);
  out.push(`| per tenant | ${formatMicros(accountTotal / tenants, 4)} | ${formatMicros(freeTotal / tenants, 4)} |`);
  out.push(`| per employee | ${formatMicros(accountTotal / employees, 4)} | ${formatMicros(freeTotal / employees, 4)} |`, '');

  const top = dominant(model.account);
  const topFree = dominant(model.accountFree);
  out.push(
    `Dominant: ${top.service}, ${formatMicros(top.micros)} of ${formatMicros(top.total)} without free tier (${sharePercent(top.micros, top.total)}); ` +
      `${topFree.service}, ${formatMicros(topFree.micros)} of ${formatMicros(topFree.total)} with it (${sharePercent(topFree.micros, topFree.total)}).`,
  );
  return out.join('\n');
}

function sharePercent(part: bigint, whole: bigint): string {
  if (whole === 0n) return '0 %';
  return `${((part * 1000n + whole / 2n) / whole / 10n).toString()}.${((part * 1000n + whole / 2n) / whole % 10n).toString()} %`;
}

/** The scales the issue asks for, in the order the doc shows them. */
export const DOCUMENTED_SCALES: readonly Scale[] = [
  { tenants: 10n, employeesPerTenant: 50n },
  { tenants: 1_000n, employeesPerTenant: 500n },
];

/** The doc's markers around a scale's report. */
export const reportMarkers = (scale: Scale) => ({
  begin: `<!-- cost-model ${scale.tenants}x${scale.employeesPerTenant} begin -->`,
  end: `<!-- cost-model ${scale.tenants}x${scale.employeesPerTenant} end -->`,
});

// ───────────────────────────── the CLI ─────────────────────────────

export const USAGE = 'usage: node --import tsx scripts/cost-model.ts [--tenants N --employees M]   (N, M positive integers; M employees per tenant)';
const MAX_FLAG = 10_000_000n;

export class UsageError extends Error {}

/** `--tenants N --employees M` (both or neither; `--flag=value` too); no flags: the documented scales. */
export function parseArgs(argv: readonly string[]): Scale[] {
  const values: { tenants?: bigint; employees?: bigint } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--tenants' && flag !== '--employees') throw new UsageError(`unknown argument: ${arg}`);
    const key = flag === '--tenants' ? 'tenants' : 'employees';
    if (values[key] !== undefined) throw new UsageError(`${flag} given twice`);
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new UsageError(`${flag} needs a value`);
    if (!/^[1-9]\d*$/.test(raw)) throw new UsageError(`${flag} must be a positive integer, not "${raw}"`);
    const value = BigInt(raw);
    if (value > MAX_FLAG) throw new UsageError(`${flag} must be at most ${count(MAX_FLAG)}`);
    values[key] = value;
  }
  if (values.tenants === undefined && values.employees === undefined) return [...DOCUMENTED_SCALES];
  if (values.tenants === undefined || values.employees === undefined) throw new UsageError('give --tenants and --employees together');
  return [{ tenants: values.tenants, employeesPerTenant: values.employees }];
}

export function main(argv: readonly string[], write: (text: string) => void = (t) => process.stdout.write(t), error: (text: string) => void = (t) => process.stderr.write(t)): number {
  let scales: Scale[];
  try {
    scales = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    error(`cost-model: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  write(`${scales.map((scale) => renderReport(computeModel(scale))).join('\n\n')}\n`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
