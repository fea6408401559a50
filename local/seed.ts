/**
 * Demo data for a new local stack: the system tenant and two customer tenants (acme, globex),
 * demo users for every role, a few employees, an organisation (location, cost centres,
 * departments, positions) and work schedules (shift types, patterns the contracts name, the
 * location's holiday calendar and a company day) per customer tenant, created through the GraphQL
 * API itself (signed in as the tenant's admin) so they obey every rule a client meets; a week of
 * attendance (punches and the daily records generated from them) for the demo users with an
 * employee record, and a kiosk sign-in for acme.
 */
import type { CreateEmployeeInput } from '../domain/generated/graphql.ts';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createJob, JobConflictError, type NewJobInput } from '../domain/jobs/engine.ts';
import { tenantKey } from '../domain/model/keys.ts';
import { earnPeriod } from '../domain/leave/earn.ts';
import { holidayOn } from '../domain/schedules/holidays.ts';
import { punchItemKey, punchStateKey } from '../domain/attendance/model/keys.ts';
import type { Punch, PunchRow, PunchStateRow } from '../domain/attendance/model/records.ts';
import { generateDays } from '../domain/attendance/store.ts';
import { approvedLeave } from '../domain/leave/attendance-source.ts';
import { deterministicUlid } from '../domain/notifications/publish.ts';
import { createPlanSource } from '../domain/schedules/plan-source.ts';
import { tableName } from '../domain/model/tables.ts';
import { SYSTEM_TENANT_ID, type Role } from '../domain/model/tenant-context.ts';
import { onboardTenant, onboardUser, type OnboardingContext, type TenantSpec } from './onboarding.ts';
import { addDays, isoWeekday } from '../domain/model/dates.ts';
import type { TenantRecord } from '../domain/tenancy/registry.ts';
import { localDate, zonedInstant } from '../domain/time.ts';

/** The password of every demo user: local data only. */
export const DEMO_PASSWORD = 'Demo-Passw0rd!';

export interface DemoUser {
  email: string;
  tenantId: string;
  role: Role;
  /** Employee number of the user's own record, for users who are employees. */
  employeeNumber?: string;
}

export const DEMO_TENANTS: readonly TenantSpec[] = [
  { tenantId: SYSTEM_TENANT_ID, displayName: 'OptimalHR (system)', plan: 'system', adminEmail: 'admin@optimalhr.local' },
  {
    tenantId: 'acme',
    displayName: 'Acme Corporation',
    plan: 'enterprise',
    adminEmail: 'admin@acme.example',
    settings: { timeZone: 'America/New_York', locale: 'en-US', currency: 'USD', weekStart: 'SUNDAY', fiscalYearStart: '01-01' },
  },
  {
    tenantId: 'globex',
    displayName: 'Globex Inc.',
    plan: 'standard',
    adminEmail: 'admin@globex.example',
    settings: { timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR', weekStart: 'MONDAY', fiscalYearStart: '04-01' },
  },
];

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@optimalhr.local', tenantId: SYSTEM_TENANT_ID, role: 'SystemAdmin' },
  { email: 'superuser@optimalhr.local', tenantId: SYSTEM_TENANT_ID, role: 'SystemSuperuser' },
  { email: 'support@optimalhr.local', tenantId: SYSTEM_TENANT_ID, role: 'SystemSupport' },
  { email: 'admin@acme.example', tenantId: 'acme', role: 'TenantAdmin' },
  { email: 'kiosk@acme.example', tenantId: 'acme', role: 'Kiosk' },
  { email: 'manager@acme.example', tenantId: 'acme', role: 'TenantUser', employeeNumber: 'A-0003' },
  { email: 'user@acme.example', tenantId: 'acme', role: 'TenantUser', employeeNumber: 'A-0002' },
  { email: 'admin@globex.example', tenantId: 'globex', role: 'TenantAdmin' },
  { email: 'user@globex.example', tenantId: 'globex', role: 'TenantUser', employeeNumber: 'G-0002' },
];

/**
 * [number, first, last, title, department, start, manager's number, contract details]. A start of
 * `+N` is N days after the tenant's today, so every fresh stack has contract events coming up.
 */
