/**
 * Onboarding a tenant, as product code: a resumable, idempotent workflow on the AWS SDK alone.
 *
 * Steps, in order (each records its completion, and what it made, on the workflow item
 * `ONBOARDING` in the tenant's partition of the home stage's registry, so a retry resumes after
 * the last finished step and re-running a finished step finds what it made instead of making it
 * again):
 * 1. `userPool`    the tenant's Cognito pool (found by name on a retry), with the shared
 *                  pre-token-generation trigger attached and the custom attributes;
 * 2. `appClients`  one app client per stage (found by name), users may write no custom attribute;
 * 3. `policyStore` a STRICT Verified Permissions store from the Cedar files (client tokens make
 *                  a retried creation return the same store);
 * 4. `registry`    the registry record in every stage it is onboarded into, status `provisioning`
 *                  (the pre-token trigger and the authorizer refuse anything but `active`);
 * 5. `firstAdmin`  the first tenant admin, invited with a temporary password, with their membership;
 * 6. `activate`    the records become `active`: the last step, so a half tenant is never accepted.
 *
 * A failed workflow can be resumed ({@link onboardTenant} again) or rolled back
 * ({@link rollbackOnboarding}), which deletes whatever was made, the workflow item last.
 * One run at a time: a run holds a lease on the workflow item.
 */
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  DeleteUserPoolCommand,
  ResourceNotFoundException,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DeletePolicyStoreCommand, ResourceNotFoundException as StoreNotFound, type VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { randomInt } from 'node:crypto';
import type { PolicyStoreSource, StoreKind } from '../../lambda-authorizer/policy-store.ts';
import { policyStoreVersion } from '../../lambda-authorizer/migrate.ts';
import { createPolicyStore } from '../../lambda-authorizer/provision.ts';
import { DomainError } from '../domain-error.ts';
import type { Logger } from '../logger.ts';
import { tenantKey } from '../model/keys.ts';
import type { Stage } from '../model/stage.ts';
import { tableName } from '../model/tables.ts';
import { SYSTEM_TENANT_ID, type Role } from '../model/tenant-context.ts';
import { TENANCY_PREFIXES, userEntryKey } from './model/keys.ts';
import { cognitoIssuer, REGISTRY_ITEM, registryItem, type TenantIdentity, type TenantKind, type TenantRecord } from './registry.ts';
import { validateOnboardingSpec, type OnboardingSpec } from './onboarding-spec.ts';
import { createTenantPool, ensureStageClients, findTenantPool } from './pools.ts';
import { saveMembership, saveUserEntry } from './users.ts';

export { validateOnboardingSpec, type OnboardingInput, type OnboardingSpec } from './onboarding-spec.ts';

export const ONBOARDING_STEPS = ['userPool', 'appClients', 'policyStore', 'registry', 'firstAdmin', 'activate'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export type OnboardingStatus = 'running' | 'failed' | 'completed' | 'rollingBack';

/** The workflow item: what was asked, which steps are done and what they made. */
export interface OnboardingState {
  tenantId: string;
  spec: OnboardingSpec;
  status: OnboardingStatus;
  /** Finished steps, in order. */
  done: OnboardingStep[];
  userPoolId?: string;
  /** Whether this workflow made the pool (a stage onboarded later finds the one an earlier stage made, and must not delete it). */
  poolCreated?: boolean;
  clientIds?: Partial<Record<Stage, string>>;
  policyStoreId?: string;
  adminUserId?: string;
  /** Whether this workflow invited the first admin (in a pool it did not make, a rollback deletes them alone). */
  adminCreated?: boolean;
  /** The stages whose registries the tenant is onboarded into. */
  stages: Stage[];
  /** Why the last run stopped, when it failed (no personal data). */
  error?: { step: OnboardingStep; message: string };
  startedAt: string;
  updatedAt: string;
}

/** A report after each step: `done` of `total` steps. */
export interface OnboardingProgress {
  tenantId: string;
  step: OnboardingStep;
  done: number;
  total: number;
}

/** A stage the tenant is onboarded into: its registry (and PIM, when `pim`) written with `dynamodb`. */
export interface OnboardingStage {
  stage: Stage;
  dynamodb: DynamoDBClient;
  /** Whether the stage has a PIM table for the tenant's directory (locally, unserved stages have none). */
  pim: boolean;
}

export interface OnboardingServices {
  cognito: CognitoIdentityProviderClient;
  avp: VerifiedPermissionsClient;
  /** The stages to onboard into; the first is home: its registry keeps the workflow item. */
  stages: readonly [OnboardingStage, ...OnboardingStage[]];
  /** Region of the pool and the registry record's home region. */
  region: string;
  /** The Cedar schema, templates and policies of a store kind (`loadPolicyStoreSource`, or as built next to a Lambda). */
  policyStoreSource: (kind: StoreKind) => PolicyStoreSource;
  /** ARN of the shared pre-token-generation trigger (`AIML-SaaS-PreTokenGeneration`). */
  preTokenGenerationArn: string;
  /** Where a pool publishes its keys. Default: its issuer's `/.well-known/jwks.json` (AWS). */
  jwksUriOf?: (userPoolId: string) => string;
  /** A temporary password for the first admin. Default: 20 random characters meeting the pool's policy. */
  temporaryPassword?: () => string;
  logger?: Logger;
  now?: () => Date;
  onProgress?: (progress: OnboardingProgress) => void;
  /** Called after each step is recorded (tests interrupt the workflow here). */
  afterStep?: (step: OnboardingStep) => void | Promise<void>;
}

/** How long a run holds the workflow; a crashed run's lease lapses and a retry takes over. */
const LEASE_MS = 5 * 60_000;

const WORKFLOW_ITEM = TENANCY_PREFIXES.onboarding;

function workflowKey(tenantId: string) {
  return { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: WORKFLOW_ITEM } };
}

