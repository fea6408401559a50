import { preparsePolicySet, preparseSchema, statefulIsAuthorized, type EntityJson, type Response, type TemplateLink, type TypeAndId } from '@cedar-policy/cedar-wasm/nodejs';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../domain/model/authorization.ts';
import { FIELD_GROUPS, loadPolicyStoreSource, operationActions, type PolicyStoreSource, type StoreKind } from '../../lambda-authorizer/policy-store.ts';

// ---------------------------------------------------------------------------------------------
// Expectations, written from the design (architecture.md "Multi-tenancy"), not from the policies.
// ---------------------------------------------------------------------------------------------
type Role = 'TenantAdmin' | 'TenantUser' | 'Kiosk' | 'SystemAdmin' | 'SystemSuperuser' | 'SystemSupport';
/** The tenant a request names: the user's own, or another one. */
type TenantTarget = 'own' | 'other';
/**
 * The employee whose field group is read: `peer` an unrelated employee of the user's tenant,
 * `self` the user's own employee record, `report` a direct report, `report2` a report's report,
 * `otherTenant` an employee of another tenant.
 */
type EmployeeTarget = 'peer' | 'self' | 'report' | 'report2' | 'otherTenant';
type FieldGroup = keyof typeof FIELD_GROUPS;

/** The operation group of every GraphQL operation: a new operation must be placed here. */
type Group = 'read' | 'manage' | 'ownProfile' | 'personnelFile' | 'documents' | 'inbox' | 'internal' | 'readJobs' | 'manageJobs' | 'readOrganisation' | 'manageOrganisation' | 'punch' | 'ownAttendance' | 'readAttendance' | 'decideAttendance' | 'readSchedules' | 'manageSchedules' | 'readRosters' | 'manageTenants' | 'manageUsers' | 'readLeave' | 'manageLeave' | 'requestLeave' | 'decideLeave' | 'readPayroll' | 'runPayroll' | 'ownPayslips';
const OPERATION_GROUP: Record<string, Group> = {
  'Query.employee': 'read',
  'Query.employees': 'read',
  'Query.reports': 'read',
  'Query.employeeContracts': 'read',
  'Query.employeePhotoUrl': 'read',
  'Query.customFieldSchema': 'read',
  'Mutation.createEmployee': 'manage',
  'Mutation.updateEmployee': 'manage',
  'Mutation.deleteEmployee': 'manage',
  'Mutation.archiveEmployee': 'manage',
  'Mutation.restoreEmployee': 'manage',
  'Mutation.defineCustomField': 'manage',
  'Mutation.removeCustomField': 'manage',
  'Mutation.updateMyProfile': 'ownProfile',
  'Query.employeeHistory': 'personnelFile',
  'Mutation.setProfilePhoto': 'personnelFile',
  'Mutation.startContract': 'manage',
  'Mutation.amendContract': 'manage',
  'Mutation.terminateContract': 'manage',
  'Query.employeeDocuments': 'documents',
  'Query.documentDownloadUrl': 'documents',
  'Mutation.requestDocumentUpload': 'documents',
  'Query.notifications': 'inbox',
  'Mutation.markNotificationRead': 'inbox',
  'Subscription.onNotification': 'inbox',
  'Mutation.publishNotification': 'internal',
  'Query.jobs': 'readJobs',
  'Query.job': 'readJobs',
  'Mutation.createJob': 'manageJobs',
  'Mutation.cancelJob': 'manageJobs',
  'Mutation.retryJob': 'manageJobs',
  'Query.department': 'readOrganisation',
  'Query.departments': 'readOrganisation',
  'Query.orgChart': 'readOrganisation',
  'Query.location': 'readOrganisation',
  'Query.locations': 'readOrganisation',
  'Query.position': 'readOrganisation',
  'Query.positions': 'readOrganisation',
  'Query.costCentre': 'readOrganisation',
  'Query.costCentres': 'readOrganisation',
  'Mutation.createDepartment': 'manageOrganisation',
  'Mutation.updateDepartment': 'manageOrganisation',
  'Mutation.deleteDepartment': 'manageOrganisation',
  'Mutation.createLocation': 'manageOrganisation',
  'Mutation.updateLocation': 'manageOrganisation',
  'Mutation.deleteLocation': 'manageOrganisation',
  'Mutation.createPosition': 'manageOrganisation',
  'Mutation.updatePosition': 'manageOrganisation',
  'Mutation.deletePosition': 'manageOrganisation',
  'Mutation.createCostCentre': 'manageOrganisation',
  'Mutation.updateCostCentre': 'manageOrganisation',
  'Mutation.deleteCostCentre': 'manageOrganisation',
  'Mutation.clockIn': 'punch',
  'Mutation.clockOut': 'punch',
  'Query.myAttendance': 'ownAttendance',
  'Query.myAttendanceCorrections': 'ownAttendance',
  'Mutation.requestAttendanceCorrection': 'ownAttendance',
  'Query.teamAttendanceToday': 'readAttendance',
  'Query.departmentAttendance': 'readAttendance',
  'Query.attendanceCorrectionsToDecide': 'readAttendance',
  'Mutation.approveAttendanceCorrection': 'decideAttendance',
  'Mutation.rejectAttendanceCorrection': 'decideAttendance',
  'Query.shiftTypes': 'readSchedules',
  'Query.workPatterns': 'readSchedules',
  'Query.locationCalendar': 'readSchedules',
  'Query.holidays': 'readSchedules',
  'Query.holidayEdits': 'readSchedules',
  'Mutation.createShiftType': 'manageSchedules',
  'Mutation.updateShiftType': 'manageSchedules',
  'Mutation.archiveShiftType': 'manageSchedules',
  'Mutation.restoreShiftType': 'manageSchedules',
  'Mutation.createWorkPattern': 'manageSchedules',
  'Mutation.updateWorkPattern': 'manageSchedules',
  'Mutation.archiveWorkPattern': 'manageSchedules',
  'Mutation.restoreWorkPattern': 'manageSchedules',
  'Mutation.assignSchedule': 'manageSchedules',
  'Mutation.endScheduleAssignment': 'manageSchedules',
  'Mutation.removeScheduleAssignment': 'manageSchedules',
  'Mutation.setScheduleOverride': 'manageSchedules',
  'Mutation.clearScheduleOverride': 'manageSchedules',
  'Mutation.setLocationCalendar': 'manageSchedules',
  'Mutation.editHoliday': 'manageSchedules',
  'Mutation.undoHolidayEdit': 'manageSchedules',
  'Query.roster': 'readRosters',
  'Query.departmentRoster': 'readRosters',
  'Query.scheduleAssignments': 'readRosters',
  'Mutation.createTenant': 'manageTenants',
  'Query.tenantOnboarding': 'manageTenants',
  'Query.tenant': 'manageTenants',
  'Mutation.suspendTenant': 'manageTenants',
  'Mutation.reactivateTenant': 'manageTenants',
  'Mutation.changeTenantPlan': 'manageTenants',
  'Query.tenantUsers': 'manageUsers',
  'Mutation.inviteUser': 'manageUsers',
  'Mutation.disableUser': 'manageUsers',
  'Mutation.enableUser': 'manageUsers',
  'Mutation.setUserRole': 'manageUsers',
  'Mutation.linkUserToEmployee': 'manageUsers',
  'Query.leaveTypes': 'readLeave',
  'Query.leavePolicies': 'readLeave',
  'Query.myLeaveBalances': 'readLeave',
  'Query.employeeLeaveBalances': 'readLeave',
  'Query.employeeLeaveLedger': 'readLeave',
  'Mutation.createLeaveType': 'manageLeave',
  'Mutation.updateLeaveType': 'manageLeave',
  'Mutation.deleteLeaveType': 'manageLeave',
  'Mutation.createLeavePolicy': 'manageLeave',
  'Mutation.updateLeavePolicy': 'manageLeave',
  'Mutation.deleteLeavePolicy': 'manageLeave',
  'Mutation.adjustLeaveBalance': 'manageLeave',
  'Mutation.requestLeave': 'requestLeave',
  'Mutation.cancelLeave': 'requestLeave',
  'Query.myLeaveRequests': 'requestLeave',
  'Query.leaveRequest': 'requestLeave',
  'Query.employeeLeaveRequests': 'requestLeave',
  'Query.teamLeaveCalendar': 'requestLeave',
  'Mutation.approveLeave': 'decideLeave',
  'Mutation.rejectLeave': 'decideLeave',
  'Query.leaveRequestsWaitingForMe': 'decideLeave',
  'Query.payrollSettings': 'readPayroll',
  'Query.salaryStructures': 'readPayroll',
  'Query.employeeSalaryStructures': 'readPayroll',
  'Query.payRuns': 'readPayroll',
  'Query.payRun': 'readPayroll',
  'Query.payRunPayslips': 'readPayroll',
  'Query.payRunRegister': 'readPayroll',
  'Mutation.updatePayrollSettings': 'runPayroll',
  'Mutation.createSalaryStructure': 'runPayroll',
  'Mutation.updateSalaryStructure': 'runPayroll',
  'Mutation.assignSalaryStructure': 'runPayroll',
  'Mutation.createPayRun': 'runPayroll',
  'Mutation.calculatePayRun': 'runPayroll',
  'Mutation.approvePayRun': 'runPayroll',
  'Mutation.finalizePayRun': 'runPayroll',
  'Mutation.discardPayRun': 'runPayroll',
  'Query.myPayslips': 'ownPayslips',
  'Query.myPayslipPdf': 'ownPayslips',
};

