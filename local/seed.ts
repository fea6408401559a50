/**
 * Demo data for a new local stack: the system tenant and two customer tenants (acme, globex),
 * demo users for every role, and a few employees per customer tenant, created through the
 * GraphQL API itself (signed in as the tenant's admin) so they obey every rule a client meets.
 */
import type { CreateEmployeeInput } from '../domain/generated/graphql.ts';
import { SYSTEM_TENANT_ID, type Role } from '../domain/tenant-context.ts';
import { onboardTenant, onboardUser, type OnboardingContext, type TenantSpec } from './onboarding.ts';

/** The password of every demo user: local data only. */
export const DEMO_PASSWORD = 'Demo-Passw0rd!';

export interface DemoUser {
  email: string;
  tenantId: string;
  role: Role;
  /** Employee number of the user's own record, for users who are employees. */
  employeeNumber?: string;
  manager?: boolean;
}

export const DEMO_TENANTS: readonly TenantSpec[] = [
  { tenantId: SYSTEM_TENANT_ID, displayName: 'OptimalHR (system)', plan: 'system' },
  { tenantId: 'acme', displayName: 'Acme Corporation', plan: 'enterprise' },
  { tenantId: 'globex', displayName: 'Globex Inc.', plan: 'standard' },
];

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@optimalhr.local', tenantId: SYSTEM_TENANT_ID, role: 'SystemAdmin' },
  { email: 'superuser@optimalhr.local', tenantId: SYSTEM_TENANT_ID, role: 'SystemSuperuser' },
  { email: 'support@optimalhr.local', tenantId: SYSTEM_TENANT_ID, role: 'SystemSupport' },
  { email: 'admin@acme.example', tenantId: 'acme', role: 'TenantAdmin' },
  { email: 'manager@acme.example', tenantId: 'acme', role: 'TenantUser', employeeNumber: 'A-0003', manager: true },
  { email: 'user@acme.example', tenantId: 'acme', role: 'TenantUser', employeeNumber: 'A-0002' },
  { email: 'admin@globex.example', tenantId: 'globex', role: 'TenantAdmin' },
  { email: 'user@globex.example', tenantId: 'globex', role: 'TenantUser', employeeNumber: 'G-0002' },
];

/** [number, first, last, title, department, hired, manager's number] */
type Person = [string, string, string, string, string, string, string | null];

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
    ],
  },
  globex: {
    domain: 'globex.example',
    country: 'DE',
    city: 'Berlin',
    people: [
      ['G-0001', 'Hank', 'Scorpio', 'Chief Executive Officer', 'Executive', '2010-05-03', null],
      ['G-0002', 'Homer', 'Simpson', 'Safety Inspector', 'Operations', '2012-08-20', 'G-0001'],
      ['G-0003', 'Lenny', 'Leonard', 'Technician', 'Operations', '2013-02-11', 'G-0001'],
      ['G-0004', 'Carl', 'Carlson', 'Technician', 'Operations', '2013-02-11', 'G-0001'],
    ],
  },
};

const CREATE = `mutation Seed($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`;

async function createEmployee(url: string, token: string, input: CreateEmployeeInput): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query: CREATE, variables: { input } }),
  });
  const body = (await response.json()) as { data?: { createEmployee?: { id: string } }; errors?: { message: string }[] };
  const id = body.data?.createEmployee?.id;
  if (!id) throw new Error(`Seeding ${input.employeeNumber} failed (HTTP ${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  return id;
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
  for (const { domain, country, city, people } of Object.values(PEOPLE)) {
    const token = await signIn(`admin@${domain}`, DEMO_PASSWORD);
    for (const [employeeNumber, firstName, lastName, jobTitle, department, hireDate, manager] of people) {
      const id = await createEmployee(url, token, {
        employeeNumber,
        firstName,
        lastName,
        email: `${firstName}.${lastName}@${domain}`.toLowerCase(),
        phone: '+1 212 555 0100',
        address: { line1: '1 Demo Street', city, country },
        employment: {
          jobTitle,
          department,
          hireDate,
          employmentType: 'FULL_TIME',
          status: 'ACTIVE',
          managerId: manager ? employeeIds.get(manager)! : null,
        },
      });
      employeeIds.set(employeeNumber, id);
    }
  }

  for (const user of DEMO_USERS.filter((u) => u.employeeNumber)) {
    await onboardUser(ctx, tenants.get(user.tenantId)!, { ...user, password: DEMO_PASSWORD, employeeId: employeeIds.get(user.employeeNumber!)! });
  }
}
