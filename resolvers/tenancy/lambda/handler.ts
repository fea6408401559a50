/**
 * Lambda resolver of the control plane: onboards tenants with the product's workflow
 * (domain/tenancy/onboarding.ts) into this stage, reads a workflow's state, and suspends,
 * reactivates and re-plans live tenants (domain/tenancy/lifecycle.ts); and administers a tenant's
 * users for its tenant admins (domain/tenancy/user-admin.ts: Cedar's ManageUsers, on the scope tenant only). Only the system
 * tenant's callers reach it (Cedar's ManageTenants group is granted to system admins alone); it
 * checks the caller's tenant again. Its own role may create pools and policy stores and write the
 * registry (controlPlanePolicy in domain/iam-policies.ts); it holds no tenant session.
 * Environment: STAGE. The shared pre-token trigger's ARN follows from this function's own ARN.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { readFileSync } from 'node:fs';
import { DomainError } from '../../../domain/domain-error.ts';
import { requiredEnv } from '../../../domain/env.ts';
import type { CreateTenantInput, InviteUserInput, Tenant, TenantOnboarding, TenantUser, TenantUserConnection } from '../../../domain/generated/graphql.ts';
import { LAMBDAS, POLICY_STORES_FILE } from '../../../domain/lambdas.ts';
import { createLogger } from '../../../domain/logger.ts';
import type { ErrorType } from '../../../domain/model/errors.ts';
import { isValidTenantId } from '../../../domain/model/keys.ts';
import { STAGES, type Stage } from '../../../domain/model/stage.ts';
import { SYSTEM_TENANT_ID } from '../../../domain/model/tenant-context.ts';
import { ONBOARDING_STEPS, onboardingState, onboardTenant, type OnboardingServices, type OnboardingState } from '../../../domain/tenancy/onboarding.ts';
import { changeTenantPlan, reactivateTenant, readTenant, suspendTenant, type LifecycleRecord, type LifecycleServices } from '../../../domain/tenancy/lifecycle.ts';
import { planLimits } from '../../../domain/tenancy/plans.ts';
import { disableUser, enableUser, inviteUser, linkUserToEmployee, setUserRole, tenantUsers, type UserAdminServices } from '../../../domain/tenancy/user-admin.ts';
import type { PolicyStoreSource, StoreKind } from '../../../lambda-authorizer/policy-store.ts';
import type { LambdaAnswer } from '../../lib/lambda.ts';

/** What the tenancy pipeline functions send. */
export type TenancyEvent = { callerTenantId: string; requestedBy: string } & (
  | { operation: 'createTenant'; input: CreateTenantInput }
  | { operation: 'tenantOnboarding'; id: string }
  | { operation: 'tenant'; id: string }
  | { operation: 'suspendTenant' | 'reactivateTenant'; id: string; reason: string | null }
  | { operation: 'changeTenantPlan'; id: string; plan: string }
  // The users of the scope tenant (`callerTenantId`: the caller's own, or the one a system admin named).
  | { operation: 'tenantUsers'; limit: number | null; nextToken: string | null }
  | { operation: 'inviteUser'; input: InviteUserInput }
  | { operation: 'disableUser' | 'enableUser'; userId: string }
  | { operation: 'setUserRole'; userId: string; role: string }
  | { operation: 'linkUserToEmployee'; userId: string; employeeId: string | null }
);

/** Operations on the scope tenant's users (Cedar ManageUsers: its tenant admins, and system admins). */
const USER_OPERATIONS = new Set(['tenantUsers', 'inviteUser', 'disableUser', 'enableUser', 'setUserRole', 'linkUserToEmployee']);

/** Operations that name a tenant by `id`. */
const BY_ID = new Set(['tenantOnboarding', 'tenant', 'suspendTenant', 'reactivateTenant', 'changeTenantPlan']);

const log = createLogger({ service: 'tenancy' });
const stage = requiredEnv('STAGE') as Stage;
if (!STAGES.includes(stage)) throw new Error(`STAGE "${stage}" is none of ${STAGES.join(', ')}`);
const dynamodb = new DynamoDBClient({});
const cognito = new CognitoIdentityProviderClient({});
const avp = new VerifiedPermissionsClient({});
/** The policy stores' Cedar sources, validated and written next to this bundle by the build (scripts/build.ts). */
const policyStores = JSON.parse(readFileSync(new URL(`./${POLICY_STORES_FILE}`, import.meta.url), 'utf8')) as Record<StoreKind, PolicyStoreSource>;

