/**
 * Who may do what, through HTTP against the local stack: every role × every operation of the
 * schema × own tenant and another tenant, with users signed in through Cognito and decisions
 * made by the tenant's Verified Permissions policy store. Then restricted fields by relation.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { correctionItemKey, employeePunchesPrefix } from '../../domain/attendance/model/keys.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_GROUPS, OPERATIONS, type Operation } from '../../domain/generated/operations.ts';
import { buildJob, jobToItem } from '../../domain/jobs/engine.ts';
import { payRunKey } from '../../domain/payroll/model/keys.ts';
import { marshall } from '@aws-sdk/util-dynamodb';
import { tableName } from '../../domain/model/tables.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { isSystemRole, type Role } from '../../domain/model/tenant-context.ts';
import type { StackHandle } from '../../local/stack.ts';
import { signedIn, startTestStack, type Gql } from '../support/stack.ts';

/**
 * Per-user operations (a user's own inbox, internal publishing) are tested in notifications.test.ts;
 * a user's own leave balances and requests (no id, no tenant to name) and the requests waiting for
 * a user (per user: their approver steps) in leave.test.ts; one's own payslips in
 * test/payroll/payroll.test.ts; the
 * tenant lifecycle operations name no tenant to work in (their target is their input): their own block below.
 */
const LIFECYCLE = ['Mutation.createTenant', 'Query.tenantOnboarding', 'Query.tenant', 'Mutation.suspendTenant', 'Mutation.reactivateTenant', 'Mutation.changeTenantPlan'] as const;
/** A tenant's users (ManageUsers): their own block below; their rules are tested in test/tenancy/lifecycle.test.ts. */
const USER_ADMIN = ['Query.tenantUsers', 'Mutation.inviteUser', 'Mutation.disableUser', 'Mutation.enableUser', 'Mutation.setUserRole', 'Mutation.linkUserToEmployee'] as const;
const PER_USER = ['Query.notifications', 'Mutation.markNotificationRead', 'Mutation.publishNotification', 'Subscription.onNotification', 'Query.myLeaveBalances', 'Query.myLeaveRequests', 'Query.leaveRequestsWaitingForMe', 'Query.myPayslips', 'Query.myPayslipPdf', ...LIFECYCLE, ...USER_ADMIN] as const;
type DataOperation = Exclude<Operation, (typeof PER_USER)[number]>;
const DATA_OPERATIONS = OPERATIONS.filter((o): o is DataOperation => !(PER_USER as readonly string[]).includes(o));
const READS: DataOperation[] = ['Query.employee', 'Query.employees', 'Query.reports'];
/** Contracts are read within the reader's personal-details reach: the matrix's target is someone else's record. */
const CONTRACT_READS: DataOperation[] = ['Query.employeeContracts'];
const JOB_READS: DataOperation[] = ['Query.jobs', 'Query.job'];
/** The directory's photos and the tenant's custom-field declarations: whoever reads employees. */
const DIRECTORY_READS: DataOperation[] = ['Query.employeePhotoUrl', 'Query.customFieldSchema'];
/** Self-service: on the caller's own record, in their own tenant only (there is no argument to name another). */
const OWN_PROFILE: DataOperation[] = ['Mutation.updateMyProfile'];
/** Every signed-in user of a tenant reads its organisation; support reads any tenant's. */
const ORGANISATION_READS: DataOperation[] = [
  'Query.department',
  'Query.departments',
  'Query.orgChart',
  'Query.location',
  'Query.locations',
  'Query.position',
  'Query.positions',
  'Query.costCentre',
  'Query.costCentres',
];
/** Clocking in and out: for oneself, or from a kiosk for anyone of its tenant. */
const PUNCHES: DataOperation[] = ['Mutation.clockIn', 'Mutation.clockOut'];
/** One's own attendance: punches, the month, correction requests. They name no tenant: the caller's record is theirs in their own. */
const OWN_ATTENDANCE: DataOperation[] = [...PUNCHES, 'Query.myAttendance', 'Query.myAttendanceCorrections', 'Mutation.requestAttendanceCorrection'];
/**
 * Others' attendance: a manager's team, the pending requests below the caller (resolvers narrow
 * both to the management line: the matrix's plain user manages nobody and is refused), and a
 * department's grid (answered to every reader of the tenant, its rows narrowed to those they may see).
 */
const ATTENDANCE_READS: DataOperation[] = ['Query.teamAttendanceToday', 'Query.attendanceCorrectionsToDecide'];
const ATTENDANCE_GRID: DataOperation[] = ['Query.departmentAttendance'];
/**
 * What needs an employee with a sign-in of their own (a punch, a request): the system tenant links
 * no sign-in to a record, so for platform staff these cells are the other-tenant ones only.
 */
const NEEDS_LINKED_EMPLOYEE: DataOperation[] = [...OWN_ATTENDANCE, 'Query.attendanceCorrectionsToDecide', 'Mutation.approveAttendanceCorrection', 'Mutation.rejectAttendanceCorrection'];
/** Every signed-in user of a tenant reads its shift types, patterns and holidays; support reads any tenant's. */
const SCHEDULE_READS: DataOperation[] = ['Query.shiftTypes', 'Query.workPatterns', 'Query.locationCalendar', 'Query.holidays', 'Query.holidayEdits'];
/** Rosters follow the personal-details reach (self, management line, HR, support): the matrix's target is someone else's. */
const ROSTER_READS: DataOperation[] = ['Query.roster', 'Query.scheduleAssignments', 'Query.departmentRoster'];
/** Every signed-in user of a tenant reads its leave types and policies (balances: the record's reach). */
const LEAVE_READS: DataOperation[] = ['Query.leaveTypes', 'Query.leavePolicies'];
const ALL: DataOperation[] = DATA_OPERATIONS;

/** The expectations, written from the product's rules (architecture.md), not read from the policies. */
const MAY: Record<Role, { home: string; operations: DataOperation[]; otherTenants: boolean }> = {
  TenantAdmin: { home: 'acme', operations: ALL, otherTenants: false },
  TenantUser: { home: 'acme', operations: [...READS, ...DIRECTORY_READS, ...OWN_PROFILE, ...ORGANISATION_READS, ...SCHEDULE_READS, ...OWN_ATTENDANCE, ...ATTENDANCE_GRID, ...LEAVE_READS], otherTenants: false },
  // A kiosk punches for the employees of its own tenant and does nothing else.
  Kiosk: { home: 'acme', operations: PUNCHES, otherTenants: false },
  // Platform staff have no employee record (the system store links none), so no profile or attendance of their own.
  SystemAdmin: { home: 'system', operations: ALL.filter((o) => !OWN_PROFILE.includes(o) && !OWN_ATTENDANCE.includes(o)), otherTenants: true },
  SystemSuperuser: { home: 'system', operations: ALL.filter((o) => !OWN_PROFILE.includes(o) && !OWN_ATTENDANCE.includes(o)), otherTenants: true },
  SystemSupport: { home: 'system', operations: [...READS, ...CONTRACT_READS, ...DIRECTORY_READS, ...JOB_READS, ...ORGANISATION_READS, ...SCHEDULE_READS, ...ROSTER_READS, ...ATTENDANCE_READS, ...ATTENDANCE_GRID], otherTenants: true },
};
// Users reach documents, histories and photos of their own record only (documents.test.ts,
// pim-depth.test.ts); the matrix's target is someone else's record, so those operations are
// refused for them here. Self-service targets the caller's own record.
const ROLES = Object.keys(MAY) as Role[];
/** The tenant a role's "other tenant" cells aim at. */
const OTHER: Record<string, string> = { acme: 'globex', system: 'acme' };

