/**
 * What the authorizer decides once per token and how resolvers read it back (the zero-trust
 * second check). Written in the APPSYNC_JS subset: resolver bundles include it.
 */
import type { Operation } from '../generated/operations.ts';

/** Restricted fields, grouped as the Cedar field-group actions that guard them. */
export const FIELD_GROUPS = {
  /**
   * Contact details: the employee, their managers (at any depth), HR admins and support. Emergency
   * contacts belong here: they exist to be called by the people around the employee at work.
   */
  ReadPersonalDetails: ['Employee.phone', 'Employee.dateOfBirth', 'Employee.address', 'Employee.personalEmail', 'Employee.emergencyContacts'],
  /**
   * The employee and HR admins only, never managers or support: identity numbers, family
   * (dependants), what GDPR art. 9 protects or can reveal (gender identity and marital status can
   * reveal sexual orientation, nationality ethnic origin), and custom fields, whose content the
   * tenant decides.
   */
  ReadSensitiveDetails: [
    'Employee.nationalId',
    'Employee.gender',
    'Employee.nationality',
    'Employee.maritalStatus',
    'Employee.dependants',
    'Employee.customFields',
  ],
  /** Pay, bank accounts and tax ids: the employee and HR admins only, never support, never managers. */
  ReadFinancialDetails: [
    'ContractTerms.payBasis',
    'ContractTerms.payAmount',
    'ContractTerms.payCurrency',
    'Employee.bankAccounts',
    'Employee.taxIds',
  ],
} as const;

export type FieldGroup = keyof typeof FIELD_GROUPS;
export const FIELD_GROUP_NAMES = Object.keys(FIELD_GROUPS) as FieldGroup[];

/**
 * Whose records a caller may see a field group of: every employee of the tenant, their reports
 * (and themselves), themselves only, or nobody.
 */
export type DetailScope = 'all' | 'team' | 'self' | 'none';

/** The group a `Type.field` belongs to, or null when the field is not restricted. */
export function fieldGroupOf(typeField: string): FieldGroup | null {
  const group = FIELD_GROUP_NAMES.find((name) => (FIELD_GROUPS[name] as readonly string[]).includes(typeField));
  return group ?? null;
}

/** The resolverContext key carrying a group's scope: `scope:ReadPersonalDetails`. */
export function scopeKey(group: FieldGroup): `scope:${FieldGroup}` {
  return `scope:${group}`;
}

/**
 * What a caller may do beyond operations and fields, asked of Verified Permissions once per token
 * (an action on the tenant's employees) and handed to resolvers in `resolverContext.capabilities`.
 * PunchForEmployees: clock in and out for someone other than oneself (kiosks).
 */
export const CAPABILITIES = ['PunchForEmployees'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Whether a caller's comma-separated capabilities include `capability`. */
export function hasCapability(capabilities: string | undefined | null, capability: Capability): boolean {
  return (capabilities ?? '').split(',').includes(capability);
}

/** Operations come in resolverContext as one comma-separated string (AppSync passes flat string maps). */
export function encodeOperations(operations: readonly string[]): string {
  return operations.join(',');
}

export function isOperationDenied(deniedOperations: string | undefined | null, operation: Operation | string): boolean {
  return (deniedOperations ?? '').split(',').includes(operation);
}

/** Whose record a restricted field belongs to: the employee's id and management line. */
export interface DetailSubject {
  id: string | null;
  /** `/ceo/vp/manager/`: everyone above the employee (see domain/people/model/keys.ts). */
  reportsPath: string | null;
}

/**
 * Whether a caller whose own employee id is `callerEmployeeId` may read a group of the subject's
 * fields under `scope`. The team is everyone below the caller in the management line, at any depth.
 */
export function mayReadDetails(scope: string | undefined | null, callerEmployeeId: string | undefined | null, subject: DetailSubject): boolean {
  if (scope === 'all') return true;
  if (!callerEmployeeId || !subject.id) return false;
  const own = subject.id === callerEmployeeId;
  if (scope === 'self') return own;
  if (scope === 'team') return own || (subject.reportsPath ?? '').indexOf(`/${callerEmployeeId}/`) >= 0;
  return false;
}
