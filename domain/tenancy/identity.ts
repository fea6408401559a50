/**
 * What every tenant's Cognito user pool looks like, declared once: the local stack's pools
 * (local/cognito.ts) and the CDK identity stack are both built from it.
 */
import type { SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';
import type { Stage } from '../model/stage.ts';

/** Custom attributes of every tenant pool (`custom:<name>` in tokens; the authorizer reads them). */
export const CUSTOM_ATTRIBUTES = ['tenantId', 'tenantRole', 'environment', 'employeeId'] as const;
/**
 * Attributes a user may change about themselves through an app client (`WriteAttributes`): none of
 * the custom ones. Tenant, role and employee link are server-side facts (the membership); the
 * trigger never reads them from attributes, and the pool refuses a user's own write of them.
 */
export const CLIENT_WRITE_ATTRIBUTES = ['email', 'name', 'given_name', 'family_name', 'locale', 'zoneinfo'] as const;
/** Attributes an app client may read (`ReadAttributes`). */
export const CLIENT_READ_ATTRIBUTES = [...CLIENT_WRITE_ATTRIBUTES, 'email_verified', ...CUSTOM_ATTRIBUTES.map((name) => `custom:${name}`)] as const;
/** Length bounds of each custom string attribute. */
export const CUSTOM_ATTRIBUTE_LENGTH = { min: 0, max: 256 } as const;
/** ID and access token lifetime of the app clients (Cognito's default: one hour); the authorizer never caches past it. */
export const TOKEN_VALIDITY_MINUTES = 60;

/** The pool name of a tenant. */
export function tenantPoolName(tenantId: string): string {
  return `optimalhr-${tenantId}`;
}

/** The app client name of a stage: one client per stage in every pool. */
export function stageClientName(stage: Stage): string {
  return `optimalhr-${stage}`;
}

/** The custom attributes as a pool's schema (CreateUserPool, AddCustomAttributes). */
export const POOL_SCHEMA: SchemaAttributeType[] = CUSTOM_ATTRIBUTES.map((name) => ({
  Name: name,
  AttributeDataType: 'String',
  Mutable: true,
  StringAttributeConstraints: { MinLength: String(CUSTOM_ATTRIBUTE_LENGTH.min), MaxLength: String(CUSTOM_ATTRIBUTE_LENGTH.max) },
}));