const GET = `query ($id: ID!, $tenantId: ID) { employee(id: $id, tenantId: $tenantId) { id firstName version } }`;
const LIST = `query ($tenantId: ID) { employees(limit: 100, tenantId: $tenantId) { items { id } } }`;
const LIST_NAMED = `query ($lastNamePrefix: String!, $tenantId: ID) { employees(limit: 100, filter: { lastNamePrefix: $lastNamePrefix }, tenantId: $tenantId) { items { id } } }`;
const CREATE = `mutation ($input: CreateEmployeeInput!, $tenantId: ID) { createEmployee(input: $input, tenantId: $tenantId) { id } }`;
const UPDATE = `mutation ($input: UpdateEmployeeInput!, $tenantId: ID) { updateEmployee(input: $input, tenantId: $tenantId) { id version firstName } }`;
const DELETE = `mutation ($id: ID!, $tenantId: ID) { deleteEmployee(id: $id, tenantId: $tenantId) { id } }`;
const REPORTS = `query ($employeeId: ID!, $tenantId: ID) { reports(employeeId: $employeeId, indirect: true, tenantId: $tenantId) { items { id } } }`;
const CONTRACTS = `query ($employeeId: ID!, $tenantId: ID) { employeeContracts(employeeId: $employeeId, tenantId: $tenantId) { id version termination { reason } versions { id } } }`;
const START_CONTRACT = `mutation ($input: StartContractInput!, $tenantId: ID) { startContract(input: $input, tenantId: $tenantId) { id } }`;
const AMEND_CONTRACT = `mutation ($input: AmendContractInput!, $tenantId: ID) { amendContract(input: $input, tenantId: $tenantId) { id } }`;
const TERMINATE_CONTRACT = `mutation ($input: TerminateContractInput!, $tenantId: ID) { terminateContract(input: $input, tenantId: $tenantId) { id } }`;
const DOCUMENTS = `query ($employeeId: ID!, $tenantId: ID) { employeeDocuments(employeeId: $employeeId, tenantId: $tenantId) { items { id } } }`;
const UPLOAD = `mutation ($input: RequestDocumentUploadInput!, $tenantId: ID) { requestDocumentUpload(input: $input, tenantId: $tenantId) { document { id } uploadUrl requiredHeaders } }`;
const DOWNLOAD = `query ($employeeId: ID!, $documentId: ID!, $tenantId: ID) { documentDownloadUrl(employeeId: $employeeId, documentId: $documentId, tenantId: $tenantId) { downloadUrl } }`;
const JOB_FIELDS = 'id status runner';
const JOBS = `query ($tenantId: ID) { jobs(limit: 100, tenantId: $tenantId) { items { ${JOB_FIELDS} } } }`;
const JOB = `query ($id: ID!, $tenantId: ID) { job(id: $id, tenantId: $tenantId) { job { ${JOB_FIELDS} } runs { items { run } } } }`;
const CREATE_JOB = `mutation ($input: CreateJobInput!, $tenantId: ID) { createJob(input: $input, tenantId: $tenantId) { ${JOB_FIELDS} } }`;
const CANCEL_JOB = `mutation ($id: ID!, $tenantId: ID) { cancelJob(id: $id, tenantId: $tenantId) { ${JOB_FIELDS} } }`;
const RETRY_JOB = `mutation ($id: ID!, $tenantId: ID) { retryJob(id: $id, tenantId: $tenantId) { ${JOB_FIELDS} } }`;
const PDF = { kind: 'CONTRACT', fileName: 'contract.pdf', contentType: 'application/pdf', sizeBytes: 11 };
const PHOTO = { kind: 'PROFILE_PHOTO', fileName: 'me.png', contentType: 'image/png', sizeBytes: 11 };
const RECORD = `query ($id: ID!) { employee(id: $id) { id version phone archived photoDocumentId } }`;
const HISTORY = `query ($employeeId: ID!, $tenantId: ID) { employeeHistory(employeeId: $employeeId, tenantId: $tenantId) { items { version change } } }`;
const PHOTO_URL = `query ($employeeId: ID!, $tenantId: ID) { employeePhotoUrl(employeeId: $employeeId, tenantId: $tenantId) { downloadUrl } }`;
const SET_PHOTO = `mutation ($input: SetProfilePhotoInput!, $tenantId: ID) { setProfilePhoto(input: $input, tenantId: $tenantId) { id } }`;
const MY_PROFILE = `mutation ($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { id } }`;
const ARCHIVE = `mutation ($id: ID!, $expectedVersion: Int!, $tenantId: ID) { archiveEmployee(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { id } }`;
const RESTORE = `mutation ($id: ID!, $expectedVersion: Int!, $tenantId: ID) { restoreEmployee(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { id } }`;
const FIELD_SCHEMA = `query ($tenantId: ID) { customFieldSchema(tenantId: $tenantId) { version fields { key } } }`;
const DEFINE_FIELD = `mutation ($input: DefineCustomFieldInput!, $tenantId: ID) { defineCustomField(input: $input, tenantId: $tenantId) { version } }`;
const REMOVE_FIELD = `mutation ($key: String!, $expectedVersion: Int!, $tenantId: ID) { removeCustomField(key: $key, expectedVersion: $expectedVersion, tenantId: $tenantId) { version } }`;
const PUNCH = (employeeId?: string) => ({ idempotencyKey: `matrix-${(serial += 1)}-key`, deviceTimeZone: 'Europe/Berlin', ...(employeeId ? { employeeId } : {}) });
const CLOCK_IN = `mutation ($input: PunchInput!) { clockIn(input: $input) { id localDate } }`;
const CLOCK_OUT = `mutation ($input: PunchInput!) { clockOut(input: $input) { id } }`;
const MY_ATTENDANCE = `query ($month: String!) { myAttendance(month: $month) { employeeId punches { id } } }`;
const MY_CORRECTIONS = `query { myAttendanceCorrections { items { id } } }`;
const REQUEST_CORRECTION = `mutation ($input: RequestAttendanceCorrectionInput!) { requestAttendanceCorrection(input: $input) { id employeeId } }`;
const TEAM_TODAY = `query ($managerId: ID, $tenantId: ID) { teamAttendanceToday(managerId: $managerId, tenantId: $tenantId) { members { employeeId } } }`;
const GRID = `query ($departmentId: ID!, $month: String!, $tenantId: ID) { departmentAttendance(departmentId: $departmentId, month: $month, tenantId: $tenantId) { departmentId rows { employeeId } } }`;
const TO_DECIDE = `query ($tenantId: ID) { attendanceCorrectionsToDecide(limit: 100, tenantId: $tenantId) { items { id } } }`;
const APPROVE = `mutation ($input: DecideAttendanceCorrectionInput!, $tenantId: ID) { approveAttendanceCorrection(input: $input, tenantId: $tenantId) { id status } }`;
const REJECT = `mutation ($input: DecideAttendanceCorrectionInput!, $tenantId: ID) { rejectAttendanceCorrection(input: $input, tenantId: $tenantId) { id status } }`;
/** A missing clock-in an hour ago: always in the past, never more than 31 days back. */
const MISSING_IN = () => ({ kind: 'MISSING_PUNCH', punchType: 'IN', proposedAt: new Date(Date.now() - 3_600_000).toISOString(), reason: 'Forgot to clock in' });
const LEAVE_TYPE_FIELDS = 'id name version';
const CREATE_LEAVE_TYPE = `mutation ($input: LeaveTypeInput!, $tenantId: ID) { createLeaveType(input: $input, tenantId: $tenantId) { ${LEAVE_TYPE_FIELDS} } }`;
const UPDATE_LEAVE_TYPE = `mutation ($input: UpdateLeaveTypeInput!, $tenantId: ID) { updateLeaveType(input: $input, tenantId: $tenantId) { ${LEAVE_TYPE_FIELDS} } }`;
const DELETE_LEAVE_TYPE = `mutation ($id: ID!, $expectedVersion: Int!, $tenantId: ID) { deleteLeaveType(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { id } }`;
const LEAVE_TYPES = `query ($tenantId: ID) { leaveTypes(tenantId: $tenantId) { ${LEAVE_TYPE_FIELDS} } }`;
const CREATE_LEAVE_POLICY = `mutation ($input: LeavePolicyInput!, $tenantId: ID) { createLeavePolicy(input: $input, tenantId: $tenantId) { id name version } }`;
const UPDATE_LEAVE_POLICY = `mutation ($input: UpdateLeavePolicyInput!, $tenantId: ID) { updateLeavePolicy(input: $input, tenantId: $tenantId) { id } }`;
const DELETE_LEAVE_POLICY = `mutation ($id: ID!, $expectedVersion: Int!, $tenantId: ID) { deleteLeavePolicy(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { id } }`;
const LEAVE_POLICIES = `query ($tenantId: ID) { leavePolicies(tenantId: $tenantId) { id name } }`;
const ADJUST_LEAVE = `mutation ($input: AdjustLeaveBalanceInput!, $tenantId: ID) { adjustLeaveBalance(input: $input, tenantId: $tenantId) { id } }`;
const LEAVE_BALANCES = `query ($employeeId: ID!, $tenantId: ID) { employeeLeaveBalances(employeeId: $employeeId, tenantId: $tenantId) { leaveTypeId amount } }`;
const LEAVE_LEDGER = `query ($employeeId: ID!, $leaveTypeId: ID!, $tenantId: ID) { employeeLeaveLedger(employeeId: $employeeId, leaveTypeId: $leaveTypeId, tenantId: $tenantId) { items { id amount } } }`;
const LEAVER = { contract: { startDate: '2023-03-01', endDate: '2023-12-31', terms: { jobTitle: 'Analyst', employmentType: 'FULL_TIME' as const } } };

const SHIFT_TYPES = `query ($tenantId: ID) { shiftTypes(limit: 100, tenantId: $tenantId) { items { id name archived version } } }`;
const WORK_PATTERNS = `query ($tenantId: ID) { workPatterns(limit: 100, tenantId: $tenantId) { items { id name archived version } } }`;
/** A shift type or a work pattern: how to create one, and the inputs of a change. */
const SCHEDULE_ENTITIES = {
  ShiftType: { list: SHIFT_TYPES, field: 'shiftTypes' },
  WorkPattern: { list: WORK_PATTERNS, field: 'workPatterns' },
} as const;
type ScheduleEntity = keyof typeof SCHEDULE_ENTITIES;
const scheduleCreate = (e: ScheduleEntity) => `mutation ($input: Create${e}Input!, $tenantId: ID) { create${e}(input: $input, tenantId: $tenantId) { id } }`;
const scheduleUpdate = (e: ScheduleEntity) => `mutation ($input: Update${e}Input!, $tenantId: ID) { update${e}(input: $input, tenantId: $tenantId) { id } }`;
const scheduleFlag = (verb: 'archive' | 'restore', e: ScheduleEntity) =>
  `mutation ($id: ID!, $expectedVersion: Int!, $tenantId: ID) { ${verb}${e}(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { id } }`;
const ASSIGNMENTS = `query ($employeeId: ID!, $tenantId: ID) { scheduleAssignments(employeeId: $employeeId, tenantId: $tenantId) { from to version } }`;
const ASSIGN = `mutation ($input: AssignScheduleInput!, $tenantId: ID) { assignSchedule(input: $input, tenantId: $tenantId) { from } }`;
const END_ASSIGNMENT = `mutation ($input: EndScheduleAssignmentInput!, $tenantId: ID) { endScheduleAssignment(input: $input, tenantId: $tenantId) { to } }`;
const REMOVE_ASSIGNMENT = `mutation ($employeeId: ID!, $from: AWSDate!, $expectedVersion: Int!, $tenantId: ID) {
  removeScheduleAssignment(employeeId: $employeeId, from: $from, expectedVersion: $expectedVersion, tenantId: $tenantId) { from } }`;
const SET_OVERRIDE = `mutation ($input: SetScheduleOverrideInput!, $tenantId: ID) { setScheduleOverride(input: $input, tenantId: $tenantId) { date } }`;
const CLEAR_OVERRIDE = `mutation ($employeeId: ID!, $date: AWSDate!, $tenantId: ID) { clearScheduleOverride(employeeId: $employeeId, date: $date, tenantId: $tenantId) { date } }`;
const ROSTER = `query ($employeeId: ID!, $date: AWSDate!, $tenantId: ID) { roster(employeeId: $employeeId, from: $date, to: $date, tenantId: $tenantId) { date kind } }`;
const DEPARTMENT_ROSTER = `query ($departmentId: ID!, $date: AWSDate!, $tenantId: ID) {
  departmentRoster(departmentId: $departmentId, from: $date, to: $date, limit: 50, tenantId: $tenantId) { items { employeeId days { kind } } } }`;
const LOCATION_CALENDAR = `query ($locationId: ID!, $tenantId: ID) { locationCalendar(locationId: $locationId, tenantId: $tenantId) { state } }`;
const SET_LOCATION_CALENDAR = `mutation ($input: SetLocationCalendarInput!, $tenantId: ID) { setLocationCalendar(input: $input, tenantId: $tenantId) { state } }`;
const HOLIDAYS = `query ($locationId: ID!, $tenantId: ID) { holidays(locationId: $locationId, year: 2027, tenantId: $tenantId) { date name } }`;
const HOLIDAY_EDITS = `query ($tenantId: ID) { holidayEdits(limit: 100, tenantId: $tenantId) { items { scope date } } }`;
const EDIT_HOLIDAY = `mutation ($input: EditHolidayInput!, $tenantId: ID) { editHoliday(input: $input, tenantId: $tenantId) { scope } }`;
const UNDO_HOLIDAY_EDIT = `mutation ($scope: String!, $date: AWSDate!, $tenantId: ID) { undoHolidayEdit(scope: $scope, date: $date, tenantId: $tenantId) { scope } }`;
/** A working day of every seeded pattern (they work every day), and a company day no public calendar has off. */
const WORKDAY = '2027-01-05';
const COMPANY_DAY = { date: '2027-06-25', action: 'ADD', name: 'Matrix day' } as const;

/** The organisation's entities: how to create one, read it, list it, change and delete it. */
const ORGANISATION = {
  Department: { field: 'department', list: 'departments', fields: 'id name', input: () => ({ name: `Unit ${(serial += 1)}` }), change: { name: 'Changed' } },
  Location: {
    field: 'location',
    list: 'locations',
    fields: 'id name',
    input: () => ({ name: `Site ${(serial += 1)}`, timeZone: 'Europe/Berlin', address: { line1: '1 Demo Street', city: 'Berlin', country: 'DE' } }),
    change: { name: 'Changed' },
  },
  Position: { field: 'position', list: 'positions', fields: 'id name: title', input: () => ({ title: `Role ${(serial += 1)}` }), change: { title: 'Changed' } },
  CostCentre: { field: 'costCentre', list: 'costCentres', fields: 'id name', input: () => ({ code: `M-${(serial += 1)}`, name: `CC ${serial}` }), change: { name: 'Changed' } },
} as const;
type OrganisationEntity = keyof typeof ORGANISATION;

const orgGet = (e: OrganisationEntity) => `query ($id: ID!, $tenantId: ID) { ${ORGANISATION[e].field}(id: $id, tenantId: $tenantId) { ${ORGANISATION[e].fields} } }`;
const orgCreate = (e: OrganisationEntity) => `mutation ($input: Create${e}Input!, $tenantId: ID) { create${e}(input: $input, tenantId: $tenantId) { id } }`;
const orgUpdate = (e: OrganisationEntity) => `mutation ($input: Update${e}Input!, $tenantId: ID) { update${e}(input: $input, tenantId: $tenantId) { id } }`;
const orgDelete = (e: OrganisationEntity) => `mutation ($id: ID!, $tenantId: ID) { delete${e}(id: $id, tenantId: $tenantId) { id } }`;
const ORG_CHART = `query ($departmentId: ID, $tenantId: ID) { orgChart(departmentId: $departmentId, depth: 0, tenantId: $tenantId) { items { id } } }`;
const CHILD_DEPARTMENTS = `query ($parentId: ID, $tenantId: ID) { departments(parentId: $parentId, tenantId: $tenantId) { items { id } } }`;

/** An uploaded document of `employeeId`, put in place by the tenant's own admin. */
async function seedDocument(tenantId: string, employeeId: string, file: typeof PDF | typeof PHOTO = PDF): Promise<string> {
  const upload = await seeders.get(tenantId)!<{ requestDocumentUpload: { document: { id: string }; uploadUrl: string; requiredHeaders: string } }>(UPLOAD, {
    input: { ...file, employeeId },
  });
  expect(upload.errors).toBeUndefined();
  const { document, uploadUrl, requiredHeaders } = upload.data!.requestDocumentUpload;
  const put = await fetch(uploadUrl, { method: 'PUT', headers: JSON.parse(requiredHeaders) as Record<string, string>, body: '%PDF-1.7 ok' });
  expect(put.status).toBe(200);
  return document.id;
}

