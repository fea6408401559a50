/**
 * Rights that follow from what a Lambda reads: a function given TENANT_ROLE_ARN assumes the
 * tenant-scoped role (and is trusted by it); one given GRAPHQL_URL calls the API as an internal
 * (AWS_IAM) caller, on the operations the schema opens to IAM and nothing else; one given the
 * registry table reads tenants' records (GetItem, nothing else).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { tableEnvName } from '../domain/model/tables.ts';
import { ROOT } from '../scripts/build.ts';

const ROOT_TYPES = new Set(['Query', 'Mutation']);

/** The root fields (`Mutation.publishNotification`) that AWS_IAM callers may call, from schema.graphql's `@aws_iam`. */
export function iamOperations(schemaText = readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8')): { typeName: string; fieldName: string }[] {
  const operations: { typeName: string; fieldName: string }[] = [];
  for (const definition of parse(schemaText).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
    if (!ROOT_TYPES.has(type.name.value)) continue;
    const typeIam = hasIam(type.directives);
    for (const field of type.fields ?? []) {
      const own = authDirectives(field);
      if (own.length > 0 ? own.includes('aws_iam') : typeIam) operations.push({ typeName: type.name.value, fieldName: field.name.value });
    }
  }
  return operations;
}

function authDirectives(field: FieldDefinitionNode): string[] {
  return (field.directives ?? []).map((d) => d.name.value).filter((name) => name.startsWith('aws_') && name !== 'aws_subscribe');
}

function hasIam(directives: readonly { name: { value: string } }[] | undefined): boolean {
  return (directives ?? []).some((d) => d.name.value === 'aws_iam');
}

/** What a function's environment implies it must be allowed to do. */
export interface ImpliedAccess {
  /** ARN of the tenant-scoped role (the value of TENANT_ROLE_ARN). */
  readonly tenantRoleArn: string;
  /** The API's ARN, where the stack knows it. */
  readonly apiArn?: string;
  /** The tenant registry table's ARN, where the stack knows it. */
  readonly registryTableArn?: string;
}

/**
 * Grants `role` what its environment implies. Returns whether it assumes the tenant-scoped role,
 * so the caller can add it to that role's trust policy.
 */
export function grantImpliedAccess(role: iam.IRole, environment: Readonly<Record<string, string>>, access: ImpliedAccess): { assumesTenantRole: boolean } {
  const assumesTenantRole = 'TENANT_ROLE_ARN' in environment;
  if (assumesTenantRole) {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [access.tenantRoleArn] }));
  }
  if ('GRAPHQL_URL' in environment) {
    if (!access.apiArn) throw new Error('A function that reads GRAPHQL_URL needs the API in its stack props');
    const operations = iamOperations();
    if (operations.length > 0) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['appsync:GraphQL'],
          resources: operations.map((o) => `${access.apiArn}/types/${o.typeName}/fields/${o.fieldName}`),
        }),
      );
    }
  }
  if (tableEnvName('TenantRegistry') in environment) {
    if (!access.registryTableArn) throw new Error('A function that reads the tenant registry needs the registry table in its stack props');
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [access.registryTableArn] }));
  }
  return { assumesTenantRole };
}