const EVERYONE: EmployeeTarget[] = ['peer', 'self', 'report', 'report2', 'otherTenant'];
const OWN_TENANT: EmployeeTarget[] = ['peer', 'self', 'report', 'report2'];

interface Expectation {
  store: StoreKind;
  /** Customer-store users get the SelfService link on their own employee record (managers need none). */
  links: boolean;
  read: TenantTarget[];
  manage: TenantTarget[];
  /** Self-service on the user's own record (resolvers take the record from the caller). */
  ownProfile: TenantTarget[];
  /** Record histories and photos at the operation level; resolvers narrow users to their own record. */
  personnelFile: TenantTarget[];
  /** Employee documents at the operation level; resolvers narrow users to their own record. */
  documents: TenantTarget[];
  /** The user's own notifications (resolvers key them by the caller). */
  inbox: TenantTarget[];
  /** Operations for IAM callers only (signed-in users never; system admins' catch-all aside). */
  internal: TenantTarget[];
  /** The tenant's background jobs: seeing them, and creating, cancelling and retrying them. */
  readJobs: TenantTarget[];
  manageJobs: TenantTarget[];
  /** The organisation: every signed-in user of the tenant reads it; admins change it. */
  readOrganisation: TenantTarget[];
  manageOrganisation: TenantTarget[];
  /** Attendance: clocking in and out, one's own records and requests, others' (narrowed by resolvers), deciding requests. */
  punch: TenantTarget[];
  ownAttendance: TenantTarget[];
  readAttendance: TenantTarget[];
  decideAttendance: TenantTarget[];
  /** Shift types, patterns and holidays: every signed-in user of the tenant reads them; admins change them and everyone's schedule. */
  readSchedules: TenantTarget[];
  manageSchedules: TenantTarget[];
  /** Rosters at the operation level; resolvers narrow users to the records their personal-details reach covers. */
  readRosters: TenantTarget[];
  /** The tenant lifecycle (the control plane): system admins alone, not even superusers. */
  manageTenants: TenantTarget[];
  /** A tenant's users (invite, disable, roles, links): its tenant admins; system admins and superusers anywhere; never support. */
  manageUsers: TenantTarget[];
  /** Leave: every signed-in user of the tenant reads types, policies and (per record) balances; admins manage them. */
  readLeave: TenantTarget[];
  manageLeave: TenantTarget[];
  /** Leave requests: every user asks, cancels and reads (the Lambda narrows per request); decides what waits for them (HR any). */
  requestLeave: TenantTarget[];
  decideLeave: TenantTarget[];
  /** Payroll: HR admins (and PayrollOfficer links) read every payslip and run payroll; every user reads their own payslips; support none of it. */
  readPayroll: TenantTarget[];
  runPayroll: TenantTarget[];
  ownPayslips: TenantTarget[];
  accessOtherTenants: TenantTarget[];
  /** Punching for an employee other than oneself: kiosks, within their tenant. */
  PunchForEmployees: EmployeeTarget[];
  ReadPersonalDetails: EmployeeTarget[];
  ReadSensitiveDetails: EmployeeTarget[];
  ReadFinancialDetails: EmployeeTarget[];
}