const failure = (type: ErrorType, message: string, info?: unknown): LambdaAnswer<never> => ({ error: { type, message, ...(info ? { info } : {}) } });

function problemWith(event: Partial<TenancyEvent> | null | undefined): string | null {
  if (!event || typeof event !== 'object') return 'the event is not an object';
  if (typeof event.requestedBy !== 'string' || event.requestedBy === '') return 'requestedBy is missing';
  if (event.operation === 'createTenant') {
    const input = (event as { input?: unknown }).input;
    return input && typeof input === 'object' && !Array.isArray(input) ? null : 'input is malformed';
  }
  const { operation, id, reason, plan } = event as { operation?: string; id?: unknown; reason?: unknown; plan?: unknown };
  if (USER_OPERATIONS.has(String(operation))) {
    if (!isValidTenantId(event.callerTenantId)) return 'callerTenantId is missing';
    const { input, userId } = event as { input?: unknown; userId?: unknown };
    if (operation === 'inviteUser') return input && typeof input === 'object' && !Array.isArray(input) ? null : 'input is malformed';
    if (operation !== 'tenantUsers' && typeof userId !== 'string') return 'userId is missing';
    return null;
  }
  if (!BY_ID.has(String(operation))) return `unknown operation ${String(operation)}`;
  if (typeof id !== 'string') return 'id is missing';
  if (reason !== undefined && reason !== null && typeof reason !== 'string') return 'reason is malformed';
  if (operation === 'changeTenantPlan' && typeof plan !== 'string') return 'plan is missing';
  return null;
}

/** The workflow's state as the API shows it. */
function view(state: OnboardingState): TenantOnboarding {
  return {
    tenantId: state.tenantId,
    status: state.status.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
    steps: [...ONBOARDING_STEPS],
    done: state.done,
    error: state.error ? `${state.error.step}: ${state.error.message}` : null,
    startedAt: state.startedAt,
    updatedAt: state.updatedAt,
  };
}