type Person = [string, string, string, string, string, string, string | null, SeedContract?];
interface SeedContract {
  /** The work pattern of {@link SCHEDULES} the contract names; default the office week. */
  pattern?: DemoPattern;
  employmentType?: 'FULL_TIME' | 'PART_TIME' | 'CONTRACTOR' | 'INTERN';
  /** Days after today (fixed-term end) or a date. */
  end?: string;
  /** Days after the start. */
  probationDays?: number;
}

const PEOPLE: Record<string, { domain: string; country: string; city: string; people: Person[] }> = {
  acme: {
    domain: 'acme.example',
    country: 'US',
    city: 'Springfield',
    people: [
      ['A-0001', 'Grace', 'Hopper', 'Chief People Officer', 'People', '2015-03-02', null],
      ['A-0003', 'Ada', 'Lovelace', 'Engineering Manager', 'Engineering', '2016-01-18', 'A-0001'],
      ['A-0002', 'Alan', 'Turing', 'Staff Engineer', 'Engineering', '2017-06-12', 'A-0003'],
      ['A-0005', 'Linus', 'Torvalds', 'Software Engineer', 'Engineering', '2021-04-06', 'A-0003'],
      ['A-0004', 'Katherine', 'Johnson', 'Payroll Specialist', 'Finance', '2019-09-01', 'A-0001'],
      ['A-0006', 'Margaret', 'Hamilton', 'HR Business Partner', 'People', '2020-11-16', 'A-0001'],
      // Starts tomorrow: PENDING until the contract runner's next run activates her. Her probation ends
      // 14 days later, so that same run reminds her manager (Ada, manager@acme.example) and HR.
      ['A-0007', 'Barbara', 'Liskov', 'Software Engineer', 'Engineering', '+1', 'A-0003', { probationDays: 14 }],
      // A contractor whose fixed term ends the day after tomorrow: the runner ends it the day after.
      ['A-0008', 'Dennis', 'Ritchie', 'Contract Engineer', 'Engineering', '2025-09-01', 'A-0003', { employmentType: 'CONTRACTOR', end: '+2' }],
    ],
  },
  globex: {
    domain: 'globex.example',
    country: 'DE',
    city: 'Berlin',
    people: [
      ['G-0001', 'Hank', 'Scorpio', 'Chief Executive Officer', 'Executive', '2010-05-03', null],
      ['G-0002', 'Homer', 'Simpson', 'Safety Inspector', 'Operations', '2012-08-20', 'G-0001', { pattern: 'rotation' }],
      ['G-0003', 'Lenny', 'Leonard', 'Technician', 'Operations', '2013-02-11', 'G-0001', { pattern: 'rotation' }],
      ['G-0004', 'Carl', 'Carlson', 'Technician', 'Operations', '2013-02-11', 'G-0001', { pattern: 'rotation' }],
      ['G-0005', 'Frank', 'Grimes', 'Technician', 'Operations', '+1', 'G-0001', { probationDays: 180, pattern: 'rotation' }],
    ],
  },
};

const CREATE = `mutation Seed($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`;

async function createEmployee(url: string, token: string, input: CreateEmployeeInput): Promise<string> {
  return createThrough(url, token, 'createEmployee', CREATE, input, input.employeeNumber);
}