/** What each role is allowed (anything not listed is denied). */
const NOTHING = {
  read: [], manage: [], ownProfile: [], personnelFile: [], documents: [], inbox: [], internal: [], readJobs: [], manageJobs: [], readOrganisation: [], manageOrganisation: [], readSchedules: [], manageSchedules: [], readRosters: [],
  punch: [], ownAttendance: [], readAttendance: [], decideAttendance: [], manageTenants: [], manageUsers: [], readLeave: [], manageLeave: [], requestLeave: [], decideLeave: [], readPayroll: [], runPayroll: [], ownPayslips: [], accessOtherTenants: [], PunchForEmployees: [], ReadPersonalDetails: [], ReadSensitiveDetails: [], ReadFinancialDetails: [],
} as const satisfies Omit<Expectation, 'store' | 'links'>;
const OWN: TenantTarget[] = ['own'];
const ANY: TenantTarget[] = ['own', 'other'];
const EVERYTHING = {
  read: ANY, manage: ANY, ownProfile: ANY, personnelFile: ANY, documents: ANY, inbox: ANY, internal: ANY, readJobs: ANY, manageJobs: ANY, readOrganisation: ANY, manageOrganisation: ANY, readSchedules: ANY, manageSchedules: ANY, readRosters: ANY,
  punch: ANY, ownAttendance: ANY, readAttendance: ANY, decideAttendance: ANY, manageTenants: ANY, manageUsers: ANY, readLeave: ANY, manageLeave: ANY, requestLeave: ANY, decideLeave: ANY, readPayroll: ANY, runPayroll: ANY, ownPayslips: ANY, accessOtherTenants: ANY, PunchForEmployees: EVERYONE, ReadPersonalDetails: EVERYONE, ReadSensitiveDetails: EVERYONE, ReadFinancialDetails: EVERYONE,
};
const EXPECTED: Record<Role, Expectation> = {
  TenantAdmin: {
    ...NOTHING, store: 'tenant', links: true, read: OWN, manage: OWN, ownProfile: OWN, personnelFile: OWN, documents: OWN, inbox: OWN, readJobs: OWN, manageJobs: OWN,
    readOrganisation: OWN, manageOrganisation: OWN, readSchedules: OWN, manageSchedules: OWN, readRosters: OWN, punch: OWN, ownAttendance: OWN, readAttendance: OWN, decideAttendance: OWN,
    readLeave: OWN, manageLeave: OWN, manageUsers: OWN, requestLeave: OWN, decideLeave: OWN, readPayroll: OWN, runPayroll: OWN, ownPayslips: OWN,
    ReadPersonalDetails: OWN_TENANT, ReadSensitiveDetails: OWN_TENANT, ReadFinancialDetails: OWN_TENANT,
  },
  TenantUser: {
    ...NOTHING, store: 'tenant', links: true, read: OWN, ownProfile: OWN, personnelFile: OWN, documents: OWN, inbox: OWN, readOrganisation: OWN, readSchedules: OWN, readRosters: OWN,
    punch: OWN, ownAttendance: OWN, readAttendance: OWN, decideAttendance: OWN, readLeave: OWN, requestLeave: OWN, decideLeave: OWN, ownPayslips: OWN,
    ReadPersonalDetails: ['self', 'report', 'report2'], ReadSensitiveDetails: ['self'], ReadFinancialDetails: ['self'],
  },
  // A kiosk punches, for anyone of its own tenant, and does nothing else (no inbox, no directory, no organisation).
  Kiosk: { ...NOTHING, store: 'tenant', links: false, punch: OWN, PunchForEmployees: OWN_TENANT },
  SystemAdmin: { ...EVERYTHING, store: 'system', links: false },
  // Tenant lifecycle (the control plane) is the system admins' alone, not even superusers'.
  SystemSuperuser: { ...EVERYTHING, store: 'system', links: false, manageTenants: [] },
  SystemSupport: {
    ...NOTHING, store: 'system', links: false, read: ANY, inbox: OWN, readJobs: ANY, readOrganisation: ANY, readSchedules: ANY, readRosters: ANY, readAttendance: ANY, accessOtherTenants: ANY,
    ReadPersonalDetails: EVERYONE,
  },
};

