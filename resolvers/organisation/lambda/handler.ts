/**
 * Lambda resolver of the organisation: department updates that move a department, which may take
 * more transactions than one (re-pathing the subtree), and updates of a department whose move was
 * interrupted. It writes with the tenant's STS session, so IAM confines it to `TENANT#<id>` keys
 * even if the event named the wrong tenant. Everything else of the module is APPSYNC_JS.
 * Environment: TENANT_ROLE_ARN, PIM_TABLE.
 */
import type { UpdateDepartmentInput } from '../../../domain/generated/graphql.ts';
import { DomainError } from '../../../domain/domain-error.ts';
import { requiredEnv } from '../../../domain/env.ts';
import { createLogger } from '../../../domain/logger.ts';
import type { ErrorType } from '../../../domain/model/errors.ts';
import { isValidEntityId, isValidTenantId } from '../../../domain/model/keys.ts';
import { tableEnvName } from '../../../domain/model/tables.ts';
import { dynamoDepartmentStore, updateDepartment } from '../../../domain/organisation/department-moves.ts';
import { tenantClients } from '../../../domain/tenant-credentials.ts';
import type { LambdaAnswer } from '../../lib/lambda.ts';

/** What `Mutation.updateDepartment`'s moveDepartment function sends. */
export interface OrganisationEvent {
  operation: 'updateDepartment';
  tenantId: string;
  input: UpdateDepartmentInput;
  requestedBy: string;
}

const log = createLogger({ service: 'organisation' });
const tenants = tenantClients({ roleArn: requiredEnv('TENANT_ROLE_ARN') });
const table = requiredEnv(tableEnvName('PIM'));

const failure = (type: ErrorType, message: string, info?: unknown): LambdaAnswer<never> => ({ error: { type, message, ...(info ? { info } : {}) } });

/** The event comes from our own resolver, but it is input all the same: check its shape first. */
function problemWith(event: Partial<OrganisationEvent> | null | undefined): string | null {
  if (!event || typeof event !== 'object') return 'the event is not an object';
  if (event.operation !== 'updateDepartment') return `unknown operation ${String(event.operation)}`;
  if (!isValidTenantId(event.tenantId)) return 'tenantId is missing or malformed';
  if (typeof event.requestedBy !== 'string' || event.requestedBy === '') return 'requestedBy is missing';
  const input = event.input as Partial<UpdateDepartmentInput> | undefined;
  if (!input || typeof input !== 'object' || !isValidEntityId(input.id)) return 'input.id is missing or malformed';
  return Number.isInteger(input.expectedVersion) ? null : 'input.expectedVersion is missing';
}

export async function handler(event: OrganisationEvent): Promise<LambdaAnswer<unknown>> {
  const problem = problemWith(event);
  if (problem) {
    log.warn('refused event', { problem });
    return failure('VALIDATION_ERROR', `Invalid organisation request: ${problem}.`);
  }
  const { dynamodb } = await tenants.forTenant(event.tenantId);
  const context = { tenantId: event.tenantId, userId: event.requestedBy, departmentId: event.input.id };
  try {
    const outcome = await updateDepartment(dynamoDepartmentStore({ dynamodb, tableName: table }, event.tenantId), event.input, event.requestedBy);
    log.info('department updated', { ...context, parentId: outcome.department.parentId, transactions: outcome.transactions, resumedMoveOf: outcome.resumed });
    const { TenantId: _key, EntityItem: _item, TreePath: _path, MoveLock: _lock, ...department } = outcome.department;
    return { result: department };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    log.info('department update refused', { ...context, errorType: error.errorType });
    return failure(error.errorType, error.message, error.fields.length > 0 ? { fields: error.fields } : undefined);
  }
}