/** Runs a create mutation (root field `field`) through the API as the tenant's admin; its id. */
async function createThrough(url: string, token: string, field: string, query: string, input: object, what: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query, variables: { input } }),
  });
  const body = (await response.json()) as { data?: Record<string, { id: string } | null>; errors?: { message: string }[] };
  const id = body.data?.[field]?.id;
  if (!id) throw new Error(`Seeding ${what} failed (HTTP ${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  return id;
}

/**
 * Each customer tenant's organisation: a location in its time zone, cost centres, departments
 * named as the demo employees' (headed where a demo employee fits, by employee number) and a
 * position per demo job title, in the department of the people who hold it.
 */
const ORGANISATION: Record<string, {
  location: { name: string; timeZone: string; address: { line1: string; city: string; region?: string; postalCode?: string; country: string } };
  costCentres: { code: string; name: string }[];
  /** [name, code, parent's name, head's employee number, cost-centre code] */
  departments: [string, string, string | null, string | null, string][];
}> = {
  acme: {
    location: { name: 'New York HQ', timeZone: 'America/New_York', address: { line1: '1 Demo Plaza', city: 'New York', region: 'NY', postalCode: '10004', country: 'US' } },
    costCentres: [{ code: 'CC-100', name: 'Engineering' }, { code: 'CC-200', name: 'Corporate' }],
    departments: [
      ['People', 'PPL', null, 'A-0001', 'CC-200'],
      ['Engineering', 'ENG', null, 'A-0003', 'CC-100'],
      ['Finance', 'FIN', null, null, 'CC-200'],
    ],
  },
  globex: {
    location: { name: 'Berlin', timeZone: 'Europe/Berlin', address: { line1: 'Demostraße 1', city: 'Berlin', postalCode: '10117', country: 'DE' } },
    costCentres: [{ code: 'CC-1000', name: 'Operations' }],
    departments: [
      ['Executive', 'EXEC', null, 'G-0001', 'CC-1000'],
      ['Operations', 'OPS', 'Executive', null, 'CC-1000'],
    ],
  },
};

const SEED_ORGANISATION = {
  location: 'mutation Seed($input: CreateLocationInput!) { createLocation(input: $input) { id } }',
  costCentre: 'mutation Seed($input: CreateCostCentreInput!) { createCostCentre(input: $input) { id } }',
  department: 'mutation Seed($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }',
  position: 'mutation Seed($input: CreatePositionInput!) { createPosition(input: $input) { id } }',
};

/** A tenant's demo organisation as created: ids by department name, job title and cost-centre code, and the location. */
interface SeededOrganisation {
  departments: Map<string, string>;
  positions: Map<string, string>;
  costCentres: Map<string, string>;
  departmentCostCentres: Map<string, string>;
  locationId: string;
}

/** Creates a tenant's demo organisation through the API, as its admin (heads come later: they are employees). */
async function seedOrganisation(url: string, token: string, tenantId: string, people: Person[]): Promise<SeededOrganisation | null> {
  const spec = ORGANISATION[tenantId];
  if (!spec) return null;
  const locationId = await createThrough(url, token, 'createLocation', SEED_ORGANISATION.location, spec.location, spec.location.name);
  const costCentres = new Map<string, string>();
  for (const cc of spec.costCentres) costCentres.set(cc.code, await createThrough(url, token, 'createCostCentre', SEED_ORGANISATION.costCentre, cc, cc.code));
  const departments = new Map<string, string>();
  const departmentCostCentres = new Map<string, string>();
  for (const [name, code, parent, , costCentre] of spec.departments) {
    const input = { name, code, parentId: parent ? departments.get(parent)! : null, costCentreId: costCentres.get(costCentre)! };
    departments.set(name, await createThrough(url, token, 'createDepartment', SEED_ORGANISATION.department, input, name));
    departmentCostCentres.set(name, costCentres.get(costCentre)!);
  }
  const positions = new Map<string, string>();
  const titles = new Map(people.map(([, , , title, department]) => [title, department]));
  for (const [title, department] of titles) {
    positions.set(title, await createThrough(url, token, 'createPosition', SEED_ORGANISATION.position, { title, departmentId: departments.get(department) ?? null }, title));
  }
  return { departments, positions, costCentres, departmentCostCentres, locationId };
}

const SET_HEAD = `mutation Seed($input: UpdateDepartmentInput!) { updateDepartment(input: $input) { id } }`;

/** Gives each demo department its head (by employee number), now that the employees exist. */
async function seedDepartmentHeads(url: string, token: string, tenantId: string, organisation: SeededOrganisation, employeeIds: Map<string, string>): Promise<void> {
  for (const [name, , , head] of ORGANISATION[tenantId]?.departments ?? []) {
    if (!head) continue;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({ query: SET_HEAD, variables: { input: { id: organisation.departments.get(name)!, expectedVersion: 1, headEmployeeId: employeeIds.get(head)! } } }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(`Seeding the head of ${name} failed: ${JSON.stringify(body.errors)}`);
  }
}

/** The demo work patterns, by the name the demo people use. */
type DemoPattern = 'office' | 'rotation';

/**
 * Each customer tenant's schedules: the shift types every demo tenant gets (day, early, late,
 * night), the office week and the two-weeks-early/two-weeks-late rotation, the public-holiday
 * calendar its location follows and the name of one company day off.
 */
const SCHEDULES: Record<string, { calendar: { country: string; state: string }; companyDay: string }> = {
  acme: { calendar: { country: 'US', state: 'NY' }, companyDay: 'Acme Founders\' Day' },
  globex: { calendar: { country: 'DE', state: 'BE' }, companyDay: 'Globex Betriebsausflug' },
};
const DEMO_OVERTIME = { afterShift: { multiplier: '1.25', minimumMinutes: 15 }, restDay: { multiplier: '1.5', minimumMinutes: 0 }, holiday: { multiplier: '2', minimumMinutes: 0 } };
const DEMO_SHIFT_TYPES = [
  { key: 'day', name: 'Day', start: '09:00', end: '17:00' },
  { key: 'early', name: 'Early', start: '06:00', end: '14:00' },
  { key: 'late', name: 'Late', start: '14:00', end: '22:00' },
  { key: 'night', name: 'Night', start: '22:00', end: '06:00' },
] as const;
/** Patterns by the shift-type keys of their days (null: rest); both cycles start on Monday 2024-01-01. */
const DEMO_PATTERNS: Record<DemoPattern, { name: string; days: (string | null)[] }> = {
  office: { name: 'Office week', days: ['day', 'day', 'day', 'day', 'day', null, null] },
  rotation: {
    name: 'Two weeks early, two weeks late',
    days: [...Array<string | null>(2).fill(null).flatMap(() => ['early', 'early', 'early', 'early', 'early', null, null]), ...Array<string | null>(2).fill(null).flatMap(() => ['late', 'late', 'late', 'late', 'late', null, null])],
  },
};

const SEED_SCHEDULES = {
  shiftType: 'mutation Seed($input: CreateShiftTypeInput!) { createShiftType(input: $input) { id } }',
  pattern: 'mutation Seed($input: CreateWorkPatternInput!) { createWorkPattern(input: $input) { id } }',
  calendar: 'mutation Seed($input: SetLocationCalendarInput!) { setLocationCalendar(input: $input) { id: locationId } }',
  companyDay: 'mutation Seed($input: EditHolidayInput!) { editHoliday(input: $input) { id: scope } }',
};

/**
 * A tenant's demo schedules through the API, as its admin: shift types, patterns (whose ids the
 * demo contracts name), the location's holiday calendar, and a company day on the first working
 * day at least two weeks ahead that is not a public holiday. The pattern ids by name.
 */
async function seedSchedules(url: string, token: string, tenantId: string, locationId: string, today: string): Promise<Map<DemoPattern, string>> {
  const spec = SCHEDULES[tenantId]!;
  const types = new Map<string, string>();
  for (const type of DEMO_SHIFT_TYPES) {
    const input = { name: type.name, start: type.start, end: type.end, breakMinutes: 30, graceLateMinutes: 5, graceEarlyMinutes: 5, overtime: DEMO_OVERTIME };
    types.set(type.key, await createThrough(url, token, 'createShiftType', SEED_SCHEDULES.shiftType, input, type.name));
  }
  const patterns = new Map<DemoPattern, string>();
  for (const [key, pattern] of Object.entries(DEMO_PATTERNS) as [DemoPattern, (typeof DEMO_PATTERNS)[DemoPattern]][]) {
    const input = { name: pattern.name, cycleDays: pattern.days.length, anchorDate: '2024-01-01', days: pattern.days.map((day) => (day === null ? null : types.get(day)!)) };
    patterns.set(key, await createThrough(url, token, 'createWorkPattern', SEED_SCHEDULES.pattern, input, pattern.name));
  }
  await createThrough(url, token, 'setLocationCalendar', SEED_SCHEDULES.calendar, { locationId, ...spec.calendar }, `${tenantId}'s holiday calendar`);
  const calendar = { ...spec.calendar, region: null };
  let day = addDays(today, 14);
  while (isoWeekday(day) > 5 || holidayOn(calendar, locationId, day, []) !== null) day = addDays(day, 1);
  await createThrough(url, token, 'editHoliday', SEED_SCHEDULES.companyDay, { scope: { locationId }, date: day, action: 'ADD', name: spec.companyDay }, spec.companyDay);
  return patterns;
}

