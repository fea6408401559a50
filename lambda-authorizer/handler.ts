/**
 * Lambda entry point of the AppSync authorizer. Configuration: STAGE, TENANT_REGISTRY_TABLE, and
 * optionally AUTHORIZER_CACHE_SECONDS (how long a decision and the tenant registry may be reused;
 * default 60, and the registry at most 30); AWS endpoints come from the standard AWS_ENDPOINT_URL_* variables.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { integerEnv, requiredEnv } from '../domain/env.ts';
import { createLogger } from '../domain/logger.ts';
import { parseStage } from '../domain/env.ts';
import { tableEnvName } from '../domain/model/tables.ts';
import { createAuthorizer, DECISION_TTL_SECONDS } from './authorizer.ts';
import { tenantRegistry } from './registry.ts';

const cacheSeconds = integerEnv('AUTHORIZER_CACHE_SECONDS', DECISION_TTL_SECONDS, 1, 3600);

export const handler = createAuthorizer({
  registry: tenantRegistry({
    client: new DynamoDBClient({}),
    tableName: requiredEnv(tableEnvName('TenantRegistry')),
    maxAgeMs: Math.min(cacheSeconds, 30) * 1000,
  }),
  avp: new VerifiedPermissionsClient({}),
  stage: parseStage(requiredEnv('STAGE')),
  logger: createLogger({ service: 'authorizer' }),
  decisionTtlSeconds: cacheSeconds,
});