// ---------------------------------------------------------------------------------------------
// A small world: tenants acme (customer), globex (customer) and system.
// ---------------------------------------------------------------------------------------------
const NS = 'OptimalHR';
const uid = (type: string, id: string): TypeAndId => ({ type: `${NS}::${type}`, id });
const ref = (type: string, id: string) => ({ __entity: uid(type, id) });
/** An entity whose uid is always written as { type, id }. */
type Entity = EntityJson & { uid: TypeAndId };
const tenantEntity = (id: string): Entity => ({ uid: uid('Tenant', id), attrs: {}, parents: [] });
const employeeEntity = (id: string, tenant: string, manager?: string): Entity => ({
  uid: uid('Employee', id),
  attrs: { tenant: ref('Tenant', tenant) },
  parents: manager ? [uid('Employee', manager)] : [],
});
const link = (templateId: 'SelfService' | 'PayrollOfficer', principal: TypeAndId, resource: TypeAndId): TemplateLink => ({
  templateId,
  newId: `${templateId}-${principal.id}-${resource.id}`,
  values: { '?principal': principal, '?resource': resource },
});

interface World {
  user: TypeAndId;
  entities: Entity[];
  links: TemplateLink[];
  tenants: Record<TenantTarget, TypeAndId>;
  employees: Record<EmployeeTarget, TypeAndId>;
}