/**
 * Onboards the demo tenants and users and creates the demo employees. `signIn` returns an ID
 * token for a user of the stack's stage.
 */
export async function seedDemo(ctx: OnboardingContext, url: string, signIn: (email: string, password: string) => Promise<string>): Promise<void> {
  const tenants = new Map(await Promise.all(DEMO_TENANTS.map(async (spec) => [spec.tenantId, await onboardTenant(ctx, spec)] as const)));
  const admins = DEMO_USERS.filter((u) => !u.employeeNumber);
  for (const user of admins) await onboardUser(ctx, tenants.get(user.tenantId)!, { ...user, password: DEMO_PASSWORD });

  const employeeIds = new Map<string, string>();
  for (const [tenantId, { domain, country, city, people }] of Object.entries(PEOPLE)) {
    const token = await signIn(`admin@${domain}`, DEMO_PASSWORD);
    const today = localDate(new Date(), tenants.get(tenantId)!.settings?.timeZone ?? 'UTC');
    const day = (value: string) => (value.startsWith('+') ? addDays(today, Number(value.slice(1))) : value);
    const organisation = await seedOrganisation(url, token, tenantId, people);
    const patterns = organisation ? await seedSchedules(url, token, tenantId, organisation.locationId, today) : null;
    for (const [employeeNumber, firstName, lastName, jobTitle, department, start, manager, details = {}] of people) {
      const startDate = day(start);
      const placed = organisation
        ? {
            departmentId: organisation.departments.get(department) ?? null,
            positionId: organisation.positions.get(jobTitle) ?? null,
            locationId: organisation.locationId,
            costCentreId: organisation.departmentCostCentres.get(department) ?? null,
            workScheduleId: patterns?.get(details.pattern ?? 'office') ?? null,
          }
        : {};
      const id = await createEmployee(url, token, {
        employeeNumber,
        firstName,
        lastName,
        email: `${firstName}.${lastName}@${domain}`.toLowerCase(),
        phone: '+1 212 555 0100',
        address: { line1: '1 Demo Street', city, country },
        contract: {
          startDate,
          ...(details.end ? { endDate: day(details.end) } : {}),
          ...(details.probationDays ? { probationEndDate: addDays(startDate, details.probationDays) } : {}),
          terms: { jobTitle, employmentType: details.employmentType ?? 'FULL_TIME', managerId: manager ? employeeIds.get(manager)! : null, ...placed, ...demoPay(tenants.get(tenantId)!.settings?.currency ?? 'EUR', employeeNumber) },
        },
      });
      employeeIds.set(employeeNumber, id);
    }
    if (organisation) await seedDepartmentHeads(url, token, tenantId, organisation, employeeIds);
    await seedLeave(ctx, url, token, tenantId, today);
    await seedPayroll(url, token, tenants.get(tenantId)!.settings?.currency ?? 'EUR', people.map(([employeeNumber]) => employeeIds.get(employeeNumber)!));
  }

  for (const user of DEMO_USERS.filter((u) => u.employeeNumber)) {
    await onboardUser(ctx, tenants.get(user.tenantId)!, { ...user, password: DEMO_PASSWORD, employeeId: employeeIds.get(user.employeeNumber!)! });
  }

  await createDemoJob(ctx, employeeIds.get(DEMO_JOB_EMPLOYEE)!);
  await seedShiftReminders(ctx);
  await seedAttendance(ctx, employeeIds);
  await createContractJobs(ctx, [...tenants.values()]);
  await createAttendanceNightlyJob(ctx);
  await createLeaveJobs(ctx, [...tenants.values()]);
}

