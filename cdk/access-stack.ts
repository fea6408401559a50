/**
 * The tenant-scoped role `OptimalHR-TenantScoped-<Stage>`: Lambda resolvers and per-tenant runners
 * assume it with the session tag `tenantId`, and its policy (domain/iam-policies.ts, attached
 * unchanged) confines the session to that tenant's keys and S3 prefix.
 *
 * It lives in a stack of its own, deployed after the API and jobs stacks: its trust policy names
 * their execution roles, which must exist first, while they reach it by its name-derived ARN.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ROLE_NAMES, tenantScopedRolePolicy, tenantScopedRoleTrustPolicy } from '../domain/iam-policies.ts';
import type { Stage } from '../domain/model/stage.ts';
import { acknowledgeWildcards, deployedScope, findingScope } from './iam.ts';
import { TENANT_KEY_PREFIX } from '../domain/model/keys.ts';

export interface AccessStackProps extends StackProps {
  readonly stage: Stage;
  readonly documentsBucket: string;
  /** The execution roles that assume the tenant-scoped role. */
  readonly trustedRoles: readonly iam.IRole[];
}

export class AccessStack extends Stack {
  readonly tenantScopedRole: iam.CfnRole;

  constructor(scope: Construct, id: string, props: AccessStackProps) {
    super(scope, id, props);
    const options = { ...deployedScope(props.stage), documentsBucket: props.documentsBucket };
    this.tenantScopedRole = new iam.CfnRole(this, 'TenantScopedRole', {
      roleName: ROLE_NAMES.tenantScoped(props.stage),
      description: 'Assumed per tenant with the session tag tenantId; reaches only that tenant\'s keys and S3 prefix',
      assumeRolePolicyDocument: tenantScopedRoleTrustPolicy(props.trustedRoles.map((role) => role.roleArn)),
      policies: [{ policyName: 'TenantScoped', policyDocument: tenantScopedRolePolicy(options) }],
    });
    acknowledgeWildcards(this.tenantScopedRole, tenantScopedRolePolicy({ ...findingScope(props.stage), documentsBucket: props.documentsBucket }), {
      TenantIndexQueries: `Query on the indexes of the tenant-data tables, allowed only when every leading key is ${TENANT_KEY_PREFIX}\${aws:PrincipalTag/tenantId} (and present), so an index keyed otherwise stays closed.`,
      TenantObjects: 'Objects under tenants/${aws:PrincipalTag/tenantId}/ only: the wildcard is the file path inside the session tenant\'s own prefix.',
    });
  }
}