let stack: StackHandle;
/** The stack's internal (system) key, for fixtures the API cannot make directly. */
let system: DynamoDBClient;
/** Admins that seed fixtures: the tenant's own admin, or a system admin for the system tenant. */
const seeders = new Map<string, Gql>();
let serial = 0;

function input(tag: string) {
  serial += 1;
  return {
    employeeNumber: `M-${serial}`,
    firstName: tag,
    lastName: `Matrix${serial}`,
    email: `matrix${serial}@example.com`,
    nationalId: `NID-${serial}`,
    phone: '+49 30 1234567',
    contract: { startDate: '2023-03-01', terms: { jobTitle: 'Analyst', employmentType: 'FULL_TIME' as const, payBasis: 'ANNUAL' as const, payAmount: '50000', payCurrency: 'EUR' } },
  };
}

type ContractRead = { id: string; version: number; termination: { reason: string } | null; versions: { id: string }[] };

/** The employee's contracts, as their own tenant's admin reads them. */
async function contractsOf(tenantId: string, employeeId: string): Promise<ContractRead[]> {
  const read = await seeders.get(tenantId)!<{ employeeContracts: ContractRead[] }>(CONTRACTS, { employeeId });
  expect(read.errors).toBeUndefined();
  return read.data!.employeeContracts;
}

async function seedEmployee(tenantId: string, extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const result = await seeders.get(tenantId)!<{ createEmployee: { id: string } }>(CREATE, { input: { ...input('Seeded'), ...extra } });
  expect(result.errors).toBeUndefined();
  return result.data!.createEmployee;
}

/** A CRUD job of the target tenant, due in ten years (so no tick runs it), put in place by its own admin. */
function jobInput(tag: string) {
  serial += 1;
  return {
    id: `matrix-${tag}-${serial}`,
    runner: 'AIML-SaaS-CRUD-Item',
    payload: JSON.stringify({ entity: 'employee', id: `matrix-${serial}`, set: { preferredName: tag } }),
    runAt: new Date(Date.now() + 10 * 365 * 86_400_000).toISOString(),
  };
}

async function seedJob(tenantId: string): Promise<string> {
  const result = await seeders.get(tenantId)!<{ createJob: { id: string } }>(CREATE_JOB, { input: jobInput('seeded') });
  expect(result.errors).toBeUndefined();
  return result.data!.createJob.id;
}

/** A dead job (its attempts spent), stored directly: dying takes real runs, which scheduler tests cover. */
async function seedDeadJob(tenantId: string): Promise<string> {
  serial += 1;
  const job = buildJob({ tenantId, jobId: `matrix-dead-${serial}`, runner: 'AIML-SaaS-CRUD-Item', payload: { entity: 'employee', id: 'gone', set: { preferredName: 'Gone' } }, runAt: new Date().toISOString() }, new Date());
  const dead = { ...job, status: 'dead' as const, attempts: job.maxAttempts, lastError: { message: 'seeded', at: job.createdAt, attempt: job.maxAttempts } };
  await system.send(new PutItemCommand({ TableName: tableName('TenantJob', stack.stage), Item: jobToItem(dead) }));
  return job.jobId;
}

async function jobStatus(tenantId: string, id: string): Promise<string | undefined> {
  const read = await seeders.get(tenantId)!<{ job: { job: { status: string } } | null }>(JOB, { id });
  expect(read.errors).toBeUndefined();
  return read.data?.job?.job.status;
}

/** An organisation entity of the target tenant, made by its own admin. */
async function seedOrganisation(tenantId: string, entity: OrganisationEntity, input: Record<string, unknown> = ORGANISATION[entity].input()): Promise<string> {
  const result = await seeders.get(tenantId)!<Record<string, { id: string }>>(orgCreate(entity), { input });
  expect(result.errors).toBeUndefined();
  return result.data![`create${entity}`]!.id;
}

/** The entity's name as its tenant's admin reads it, or undefined when it is gone. */
async function organisationName(tenantId: string, entity: OrganisationEntity, id: string): Promise<string | undefined> {
  const read = await seeders.get(tenantId)!<Record<string, { name: string } | null>>(orgGet(entity), { id });
  expect(read.errors).toBeUndefined();
  return read.data?.[ORGANISATION[entity].field]?.name;
}

/** A leave type of the target tenant, made by its own admin. */
async function seedLeaveType(tenantId: string): Promise<string> {
  serial += 1;
  const result = await seeders.get(tenantId)!<{ createLeaveType: { id: string } }>(CREATE_LEAVE_TYPE, { input: { name: `Leave ${serial}`, paid: true, unit: 'DAYS' } });
  expect(result.errors).toBeUndefined();
  return result.data!.createLeaveType.id;
}

const leavePolicyInput = (leaveTypeId: string, name = 'Matrix policy') => ({ name, leaveTypeId, effectiveFrom: '2024-01-01', annualEntitlement: '20', accrualFrequency: 'MONTHLY' });

async function seedLeavePolicy(tenantId: string): Promise<{ typeId: string; id: string }> {
  const typeId = await seedLeaveType(tenantId);
  const result = await seeders.get(tenantId)!<{ createLeavePolicy: { id: string } }>(CREATE_LEAVE_POLICY, { input: leavePolicyInput(typeId) });
  expect(result.errors).toBeUndefined();
  return { typeId, id: result.data!.createLeavePolicy.id };
}

/** One employee per tenant carries the leave cells' balances (each cell its own type), so the employee listings stay small. */
const leaveEmployees = new Map<string, Promise<{ id: string }>>();

/** An employee of the target tenant with 2 days of a new leave type, posted by its own admin. */
async function seedLeaveBalance(tenantId: string): Promise<{ employeeId: string; typeId: string }> {
  if (!leaveEmployees.has(tenantId)) leaveEmployees.set(tenantId, seedEmployee(tenantId));
  const { id: employeeId } = await leaveEmployees.get(tenantId)!;
  const typeId = await seedLeaveType(tenantId);
  const result = await seeders.get(tenantId)!(ADJUST_LEAVE, { input: { employeeId, leaveTypeId: typeId, amount: '2', reason: 'Seeded' } });
  expect(result.errors).toBeUndefined();
  return { employeeId, typeId };
}

async function leaveNames(tenantId: string, query: string, field: 'leaveTypes' | 'leavePolicies'): Promise<Map<string, string>> {
  const read = await seeders.get(tenantId)!<Record<string, { id: string; name: string }[]>>(query);
  expect(read.errors).toBeUndefined();
  return new Map(read.data![field]!.map((x) => [x.id, x.name]));
}

async function leaveLedger(tenantId: string, employeeId: string, leaveTypeId: string): Promise<string[]> {
  const read = await seeders.get(tenantId)!<{ employeeLeaveLedger: { items: { amount: string }[] } }>(LEAVE_LEDGER, { employeeId, leaveTypeId });
  expect(read.errors).toBeUndefined();
  return read.data!.employeeLeaveLedger.items.map((i) => i.amount);
}

/** Runs one leave operation against a target tenant; null for other operations. */
async function attemptLeave(gql: Gql, operation: DataOperation, target: string, tenantId: string | undefined) {
  switch (operation) {
    case 'Query.leaveTypes': {
      const id = await seedLeaveType(target);
      const result = await gql<{ leaveTypes: { id: string }[] }>(LEAVE_TYPES, { tenantId });
      return { result, effect: (result.data?.leaveTypes ?? []).some((t) => t.id === id) };
    }
    case 'Query.leavePolicies': {
      const { id } = await seedLeavePolicy(target);
      const result = await gql<{ leavePolicies: { id: string }[] }>(LEAVE_POLICIES, { tenantId });
      return { result, effect: (result.data?.leavePolicies ?? []).some((p) => p.id === id) };
    }
    case 'Query.employeeLeaveBalances': {
      const { employeeId, typeId } = await seedLeaveBalance(target);
      const result = await gql<{ employeeLeaveBalances: { leaveTypeId: string; amount: string }[] }>(LEAVE_BALANCES, { employeeId, tenantId });
      return { result, effect: (result.data?.employeeLeaveBalances ?? []).some((b) => b.leaveTypeId === typeId && b.amount === '2') };
    }
    case 'Query.employeeLeaveLedger': {
      const { employeeId, typeId } = await seedLeaveBalance(target);
      const result = await gql<{ employeeLeaveLedger: { items: { amount: string }[] } }>(LEAVE_LEDGER, { employeeId, leaveTypeId: typeId, tenantId });
      return { result, effect: (result.data?.employeeLeaveLedger?.items ?? []).some((i) => i.amount === '2') };
    }
    case 'Mutation.createLeaveType': {
      const result = await gql<{ createLeaveType: { id: string } | null }>(CREATE_LEAVE_TYPE, { input: { name: 'Created', paid: true, unit: 'DAYS' }, tenantId });
      const id = result.data?.createLeaveType?.id;
      return { result, effect: id !== undefined && (await leaveNames(target, LEAVE_TYPES, 'leaveTypes')).has(id) };
    }
    case 'Mutation.updateLeaveType': {
      const id = await seedLeaveType(target);
      const result = await gql(UPDATE_LEAVE_TYPE, { input: { id, expectedVersion: 1, type: { name: 'Changed', paid: true, unit: 'DAYS' } }, tenantId });
      return { result, effect: (await leaveNames(target, LEAVE_TYPES, 'leaveTypes')).get(id) === 'Changed' };
    }
    case 'Mutation.deleteLeaveType': {
      const id = await seedLeaveType(target);
      const result = await gql(DELETE_LEAVE_TYPE, { id, expectedVersion: 1, tenantId });
      return { result, effect: !(await leaveNames(target, LEAVE_TYPES, 'leaveTypes')).has(id) };
    }
    case 'Mutation.createLeavePolicy': {
      const typeId = await seedLeaveType(target);
      const result = await gql<{ createLeavePolicy: { id: string } | null }>(CREATE_LEAVE_POLICY, { input: leavePolicyInput(typeId), tenantId });
      const id = result.data?.createLeavePolicy?.id;
      return { result, effect: id !== undefined && (await leaveNames(target, LEAVE_POLICIES, 'leavePolicies')).has(id) };
    }
    case 'Mutation.updateLeavePolicy': {
      const { typeId, id } = await seedLeavePolicy(target);
      const result = await gql(UPDATE_LEAVE_POLICY, { input: { id, expectedVersion: 1, policy: leavePolicyInput(typeId, 'Changed') }, tenantId });
      return { result, effect: (await leaveNames(target, LEAVE_POLICIES, 'leavePolicies')).get(id) === 'Changed' };
    }
    case 'Mutation.deleteLeavePolicy': {
      const { id } = await seedLeavePolicy(target);
      const result = await gql(DELETE_LEAVE_POLICY, { id, expectedVersion: 1, tenantId });
      return { result, effect: !(await leaveNames(target, LEAVE_POLICIES, 'leavePolicies')).has(id) };
    }
    case 'Mutation.adjustLeaveBalance': {
      const { employeeId, typeId } = await seedLeaveBalance(target);
      const result = await gql(ADJUST_LEAVE, { input: { employeeId, leaveTypeId: typeId, amount: '-0.5', reason: 'Matrix' }, tenantId });
      return { result, effect: (await leaveLedger(target, employeeId, typeId)).includes('-0.5') };
    }
    default:
      return attemptLeaveRequests(gql, operation, target, tenantId);
  }
}

const LEAVE_REQUEST_FIELDS = 'id status employeeId';
const REQUEST_LEAVE = `mutation ($input: RequestLeaveInput!, $tenantId: ID) { requestLeave(input: $input, tenantId: $tenantId) { ${LEAVE_REQUEST_FIELDS} } }`;
const LEAVE_REQUEST = `query ($id: ID!, $tenantId: ID) { leaveRequest(id: $id, tenantId: $tenantId) { ${LEAVE_REQUEST_FIELDS} } }`;