function home(services: OnboardingServices): OnboardingStage {
  return services.stages[0];
}

function registryOf(stage: Stage): string {
  return tableName('TenantRegistry', stage);
}

/** The workflow's state, or null when none was started (or it was rolled back). */
export async function onboardingState(dynamodb: DynamoDBClient, stage: Stage, tenantId: string): Promise<OnboardingState | null> {
  const out = await dynamodb.send(new GetItemCommand({ TableName: registryOf(stage), Key: workflowKey(tenantId), ConsistentRead: true }));
  if (!out.Item) return null;
  const { TenantId: _t, EntityItem: _e, leaseUntil: _l, ...state } = unmarshall(out.Item) as OnboardingState & { TenantId: string; EntityItem: string; leaseUntil?: number };
  return state;
}

/**
 * Starts onboarding `input`'s tenant, or resumes it where it stopped. Returns the finished state.
 * Refuses (CONFLICT) a tenant already registered by other means, a workflow started with another
 * request, one being rolled back, and one another run holds; VALIDATION_ERROR for a bad input.
 */
export async function onboardTenant(services: OnboardingServices, input: unknown): Promise<OnboardingState> {
  const spec = validateOnboardingSpec(input);
  const now = services.now ?? (() => new Date());
  const { stage: homeStage, dynamodb } = home(services);
  const log = services.logger?.child({ tenantId: spec.tenantId, workflow: 'onboarding' });

  let state = await onboardingState(dynamodb, homeStage, spec.tenantId);
  if (state && JSON.stringify(state.spec) !== JSON.stringify(spec)) {
    throw new DomainError('CONFLICT', `Onboarding of ${spec.tenantId} was started with other settings: resume it with the same request, or roll it back first.`);
  }
  if (state?.status === 'completed') return state;
  if (state?.status === 'rollingBack') throw new DomainError('CONFLICT', `Onboarding of ${spec.tenantId} is being rolled back: finish the rollback first.`);
  if (!state) {
    if (await registered(dynamodb, homeStage, spec.tenantId)) throw new DomainError('CONFLICT', `Tenant ${spec.tenantId} already exists.`);
    const at = now().toISOString();
    state = { tenantId: spec.tenantId, spec, status: 'running', done: [], stages: services.stages.map((s) => s.stage), startedAt: at, updatedAt: at };
    try {
      await dynamodb.send(new PutItemCommand({
        TableName: registryOf(homeStage),
        Item: marshall({ ...plain(state), TenantId: tenantKey(spec.tenantId), EntityItem: WORKFLOW_ITEM, leaseUntil: now().getTime() + LEASE_MS }, { removeUndefinedValues: true }),
        ConditionExpression: 'attribute_not_exists(EntityItem)',
      }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new DomainError('CONFLICT', `Onboarding of ${spec.tenantId} has just been started by another request.`);
      throw error;
    }
  } else {
    await claim(services, spec.tenantId, 'running');
    state = { ...state, status: 'running' };
  }

  const record = (update: Partial<OnboardingState>) => {
    state = { ...state!, ...update, updatedAt: now().toISOString() };
    return save(services, state);
  };
  for (const [index, step] of ONBOARDING_STEPS.entries()) {
    if (state.done.includes(step)) continue;
    try {
      const made = await STEP_RUNNERS[step](services, state, spec, (partial) => record(partial));
      await record({ ...made, done: [...state.done, step] });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log?.error('onboarding step failed', { step, error: { name: (error as Error).name, message } });
      await record({ status: 'failed', error: { step, message } });
      await release(services, spec.tenantId);
      throw error;
    }
    log?.info('onboarding step done', { step, done: index + 1, total: ONBOARDING_STEPS.length });
    services.onProgress?.({ tenantId: spec.tenantId, step, done: index + 1, total: ONBOARDING_STEPS.length });
    try {
      await services.afterStep?.(step);
    } catch (error) {
      await record({ status: 'failed', error: { step, message: (error as Error).message } });
      await release(services, spec.tenantId);
      throw error;
    }
  }
  const { error: _error, ...finished } = state;
  state = { ...finished, status: 'completed', updatedAt: now().toISOString() };
  await save(services, state, true);
  await release(services, spec.tenantId);
  return state;
}

/**
 * Deletes whatever an unfinished onboarding made — the admin and memberships, the registry
 * records, the policy store, the pool (its clients and users with it) — and then the workflow
 * item. A completed onboarding is not rolled back (that is offboarding): CONFLICT.
 */
export async function rollbackOnboarding(services: OnboardingServices, tenantId: string): Promise<void> {
  const { stage: homeStage, dynamodb } = home(services);
  const state = await onboardingState(dynamodb, homeStage, tenantId);
  if (!state) throw new DomainError('NOT_FOUND', `No onboarding of ${tenantId} to roll back.`);
  if (state.status === 'completed' || state.done.includes('activate')) throw new DomainError('CONFLICT', `Tenant ${tenantId} is live: offboard it instead.`);
  await claim(services, tenantId, 'rollingBack');
  const stages = services.stages.filter((s) => state.stages.includes(s.stage));

  for (const { stage, dynamodb: client, pim } of stages) {
    // Memberships (and directory entries) of whoever was added; then the record, only while it is not active.
    const members = await client.send(new QueryCommand({
      TableName: registryOf(stage),
      KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :m)',
      ExpressionAttributeValues: { ':t': { S: tenantKey(tenantId) }, ':m': { S: TENANCY_PREFIXES.member } },
      ConsistentRead: true,
    }));
    for (const item of members.Items ?? []) {
      const { userId, role } = unmarshall(item) as { userId: string; role: Role };
      if (pim) await client.send(new DeleteItemCommand({ TableName: tableName('PIM', stage), Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: userEntryKey(role, userId) }) }));
      await client.send(new DeleteItemCommand({ TableName: registryOf(stage), Key: { TenantId: item.TenantId!, EntityItem: item.EntityItem! } }));
    }
    await client.send(new DeleteItemCommand({
      TableName: registryOf(stage),
      Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
      ConditionExpression: 'attribute_not_exists(EntityItem) OR #status <> :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': { S: 'active' } },
    }));
  }
  if (state.policyStoreId) {
    await services.avp.send(new DeletePolicyStoreCommand({ policyStoreId: state.policyStoreId })).catch((error: unknown) => {
      if (!(error instanceof StoreNotFound) && (error as Error).name !== 'ResourceNotFoundException') throw error;
    });
  }
  // Only a pool this workflow made is deleted (with its clients and users): another stage may share one it found.
  if (state.userPoolId && state.poolCreated) {
    await services.cognito.send(new DeleteUserPoolCommand({ UserPoolId: state.userPoolId })).catch((error: unknown) => {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    });
  } else if (state.userPoolId && state.adminCreated) {
    await services.cognito.send(new AdminDeleteUserCommand({ UserPoolId: state.userPoolId, Username: state.spec.adminEmail })).catch((error: unknown) => {
      if (!(error instanceof UserNotFoundException)) throw error;
    });
  } else if (!state.userPoolId && (await findTenantPool(services.cognito, tenantId))) {
    // A run stopped between making the pool and recording it, or another stage's pool: not ours to delete.
    services.logger?.warn('rollback left a pool it cannot tell it made', { tenantId });
  }
  await dynamodb.send(new DeleteItemCommand({ TableName: registryOf(homeStage), Key: workflowKey(tenantId) }));
  services.logger?.info('onboarding rolled back', { tenantId });
}

