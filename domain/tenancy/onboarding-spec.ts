/**
 * What an onboarding request may ask for, checked in full before anything is made (Node: time
 * zones, locales and currencies are checked against the runtime's Intl data).
 */
import { DomainError } from '../domain-error.ts';
import { isValidTenantId } from '../model/keys.ts';
import type { FieldProblem } from '../model/errors.ts';
import { SYSTEM_TENANT_ID } from '../model/tenant-context.ts';
import { PLAN_NAMES } from './plans.ts';
import { DEFAULT_TENANT_SETTINGS, WEEK_DAYS, type TenantSettings, type WeekDay } from './registry.ts';

/** The plans a customer tenant may be on (domain/tenancy/plans.ts); the system tenant's plan is `system`. */
export const PLANS = PLAN_NAMES;

/** The settings an onboarding request gives (TenantSettingsInput); the others start at their defaults. */
export type OnboardingSetting = 'timeZone' | 'locale' | 'currency' | 'weekStart' | 'fiscalYearStart';

/** An onboarding request as a caller sends it (GraphQL input, CLI flags). */
export interface OnboardingInput {
  tenantId: string;
  displayName?: string | null;
  plan?: string | null;
  adminEmail: string;
  settings?: Partial<Record<OnboardingSetting, string | null>> | null;
}

/** A checked request, defaults filled in. */
export interface OnboardingSpec {
  tenantId: string;
  displayName: string;
  plan: string;
  adminEmail: string;
  settings: TenantSettings;
}

const MAX_DISPLAY_NAME = 100;
const MAX_EMAIL = 254;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MONTH_DAY = /^(\d\d)-(\d\d)$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function canonicalLocale(locale: string): string | null {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? null;
  } catch {
    return null;
  }
}

/** Checks an onboarding request; VALIDATION_ERROR naming every bad field. */
export function validateOnboardingSpec(input: unknown): OnboardingSpec {
  const problems: FieldProblem[] = [];
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Partial<OnboardingInput>;
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);

  const tenantId = text(raw.tenantId) ?? '';
  if (!isValidTenantId(tenantId)) problems.push({ field: 'tenantId', message: 'A tenant id is 2-63 lowercase letters, digits or dashes, starting with a letter and not ending with a dash.' });
  const system = tenantId === SYSTEM_TENANT_ID;

  const displayName = text(raw.displayName) || tenantId;
  if (displayName.length > MAX_DISPLAY_NAME) problems.push({ field: 'displayName', message: `At most ${MAX_DISPLAY_NAME} characters.` });

  const plan = text(raw.plan) || (system ? 'system' : 'standard');
  if (system ? plan !== 'system' : !(PLANS as readonly string[]).includes(plan)) {
    problems.push({ field: 'plan', message: system ? 'The system tenant\'s plan is "system".' : `One of ${PLANS.join(', ')}.` });
  }

  const adminEmail = (text(raw.adminEmail) ?? '').toLowerCase();
  if (!EMAIL.test(adminEmail) || adminEmail.length > MAX_EMAIL) problems.push({ field: 'adminEmail', message: 'The first admin\'s email address, like hr@example.com.' });

  const given = raw.settings ?? {};
  const pick = (name: OnboardingSetting) => text(given[name]) || DEFAULT_TENANT_SETTINGS[name];
  const timeZone = pick('timeZone');
  if (!isTimeZone(timeZone)) problems.push({ field: 'settings.timeZone', message: 'An IANA time zone, like Europe/Berlin.' });
  const locale = canonicalLocale(pick('locale'));
  if (!locale) problems.push({ field: 'settings.locale', message: 'A BCP 47 locale, like de-DE.' });
  const currency = pick('currency').toUpperCase();
  if (!Intl.supportedValuesOf('currency').includes(currency)) problems.push({ field: 'settings.currency', message: 'An ISO 4217 currency code, like EUR.' });
  const weekStart = pick('weekStart').toUpperCase();
  if (!(WEEK_DAYS as readonly string[]).includes(weekStart)) problems.push({ field: 'settings.weekStart', message: `One of ${WEEK_DAYS.join(', ')}.` });
  const fiscalYearStart = pick('fiscalYearStart');
  const monthDay = MONTH_DAY.exec(fiscalYearStart);
  const month = Number(monthDay?.[1]);
  const day = Number(monthDay?.[2]);
  if (!monthDay || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) {
    problems.push({ field: 'settings.fiscalYearStart', message: 'A month and day, MM-DD, like 04-01 (not 02-29).' });
  }

  if (problems.length > 0) throw new DomainError('VALIDATION_ERROR', 'The onboarding request is invalid; see errorInfo for each field.', problems);
  return {
    tenantId,
    displayName,
    plan,
    adminEmail,
    settings: { timeZone, locale: locale!, currency, weekStart: weekStart as WeekDay, fiscalYearStart },
  };
}