const SEED_LEAVE = {
  type: `mutation Seed($input: LeaveTypeInput!) { createLeaveType(input: $input) { id } }`,
  policy: `mutation Seed($input: LeavePolicyInput!) { createLeavePolicy(input: $input) { id } }`,
};

/**
 * A tenant's demo leave, through the API as its admin: annual leave (25 days a year, earned
 * monthly, at most 5 carried into the next year and used by the end of March), sick leave (10 days
 * up front each January) and unpaid leave (no entitlement); then this year's months so far
 * accrued, so a new user sees balances at once.
 */
async function seedLeave(ctx: OnboardingContext, url: string, token: string, tenantId: string, today: string): Promise<void> {
  const annual = await createThrough(url, token, 'createLeaveType', SEED_LEAVE.type, { name: 'Annual leave', paid: true, unit: 'DAYS', minNoticeDays: 7, approvalChain: [{ kind: 'LINE_MANAGER' }, { kind: 'HR', aboveDays: 10 }] }, 'annual leave');
  const sick = await createThrough(url, token, 'createLeaveType', SEED_LEAVE.type, { name: 'Sick leave', paid: true, unit: 'DAYS', countsAsWorkedTime: true }, 'sick leave');
  await createThrough(url, token, 'createLeaveType', SEED_LEAVE.type, { name: 'Unpaid leave', paid: false, unit: 'DAYS' }, 'unpaid leave');
  await createThrough(url, token, 'createLeavePolicy', SEED_LEAVE.policy, {
    name: 'Annual leave', leaveTypeId: annual, effectiveFrom: '2015-01-01', annualEntitlement: '25', accrualFrequency: 'MONTHLY',
    roundingStep: '0.01', carryForwardMax: '5', carryForwardExpiryMonths: 3, senioritySteps: [{ afterYears: 5, extra: '2' }],
  }, 'the annual leave policy');
  await createThrough(url, token, 'createLeavePolicy', SEED_LEAVE.policy, { name: 'Sick leave', leaveTypeId: sick, effectiveFrom: '2015-01-01', annualEntitlement: '10', accrualFrequency: 'UP_FRONT', roundingStep: '0.5' }, 'the sick leave policy');
  const store = { dynamodb: ctx.dynamo, leaveTable: tableName('Leave', ctx.stage), employmentTable: tableName('Employment', ctx.stage) };
  const year = today.slice(0, 4);
  for (let month = 1; `${year}-${String(month).padStart(2, '0')}` < today.slice(0, 7); month += 1) {
    await earnPeriod({ store, tenantId, period: `${year}-${String(month).padStart(2, '0')}`, postedAt: new Date().toISOString() });
  }
}