/** The user of a role, their organisation (head > me > report > report2, head > peer) and another tenant's employee. */
function world(role: Role): World {
  const { store, links } = EXPECTED[role];
  const own = store === 'system' ? 'system' : 'acme';
  const other = 'globex';
  const user = uid('User', `${role}-user`);
  const me = `${own}-me`;
  return {
    user,
    entities: [
      tenantEntity('acme'),
      tenantEntity('globex'),
      tenantEntity('system'),
      { uid: uid('Role', role), attrs: {}, parents: [] },
      { uid: user, attrs: { tenant: ref('Tenant', own), employee: ref('Employee', me) }, parents: [uid('Role', role)] },
      employeeEntity(`${own}-head`, own),
      employeeEntity(me, own, `${own}-head`),
      employeeEntity(`${own}-report`, own, me),
      employeeEntity(`${own}-report2`, own, `${own}-report`),
      employeeEntity(`${own}-peer`, own, `${own}-head`),
      employeeEntity(`${other}-emp`, other, `${other}-head`),
      employeeEntity(`${other}-head`, other),
    ],
    links: links ? [link('SelfService', user, uid('Employee', me))] : [],
    tenants: { own: uid('Tenant', own), other: uid('Tenant', other) },
    employees: {
      peer: uid('Employee', `${own}-peer`),
      self: uid('Employee', me),
      report: uid('Employee', `${own}-report`),
      report2: uid('Employee', `${own}-report2`),
      otherTenant: uid('Employee', `${other}-emp`),
    },
  };
}

const SOURCES: Record<StoreKind, PolicyStoreSource> = { tenant: loadPolicyStoreSource('tenant'), system: loadPolicyStoreSource('system') };

interface Request {
  source: PolicyStoreSource;
  links: TemplateLink[];
  principal: TypeAndId;
  action: string;
  resource: TypeAndId;
  entities: EntityJson[];
}

/**
 * Each store's schema and each (store, links) policy set parsed once, as the local Verified
 * Permissions does: the matrix asks thousands of questions of a handful of policy sets.
 */
const sourceIds = new WeakMap<PolicyStoreSource, number>();
let sourceCount = 0;
const schemaNames = new Map<string, string>();
const setIds = new Map<string, string>();
function preparedSet(source: PolicyStoreSource, links: TemplateLink[]): { setId: string; schemaName: string } {
  let schemaName = schemaNames.get(source.schemaJson);
  if (!schemaName) {
    schemaName = `schema-${schemaNames.size}`;
    const schema = preparseSchema(schemaName, JSON.parse(source.schemaJson));
    if (schema.type !== 'success') throw new Error(`cannot parse the schema: ${JSON.stringify(schema.errors)}`);
    schemaNames.set(source.schemaJson, schemaName);
  }
  if (!sourceIds.has(source)) sourceIds.set(source, (sourceCount += 1));
  const key = `${sourceIds.get(source)}|${JSON.stringify(links)}`;
  let setId = setIds.get(key);
  if (!setId) {
    setId = `set-${setIds.size}`;
    const parsed = preparsePolicySet(setId, { staticPolicies: source.policies, templates: source.templates, templateLinks: links });
    if (parsed.type !== 'success') throw new Error(`cannot parse the policies: ${JSON.stringify(parsed.errors)}`);
    setIds.set(key, setId);
  }
  return { setId, schemaName };
}