/**
 * One employee per tenant asks for leave in the request cells (a seeded pattern every day, a
 * department, a type that may go 1,000 days below zero): each cell's request takes its own day.
 */
const leaveRequesters = new Map<string, Promise<{ employeeId: string; departmentId: string; typeId: string }>>();
let leaveDay = 0;

function leaveRequester(tenantId: string): Promise<{ employeeId: string; departmentId: string; typeId: string }> {
  if (!leaveRequesters.has(tenantId)) {
    leaveRequesters.set(tenantId, (async () => {
      const departmentId = await seedOrganisation(tenantId, 'Department');
      const { id: employeeId } = await seedScheduled(tenantId, departmentId);
      const result = await seeders.get(tenantId)!<{ createLeaveType: { id: string } }>(CREATE_LEAVE_TYPE, { input: { name: 'Requests', paid: true, unit: 'DAYS', negativeBalanceLimit: '1000' } });
      expect(result.errors).toBeUndefined();
      return { employeeId, departmentId, typeId: result.data!.createLeaveType.id };
    })());
  }
  return leaveRequesters.get(tenantId)!;
}

async function seedLeaveRequest(tenantId: string): Promise<{ id: string; employeeId: string; departmentId: string; date: string }> {
  const { employeeId, departmentId, typeId } = await leaveRequester(tenantId);
  leaveDay += 1;
  const date = new Date(Date.UTC(2027, 5, 1) + leaveDay * 86_400_000).toISOString().slice(0, 10);
  serial += 1;
  const result = await seeders.get(tenantId)!<{ requestLeave: { id: string } }>(REQUEST_LEAVE, { input: { clientRequestId: `matrix-${serial}`, employeeId, leaveTypeId: typeId, from: date, to: date, reason: 'Matrix' } });
  expect(result.errors).toBeUndefined();
  return { id: result.data!.requestLeave.id, employeeId, departmentId, date };
}

const leaveRequestStatus = async (tenantId: string, id: string) => (await asOwnAdmin<{ status: string }>(tenantId, LEAVE_REQUEST, { id })).status;

/** Runs one leave-request operation against a target tenant (a request the target's admin made); null for other operations. */
async function attemptLeaveRequests(gql: Gql, operation: DataOperation, target: string, tenantId: string | undefined) {
  switch (operation) {
    case 'Mutation.requestLeave': {
      const { employeeId, typeId } = await leaveRequester(target);
      serial += 1;
      const date = new Date(Date.UTC(2027, 5, 1) + (leaveDay += 1) * 86_400_000).toISOString().slice(0, 10);
      const result = await gql<{ requestLeave: { id: string } | null }>(REQUEST_LEAVE, { input: { clientRequestId: `matrix-${serial}`, employeeId, leaveTypeId: typeId, from: date, to: date, reason: 'Matrix' }, tenantId });
      const id = result.data?.requestLeave?.id;
      return { result, effect: id !== undefined && (await leaveRequestStatus(target, id)) === 'PENDING' };
    }
    case 'Mutation.approveLeave':
    case 'Mutation.rejectLeave':
    case 'Mutation.cancelLeave': {
      const { id } = await seedLeaveRequest(target);
      const [query, variables, status] = operation === 'Mutation.approveLeave'
        ? [`mutation ($id: ID!, $tenantId: ID) { approveLeave(id: $id, expectedVersion: 1, tenantId: $tenantId) { id } }`, { id }, 'APPROVED']
        : operation === 'Mutation.rejectLeave'
          ? [`mutation ($id: ID!, $tenantId: ID) { rejectLeave(id: $id, reason: "Matrix", tenantId: $tenantId) { id } }`, { id }, 'REJECTED']
          : [`mutation ($id: ID!, $tenantId: ID) { cancelLeave(id: $id, tenantId: $tenantId) { id } }`, { id }, 'CANCELLED'];
      const result = await gql(query, { ...variables, tenantId });
      return { result, effect: (await leaveRequestStatus(target, id)) === status };
    }
    case 'Query.leaveRequest': {
      const { id } = await seedLeaveRequest(target);
      const result = await gql<{ leaveRequest: { id: string } | null }>(LEAVE_REQUEST, { id, tenantId });
      return { result, effect: result.data?.leaveRequest?.id === id };
    }
    case 'Query.employeeLeaveRequests': {
      const { id, employeeId } = await seedLeaveRequest(target);
      const result = await gql<{ employeeLeaveRequests: { items: { id: string }[] } }>(`query ($employeeId: ID!, $tenantId: ID) { employeeLeaveRequests(employeeId: $employeeId, limit: 100, tenantId: $tenantId) { items { id } } }`, { employeeId, tenantId });
      return { result, effect: (result.data?.employeeLeaveRequests?.items ?? []).some((r) => r.id === id) };
    }
    case 'Query.teamLeaveCalendar': {
      const { id, departmentId, date } = await seedLeaveRequest(target);
      const result = await gql<{ teamLeaveCalendar: { items: { requestId: string }[] } }>(`query ($departmentId: ID!, $from: AWSDate!, $tenantId: ID) { teamLeaveCalendar(departmentId: $departmentId, from: $from, to: $from, tenantId: $tenantId) { items { requestId } } }`, { departmentId, from: date, tenantId });
      return { result, effect: (result.data?.teamLeaveCalendar?.items ?? []).some((d) => d.requestId === id) };
    }
    default:
      return null;
  }
}

const PAYROLL_SETTINGS = `query ($tenantId: ID) { payrollSettings(tenantId: $tenantId) { currency version } }`;
const SAVE_PAYROLL_SETTINGS = `mutation ($input: PayrollSettingsInput!, $tenantId: ID) { updatePayrollSettings(input: $input, tenantId: $tenantId) { version } }`;
const STRUCTURES = `query ($tenantId: ID) { salaryStructures(tenantId: $tenantId) { id name version } }`;
const CREATE_STRUCTURE = `mutation ($input: SalaryStructureInput!, $tenantId: ID) { createSalaryStructure(input: $input, tenantId: $tenantId) { id } }`;
const UPDATE_STRUCTURE = `mutation ($input: UpdateSalaryStructureInput!, $tenantId: ID) { updateSalaryStructure(input: $input, tenantId: $tenantId) { id } }`;
const ASSIGN_STRUCTURE = `mutation ($input: AssignSalaryStructureInput!, $tenantId: ID) { assignSalaryStructure(input: $input, tenantId: $tenantId) { effectiveFrom } }`;
const SALARY_ASSIGNMENTS = `query ($employeeId: ID!, $tenantId: ID) { employeeSalaryStructures(employeeId: $employeeId, tenantId: $tenantId) { effectiveFrom } }`;
const PAY_RUNS = `query ($tenantId: ID) { payRuns(tenantId: $tenantId) { id status } }`;
const PAY_RUN = `query ($id: ID!, $tenantId: ID) { payRun(id: $id, tenantId: $tenantId) { id status } }`;
const PAY_RUN_PAYSLIPS = `query ($runId: ID!, $tenantId: ID) { payRunPayslips(runId: $runId, tenantId: $tenantId) { items { employeeId } } }`;
const PAY_RUN_REGISTER = `query ($runId: ID!, $tenantId: ID) { payRunRegister(runId: $runId, tenantId: $tenantId) { runId employees } }`;
const CREATE_PAY_RUN = `mutation ($input: CreatePayRunInput!, $tenantId: ID) { createPayRun(input: $input, tenantId: $tenantId) { id } }`;
const PAY_RUN_STEP = (field: string) => `mutation ($id: ID!, $tenantId: ID) { ${field}(id: $id, tenantId: $tenantId) { id status } }`;
const APPROVE_PAY_RUN = `mutation ($id: ID!, $tenantId: ID) { approvePayRun(id: $id, expectedVersion: 1, tenantId: $tenantId) { id status } }`;
const PAY_STRUCTURE = (name: string) => ({ name, components: [{ code: 'BASIC', name: 'Basic', kind: 'EARNING', formula: 'basePay' }] });

/** A new pay period (and a new day) per call: the matrix's own counter, so periods stay within 2100-2999 however many cells run. */
let payrollSerial = 0;
function nextPayPeriod(): string {
  payrollSerial += 1;
  return `${2100 + Math.floor(payrollSerial / 12)}-${String((payrollSerial % 12) + 1).padStart(2, '0')}`;
}

/** Each target tenant's payroll: settings, a structure and an employee assigned to it, saved once by its own admin. */
const payrollBases = new Map<string, Promise<{ structureId: string; employeeId: string }>>();
function payrollBase(tenantId: string) {
  if (!payrollBases.has(tenantId)) {
    payrollBases.set(tenantId, (async () => {
      const admin = seeders.get(tenantId)!;
      expect((await admin(SAVE_PAYROLL_SETTINGS, { input: { currency: 'EUR', rounding: 'HALF_UP', expectedVersion: 0 } })).errors).toBeUndefined();
      const structureId = (await admin<{ createSalaryStructure: { id: string } }>(CREATE_STRUCTURE, { input: PAY_STRUCTURE('Matrix') })).data!.createSalaryStructure.id;
      const { id: employeeId } = await seedEmployee(tenantId);
      expect((await admin(ASSIGN_STRUCTURE, { input: { employeeId, structureId, effectiveFrom: '2024-01-01' } })).errors).toBeUndefined();
      return { structureId, employeeId };
    })());
  }
  return payrollBases.get(tenantId)!;
}

/** A DRAFT run of the target tenant for a period of its own (opened by its admin), or a run put directly in a later status. */
async function seedPayRun(tenantId: string, status: 'DRAFT' | 'CALCULATED' | 'APPROVED' = 'DRAFT'): Promise<string> {
  await payrollBase(tenantId);
  const period = nextPayPeriod();
  if (status === 'DRAFT') {
    const result = await seeders.get(tenantId)!<{ createPayRun: { id: string } }>(CREATE_PAY_RUN, { input: { period } });
    expect(result.errors).toBeUndefined();
    return result.data!.createPayRun.id;
  }
  const id = `matrix-run-${payrollSerial}`;
  const now = new Date().toISOString();
  await system.send(new PutItemCommand({
    TableName: tableName('Payroll', stack.stage),
    Item: marshall({ TenantId: tenantKey(tenantId), EntityItem: payRunKey(id), id, period, periodStart: `${period}-01`, periodEnd: `${period}-31`, kind: 'REGULAR', status, calculation: 1, jobId: null, payslips: 0, payslipErrors: 0, totals: null, finalized: 0, version: 1, createdAt: now, createdBy: 'matrix', updatedAt: now }),
  }));
  return id;
}

async function payRunStatus(tenantId: string, id: string): Promise<string | undefined> {
  const read = await seeders.get(tenantId)!<{ payRun: { status: string } | null }>(PAY_RUN, { id });
  expect(read.errors).toBeUndefined();
  return read.data?.payRun?.status;
}