/** A demo salary: 60,000 a year plus 1,500 per employee number, in the tenant's currency (payroll's input). */
function demoPay(currency: string, employeeNumber: string): { payBasis: 'ANNUAL'; payAmount: string; payCurrency: string; weeklyHours: number } {
  const n = Number(employeeNumber.replace(/\D/g, '')) || 0;
  return { payBasis: 'ANNUAL', payAmount: `${60_000 + 1_500 * n}.00`, payCurrency: currency, weeklyHours: 40 };
}

/** The demo salary structure: basic pay for the days payable, overtime at the shift types' rates, unpaid leave, pension and tax. */
export const DEMO_SALARY_COMPONENTS = [
  { code: 'BASIC', name: 'Basic pay', kind: 'EARNING', formula: 'basePay' },
  { code: 'OT150', name: 'Overtime 150 %', kind: 'EARNING', formula: 'hourlyRate * 1.5 * overtimeMinutes150 / 60' },
  { code: 'OT200', name: 'Overtime 200 %', kind: 'EARNING', formula: 'hourlyRate * 2 * overtimeMinutes200 / 60' },
  { code: 'MEAL', name: 'Meal allowance', kind: 'EARNING', amount: '50' },
  { code: 'UNPAID', name: 'Unpaid leave', kind: 'DEDUCTION', formula: 'fullPay / daysInPeriod * unpaidLeaveDays' },
  { code: 'PENSION', name: 'Pension 5 %', kind: 'DEDUCTION', formula: '(BASIC - UNPAID) * 0.05' },
  { code: 'TAX', name: 'Income tax', kind: 'DEDUCTION', formula: 'max(0, (BASIC + OT150 + OT200 - UNPAID - PENSION) * 0.2)' },
] as const;

