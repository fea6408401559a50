/**
 * Lambda resolver for employment: hiring, new contracts, amendments, terminations and withdrawing
 * a hire, with the rules of domain/employment/. It works with the tenant's STS session, so IAM
 * confines it to `TENANT#<id>` keys and `tenants/<id>/` objects even if the event named the wrong
 * tenant; "today" is the tenant's, from its registry record.
 * Environment: TENANT_ROLE_ARN, PIM_TABLE, EMPLOYMENT_TABLE, WORK_SCHEDULE_TABLE (the patterns contracts name), TENANT_REGISTRY_TABLE, DOCUMENTS_BUCKET; Cognito
 * AdminDisableUser on tenants' pools (a leaver's sign-in).
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../../domain/domain-error.ts';
import { amendContract, hire, startContract, terminateContract, withdrawEmployee, type EmploymentStore, type Occasion } from '../../../domain/employment/store.ts';
import { contractView, type ContractRow } from '../../../domain/employment/model/contracts.ts';
import { requiredEnv } from '../../../domain/env.ts';
import type { AmendContractInput, CreateEmployeeInput, StartContractInput, TerminateContractInput } from '../../../domain/generated/graphql.ts';
import { createLogger } from '../../../domain/logger.ts';
import type { ErrorType } from '../../../domain/model/errors.ts';
import { isValidEntityId, isValidTenantId } from '../../../domain/model/keys.ts';
import { tableEnvName } from '../../../domain/model/tables.ts';
import { employeeView } from '../../../domain/people/model/employee.ts';
import { countEmployees, enforceLimit } from '../../../domain/tenancy/quotas.ts';
import { tenantProfileReader } from '../../../domain/tenancy/settings.ts';
import { disableSignIn } from '../../../domain/tenancy/users.ts';
import { tenantClients } from '../../../domain/tenant-credentials.ts';
import { localDate } from '../../../domain/time.ts';
import type { LambdaAnswer } from '../../lib/lambda.ts';

/** What the employment pipeline functions send; ids are minted by the resolver (util.autoUlid). */
export type EmploymentEvent = { tenantId: string; requestedBy: string } & (
  | { operation: 'hire'; employeeId: string; contractId: string; versionId: string; input: CreateEmployeeInput }
  | { operation: 'startContract'; contractId: string; versionId: string; input: StartContractInput }
  | { operation: 'amendContract'; versionId: string; input: AmendContractInput }
  | { operation: 'terminateContract'; input: TerminateContractInput }
  | { operation: 'withdraw'; employeeId: string; expectedVersion: number | null }
);

const log = createLogger({ service: 'employment' });
const tenants = tenantClients({ roleArn: requiredEnv('TENANT_ROLE_ARN') });
const profileOf = tenantProfileReader(new DynamoDBClient({}), requiredEnv(tableEnvName('TenantRegistry')));
const tables = { pimTable: requiredEnv(tableEnvName('PIM')), employmentTable: requiredEnv(tableEnvName('Employment')), workScheduleTable: requiredEnv(tableEnvName('WorkSchedule')) };
const documentsBucket = requiredEnv('DOCUMENTS_BUCKET');
const cognito = new CognitoIdentityProviderClient({});

const failure = (type: ErrorType, message: string, info?: unknown): LambdaAnswer<never> => ({ error: { type, message, ...(info ? { info } : {}) } });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The event comes from our own resolvers, but it is input all the same: check its shape first. */
function problemWith(event: Partial<EmploymentEvent> | null | undefined): string | null {
  if (!isObject(event)) return 'the event is not an object';
  if (!isValidTenantId(event.tenantId)) return 'tenantId is missing or malformed';
  if (typeof event.requestedBy !== 'string' || event.requestedBy === '') return 'requestedBy is missing';
  const ids = (...names: string[]) => names.find((name) => !isValidEntityId((event as Record<string, unknown>)[name]));
  const input = (event as { input?: unknown }).input;
  switch (event.operation) {
    case 'hire': {
      const bad = ids('employeeId', 'contractId', 'versionId');
      return bad ? `${bad} is missing or malformed` : isObject(input) && isObject(input.contract) && isObject(input.contract.terms) ? null : 'input is malformed';
    }
    case 'startContract': {
      const bad = ids('contractId', 'versionId');
      return bad ? `${bad} is missing or malformed` : isObject(input) && isValidEntityId(input.employeeId) && isObject(input.contract) && isObject(input.contract.terms) ? null : 'input is malformed';
    }
    case 'amendContract':
      if (ids('versionId')) return 'versionId is missing or malformed';
      return isObject(input) && isValidEntityId(input.employeeId) && isValidEntityId(input.contractId) && isObject(input.changes) ? null : 'input is malformed';
    case 'terminateContract':
      return isObject(input) && isValidEntityId(input.employeeId) && isValidEntityId(input.contractId) ? null : 'input is malformed';
    case 'withdraw':
      return ids('employeeId') ? 'employeeId is missing or malformed' : null;
    default:
      return `unknown operation ${String(event.operation)}`;
  }
}

async function perform(event: EmploymentEvent, store: EmploymentStore, occasion: Occasion): Promise<unknown> {
  const contract = (row: ContractRow) => contractView(row, occasion.today);
  switch (event.operation) {
    case 'hire':
      return employeeView(await hire(store, occasion, event, event.input), event.tenantId);
    case 'startContract':
      return contract(await startContract(store, occasion, event, event.input));
    case 'amendContract':
      return contract(await amendContract(store, occasion, event.versionId, event.input));
    case 'terminateContract':
      return contract(await terminateContract(store, occasion, event.input));
    case 'withdraw':
      return employeeView(await withdrawEmployee(store, occasion, event.employeeId, event.expectedVersion), event.tenantId);
  }
}

export async function handler(event: EmploymentEvent): Promise<LambdaAnswer<unknown>> {
  const problem = problemWith(event);
  if (problem) {
    log.warn('refused event', { problem });
    return failure('VALIDATION_ERROR', `Invalid employment request: ${problem}.`);
  }
  try {
    const profile = await profileOf(event.tenantId);
    const { timeZone } = profile.settings;
    const { dynamodb, s3 } = await tenants.forTenant(event.tenantId);
    // The plan's employee limit (domain/tenancy/quotas.ts), counted with the tenant's own session.
    if (event.operation === 'hire') await enforceLimit(profile.plan, 'employees', (cap) => countEmployees(dynamodb, tables.pimTable, event.tenantId, cap));
    // A termination whose last day has passed ends the leaver's sign-in at once (this function's own Cognito right).
    const signIns = (userId: string) => disableSignIn(cognito, profile.userPoolId, userId);
    const now = new Date();
    const occasion: Occasion = { tenantId: event.tenantId, today: localDate(now, timeZone), now: now.toISOString(), requestedBy: event.requestedBy };
    const result = await perform(event, { dynamodb, s3, documentsBucket, disableSignIn: signIns, ...tables }, occasion);
    log.info(`employment ${event.operation}`, { tenantId: event.tenantId, userId: event.requestedBy });
    return { result };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return failure(error.errorType, error.message, error.errorInfo());
  }
}