/** Runs one payroll operation against a target tenant; null for other operations. */
async function attemptPayroll(gql: Gql, operation: DataOperation, target: string, tenantId: string | undefined) {
  if (OPERATION_GROUPS[operation] !== 'ReadPayroll' && OPERATION_GROUPS[operation] !== 'RunPayroll') return null;
  const { structureId, employeeId } = await payrollBase(target);
  const admin = seeders.get(target)!;
  switch (operation) {
    case 'Query.payrollSettings': {
      const result = await gql<{ payrollSettings: { currency: string } | null }>(PAYROLL_SETTINGS, { tenantId });
      return { result, effect: result.data?.payrollSettings?.currency === 'EUR' };
    }
    case 'Mutation.updatePayrollSettings': {
      const { version } = (await admin<{ payrollSettings: { version: number } }>(PAYROLL_SETTINGS)).data!.payrollSettings;
      const result = await gql(SAVE_PAYROLL_SETTINGS, { input: { currency: 'EUR', rounding: 'HALF_EVEN', expectedVersion: version }, tenantId });
      return { result, effect: (await admin<{ payrollSettings: { version: number } }>(PAYROLL_SETTINGS)).data!.payrollSettings.version === version + 1 };
    }
    case 'Query.salaryStructures': {
      const result = await gql<{ salaryStructures: { id: string }[] }>(STRUCTURES, { tenantId });
      return { result, effect: (result.data?.salaryStructures ?? []).some((s) => s.id === structureId) };
    }
    case 'Mutation.createSalaryStructure': {
      const result = await gql<{ createSalaryStructure: { id: string } | null }>(CREATE_STRUCTURE, { input: PAY_STRUCTURE('Created'), tenantId });
      const id = result.data?.createSalaryStructure?.id;
      return { result, effect: id !== undefined && (await admin<{ salaryStructures: { id: string }[] }>(STRUCTURES)).data!.salaryStructures.some((s) => s.id === id) };
    }
    case 'Mutation.updateSalaryStructure': {
      const id = (await admin<{ createSalaryStructure: { id: string } }>(CREATE_STRUCTURE, { input: PAY_STRUCTURE('ToChange') })).data!.createSalaryStructure.id;
      const result = await gql(UPDATE_STRUCTURE, { input: { id, expectedVersion: 1, structure: PAY_STRUCTURE('Changed') }, tenantId });
      return { result, effect: (await admin<{ salaryStructures: { id: string; name: string }[] }>(STRUCTURES)).data!.salaryStructures.some((s) => s.id === id && s.name === 'Changed') };
    }
    case 'Query.employeeSalaryStructures': {
      const result = await gql<{ employeeSalaryStructures: { effectiveFrom: string }[] }>(SALARY_ASSIGNMENTS, { employeeId, tenantId });
      return { result, effect: (result.data?.employeeSalaryStructures ?? []).some((a) => a.effectiveFrom === '2024-01-01') };
    }
    case 'Mutation.assignSalaryStructure': {
      const effectiveFrom = `${nextPayPeriod()}-01`;
      const result = await gql(ASSIGN_STRUCTURE, { input: { employeeId, structureId, effectiveFrom }, tenantId });
      const listed = (await admin<{ employeeSalaryStructures: { effectiveFrom: string }[] }>(SALARY_ASSIGNMENTS, { employeeId })).data!.employeeSalaryStructures;
      return { result, effect: listed.some((a) => a.effectiveFrom === effectiveFrom) };
    }
    case 'Query.payRuns': {
      const id = await seedPayRun(target);
      const result = await gql<{ payRuns: { id: string }[] }>(PAY_RUNS, { tenantId });
      return { result, effect: (result.data?.payRuns ?? []).some((r) => r.id === id) };
    }
    case 'Query.payRun': {
      const id = await seedPayRun(target);
      const result = await gql<{ payRun: { id: string } | null }>(PAY_RUN, { id, tenantId });
      return { result, effect: result.data?.payRun?.id === id };
    }
    case 'Query.payRunPayslips': {
      const id = await seedPayRun(target);
      const result = await gql<{ payRunPayslips: { items: unknown[] } | null }>(PAY_RUN_PAYSLIPS, { runId: id, tenantId });
      return { result, effect: Array.isArray(result.data?.payRunPayslips?.items) };
    }
    case 'Query.payRunRegister': {
      const id = await seedPayRun(target, 'CALCULATED');
      const result = await gql<{ payRunRegister: { runId: string } | null }>(PAY_RUN_REGISTER, { runId: id, tenantId });
      return { result, effect: result.data?.payRunRegister?.runId === id };
    }
    case 'Mutation.createPayRun': {
      const result = await gql<{ createPayRun: { id: string } | null }>(CREATE_PAY_RUN, { input: { period: nextPayPeriod() }, tenantId });
      const id = result.data?.createPayRun?.id;
      return { result, effect: id !== undefined && (await payRunStatus(target, id)) === 'DRAFT' };
    }
    case 'Mutation.calculatePayRun': {
      const id = await seedPayRun(target);
      const result = await gql(PAY_RUN_STEP('calculatePayRun'), { id, tenantId });
      return { result, effect: (await payRunStatus(target, id)) === 'CALCULATING' };
    }
    case 'Mutation.approvePayRun': {
      const id = await seedPayRun(target, 'CALCULATED');
      const result = await gql(APPROVE_PAY_RUN, { id, tenantId });
      return { result, effect: (await payRunStatus(target, id)) === 'APPROVED' };
    }
    case 'Mutation.finalizePayRun': {
      const id = await seedPayRun(target, 'APPROVED');
      const result = await gql(PAY_RUN_STEP('finalizePayRun'), { id, tenantId });
      return { result, effect: (await payRunStatus(target, id)) === 'FINALIZING' };
    }
    case 'Mutation.discardPayRun': {
      const id = await seedPayRun(target);
      const result = await gql(PAY_RUN_STEP('discardPayRun'), { id, tenantId });
      return { result, effect: (await payRunStatus(target, id)) === 'DISCARDED' };
    }
    default:
      return null;
  }
}

/** The record as its own tenant's admin reads it. */
async function record(tenantId: string, id: string): Promise<{ version: number; phone: string | null; archived: boolean; photoDocumentId: string | null }> {
  const read = await seeders.get(tenantId)!<{ employee: { version: number; phone: string | null; archived: boolean; photoDocumentId: string | null } }>(RECORD, { id });
  expect(read.errors).toBeUndefined();
  return read.data!.employee;
}

/** A custom field the tenant's own admin declares; returns its key and the declarations' version after it. */
async function seedCustomField(tenantId: string): Promise<{ key: string; version: number }> {
  serial += 1;
  const key = `field${serial}`;
  const { version } = await customFieldSchema(tenantId);
  const result = await seeders.get(tenantId)!<{ defineCustomField: { version: number } }>(DEFINE_FIELD, { input: { expectedVersion: version, key, label: key, type: 'TEXT' } });
  expect(result.errors).toBeUndefined();
  return { key, version: result.data!.defineCustomField.version };
}

async function customFieldSchema(tenantId: string): Promise<{ version: number; keys: string[] }> {
  const read = await seeders.get(tenantId)!<{ customFieldSchema: { version: number; fields: { key: string }[] } }>(FIELD_SCHEMA);
  expect(read.errors).toBeUndefined();
  return { version: read.data!.customFieldSchema.version, keys: read.data!.customFieldSchema.fields.map((f) => f.key) };
}

async function exists(tenantId: string, id: string): Promise<boolean> {
  const read = await seeders.get(tenantId)!<{ employee: { id: string } | null }>(GET, { id });
  return read.data?.employee?.id === id;
}

beforeAll(async () => {
  stack = await startTestStack();
  const [acme, globex, systemAdmin] = await Promise.all([
    signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'system', role: 'SystemAdmin' }),
  ]);
  seeders.set('acme', acme).set('globex', globex).set('system', systemAdmin);
  system = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
});

afterAll(async () => {
  system?.destroy();
  await stack?.stop();
});

/** Runs one organisation operation against a target tenant; null for other operations. */
async function attemptOrganisation(gql: Gql, operation: DataOperation, target: string, tenantId: string | undefined) {
  const [, field] = operation.split('.') as [string, string];
  const entity = (Object.keys(ORGANISATION) as OrganisationEntity[]).find((e) => field.endsWith(e) || field === ORGANISATION[e].field || field === ORGANISATION[e].list);
  if (operation === 'Query.orgChart') {
    const id = await seedOrganisation(target, 'Department');
    const result = await gql<{ orgChart: { items: { id: string }[] } }>(ORG_CHART, { departmentId: id, tenantId });
    return { result, effect: result.data?.orgChart?.items[0]?.id === id };
  }
  if (operation === 'Query.departments') {
    const parentId = await seedOrganisation(target, 'Department');
    const id = await seedOrganisation(target, 'Department', { name: 'Child', parentId });
    const result = await gql<{ departments: { items: { id: string }[] } }>(CHILD_DEPARTMENTS, { parentId, tenantId });
    return { result, effect: (result.data?.departments?.items ?? []).some((d) => d.id === id) };
  }
  if (!entity) return null;
  const { list } = ORGANISATION[entity];
  if (field === ORGANISATION[entity].field) {
    const id = await seedOrganisation(target, entity);
    const result = await gql<Record<string, { id: string } | null>>(orgGet(entity), { id, tenantId });
    return { result, effect: result.data?.[field]?.id === id };
  }
  if (field === list) {
    const id = await seedOrganisation(target, entity);
    // Newest first: what was just made is on the first page.
    const result = await gql<Record<string, { items: { id: string }[] }>>(`query ($tenantId: ID) { ${list}(limit: 100, tenantId: $tenantId) { items { id } } }`, { tenantId });
    return { result, effect: (result.data?.[list]?.items ?? []).some((x) => x.id === id) };
  }
  if (field.startsWith('create')) {
    const result = await gql<Record<string, { id: string } | null>>(orgCreate(entity), { input: ORGANISATION[entity].input(), tenantId });
    const id = result.data?.[field]?.id;
    return { result, effect: id !== undefined && (await organisationName(target, entity, id)) !== undefined };
  }
  const id = await seedOrganisation(target, entity);
  if (field.startsWith('update')) {
    const result = await gql(orgUpdate(entity), { input: { id, expectedVersion: 1, ...ORGANISATION[entity].change }, tenantId });
    return { result, effect: (await organisationName(target, entity, id)) === 'Changed' };
  }
  const result = await gql(orgDelete(entity), { id, tenantId });
  return { result, effect: (await organisationName(target, entity, id)) === undefined };
}

/**
 * Self-service names no record and no tenant: the caller's own record comes from their sign-in.
 * In the home tenant the caller is a user of `role` linked to a new employee there; "in another
 * tenant" is a user whose employee claim names an employee of the target tenant, which the call
 * must never reach. Platform staff cannot be linked to a record (the system store has no
 * SelfService template): theirs is a plain sign-in.
 */
async function attemptOwnProfile(role: Role, home: string, target: string) {
  const { id } = await seedEmployee(target);
  const caller = await signedIn(stack, { tenantId: home, role, ...(isSystemRole(role) ? {} : { employeeId: id }) });
  const result = await caller(MY_PROFILE, { input: { expectedVersion: 1, phone: '+49 40 7654321' } });
  return { result, effect: (await record(target, id)).phone === '+49 40 7654321' };
}

/** An employee of `tenantId` with a sign-in of that tenant linked to it (a kiosk punches only for such). */
async function seedLinkedEmployee(tenantId: string, extra: Record<string, unknown> = {}): Promise<{ id: string; self: Gql }> {
  const { id } = await seedEmployee(tenantId, extra);
  return { id, self: await signedIn(stack, { tenantId, role: 'TenantUser', employeeId: id }) };
}

/** The punches of an employee, read with the stack's internal key. */
async function punchesOf(tenantId: string, employeeId: string): Promise<number> {
  const found = await system.send(new QueryCommand({
    TableName: tableName('TimeAttendance', stack.stage),
    KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)',
    ExpressionAttributeValues: { ':t': { S: tenantKey(tenantId) }, ':p': { S: employeePunchesPrefix(employeeId) } },
    ConsistentRead: true,
  }));
  return found.Count ?? 0;
}

async function correction(tenantId: string, employeeId: string, correctionId: string): Promise<{ status: string } | null> {
  const found = await system.send(new GetItemCommand({
    TableName: tableName('TimeAttendance', stack.stage),
    Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: correctionItemKey(employeeId, correctionId) } },
    ConsistentRead: true,
  }));
  return found.Item ? (unmarshall(found.Item) as { status: string }) : null;
}

/** A report of a manager in `tenantId` with a pending correction request. */
async function seedCorrection(tenantId: string): Promise<{ boss: string; report: string; correctionId: string }> {
  const boss = await seedEmployee(tenantId);
  const report = await seedLinkedEmployee(tenantId, { contract: { ...input('x').contract, terms: { ...input('x').contract.terms, managerId: boss.id } } });
  const requested = await report.self<{ requestAttendanceCorrection: { id: string } }>(REQUEST_CORRECTION, { input: MISSING_IN() });
  expect(requested.errors).toBeUndefined();
  return { boss: boss.id, report: report.id, correctionId: requested.data!.requestAttendanceCorrection.id };
}

/**
 * The caller of one's own attendance: for tenant roles a new sign-in of `role` linked to
 * `employeeId` (of the target tenant: in another tenant the link must reach nothing); kiosks and
 * platform staff have no record of their own and call as themselves.
 */
