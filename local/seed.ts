/**
 * Demo data for a new local stack: the system tenant and two customer tenants (acme, globex)
 * in the tenant registry, demo users for every role, and a few employees per customer tenant,
 * created through the GraphQL API itself so they obey every rule a client would meet.
 */
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { CreateEmployeeInput } from '../domain/generated/graphql.ts';
import { tenantKey } from '../domain/keys.ts';
import type { Stage } from '../domain/stage.ts';
import { tableName } from '../domain/tables.ts';
import { SYSTEM_TENANT_ID, type Role } from '../domain/tenant-context.ts';

export interface DemoUser {
  email: string;
  userId: string;
  tenantId: string;
  role: Role;
}

export const DEMO_TENANTS = [
  { id: SYSTEM_TENANT_ID, name: 'OptimalHR (system)', plan: 'system' },
  { id: 'acme', name: 'Acme Corporation', plan: 'enterprise' },
  { id: 'globex', name: 'Globex Inc.', plan: 'standard' },
] as const;

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@optimalhr.local', userId: 'sys-admin', tenantId: SYSTEM_TENANT_ID, role: 'SystemAdmin' },
  { email: 'superuser@optimalhr.local', userId: 'sys-superuser', tenantId: SYSTEM_TENANT_ID, role: 'SystemSuperuser' },
  { email: 'support@optimalhr.local', userId: 'sys-support', tenantId: SYSTEM_TENANT_ID, role: 'SystemSupport' },
  { email: 'admin@acme.example', userId: 'acme-admin', tenantId: 'acme', role: 'TenantAdmin' },
  { email: 'user@acme.example', userId: 'acme-user', tenantId: 'acme', role: 'TenantUser' },
  { email: 'admin@globex.example', userId: 'globex-admin', tenantId: 'globex', role: 'TenantAdmin' },
  { email: 'user@globex.example', userId: 'globex-user', tenantId: 'globex', role: 'TenantUser' },
];

type Person = [number: string, first: string, last: string, title: string, department: string, hired: string];

const PEOPLE: Record<string, { domain: string; country: string; people: Person[] }> = {
  acme: {
    domain: 'acme.example',
    country: 'US',
    people: [
      ['A-0001', 'Grace', 'Hopper', 'Chief People Officer', 'People', '2015-03-02'],
      ['A-0002', 'Alan', 'Turing', 'Staff Engineer', 'Engineering', '2017-06-12'],
      ['A-0003', 'Ada', 'Lovelace', 'Engineering Manager', 'Engineering', '2016-01-18'],
      ['A-0004', 'Katherine', 'Johnson', 'Payroll Specialist', 'Finance', '2019-09-01'],
      ['A-0005', 'Linus', 'Torvalds', 'Software Engineer', 'Engineering', '2021-04-06'],
      ['A-0006', 'Margaret', 'Hamilton', 'HR Business Partner', 'People', '2020-11-16'],
    ],
  },
  globex: {
    domain: 'globex.example',
    country: 'DE',
    people: [
      ['G-0001', 'Hank', 'Scorpio', 'Chief Executive Officer', 'Executive', '2010-05-03'],
      ['G-0002', 'Homer', 'Simpson', 'Safety Inspector', 'Operations', '2012-08-20'],
      ['G-0003', 'Lenny', 'Leonard', 'Technician', 'Operations', '2013-02-11'],
      ['G-0004', 'Carl', 'Carlson', 'Technician', 'Operations', '2013-02-11'],
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
  if (!id) throw new Error(`Seeding ${input.employeeNumber} failed: ${JSON.stringify(body.errors ?? body)}`);
  return id;
}

/** Writes the registry and creates the demo employees (the first of each tenant manages the rest). */
export async function seedDemo(url: string, tokens: Record<string, string>, client: DynamoDBClient, stage: Stage): Promise<void> {
  const now = new Date().toISOString();
  for (const tenant of DEMO_TENANTS) {
    await client.send(
      new PutItemCommand({
        TableName: tableName('TenantRegistry', stage),
        Item: marshall({ TenantId: tenantKey(tenant.id), EntityItem: 'PROFILE', tenantId: tenant.id, displayName: tenant.name, status: 'active', plan: tenant.plan, homeRegion: 'us-east-1', createdAt: now }),
      }),
    );
  }
  for (const [tenantId, { domain, country, people }] of Object.entries(PEOPLE)) {
    const token = tokens[`admin@${domain}`]!;
    let managerId: string | null = null;
    for (const [employeeNumber, firstName, lastName, jobTitle, department, hireDate] of people) {
      const id: string = await createEmployee(url, token, {
        employeeNumber,
        firstName,
        lastName,
        email: `${firstName}.${lastName}@${domain}`.toLowerCase(),
        address: { line1: '1 Demo Street', city: tenantId === 'acme' ? 'Springfield' : 'Berlin', country },
        employment: { jobTitle, department, hireDate, employmentType: 'FULL_TIME', status: 'ACTIVE', managerId },
      });
      managerId ??= id;
    }
  }
}