/** Evaluates with the schema (request and entities validated); returns the raw answer. */
function evaluate(request: Request) {
  const { setId, schemaName } = preparedSet(request.source, request.links);
  return statefulIsAuthorized({
    principal: request.principal,
    action: { type: `${NS}::Action`, id: request.action },
    resource: request.resource,
    context: {},
    preparsedSchemaName: schemaName,
    validateRequest: true,
    preparsedPolicySetId: setId,
    entities: request.entities,
  });
}

/** Evaluates and insists on a clean answer: no failure, no evaluation error, no warning. */
function decide(request: Request): Response {
  const answer = evaluate(request);
  if (answer.type !== 'success') throw new Error(`authorization failed: ${JSON.stringify(answer.errors)}`);
  expect(answer.response.diagnostics.errors).toEqual([]);
  expect(answer.warnings).toEqual([]);
  return answer.response;
}

const verdict = (allowed: boolean) => (allowed ? 'allow' : 'deny');

// ---------------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------------
interface Cell {
  role: Role;
  action: string;
  target: TenantTarget | EmployeeTarget;
  expected: 'allow' | 'deny';
}

function cells(): Cell[] {
  const out: Cell[] = [];
  for (const [role, e] of Object.entries(EXPECTED) as [Role, Expectation][]) {
    for (const action of operationActions()) {
      const allowed = e[OPERATION_GROUP[action]!];
      for (const target of ['own', 'other'] as const) out.push({ role, action, target, expected: verdict(allowed.includes(target)) });
    }
    for (const target of ['own', 'other'] as const) {
      out.push({ role, action: 'AccessOtherTenants', target, expected: verdict(e.accessOtherTenants.includes(target)) });
    }
    for (const target of EVERYONE) out.push({ role, action: 'PunchForEmployees', target, expected: verdict(e.PunchForEmployees.includes(target)) });
    for (const group of Object.keys(FIELD_GROUPS) as FieldGroup[]) {
      for (const target of EVERYONE) out.push({ role, action: group, target, expected: verdict(e[group].includes(target)) });
    }
  }
  return out;
}

describe('role × action matrix', () => {
  it('every GraphQL operation is placed in the expectation table', () => {
    expect(Object.keys(OPERATION_GROUP).sort()).toEqual(operationActions());
  });

  it.each(cells())('$role · $action · $target → $expected', ({ role, action, target, expected }) => {
    const w = world(role);
    const resource = target === 'own' || target === 'other' ? w.tenants[target] : w.employees[target];
    const response = decide({ source: SOURCES[EXPECTED[role].store], links: w.links, principal: w.user, action, resource, entities: w.entities });
    expect(response.decision).toBe(expected);
  });

  it('without the SelfService link a TenantUser reads only the personal details of those below them', () => {
    const w = world('TenantUser');
    for (const group of Object.keys(FIELD_GROUPS)) {
      for (const target of EVERYONE) {
        const response = decide({ source: SOURCES.tenant, links: [], principal: w.user, action: group, resource: w.employees[target], entities: w.entities });
        // `in` is reflexive: the line covers the user's own record too.
        const below = group === 'ReadPersonalDetails' && (target === 'self' || target === 'report' || target === 'report2');
        expect(response.decision, `${group} ${target}`).toBe(verdict(below));
      }
    }
  });

  it('the management line does not reach up or sideways: not the manager’s own manager, not peers', () => {
    const w = world('TenantUser');
    for (const id of ['acme-head', 'acme-peer']) {
      const response = decide({ source: SOURCES.tenant, links: [], principal: w.user, action: 'ReadPersonalDetails', resource: uid('Employee', id), entities: w.entities });
      expect(response.decision, id).toBe('deny');
    }
  });

  it('a user without an employee record manages no one', () => {
    const w = world('TenantUser');
    const noEmployee = w.entities.map((e) => (e.uid.id === w.user.id ? { ...e, attrs: { tenant: ref('Tenant', 'acme') } } : e));
    const response = decide({ source: SOURCES.tenant, links: [], principal: w.user, action: 'ReadPersonalDetails', resource: w.employees.report, entities: noEmployee });
    expect(response.decision).toBe('deny');
  });
});

// ---------------------------------------------------------------------------------------------
// Forbids are a second line: they hold even when a permit (or a wrong link) would allow.
// ---------------------------------------------------------------------------------------------
const PERMIT_EVERYTHING = '// test only\n@id("PermitEverything")\npermit (principal, action, resource);\n';
const withPermitEverything = (source: PolicyStoreSource): PolicyStoreSource => ({
  ...source,
  policies: { ...source.policies, PermitEverything: PERMIT_EVERYTHING },
});