async function selfCaller(gql: Gql, who: { role: Role; home: string }, employeeId: string): Promise<Gql> {
  if (who.role === 'Kiosk' || isSystemRole(who.role)) return gql;
  return signedIn(stack, { tenantId: who.home, role: who.role, employeeId });
}

/**
 * Runs one attendance operation against a target tenant; null for other operations. `refusal`
 * names how a refused call answers when not UNAUTHORIZED_ACCESS: a kiosk naming another
 * tenant's employee finds none (NOT_FOUND); one's own month and requests, asked by a sign-in
 * whose record is another tenant's, are empty (null: no error, nothing of it).
 */
async function attemptAttendance(gql: Gql, operation: DataOperation, target: string, tenantId: string | undefined, who: { role: Role; home: string }) {
  const kiosk = who.role === 'Kiosk';
  const elsewhere = target !== who.home;
  switch (operation) {
    case 'Mutation.clockIn': {
      const { id } = await seedLinkedEmployee(target);
      const caller = await selfCaller(gql, who, id);
      const result = await caller(CLOCK_IN, { input: PUNCH(kiosk ? id : undefined) });
      return { result, effect: (await punchesOf(target, id)) === 1, refusal: kiosk && elsewhere ? 'NOT_FOUND' : undefined };
    }
    case 'Mutation.clockOut': {
      const { id, self } = await seedLinkedEmployee(target);
      expect((await self(CLOCK_IN, { input: PUNCH() })).errors).toBeUndefined();
      const caller = await selfCaller(gql, who, id);
      const result = await caller(CLOCK_OUT, { input: PUNCH(kiosk ? id : undefined) });
      return { result, effect: (await punchesOf(target, id)) === 2, refusal: kiosk && elsewhere ? 'NOT_FOUND' : undefined };
    }
    case 'Query.myAttendance': {
      const { id, self } = await seedLinkedEmployee(target);
      const punched = await self<{ clockIn: { id: string; localDate: string } }>(CLOCK_IN, { input: PUNCH() });
      expect(punched.errors).toBeUndefined();
      const caller = await selfCaller(gql, who, id);
      const result = await caller<{ myAttendance: { punches: { id: string }[] } }>(MY_ATTENDANCE, { month: punched.data!.clockIn.localDate.slice(0, 7) });
      return { result, effect: (result.data?.myAttendance?.punches ?? []).some((p) => p.id === punched.data!.clockIn.id), refusal: elsewhere && !kiosk && !isSystemRole(who.role) ? null : undefined };
    }
    case 'Query.myAttendanceCorrections': {
      const { id, self } = await seedLinkedEmployee(target);
      const requested = await self<{ requestAttendanceCorrection: { id: string } }>(REQUEST_CORRECTION, { input: MISSING_IN() });
      expect(requested.errors).toBeUndefined();
      const caller = await selfCaller(gql, who, id);
      const result = await caller<{ myAttendanceCorrections: { items: { id: string }[] } }>(MY_CORRECTIONS);
      return { result, effect: (result.data?.myAttendanceCorrections?.items ?? []).some((c) => c.id === requested.data!.requestAttendanceCorrection.id), refusal: elsewhere && !kiosk && !isSystemRole(who.role) ? null : undefined };
    }
    case 'Mutation.requestAttendanceCorrection': {
      const { id } = await seedLinkedEmployee(target);
      const caller = await selfCaller(gql, who, id);
      const result = await caller<{ requestAttendanceCorrection: { id: string } | null }>(REQUEST_CORRECTION, { input: MISSING_IN() });
      const correctionId = result.data?.requestAttendanceCorrection?.id;
      return { result, effect: correctionId !== undefined && (await correction(target, id, correctionId)) !== null };
    }
    case 'Query.teamAttendanceToday': {
      const boss = await seedEmployee(target);
      const report = await seedEmployee(target, { contract: { ...input('x').contract, terms: { ...input('x').contract.terms, managerId: boss.id } } });
      const result = await gql<{ teamAttendanceToday: { members: { employeeId: string }[] } }>(TEAM_TODAY, { managerId: boss.id, tenantId });
      return { result, effect: (result.data?.teamAttendanceToday?.members ?? []).some((m) => m.employeeId === report.id) };
    }
    case 'Query.departmentAttendance': {
      const departmentId = await seedOrganisation(target, 'Department');
      const result = await gql<{ departmentAttendance: { departmentId: string } }>(GRID, { departmentId, month: new Date().toISOString().slice(0, 7), tenantId });
      return { result, effect: result.data?.departmentAttendance?.departmentId === departmentId };
    }
    case 'Query.attendanceCorrectionsToDecide': {
      const { correctionId } = await seedCorrection(target);
      const result = await gql<{ attendanceCorrectionsToDecide: { items: { id: string }[] } }>(TO_DECIDE, { tenantId });
      return { result, effect: (result.data?.attendanceCorrectionsToDecide?.items ?? []).some((c) => c.id === correctionId) };
    }
    case 'Mutation.approveAttendanceCorrection':
    case 'Mutation.rejectAttendanceCorrection': {
      const { report, correctionId } = await seedCorrection(target);
      const approve = operation === 'Mutation.approveAttendanceCorrection';
      const result = await gql(approve ? APPROVE : REJECT, { input: { employeeId: report, correctionId, expectedVersion: 1 }, tenantId });
      return { result, effect: (await correction(target, report, correctionId))?.status === (approve ? 'APPROVED' : 'REJECTED') };
    }
    default:
      return null;
  }
}

/** Runs `query` as the target tenant's own admin; its root field's answer. */
async function asOwnAdmin<T>(tenantId: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await seeders.get(tenantId)!<Record<string, T>>(query, variables);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0]!;
}

/** A shift type, or a one-day pattern working a new shift type every day, of the target tenant. */
async function seedSchedule(tenantId: string, entity: ScheduleEntity): Promise<string> {
  serial += 1;
  const shiftType = await asOwnAdmin<{ id: string }>(tenantId, scheduleCreate('ShiftType'), { input: { name: `Shift ${serial}`, start: '09:00', end: '17:00' } });
  if (entity === 'ShiftType') return shiftType.id;
  return (await asOwnAdmin<{ id: string }>(tenantId, scheduleCreate('WorkPattern'), { input: { name: `Pattern ${serial}`, cycleDays: 1, anchorDate: '2027-01-04', days: [shiftType.id] } })).id;
}

async function scheduleItem(tenantId: string, entity: ScheduleEntity, id: string): Promise<{ name: string; archived: boolean; version: number } | undefined> {
  const { items } = await asOwnAdmin<{ items: { id: string; name: string; archived: boolean; version: number }[] }>(tenantId, SCHEDULE_ENTITIES[entity].list);
  return items.find((item) => item.id === id);
}

/** An employee of the target tenant working a seeded pattern by contract (optionally in a department), with the pattern's id. */
async function seedScheduled(tenantId: string, departmentId: string | null = null): Promise<{ id: string; patternId: string }> {
  const patternId = await seedSchedule(tenantId, 'WorkPattern');
  const contract = input('x').contract;
  const { id } = await seedEmployee(tenantId, { contract: { ...contract, terms: { ...contract.terms, workScheduleId: patternId, departmentId } } });
  return { id, patternId };
}

const dayOf = async (tenantId: string, employeeId: string) => (await asOwnAdmin<{ kind: string }[]>(tenantId, ROSTER, { employeeId, date: WORKDAY }))[0]?.kind;
const assignmentsOf = (tenantId: string, employeeId: string) => asOwnAdmin<{ from: string; to: string | null }[]>(tenantId, ASSIGNMENTS, { employeeId });
const holidayEdits = async (tenantId: string) => (await asOwnAdmin<{ items: { scope: string; date: string }[] }>(tenantId, HOLIDAY_EDITS)).items.map((e) => `${e.scope}@${e.date}`);

/** Runs one schedules operation against a target tenant; null for other operations. */
async function attemptSchedules(gql: Gql, operation: DataOperation, target: string, tenantId: string | undefined) {
  const [, field] = operation.split('.') as [string, string];
  const entity = (Object.keys(SCHEDULE_ENTITIES) as ScheduleEntity[]).find((e) => field.endsWith(e) || field === SCHEDULE_ENTITIES[e].field);
  if (entity) {
    if (field.startsWith('create')) {
      const created = entity === 'ShiftType'
        ? await gql<Record<string, { id: string } | null>>(scheduleCreate(entity), { input: { name: 'Created', start: '06:00', end: '14:00' }, tenantId })
        : await gql<Record<string, { id: string } | null>>(scheduleCreate(entity), { input: { name: 'Created', cycleDays: 1, anchorDate: '2027-01-04', days: [await seedSchedule(target, 'ShiftType')] }, tenantId });
      const id = created.data?.[field]?.id;
      return { result: created, effect: id !== undefined && (await scheduleItem(target, entity, id)) !== undefined };
    }
    const id = await seedSchedule(target, entity);
    if (field === SCHEDULE_ENTITIES[entity].field) {
      const result = await gql<Record<string, { items: { id: string }[] }>>(SCHEDULE_ENTITIES[entity].list, { tenantId });
      return { result, effect: (result.data?.[field]?.items ?? []).some((item) => item.id === id) };
    }
    if (field.startsWith('update')) {
      const result = await gql(scheduleUpdate(entity), { input: { id, expectedVersion: 1, name: 'Changed' }, tenantId });
      return { result, effect: (await scheduleItem(target, entity, id))?.name === 'Changed' };
    }
    if (field.startsWith('restore')) await asOwnAdmin(target, scheduleFlag('archive', entity), { id, expectedVersion: 1 });
    const verb = field.startsWith('archive') ? 'archive' : 'restore';
    const result = await gql(scheduleFlag(verb, entity), { id, expectedVersion: verb === 'archive' ? 1 : 2, tenantId });
    return { result, effect: (await scheduleItem(target, entity, id))?.archived === (verb === 'archive') };
  }
  switch (operation) {
    case 'Query.scheduleAssignments': {
      const { id, patternId } = await seedScheduled(target);
      await asOwnAdmin(target, ASSIGN, { input: { employeeId: id, patternId, from: '2027-01-01' } });
      const result = await gql<{ scheduleAssignments: { from: string }[] }>(ASSIGNMENTS, { employeeId: id, tenantId });
      return { result, effect: result.data?.scheduleAssignments?.[0]?.from === '2027-01-01' };
    }
    case 'Mutation.assignSchedule': {
      const { id, patternId } = await seedScheduled(target);
      const result = await gql(ASSIGN, { input: { employeeId: id, patternId, from: '2027-01-01' }, tenantId });
      return { result, effect: (await assignmentsOf(target, id)).length === 1 };
    }
    case 'Mutation.endScheduleAssignment': {
      const { id, patternId } = await seedScheduled(target);
      await asOwnAdmin(target, ASSIGN, { input: { employeeId: id, patternId, from: '2027-01-01' } });
      const result = await gql(END_ASSIGNMENT, { input: { employeeId: id, from: '2027-01-01', expectedVersion: 1, to: '2027-01-31' }, tenantId });
      return { result, effect: (await assignmentsOf(target, id))[0]?.to === '2027-01-31' };
    }
    case 'Mutation.removeScheduleAssignment': {
      const { id, patternId } = await seedScheduled(target);
      await asOwnAdmin(target, ASSIGN, { input: { employeeId: id, patternId, from: '2099-01-01' } });
      const result = await gql(REMOVE_ASSIGNMENT, { employeeId: id, from: '2099-01-01', expectedVersion: 1, tenantId });
      return { result, effect: (await assignmentsOf(target, id)).length === 0 };
    }
    case 'Mutation.setScheduleOverride': {
      const { id } = await seedScheduled(target);
      const result = await gql(SET_OVERRIDE, { input: { employeeId: id, date: WORKDAY }, tenantId });
      return { result, effect: (await dayOf(target, id)) === 'REST_DAY' };
    }
    case 'Mutation.clearScheduleOverride': {
      const { id } = await seedScheduled(target);
      await asOwnAdmin(target, SET_OVERRIDE, { input: { employeeId: id, date: WORKDAY } });
      const result = await gql(CLEAR_OVERRIDE, { employeeId: id, date: WORKDAY, tenantId });
      return { result, effect: (await dayOf(target, id)) === 'SHIFT' };
    }
    case 'Query.roster': {
      const { id } = await seedScheduled(target);
      const result = await gql<{ roster: { kind: string }[] }>(ROSTER, { employeeId: id, date: WORKDAY, tenantId });
      return { result, effect: result.data?.roster?.[0]?.kind === 'SHIFT' };
    }
    case 'Query.departmentRoster': {
      const departmentId = await seedOrganisation(target, 'Department');
      const { id } = await seedScheduled(target, departmentId);
      const result = await gql<{ departmentRoster: { items: { employeeId: string }[] } }>(DEPARTMENT_ROSTER, { departmentId, date: WORKDAY, tenantId });
      return { result, effect: (result.data?.departmentRoster?.items ?? []).some((item) => item.employeeId === id) };
    }
    case 'Query.locationCalendar': {
      const locationId = await seedOrganisation(target, 'Location');
      await asOwnAdmin(target, SET_LOCATION_CALENDAR, { input: { locationId, country: 'DE', state: 'BE' } });
      const result = await gql<{ locationCalendar: { state: string | null } }>(LOCATION_CALENDAR, { locationId, tenantId });
      return { result, effect: result.data?.locationCalendar?.state === 'BE' };
    }
    case 'Mutation.setLocationCalendar': {
      const locationId = await seedOrganisation(target, 'Location');
      const result = await gql(SET_LOCATION_CALENDAR, { input: { locationId, country: 'DE', state: 'BE' }, tenantId });
      return { result, effect: (await asOwnAdmin<{ state: string | null }>(target, LOCATION_CALENDAR, { locationId })).state === 'BE' };
    }
    case 'Query.holidays': {
      const locationId = await seedOrganisation(target, 'Location');
      await asOwnAdmin(target, EDIT_HOLIDAY, { input: { scope: { locationId }, ...COMPANY_DAY } });
      const result = await gql<{ holidays: { date: string; name: string }[] }>(HOLIDAYS, { locationId, tenantId });
      return { result, effect: (result.data?.holidays ?? []).some((d) => d.date === COMPANY_DAY.date && d.name === COMPANY_DAY.name) };
    }
    case 'Query.holidayEdits': {
      const locationId = await seedOrganisation(target, 'Location');
      await asOwnAdmin(target, EDIT_HOLIDAY, { input: { scope: { locationId }, ...COMPANY_DAY } });
      const result = await gql<{ holidayEdits: { items: { scope: string }[] } }>(HOLIDAY_EDITS, { tenantId });
      return { result, effect: (result.data?.holidayEdits?.items ?? []).some((e) => e.scope === `LOC:${locationId}`) };
    }
    case 'Mutation.editHoliday': {
      const locationId = await seedOrganisation(target, 'Location');
      const result = await gql(EDIT_HOLIDAY, { input: { scope: { locationId }, ...COMPANY_DAY }, tenantId });
      return { result, effect: (await holidayEdits(target)).includes(`LOC:${locationId}@${COMPANY_DAY.date}`) };
    }
    case 'Mutation.undoHolidayEdit': {
      const locationId = await seedOrganisation(target, 'Location');
      await asOwnAdmin(target, EDIT_HOLIDAY, { input: { scope: { locationId }, ...COMPANY_DAY } });
      const result = await gql(UNDO_HOLIDAY_EDIT, { scope: `LOC:${locationId}`, date: COMPANY_DAY.date, tenantId });
      return { result, effect: !(await holidayEdits(target)).includes(`LOC:${locationId}@${COMPANY_DAY.date}`) };
    }
    default:
      return null;
  }
}