/** GraphQL as the tenant's admin; the answer's data, or the seed fails naming what. */
async function seedCall(url: string, token: string, query: string, variables: object, what: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`Seeding ${what} failed (HTTP ${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** A tenant's payroll through the API as its admin: settings in its currency, the demo structure, every employee on it from their start. */
async function seedPayroll(url: string, token: string, currency: string, employeeIds: string[]): Promise<void> {
  await seedCall(url, token, 'mutation ($input: PayrollSettingsInput!) { updatePayrollSettings(input: $input) { version } }', { input: { currency, rounding: 'HALF_UP', expectedVersion: 0 } }, 'the payroll settings');
  const structureId = await createThrough(url, token, 'createSalaryStructure', 'mutation ($input: SalaryStructureInput!) { createSalaryStructure(input: $input) { id } }', { name: 'Standard monthly', components: DEMO_SALARY_COMPONENTS }, 'the salary structure');
  for (const employeeId of employeeIds) {
    await seedCall(url, token, 'mutation ($input: AssignSalaryStructureInput!) { assignSalaryStructure(input: $input) { effectiveFrom } }', { input: { employeeId, structureId, effectiveFrom: '2015-01-01' } }, 'a salary structure assignment');
  }
}

/** The leave runner's job id in each customer tenant: `npm run job -- run leave-accrual --tenant acme`. */
export const LEAVE_JOB_ID = 'leave-accrual';

/** Each customer tenant's monthly leave accrual, on the 1st at 00:30 in the tenant's own zone (for the month just ended). */
async function createLeaveJobs(ctx: OnboardingContext, tenants: TenantRecord[]): Promise<void> {
  await createDemoJobs(ctx, tenants.filter((t) => t.kind === 'customer').map((t) => ({
    tenantId: t.tenantId,
    jobId: LEAVE_JOB_ID,
    runner: 'AIML-SaaS-Employee-Earn-AL',
    payload: {},
    schedule: { cron: '30 0 1 * *', timeZone: t.settings?.timeZone ?? 'UTC' },
  })));
}

/** The contract runner's job id in each customer tenant: `npm run job -- run contracts-daily --tenant acme`. */
export const CONTRACT_JOB_ID = 'contracts-daily';

/** Each customer tenant's daily contract processing, five past midnight in the tenant's own time zone. */
async function createContractJobs(ctx: OnboardingContext, tenants: TenantRecord[]): Promise<void> {
  await createDemoJobs(ctx, tenants.filter((t) => t.kind === 'customer').map((t) => ({
    tenantId: t.tenantId,
    jobId: CONTRACT_JOB_ID,
    runner: 'AIML-SaaS-Job-Runner',
    payload: {},
    schedule: { cron: '5 0 * * *', timeZone: t.settings?.timeZone ?? 'UTC' },
  })));
}

/** The system job that gives each tenant its attendance generation: `npm run job -- run attgen-nightly --tenant system`. */
export const ATTENDANCE_NIGHTLY_JOB_ID = 'attgen-nightly';

/**
 * Every hour, AttGen-System gives each active customer tenant its AttGen-Tenant job for its last
 * settled day (domain/attendance/nightly.ts): hourly, so each tenant's night comes in its own zone.
 */
async function createAttendanceNightlyJob(ctx: OnboardingContext): Promise<void> {
  await createDemoJobs(ctx, [{
    tenantId: SYSTEM_TENANT_ID,
    jobId: ATTENDANCE_NIGHTLY_JOB_ID,
    runner: 'AIML-SaaS-AttGen-System',
    payload: {},
    schedule: { cron: '7 * * * *', timeZone: 'UTC' },
  }]);
}

/** The demo job's id: `npm run job -- run demo-touch-employee --tenant acme` on a fresh stack. */
export const DEMO_JOB_ID = 'demo-touch-employee';
/** Whose record the demo job touches (Grace Hopper). */
const DEMO_JOB_EMPLOYEE = 'A-0001';

/**
 * A recurring acme job (daily at 09:00 New York time) for the CRUD-Item runner: it sets Grace
 * Hopper's preferred name, a personal field the people module lets jobs change, so each run
 * goes through the same rules as `updateEmployee` and moves her `version` and `updatedAt` on.
 */
async function createDemoJob(ctx: OnboardingContext, employeeId: string): Promise<void> {
  await createDemoJobs(ctx, [{
    tenantId: 'acme',
    jobId: DEMO_JOB_ID,
    runner: 'AIML-SaaS-CRUD-Item',
    payload: { entity: 'employee', id: employeeId, set: { preferredName: 'Amazing Grace' } },
    schedule: { cron: '0 9 * * *', timeZone: 'America/New_York' },
  }]);
}

/** Creates jobs unless they exist (a restart keeps the ones already there). */
async function createDemoJobs(ctx: OnboardingContext, inputs: NewJobInput[]): Promise<void> {
  for (const input of inputs) {
    try {
      await createJob({ dynamodb: ctx.dynamo, tableName: tableName('TenantJob', ctx.stage) }, input, new Date());
    } catch (error) {
      if (!(error instanceof JobConflictError)) throw error;
    }
  }
}

/** Reminders every 5 minutes: clock in 15 minutes before a shift, clock out 10 minutes before its end. */
const REMINDER_JOBS = [
  { jobId: 'clock-in-reminders', payload: { reminder: 'CLOCK_IN', leadMinutes: 15, windowMinutes: 5 } },
  { jobId: 'clock-out-reminders', payload: { reminder: 'CLOCK_OUT', leadMinutes: 10, windowMinutes: 5 } },
] as const;

/**
 * The dispatcher jobs that remind the demo users with an employee record of their shifts (which
 * their contracts' patterns plan), so a subscribed phone sees clock-in/out reminders live.
 */
async function seedShiftReminders(ctx: OnboardingContext): Promise<void> {
  const tenants = new Set(DEMO_USERS.filter((u) => u.employeeNumber).map((u) => u.tenantId));
  await createDemoJobs(ctx, [...tenants].flatMap((tenantId) => REMINDER_JOBS.map((job) => ({
    tenantId,
    jobId: job.jobId,
    runner: 'AIML-SaaS-Tenant-Notification-Dispatcher',
    payload: { ...job.payload },
    schedule: { rateMinutes: job.payload.windowMinutes },
  }))));
}

/** Working days of attendance the demo users with an employee record have behind them. */
const DEMO_ATTENDANCE_DAYS = 5;
/** [check-in, check-out] on their location's clock, by day (oldest first): on time, a late morning, a long day, ... */
const DEMO_PUNCH_TIMES: [string, string][] = [['08:57', '17:03'], ['09:14', '17:00'], ['08:30', '18:45'], ['08:59', '16:58'], ['09:01', '17:10']];

/**
 * The last working days' punches (stored as clocking in and out stores them, with the employee's
 * punch state after them) of the demo users with an employee record, and their daily records
 * generated from them as the AttGen runner does, so `myAttendance` has a week to show.
 */
async function seedAttendance(ctx: OnboardingContext, employeeIds: Map<string, string>): Promise<void> {
  const now = new Date();
  const table = tableName('TimeAttendance', ctx.stage);
  const put = (item: object) => ctx.dynamo.send(new PutItemCommand({ TableName: table, Item: marshall(item, { removeUndefinedValues: true }) }));
  for (const user of DEMO_USERS.filter((u) => u.employeeNumber)) {
    const employeeId = employeeIds.get(user.employeeNumber!)!;
    const zone = ORGANISATION[user.tenantId]?.location.timeZone ?? 'UTC';
    const dates: string[] = [];
    for (let date = addDays(localDate(now, zone), -1); dates.length < DEMO_ATTENDANCE_DAYS; date = addDays(date, -1)) {
      if (isoWeekday(date) <= 5) dates.unshift(date);
    }
    let last: Punch | null = null;
    for (const [i, date] of dates.entries()) {
      for (const [type, time] of [['IN', DEMO_PUNCH_TIMES[i]![0]], ['OUT', DEMO_PUNCH_TIMES[i]![1]]] as const) {
        const at = zonedInstant(date, time, zone).toISOString();
        const punch: Punch = {
          id: deterministicUlid(Date.parse(at), `demo-punch:${employeeId}:${at}`), employeeId, type, at, source: 'SELF', timeZone: zone, localDate: date,
          deviceTimeZone: zone, deviceTime: null, clockSkewSeconds: null, position: null, distanceMeters: null, flags: [],
          supersedes: null, correctionId: null, recordedBy: 'demo-seed', createdAt: at,
        };
        const row: PunchRow = { TenantId: tenantKey(user.tenantId), EntityItem: punchItemKey(employeeId, at, punch.id), ...punch, idempotencyKey: null };
        await put(row);
        last = punch;
      }
    }
    const state: PunchStateRow = {
      TenantId: tenantKey(user.tenantId), EntityItem: punchStateKey(employeeId), employeeId, openPunchId: null, openSince: null, lastPunchId: last!.id, lastPunchAt: last!.at, version: 1,
    };
    await put(state);
    const plans = createPlanSource({ dynamodb: ctx.dynamo, tableName: (t) => tableName(t, ctx.stage), tenantZone: async () => zone });
    await generateDays({ dynamodb: ctx.dynamo, table, plans, leave: approvedLeave(ctx.dynamo, tableName('Leave', ctx.stage)) }, user.tenantId, [employeeId], dates[0]!, dates.at(-1)!, now);
  }
}
