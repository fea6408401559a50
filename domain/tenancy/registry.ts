/**
 * The tenant registry (TenantRegistry table): one PROFILE item per tenant with its status and
 * where its identity and authorization live. The authorizer reads it to know which user pools
 * to trust and which policy store to ask; onboarding and the local stack write it.
 */
import type { Stage } from '../model/stage.ts';
import { tenantKey } from '../model/keys.ts';
import { TENANCY_PREFIXES } from './model/keys.ts';

/** `provisioning`: onboarding has not finished; sign-in and the authorizer refuse it like any status but `active`. */
export const TENANT_STATUSES = ['provisioning', 'active', 'suspended', 'offboarding'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** The system tenant holds the platform's own staff; every other tenant is a customer. */
export type TenantKind = 'system' | 'customer';

export const REGISTRY_ITEM = TENANCY_PREFIXES.profile;

/** A tenant's Cognito user pool and the app client for each stage (one credential, every stage). */
export interface TenantIdentity {
  userPoolId: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<userPoolId>` */
  issuer: string;
  /** Where the pool publishes its signing keys. */
  jwksUri: string;
  /** App client id per stage; the pre-token-generation trigger maps the client to `custom:environment`. */
  clientIds: Partial<Record<Stage, string>>;
}

/** The days a week may start on. */
export const WEEK_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];

/** What becomes of a punch from outside its location's geofence, or without a position where there is one. */
export type GeofencePolicy = 'FLAG' | 'REFUSE';

/** How the tenant works: what dates, times and money mean for it. */
export interface TenantSettings {
  /** IANA time zone of the tenant: "today" for contracts and the daily runners. */
  timeZone: string;
  /** BCP 47 locale of the tenant's documents and messages (`en-US`). */
  locale: string;
  /** ISO 4217 currency of its pay (`USD`). */
  currency: string;
  /** First day of its week (schedules, weekly totals). */
  weekStart: WeekDay;
  /** First day of its fiscal year, `MM-DD` (`04-01`). */
  fiscalYearStart: string;
  /** Punches outside a geofence (or without a position): accepted and flagged, or refused. Default FLAG. */
  punchOutsideGeofence?: GeofencePolicy;
  /** How many days back an employee's leave request may start (HR may go further). Default 30. */
  leaveBackdateDays?: number;
}

/** The settings of a record written before settings existed, and of anything left unsaid. */
export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  timeZone: 'UTC',
  locale: 'en-US',
  currency: 'USD',
  weekStart: 'MONDAY',
  fiscalYearStart: '01-01',
  punchOutsideGeofence: 'FLAG',
};

/** A tenant's settings, defaults filled in. */
export function tenantSettings(record: Pick<TenantRecord, 'settings'>): TenantSettings {
  return { ...DEFAULT_TENANT_SETTINGS, ...record.settings };
}

export interface TenantRecord {
  tenantId: string;
  kind: TenantKind;
  displayName: string;
  status: TenantStatus;
  plan: string;
  homeRegion: string;
  identity: TenantIdentity;
  /** The tenant's Verified Permissions policy store. */
  policyStoreId: string;
  /** The version of the Cedar source the store holds (`policyStoreVersion`); migrations bring it to the current one. */
  policyStoreVersion?: string;
  settings?: Partial<TenantSettings>;
  /**
   * Users of the tenant whose membership is disabled (a DynamoDB string set): the authorizer
   * refuses their tokens from its registry snapshot, with no read per request.
   */
  disabledUsers?: ReadonlySet<string> | readonly string[];
  createdAt: string;
  updatedAt: string;
}

/** The DynamoDB item for a tenant record. */
export function registryItem(record: TenantRecord): TenantRecord & { TenantId: string; EntityItem: string } {
  return { TenantId: tenantKey(record.tenantId), EntityItem: REGISTRY_ITEM, ...record };
}

/** Whether the tenant record lists `userId` as disabled. */
export function isDisabledUser(record: Pick<TenantRecord, 'disabledUsers'>, userId: string): boolean {
  const disabled = record.disabledUsers;
  if (!disabled) return false;
  return disabled instanceof Set ? disabled.has(userId) : (disabled as readonly string[]).includes(userId);
}

/** The Cognito issuer URL of a user pool id (`us-east-1_AbC` → its regional issuer). */
export function cognitoIssuer(userPoolId: string): string {
  const region = userPoolId.split('_')[0];
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}
