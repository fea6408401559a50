/**
 * Lambda entry point of the AppSync authorizer. Configuration: STAGE, TENANT_REGISTRY_TABLE;
 * AWS endpoints come from the standard AWS_ENDPOINT_URL_* variables.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { requiredEnv } from '../domain/env.ts';
import { createLogger } from '../domain/logger.ts';
import { parseStage } from '../domain/stage.ts';
import { tableEnvName } from '../domain/tables.ts';
import { createAuthorizer, DECISION_TTL_SECONDS } from './authorizer.ts';
import { tenantRegistry } from './registry.ts';

export const handler = createAuthorizer({
  registry: tenantRegistry({ client: new DynamoDBClient({}), tableName: requiredEnv(tableEnvName('TenantRegistry')), maxAgeMs: 30_000 }),
  avp: new VerifiedPermissionsClient({}),
  stage: parseStage(requiredEnv('STAGE')),
  logger: createLogger({ service: 'authorizer' }),
  decisionTtlSeconds: DECISION_TTL_SECONDS,
});