/** Runs one operation against a target tenant; `allowed` says whether the call may succeed. */
async function attempt(gql: Gql, operation: DataOperation, target: string, tenantId: string | undefined, who: { role: Role; home: string }) {
  if (operation === 'Mutation.updateMyProfile') return attemptOwnProfile(who.role, who.home, target);
  const byModule = (await attemptAttendance(gql, operation, target, tenantId, who))
    ?? (await attemptOrganisation(gql, operation, target, tenantId))
    ?? (await attemptSchedules(gql, operation, target, tenantId))
    ?? (await attemptLeave(gql, operation, target, tenantId))
    ?? (await attemptPayroll(gql, operation, target, tenantId));
  if (byModule) return byModule;
  switch (operation) {
    case 'Query.employeeHistory': {
      const { id } = await seedEmployee(target);
      const result = await gql<{ employeeHistory: { items: { change: string }[] } }>(HISTORY, { employeeId: id, tenantId });
      return { result, effect: result.data?.employeeHistory?.items[0]?.change === 'HIRED' };
    }
    case 'Query.employeePhotoUrl': {
      const { id } = await seedEmployee(target);
      const documentId = await seedDocument(target, id, PHOTO);
      expect((await seeders.get(target)!(SET_PHOTO, { input: { employeeId: id, expectedVersion: 1, documentId } })).errors).toBeUndefined();
      const result = await gql<{ employeePhotoUrl: { downloadUrl: string } | null }>(PHOTO_URL, { employeeId: id, tenantId });
      const url = result.data?.employeePhotoUrl?.downloadUrl;
      return { result, effect: url !== undefined && (await (await fetch(url)).text()) === '%PDF-1.7 ok' };
    }
    case 'Mutation.setProfilePhoto': {
      const { id } = await seedEmployee(target);
      const documentId = await seedDocument(target, id, PHOTO);
      const result = await gql(SET_PHOTO, { input: { employeeId: id, expectedVersion: 1, documentId }, tenantId });
      return { result, effect: (await record(target, id)).photoDocumentId === documentId };
    }
    case 'Mutation.archiveEmployee': {
      const { id } = await seedEmployee(target, LEAVER);
      const result = await gql(ARCHIVE, { id, expectedVersion: 1, tenantId });
      return { result, effect: (await record(target, id)).archived };
    }
    case 'Mutation.restoreEmployee': {
      const { id } = await seedEmployee(target, LEAVER);
      expect((await seeders.get(target)!(ARCHIVE, { id, expectedVersion: 1 })).errors).toBeUndefined();
      const result = await gql(RESTORE, { id, expectedVersion: 2, tenantId });
      return { result, effect: !(await record(target, id)).archived };
    }
    case 'Query.customFieldSchema': {
      const { key } = await seedCustomField(target);
      const result = await gql<{ customFieldSchema: { fields: { key: string }[] } }>(FIELD_SCHEMA, { tenantId });
      return { result, effect: (result.data?.customFieldSchema?.fields ?? []).some((f) => f.key === key) };
    }
    case 'Mutation.defineCustomField': {
      serial += 1;
      const key = `defined${serial}`;
      const result = await gql(DEFINE_FIELD, { input: { expectedVersion: (await customFieldSchema(target)).version, key, label: key, type: 'TEXT' }, tenantId });
      return { result, effect: (await customFieldSchema(target)).keys.includes(key) };
    }
    case 'Mutation.removeCustomField': {
      const { key, version } = await seedCustomField(target);
      const result = await gql(REMOVE_FIELD, { key, expectedVersion: version, tenantId });
      return { result, effect: !(await customFieldSchema(target)).keys.includes(key) };
    }
    case 'Query.employee': {
      const { id } = await seedEmployee(target);
      const result = await gql<{ employee: { id: string } | null }>(GET, { id, tenantId });
      return { result, effect: result.data?.employee?.id === id };
    }
    case 'Query.employees': {
      const { id } = await seedEmployee(target);
      // By the seeded last name: the other cells leave more employees than a page holds.
      const result = await gql<{ employees: { items: { id: string }[] } }>(LIST_NAMED, { lastNamePrefix: `Matrix${serial}`, tenantId });
      return { result, effect: (result.data?.employees?.items ?? []).some((e) => e.id === id) };
    }
    case 'Mutation.createEmployee': {
      const result = await gql<{ createEmployee: { id: string } | null }>(CREATE, { input: input('Created'), tenantId });
      const id = result.data?.createEmployee?.id;
      return { result, effect: id !== undefined && (await exists(target, id)) };
    }
    case 'Mutation.updateEmployee': {
      const { id } = await seedEmployee(target);
      const result = await gql(UPDATE, { input: { id, expectedVersion: 1, firstName: 'Changed' }, tenantId });
      const after = await seeders.get(target)!<{ employee: { firstName: string } }>(GET, { id });
      return { result, effect: after.data?.employee.firstName === 'Changed' };
    }
    case 'Mutation.deleteEmployee': {
      // Only a hire that has not started may be withdrawn.
      const { id } = await seedEmployee(target, { contract: { ...input('x').contract, startDate: '2099-01-01' } });
      const result = await gql(DELETE, { id, tenantId });
      return { result, effect: !(await exists(target, id)) };
    }
    case 'Query.reports': {
      const boss = await seedEmployee(target);
      const { id } = await seedEmployee(target, { contract: { ...input('x').contract, terms: { ...input('x').contract.terms, managerId: boss.id } } });
      const result = await gql<{ reports: { items: { id: string }[] } }>(REPORTS, { employeeId: boss.id, tenantId });
      return { result, effect: (result.data?.reports?.items ?? []).some((e) => e.id === id) };
    }
    case 'Query.employeeContracts': {
      const { id } = await seedEmployee(target);
      const result = await gql<{ employeeContracts: ContractRead[] }>(CONTRACTS, { employeeId: id, tenantId });
      return { result, effect: (result.data?.employeeContracts ?? []).length === 1 };
    }
    case 'Mutation.startContract': {
      const { id } = await seedEmployee(target, { contract: { ...input('x').contract, endDate: '2023-12-31' } });
      const result = await gql(START_CONTRACT, { input: { employeeId: id, expectedVersion: 1, contract: { startDate: '2024-06-01', terms: { jobTitle: 'Rehired', employmentType: 'FULL_TIME' } } }, tenantId });
      return { result, effect: (await contractsOf(target, id)).length === 2 };
    }
    case 'Mutation.amendContract': {
      const { id } = await seedEmployee(target);
      const [contract] = await contractsOf(target, id);
      const amendment = { employeeId: id, contractId: contract!.id, expectedVersion: contract!.version, effectiveFrom: '2024-01-01', reason: 'raise', changes: { payAmount: '55000' } };
      const result = await gql(AMEND_CONTRACT, { input: amendment, tenantId });
      return { result, effect: (await contractsOf(target, id))[0]!.versions.length === 2 };
    }
    case 'Mutation.terminateContract': {
      const { id } = await seedEmployee(target);
      const [contract] = await contractsOf(target, id);
      const termination = { employeeId: id, contractId: contract!.id, expectedVersion: contract!.version, reason: 'RESIGNATION', lastWorkingDay: '2024-06-30' };
      const result = await gql(TERMINATE_CONTRACT, { input: termination, tenantId });
      return { result, effect: (await contractsOf(target, id))[0]!.termination !== null };
    }
    case 'Query.employeeDocuments': {
      const { id } = await seedEmployee(target);
      const documentId = await seedDocument(target, id);
      const result = await gql<{ employeeDocuments: { items: { id: string }[] } }>(DOCUMENTS, { employeeId: id, tenantId });
      return { result, effect: (result.data?.employeeDocuments?.items ?? []).some((d) => d.id === documentId) };
    }
    case 'Query.documentDownloadUrl': {
      const { id } = await seedEmployee(target);
      const documentId = await seedDocument(target, id);
      const result = await gql<{ documentDownloadUrl: { downloadUrl: string } }>(DOWNLOAD, { employeeId: id, documentId, tenantId });
      const url = result.data?.documentDownloadUrl?.downloadUrl;
      return { result, effect: url !== undefined && (await (await fetch(url)).text()) === '%PDF-1.7 ok' };
    }
    case 'Query.jobs': {
      const id = await seedJob(target);
      const result = await gql<{ jobs: { items: { id: string }[] } }>(JOBS, { tenantId });
      return { result, effect: (result.data?.jobs?.items ?? []).some((j) => j.id === id) };
    }
    case 'Query.job': {
      const id = await seedJob(target);
      const result = await gql<{ job: { job: { id: string } } | null }>(JOB, { id, tenantId });
      return { result, effect: result.data?.job?.job.id === id };
    }
    case 'Mutation.createJob': {
      const input = jobInput('created');
      const result = await gql<{ createJob: { id: string } | null }>(CREATE_JOB, { input, tenantId });
      return { result, effect: (await jobStatus(target, input.id)) === 'PENDING' };
    }
    case 'Mutation.cancelJob': {
      const id = await seedJob(target);
      const result = await gql(CANCEL_JOB, { id, tenantId });
      return { result, effect: (await jobStatus(target, id)) === 'CANCELLED' };
    }
    case 'Mutation.retryJob': {
      const id = await seedDeadJob(target);
      const result = await gql(RETRY_JOB, { id, tenantId });
      return { result, effect: (await jobStatus(target, id)) === 'PENDING' };
    }
    case 'Mutation.requestDocumentUpload': {
      const { id } = await seedEmployee(target);
      const result = await gql<{ requestDocumentUpload: { document: { id: string } } }>(UPLOAD, { input: { ...PDF, employeeId: id }, tenantId });
      const documentId = result.data?.requestDocumentUpload?.document.id;
      const listed = await seeders.get(target)!<{ employeeDocuments: { items: { id: string }[] } }>(DOCUMENTS, { employeeId: id });
      return { result, effect: documentId !== undefined && listed.data!.employeeDocuments.items.some((d) => d.id === documentId) };
    }
    default:
      throw new Error(`The matrix has no attempt for ${operation}.`);
  }
}