/** A registry record as the API shows it. */
function tenantView(record: LifecycleRecord): Tenant {
  return {
    tenantId: record.tenantId,
    displayName: record.displayName,
    status: record.status.toUpperCase(),
    plan: record.plan,
    limits: planLimits(record.plan),
    homeRegion: record.homeRegion,
    statusHistory: (record.statusHistory ?? []).map((change) => ({ ...change, status: change.status.toUpperCase(), from: change.from.toUpperCase() })),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

const lifecycle: LifecycleServices = { stage, dynamodb, logger: log };
const users: UserAdminServices = { stage, dynamodb, cognito, avp, logger: log };

type UserEvent = Extract<TenancyEvent, { operation: 'tenantUsers' | 'inviteUser' | 'disableUser' | 'enableUser' | 'setUserRole' | 'linkUserToEmployee' }>;

function isUserEvent(event: TenancyEvent): event is UserEvent {
  return USER_OPERATIONS.has(event.operation);
}

/** The scope tenant's users: whoever reaches here holds ManageUsers for that tenant (Cedar, tenantScope). */
async function userOperation(event: UserEvent): Promise<LambdaAnswer<TenantUser | TenantUserConnection>> {
  const tenantId = event.callerTenantId;
  try {
    switch (event.operation) {
      case 'tenantUsers':
        return { result: await tenantUsers(users, tenantId, event.limit, event.nextToken) };
      case 'inviteUser':
        return { result: await inviteUser(users, tenantId, event.input, event.requestedBy) };
      case 'disableUser':
        return { result: await disableUser(users, tenantId, event.userId, event.requestedBy) };
      case 'enableUser':
        return { result: await enableUser(users, tenantId, event.userId, event.requestedBy) };
      case 'setUserRole':
        return { result: await setUserRole(users, tenantId, event.userId, event.role, event.requestedBy) };
      case 'linkUserToEmployee':
        return { result: await linkUserToEmployee(users, tenantId, event.userId, event.employeeId, event.requestedBy) };
    }
  } catch (error) {
    if (error instanceof DomainError) return failure(error.errorType, error.message, error.errorInfo());
    log.error('user operation failed', { operation: event.operation, tenantId, error: { name: (error as Error).name, message: (error as Error).message } });
    return failure('INTERNAL_ERROR', 'The operation failed on our side; retry it (each step is safe to repeat).');
  }
}

/** The workflow's services in this stage; the trigger's ARN is this function's with the trigger's name. */
function services(invokedFunctionArn: string): OnboardingServices {
  const [, partition, , region, account] = invokedFunctionArn.split(':');
  // Where Cognito's endpoint is overridden (the local stack), the pools' keys are served there too.
  const endpoint = process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER?.replace(/\/$/, '');
  return {
    cognito,
    avp,
    stages: [{ stage, dynamodb, pim: true }],
    policyStoreSource: (kind) => policyStores[kind],
    region: region!,
    preTokenGenerationArn: `arn:${partition}:lambda:${region}:${account}:function:${LAMBDAS.preTokenGeneration.functionName(stage)}`,
    ...(endpoint ? { jwksUriOf: (userPoolId: string) => `${endpoint}/${userPoolId}/.well-known/jwks.json` } : {}),
    logger: log,
  };
}

export async function handler(event: TenancyEvent, context: { invokedFunctionArn: string }): Promise<LambdaAnswer<TenantOnboarding | Tenant | TenantUser | TenantUserConnection | null>> {
  const problem = problemWith(event);
  if (problem) {
    log.warn('refused event', { problem });
    return failure('VALIDATION_ERROR', `Invalid tenancy request: ${problem}.`);
  }
  if (isUserEvent(event)) return userOperation(event);
  // Cedar grants ManageTenants to system admins only; checked again here, where tenants are made.
  if (event.callerTenantId !== SYSTEM_TENANT_ID) return failure('UNAUTHORIZED_ACCESS', 'Only the platform\'s system admins manage tenants.');
  try {
    if (event.operation !== 'createTenant' && !isValidTenantId(event.id)) {
      return failure('VALIDATION_ERROR', `"${event.id}" is not a valid tenant id.`, { fields: [{ field: 'id', message: 'A tenant id.' }] });
    }
    if (event.operation === 'tenantOnboarding') {
      const state = await onboardingState(dynamodb, stage, event.id);
      return { result: state ? view(state) : null };
    }
    if (event.operation === 'tenant') return { result: tenantView(await readTenant(lifecycle, event.id)) };
    if (event.operation === 'suspendTenant') return { result: tenantView(await suspendTenant(lifecycle, event.id, event.reason, event.requestedBy)) };
    if (event.operation === 'reactivateTenant') return { result: tenantView(await reactivateTenant(lifecycle, event.id, event.reason, event.requestedBy)) };
    if (event.operation === 'changeTenantPlan') return { result: tenantView(await changeTenantPlan(lifecycle, event.id, event.plan, event.requestedBy)) };
    if (event.operation !== 'createTenant') return failure('VALIDATION_ERROR', 'Unknown tenancy operation.');
    const state = await onboardTenant(services(context.invokedFunctionArn), event.input);
    log.info('tenant onboarded', { tenantId: state.tenantId, userId: event.requestedBy });
    return { result: view(state) };
  } catch (error) {
    if (error instanceof DomainError) return failure(error.errorType, error.message, error.errorInfo());
    if (event.operation !== 'createTenant') {
      log.error('tenancy operation failed', { operation: event.operation, error: { name: (error as Error).name, message: (error as Error).message } });
      return failure('INTERNAL_ERROR', 'The operation failed on our side; nothing changed. Retry later.');
    }
    // A step failed: the workflow recorded where; the same request resumes it.
    log.error('onboarding stopped', { error: { name: (error as Error).name, message: (error as Error).message } });
    return failure('INTERNAL_ERROR', 'Onboarding stopped before it finished; nothing is live. Send the same createTenant again to resume it (tenantOnboarding shows where it stopped).');
  }
}
