/**
 * Attaching the policy documents of domain/iam-policies.ts to CDK roles, unchanged, and
 * acknowledging their wildcards one by one with the reason each exists.
 */
import { Aws, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct, IConstruct } from 'constructs';
import type { PolicyDocument, PolicyScope } from '../domain/iam-policies.ts';
import type { Stage } from '../domain/model/stage.ts';
import { TABLES, type TableDeclaration, type TableId } from '../domain/model/tables.ts';

/** The policy scope of a stage, environment-agnostic: account, region and partition stay CloudFormation tokens. */
export function deployedScope(stage: Stage): PolicyScope & { partition: string } {
  return { partition: Aws.PARTITION, region: Aws.REGION, accountId: Aws.ACCOUNT_ID, stage };
}

/**
 * The same scope spelled the way cdk-nag names findings (`<AWS::Partition>`...), so a wildcard
 * acknowledgement can name the exact resource it covers.
 */
export function findingScope(stage: Stage): PolicyScope & { partition: string } {
  return { partition: '<AWS::Partition>', region: '<AWS::Region>', accountId: '<AWS::AccountId>', stage };
}

/**
 * Attaches a domain policy document to a role as an `AWS::IAM::Policy`, byte for byte (no
 * normalisation by `iam.PolicyDocument`), so the template holds exactly what the domain function returned.
 */
export function attachDocument(scope: Construct, id: string, role: iam.IRole, name: string, document: PolicyDocument): iam.CfnPolicy {
  return new iam.CfnPolicy(scope, id, { policyName: name, policyDocument: document, roles: [role.roleName] });
}

/**
 * Acknowledges every wildcard of a domain policy document, each by its exact cdk-nag finding
 * (`AwsSolutions-IAM5[Resource::...]`), with the reason its statement (by `Sid`) gives. A wildcard in
 * a statement without a reason fails the synth: no wildcard ships unexplained.
 *
 * @param spelled the same document built with {@link findingScope}, as cdk-nag renders it.
 */
export function acknowledgeWildcards(scope: IConstruct, spelled: PolicyDocument, reasons: Readonly<Record<string, string>>): void {
  for (const statement of spelled.Statement) {
    if (statement.Effect !== 'Allow') continue;
    const wildcards = [
      ...statement.Action.filter((a) => a.includes('*')).map((a) => `Action::${a}`),
      ...(statement.Resource ?? []).filter((r) => r.includes('*')).map((r) => `Resource::${r.replace(/\$\{/g, '<').replace(/\}/g, '>')}`),
    ];
    if (wildcards.length === 0) continue;
    const reason = statement.Sid === undefined ? undefined : reasons[statement.Sid];
    if (!reason) throw new Error(`Statement ${statement.Sid ?? '(no Sid)'} of ${scope.node.path} has wildcards (${wildcards.join(', ')}) and no reason for them`);
    for (const finding of wildcards) Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}

/** ARNs of a table's declared indexes, each by name (no `index/*`). */
export function indexArns(table: dynamodb.ITable, id: TableId): string[] {
  const declaration: TableDeclaration = TABLES[id];
  return declaration.indexes.map((index) => `${table.tableArn}/index/${index.name}`);
}