type StepRunner = (
  services: OnboardingServices,
  state: OnboardingState,
  spec: OnboardingSpec,
  /** Records part of what the step made before it finishes (what a rollback must find). */
  note: (partial: Partial<OnboardingState>) => Promise<void>,
) => Promise<Partial<OnboardingState>>;

const STEP_RUNNERS: Record<OnboardingStep, StepRunner> = {
  async userPool(services, state, spec, note) {
    let userPoolId = await findTenantPool(services.cognito, spec.tenantId);
    if (!userPoolId) {
      userPoolId = await createTenantPool(services.cognito, spec.tenantId, services.preTokenGenerationArn);
      await note({ userPoolId, poolCreated: true });
      return { userPoolId, poolCreated: true };
    }
    // Found: made by this workflow before it stopped (already noted), or by another stage's onboarding.
    return { userPoolId, poolCreated: state.poolCreated ?? false };
  },

  async appClients(services, state) {
    return { clientIds: await ensureStageClients(services.cognito, state.userPoolId!) };
  },

  async policyStore(services, state, spec, note) {
    const kind = kindOf(spec.tenantId) === 'system' ? 'system' : 'tenant';
    const policyStoreId = await createPolicyStore(services.avp, services.policyStoreSource(kind), kind, spec.tenantId, {
      // One token base per workflow: a retried step returns the same store, templates and policies.
      clientToken: `onb-${spec.tenantId}-${Date.parse(state.startedAt).toString(36)}`,
      onCreated: (id) => note({ policyStoreId: id }),
    });
    return { policyStoreId };
  },

  async registry(services, state, spec) {
    const now = (services.now ?? (() => new Date()))().toISOString();
    for (const { stage, dynamodb } of services.stages) {
      const record: TenantRecord = {
        tenantId: spec.tenantId,
        kind: kindOf(spec.tenantId),
        displayName: spec.displayName,
        status: 'provisioning',
        plan: spec.plan,
        homeRegion: services.region,
        identity: identityOf(services, state),
        policyStoreId: state.policyStoreId!,
        policyStoreVersion: policyStoreVersion(services.policyStoreSource(kindOf(spec.tenantId) === 'system' ? 'system' : 'tenant')),
        settings: spec.settings,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await dynamodb.send(new PutItemCommand({
          TableName: registryOf(stage),
          Item: marshall(registryItem(record), { removeUndefinedValues: true }),
          // Never over a tenant that is live: only a first write or this workflow's own provisioning record.
          ConditionExpression: 'attribute_not_exists(EntityItem) OR #status = :provisioning',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':provisioning': { S: 'provisioning' } },
        }));
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new DomainError('CONFLICT', `Tenant ${spec.tenantId} is already registered in ${stage}.`);
        throw error;
      }
    }
    return {};
  },

  async firstAdmin(services, state, spec) {
    const UserPoolId = state.userPoolId!;
    const role: Role = kindOf(spec.tenantId) === 'system' ? 'SystemAdmin' : 'TenantAdmin';
    const found = await services.cognito.send(new AdminGetUserCommand({ UserPoolId, Username: spec.adminEmail })).catch((error: unknown) => {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    });
    const user = found ?? (await services.cognito.send(new AdminCreateUserCommand({
      UserPoolId,
      Username: spec.adminEmail,
      UserAttributes: [
        { Name: 'email', Value: spec.adminEmail },
        { Name: 'email_verified', Value: 'true' },
        // Only used to find the tenant at sign-in; the role is the membership's.
        { Name: 'custom:tenantId', Value: spec.tenantId },
      ],
      TemporaryPassword: (services.temporaryPassword ?? temporaryPassword)(),
      DesiredDeliveryMediums: ['EMAIL'],
    }))).User;
    const attributes = found?.UserAttributes ?? (user && 'Attributes' in user ? user.Attributes : undefined);
    const userId = attributes?.find((a) => a.Name === 'sub')?.Value;
    if (!userId) throw new Error('The first admin has no sub attribute');
    const adminCreated = state.adminCreated ?? found === undefined;
    const entry = { userId, role, employeeId: null };
    for (const { stage, dynamodb, pim } of services.stages) {
      if (pim) await saveUserEntry(dynamodb, { registry: registryOf(stage), pim: tableName('PIM', stage) }, spec.tenantId, entry);
      else await saveMembership(dynamodb, registryOf(stage), spec.tenantId, entry);
    }
    return { adminUserId: userId, adminCreated };
  },

  async activate(services, _state, spec) {
    const at = (services.now ?? (() => new Date()))().toISOString();
    for (const { stage, dynamodb } of services.stages) {
      await dynamodb.send(new UpdateItemCommand({
        TableName: registryOf(stage),
        Key: { TenantId: { S: tenantKey(spec.tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
        UpdateExpression: 'SET #status = :active, updatedAt = :at',
        ConditionExpression: '#status IN (:provisioning, :active)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': { S: 'active' }, ':provisioning': { S: 'provisioning' }, ':at': { S: at } },
      }));
    }
    return {};
  },
};

function kindOf(tenantId: string): TenantKind {
  return tenantId === SYSTEM_TENANT_ID ? 'system' : 'customer';
}

function identityOf(services: OnboardingServices, state: OnboardingState): TenantIdentity {
  const userPoolId = state.userPoolId!;
  const issuer = cognitoIssuer(userPoolId);
  return { userPoolId, issuer, jwksUri: services.jwksUriOf?.(userPoolId) ?? `${issuer}/.well-known/jwks.json`, clientIds: state.clientIds ?? {} };
}

async function registered(dynamodb: DynamoDBClient, stage: Stage, tenantId: string): Promise<boolean> {
  const out = await dynamodb.send(new GetItemCommand({
    TableName: registryOf(stage),
    Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
    ConsistentRead: true,
  }));
  return out.Item !== undefined;
}

/** The pool named for the tenant, if any (more than one is an error someone must look at). */
/** The state as stored (no undefined values). */
function plain(state: OnboardingState): Record<string, unknown> {
  return JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
}

/** Writes the state back while this run holds the lease (`final` drops the lease and the error). */
async function save(services: OnboardingServices, state: OnboardingState, final = false): Promise<void> {
  const { stage, dynamodb } = home(services);
  const now = (services.now ?? (() => new Date()))().getTime();
  await dynamodb.send(new PutItemCommand({
    TableName: registryOf(stage),
    Item: marshall({ ...plain(state), TenantId: tenantKey(state.tenantId), EntityItem: WORKFLOW_ITEM, ...(final ? {} : { leaseUntil: now + LEASE_MS }) }, { removeUndefinedValues: true }),
    ConditionExpression: 'attribute_exists(EntityItem)',
  }));
}

/** Takes the workflow for this run, unless another run holds it. */
async function claim(services: OnboardingServices, tenantId: string, status: OnboardingStatus): Promise<void> {
  const { stage, dynamodb } = home(services);
  const now = (services.now ?? (() => new Date()))().getTime();
  try {
    await dynamodb.send(new UpdateItemCommand({
      TableName: registryOf(stage),
      Key: workflowKey(tenantId),
      UpdateExpression: 'SET leaseUntil = :until, #status = :status',
      ConditionExpression: 'attribute_exists(EntityItem) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':until': { N: String(now + LEASE_MS) }, ':now': { N: String(now) }, ':status': { S: status } },
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new DomainError('CONFLICT', `Onboarding of ${tenantId} is running in another request: wait for it, then look at its state.`);
    throw error;
  }
}

async function release(services: OnboardingServices, tenantId: string): Promise<void> {
  const { stage, dynamodb } = home(services);
  await dynamodb.send(new UpdateItemCommand({ TableName: registryOf(stage), Key: workflowKey(tenantId), UpdateExpression: 'REMOVE leaseUntil' }));
}

const PASSWORD_SETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@^_'];

/** 20 random characters with at least one of each kind the pool's password policy asks for. */
export function temporaryPassword(): string {
  const all = PASSWORD_SETS.join('');
  const chars = [...PASSWORD_SETS.map((set) => set[randomInt(set.length)]!), ...Array.from({ length: 16 }, () => all[randomInt(all.length)]!)];
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
