/**
 * Plans as data: what each plan allows a tenant. Enforced here for employees, users and jobs
 * (createEmployee, inviteUser, createJob refuse beyond them with LIMIT_EXCEEDED); requests per
 * second are stored for the request-rate limit (issue 16 §5). Plain data, APPSYNC_JS-safe.
 */

export interface PlanLimits {
  /** Employee records (any status) a tenant may hold. */
  employees: number;
  /** Users (memberships) a tenant may have. */
  users: number;
  /** Jobs a tenant may have waiting or running at once (pending or running). */
  jobs: number;
  /** API requests per second (sustained) a tenant may send. */
  requestsPerSecond: number;
}

/** The plans a customer tenant may be on, and their limits. */
export const PLAN_LIMITS = {
  trial: { employees: 25, users: 10, jobs: 20, requestsPerSecond: 5 },
  standard: { employees: 1000, users: 250, jobs: 200, requestsPerSecond: 50 },
  enterprise: { employees: 50000, users: 10000, jobs: 2000, requestsPerSecond: 500 },
} as const satisfies Record<string, PlanLimits>;

export type PlanName = keyof typeof PLAN_LIMITS;

/** The platform's own tenant: no limits that a customer plan sets. */
export const SYSTEM_PLAN_LIMITS: PlanLimits = { employees: 1000000, users: 100000, jobs: 100000, requestsPerSecond: 5000 };

export const PLAN_NAMES = Object.keys(PLAN_LIMITS) as PlanName[];

export function isPlanName(plan: unknown): plan is PlanName {
  return typeof plan === 'string' && Object.prototype.hasOwnProperty.call(PLAN_LIMITS, plan);
}

/** The limits of a plan; the system plan (and a record that predates plans) gets the system limits or the standard ones. */
export function planLimits(plan: string | undefined): PlanLimits {
  if (plan === 'system') return SYSTEM_PLAN_LIMITS;
  return isPlanName(plan) ? PLAN_LIMITS[plan] : PLAN_LIMITS.standard;
}