describe.each(ROLES)('%s', (role) => {
  const { home, operations, otherTenants } = MAY[role];
  let gql: Gql;

  beforeAll(async () => {
    gql = await signedIn(stack, { tenantId: home, role });
  });

  it.each(DATA_OPERATIONS.filter((o) => home !== 'system' || !NEEDS_LINKED_EMPLOYEE.includes(o)))('%s in its own tenant', async (operation) => {
    const allowed = operations.includes(operation);
    const { result, effect } = await attempt(gql, operation, home, undefined, { role, home });
    expect(effect).toBe(allowed);
    if (allowed) expect(result.errors).toBeUndefined();
    else expect(result.errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
  });

  it.each(DATA_OPERATIONS)('%s in another tenant', async (operation) => {
    const target = OTHER[home]!;
    // Self-service and one's own attendance cannot name a tenant: no role reaches another tenant's record through them.
    const allowed = otherTenants && operations.includes(operation) && !OWN_PROFILE.includes(operation) && !OWN_ATTENDANCE.includes(operation);
    const outcome = await attempt(gql, operation, target, target, { role, home });
    const { result, effect } = outcome;
    const refusal = 'refusal' in outcome ? outcome.refusal : undefined;
    expect(effect).toBe(allowed);
    if (allowed) expect(result.errors).toBeUndefined();
    else if (refusal === null) expect(result.errors).toBeUndefined();
    else expect(result.errors?.[0]).toMatchObject({ errorType: refusal ?? 'UNAUTHORIZED_ACCESS' });
  });
});

describe('tenant lifecycle: system admins only', () => {
  const CREATE_TENANT = 'mutation ($input: CreateTenantInput!) { createTenant(input: $input) { tenantId status done } }';
  const ONBOARDING = 'query ($id: ID!) { tenantOnboarding(id: $id) { tenantId status } }';
  const TENANT = 'query ($id: ID!) { tenant(id: $id) { status plan } }';
  const CHANGE_PLAN = 'mutation ($id: ID!, $plan: String!) { changeTenantPlan(id: $id, plan: $plan) { plan } }';
  const SUSPEND = 'mutation ($id: ID!) { suspendTenant(id: $id) { status } }';
  const REACTIVATE = 'mutation ($id: ID!) { reactivateTenant(id: $id) { status } }';
  const MAY_MANAGE: Record<Role, boolean> = { TenantAdmin: false, TenantUser: false, Kiosk: false, SystemAdmin: true, SystemSuperuser: false, SystemSupport: false };

  it.each(ROLES)('%s', async (role) => {
    const gql = await signedIn(stack, { tenantId: MAY[role].home, role });
    const tenantId = `life-${role.toLowerCase()}`;
    const created = await gql<{ createTenant: { status: string } | null }>(CREATE_TENANT, { input: { tenantId, adminEmail: `first@${tenantId}.example` } });
    const read = await gql<{ tenantOnboarding: { status: string } | null }>(ONBOARDING, { id: 'acme' });
    const state = await seeders.get('system')!<{ tenantOnboarding: { status: string } | null }>(ONBOARDING, { id: tenantId });
    if (MAY_MANAGE[role]) {
      expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
      expect(created.data?.createTenant?.status).toBe('COMPLETED');
      expect(read.data?.tenantOnboarding?.status).toBe('COMPLETED');
      expect(state.data?.tenantOnboarding?.status).toBe('COMPLETED');
    } else {
      expect(created.errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
      expect(read.errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
      expect(state.data?.tenantOnboarding).toBeNull();
    }
    // The lifecycle of a live tenant (globex; a system admin works on the tenant it just made).
    const target = MAY_MANAGE[role] ? tenantId : 'globex';
    const lifecycle = [
      await gql<{ tenant: { status: string } }>(TENANT, { id: target }),
      await gql<{ changeTenantPlan: { plan: string } }>(CHANGE_PLAN, { id: target, plan: 'trial' }),
      await gql<{ suspendTenant: { status: string } }>(SUSPEND, { id: target }),
      await gql<{ reactivateTenant: { status: string } }>(REACTIVATE, { id: target }),
    ];
    const after = await seeders.get('system')!<{ tenant: { status: string; plan: string } }>(TENANT, { id: target });
    if (MAY_MANAGE[role]) {
      for (const answer of lifecycle) expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      expect(after.data?.tenant).toEqual({ status: 'ACTIVE', plan: 'trial' });
    } else {
      for (const answer of lifecycle) expect(answer.errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
      expect(after.data?.tenant).toEqual({ status: 'ACTIVE', plan: 'standard' });
    }
  });
});

describe('a tenant\'s users (ManageUsers): tenant admins of their own tenant, system admins and superusers of any', () => {
  const USERS = 'query ($tenantId: ID) { tenantUsers(limit: 1, tenantId: $tenantId) { items { userId } } }';
  const DISABLE = 'mutation ($userId: ID!, $tenantId: ID) { disableUser(userId: $userId, tenantId: $tenantId) { status } }';
  const MAY_MANAGE: Record<Role, boolean> = { TenantAdmin: true, TenantUser: false, Kiosk: false, SystemAdmin: true, SystemSuperuser: true, SystemSupport: false };

  it.each(ROLES)('%s', async (role) => {
    const gql = await signedIn(stack, { tenantId: MAY[role].home, role });
    // A customer tenant's own listing (system callers name acme), and another tenant's (globex) for tenant callers.
    const own = await gql<{ tenantUsers: { items: unknown[] } }>(USERS, MAY[role].home === 'system' ? { tenantId: 'acme' } : {});
    const other = await gql(USERS, { tenantId: 'globex' });
    // A user id that exists nowhere: what is checked here is who gets as far as the lookup.
    const disable = await gql(DISABLE, { userId: 'no-such-user', ...(MAY[role].home === 'system' ? { tenantId: 'acme' } : {}) });
    if (MAY_MANAGE[role]) {
      expect(own.errors, JSON.stringify(own.errors)).toBeUndefined();
      expect(own.data?.tenantUsers.items.length).toBe(1);
      expect(disable.errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    } else {
      expect(own.errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
      expect(disable.errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    }
    // Only cross-tenant roles may name another tenant; a tenant admin is refused before any lookup.
    if (MAY_MANAGE[role] && MAY[role].otherTenants) expect(other.errors).toBeUndefined();
    else expect(other.errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
  });
});

describe('a cached decision', () => {
  it('that allowed one operation never opens another for the same token', async () => {
    const reader = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser' });
    const before = stack.authorizerInvocations();
    expect((await reader(LIST)).errors).toBeUndefined();
    const write = await reader(CREATE, { input: input('Sneaky') });
    expect(write.errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await reader(LIST)).errors).toBeUndefined();
    // One authorizer run for the token, reused by every later operation.
    expect(stack.authorizerInvocations() - before).toBe(1);
  });
});

describe('restricted fields', () => {
  const DETAILS = `query ($id: ID!, $tenantId: ID) { employee(id: $id, tenantId: $tenantId) { id phone nationalId } }`;
  const PAY = `query ($employeeId: ID!, $tenantId: ID) { employeeContracts(employeeId: $employeeId, tenantId: $tenantId) { versions { terms { jobTitle payAmount payCurrency } } } }`;
  let boss: { id: string };
  let report: { id: string };
  let indirect: { id: string };
  let stranger: { id: string };
  const under = (managerId: string) => ({ contract: { ...input('x').contract, terms: { ...input('x').contract.terms, managerId } } });

  beforeAll(async () => {
    boss = await seedEmployee('acme');
    report = await seedEmployee('acme', under(boss.id));
    indirect = await seedEmployee('acme', under(report.id));
    stranger = await seedEmployee('acme');
  });

  async function pay(gql: Gql, employeeId: string, tenantId?: string) {
    const result = await gql<{ employeeContracts: { versions: { terms: { jobTitle: string; payAmount: string | null; payCurrency: string | null } }[] }[] }>(PAY, { employeeId, tenantId });
    return { errors: result.errors, terms: result.data?.employeeContracts?.[0]?.versions[0]?.terms };
  }

  async function details(gql: Gql, id: string, tenantId?: string) {
    const result = await gql<{ employee: { phone: string | null; nationalId: string | null } | null }>(DETAILS, { id, tenantId });
    expect(result.errors).toBeUndefined();
    return result.data!.employee;
  }

  it('a tenant admin sees every detail of every employee', async () => {
    expect(await details(seeders.get('acme')!, stranger.id)).toMatchObject({ phone: '+49 30 1234567', nationalId: expect.stringMatching(/^NID-/) });
  });

  it('an employee sees all of their own details and nobody else\'s', async () => {
    const self = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: stranger.id });
    expect(await details(self, stranger.id)).toMatchObject({ phone: '+49 30 1234567', nationalId: expect.stringMatching(/^NID-/) });
    expect(await details(self, boss.id)).toMatchObject({ phone: null, nationalId: null });
  });

  it("a manager sees their reports' personal details but not their sensitive ones", async () => {
    const manager = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: boss.id });
    expect(await details(manager, report.id)).toMatchObject({ phone: '+49 30 1234567', nationalId: null });
    // At any depth below them in the management line.
    expect(await details(manager, indirect.id)).toMatchObject({ phone: '+49 30 1234567', nationalId: null });
    expect(await details(manager, stranger.id)).toMatchObject({ phone: null, nationalId: null });
    expect(await details(manager, boss.id)).toMatchObject({ nationalId: expect.stringMatching(/^NID-/) });
  });

  it('a user without an employee record sees no restricted field', async () => {
    const user = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser' });
    expect(await details(user, stranger.id)).toMatchObject({ phone: null, nationalId: null });
  });

  it('support staff see personal details across tenants but never sensitive ones', async () => {
    const support = await signedIn(stack, { tenantId: 'system', role: 'SystemSupport' });
    expect(await details(support, stranger.id, 'acme')).toMatchObject({ phone: '+49 30 1234567', nationalId: null });
  });

  it('pay is for the employee and HR admins only: never their manager, never support', async () => {
    const self = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: report.id });
    const manager = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: boss.id });
    const support = await signedIn(stack, { tenantId: 'system', role: 'SystemSupport' });
    expect((await pay(seeders.get('acme')!, report.id)).terms).toMatchObject({ payAmount: '50000.00', payCurrency: 'EUR' });
    expect((await pay(self, report.id)).terms).toMatchObject({ payAmount: '50000.00', payCurrency: 'EUR' });
    expect((await pay(manager, report.id)).terms).toMatchObject({ jobTitle: 'Analyst', payAmount: null, payCurrency: null });
    expect((await pay(support, report.id, 'acme')).terms).toMatchObject({ jobTitle: 'Analyst', payAmount: null, payCurrency: null });
    // The report reads their own contract but not their manager's or a colleague's.
    expect((await pay(self, stranger.id)).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
  });
});