describe('the PayrollOfficer template', () => {
  it('linked to a TenantUser on their tenant, grants ReadPayroll and RunPayroll there and nothing else; linked to another tenant, nothing', () => {
    const w = world('TenantUser');
    const ask = (links: TemplateLink[], action: string, resource: TypeAndId) => decide({ source: SOURCES.tenant, links: [...w.links, ...links], principal: w.user, action, resource, entities: w.entities }).decision;
    expect(ask([], 'RunPayroll', w.tenants.own)).toBe('deny');
    const own = [link('PayrollOfficer', w.user, w.tenants.own)];
    expect(['ReadPayroll', 'RunPayroll', 'ManageLeave', 'ManageEmployees'].map((action) => ask(own, action, w.tenants.own))).toEqual(['allow', 'allow', 'deny', 'deny']);
    expect(ask(own, 'RunPayroll', w.tenants.other)).toBe('deny');
    const other = [link('PayrollOfficer', w.user, w.tenants.other)];
    expect(['ReadPayroll', 'RunPayroll'].map((action) => ask(other, action, w.tenants.other))).toEqual(['deny', 'deny']);
  });
});

describe('forbids hold even when a permit allows', () => {
  it('a SelfService link pointing at another tenant’s employee is denied', () => {
    for (const role of ['TenantUser', 'TenantAdmin'] as const) {
      const w = world(role);
      for (const group of Object.keys(FIELD_GROUPS)) {
        const response = decide({
          source: SOURCES.tenant,
          links: [link('SelfService', w.user, w.employees.otherTenant)],
          principal: w.user,
          action: group,
          resource: w.employees.otherTenant,
          entities: w.entities,
        });
        expect(response.decision, `${role} ${group}`).toBe('deny');
        expect(response.diagnostics.reason).toEqual(['ForbidOtherTenantEmployee']);
      }
    }
  });

  it('an employee of another tenant filed under the manager (bad data) is denied', () => {
    const w = world('TenantUser');
    // Bad data: a globex employee whose manager entity is the acme user's employee record.
    const stray = employeeEntity('globex-stray', 'globex', 'acme-me');
    const response = decide({
      source: SOURCES.tenant,
      links: w.links,
      principal: w.user,
      action: 'ReadPersonalDetails',
      resource: stray.uid,
      entities: [...w.entities, stray],
    });
    expect(response.decision).toBe('deny');
    expect(response.diagnostics.reason).toEqual(['ForbidOtherTenantEmployee']);
  });

  it('with a permit-everything policy, customer users still never reach another tenant nor AccessOtherTenants', () => {
    const source = withPermitEverything(SOURCES.tenant);
    for (const role of ['TenantAdmin', 'TenantUser'] as const) {
      const w = world(role);
      const ask = (action: string, resource: TypeAndId) => decide({ source, links: w.links, principal: w.user, action, resource, entities: w.entities });
      for (const action of operationActions()) {
        expect(ask(action, w.tenants.own).decision, `${role} ${action} own`).toBe('allow'); // the permit works...
        const other = ask(action, w.tenants.other);
        expect(other.decision, `${role} ${action} other`).toBe('deny'); // ...but not across tenants
        expect(other.diagnostics.reason).toEqual(['ForbidOtherTenant']);
      }
      const own = ask('AccessOtherTenants', w.tenants.own);
      expect(own.decision).toBe('deny');
      expect(own.diagnostics.reason).toEqual(['ForbidAccessOtherTenants']);
      const other = ask('AccessOtherTenants', w.tenants.other);
      expect(other.decision).toBe('deny');
      expect(other.diagnostics.reason.sort()).toEqual(['ForbidAccessOtherTenants', 'ForbidOtherTenant']);
      for (const group of Object.keys(FIELD_GROUPS)) {
        expect(ask(group, w.employees.peer).decision, `${role} ${group} peer`).toBe('allow');
        expect(ask(group, w.employees.otherTenant).decision, `${role} ${group} otherTenant`).toBe('deny');
      }
    }
  });

  it('with a permit-everything policy, a kiosk still only punches: every other operation and field group is denied', () => {
    const source = withPermitEverything(SOURCES.tenant);
    const w = world('Kiosk');
    const ask = (action: string, resource: TypeAndId) => decide({ source, links: [], principal: w.user, action, resource, entities: w.entities });
    for (const action of operationActions()) {
      const response = ask(action, w.tenants.own);
      expect(response.decision, action).toBe(verdict(OPERATION_GROUP[action] === 'punch'));
      if (OPERATION_GROUP[action] !== 'punch') expect(response.diagnostics.reason).toEqual(['ForbidKioskBeyondPunching']);
    }
    for (const group of Object.keys(FIELD_GROUPS)) expect(ask(group, w.employees.peer).decision, group).toBe('deny');
    expect(ask('PunchForEmployees', w.employees.peer).decision).toBe('allow');
    expect(ask('PunchForEmployees', w.employees.otherTenant).decision).toBe('deny');
  });

  it('with a permit-everything policy, support still never manages employees or the organisation nor reads sensitive details or record histories', () => {
    const source = withPermitEverything(SOURCES.system);
    const w = world('SystemSupport');
    const ask = (action: string, resource: TypeAndId) => decide({ source, links: [], principal: w.user, action, resource, entities: w.entities });
    const refused = ['manage', 'manageOrganisation', 'personnelFile', 'ownProfile', 'punch', 'ownAttendance', 'decideAttendance'];
    for (const action of operationActions().filter((a) => refused.includes(OPERATION_GROUP[a]!))) {
      for (const target of ['own', 'other'] as const) {
        const response = ask(action, w.tenants[target]);
        expect(response.decision, `${action} ${target}`).toBe('deny');
        expect(response.diagnostics.reason).toEqual(['ForbidSupportManageAndSensitive']);
      }
    }
    for (const target of EVERYONE) {
      expect(ask('PunchForEmployees', w.employees[target]).decision, target).toBe('deny');
      expect(ask('ReadSensitiveDetails', w.employees[target]).decision, target).toBe('deny');
      expect(ask('ReadFinancialDetails', w.employees[target]).decision, target).toBe('deny');
      expect(ask('ReadPersonalDetails', w.employees[target]).decision, target).toBe('allow');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Thin entity slices: forbids never error; what errors is a permit, and the result is a deny.
// ---------------------------------------------------------------------------------------------
describe('evaluation on thin entity slices', () => {
  const allActions = () => [...operationActions(), 'AccessOtherTenants', ...CAPABILITIES, ...Object.keys(FIELD_GROUPS)];
  const onEmployees = (action: string) => action in FIELD_GROUPS || (CAPABILITIES as readonly string[]).includes(action);

  it.each(['tenant', 'system'] as const)('%s store: a principal missing from the entities is denied, without errors', (store) => {
    const w = world(store === 'tenant' ? 'TenantAdmin' : 'SystemAdmin');
    const entities = w.entities.filter((e) => e.uid.type !== `${NS}::User`);
    for (const action of allActions()) {
      const resource = onEmployees(action) ? w.employees.peer : w.tenants.own;
      expect(decide({ source: SOURCES[store], links: [], principal: w.user, action, resource, entities }).decision, action).toBe('deny');
    }
  });

  it('a user without an employee record still reads the directory of their own tenant', () => {
    const w = world('TenantUser');
    const entities = w.entities.map((e) => (e.uid.id === w.user.id ? { ...e, attrs: { tenant: ref('Tenant', 'acme') } } : e));
    const ask = (action: string, resource: TypeAndId) => decide({ source: SOURCES.tenant, links: [], principal: w.user, action, resource, entities });
    expect(ask('Query.employees', w.tenants.own).decision).toBe('allow');
    expect(ask('Query.employees', w.tenants.other).decision).toBe('deny');
    expect(ask('ReadPersonalDetails', w.employees.peer).decision).toBe('deny');
  });

  it('a resource employee missing from the entities makes the admin permit error, and the answer is a deny', () => {
    const w = world('TenantAdmin');
    const answer = evaluate({
      source: SOURCES.tenant,
      links: w.links,
      principal: w.user,
      action: 'ReadSensitiveDetails',
      resource: uid('Employee', 'not-in-slice'),
      entities: w.entities,
    });
    if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
    expect(answer.response.decision).toBe('deny');
    // Only a permit errored (the authorizer fails closed on any error anyway); no forbid did.
    expect(answer.response.diagnostics.errors.map((e) => e.policyId)).toEqual(['TenantAdminEmployeeDetails']);
  });
});
