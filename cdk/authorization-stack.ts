/**
 * The system tenant's Verified Permissions policy store, built from the Cedar files under
 * lambda-authorizer/cedar/ through the same loader the local endpoint uses. Loading validates
 * every store strictly (cedar-wasm), so an invalid policy fails the synth, not the deploy.
 * Customer tenants' stores are created at onboarding from the same files.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as verifiedpermissions from 'aws-cdk-lib/aws-verifiedpermissions';
import type { Construct } from 'constructs';
import type { Stage } from '../domain/model/stage.ts';
import { loadPolicyStoreSource, STORE_KINDS } from '../lambda-authorizer/policy-store.ts';
import { stageSettings } from './stage-settings.ts';

export interface AuthorizationStackProps extends StackProps {
  readonly stage: Stage;
}

export class AuthorizationStack extends Stack {
  readonly systemPolicyStore: verifiedpermissions.CfnPolicyStore;

  constructor(scope: Construct, id: string, props: AuthorizationStackProps) {
    super(scope, id, props);
    const { retainData } = stageSettings(props.stage);
    // Every kind is validated, the tenant kind too: onboarding deploys it later from these files.
    const sources = Object.fromEntries(STORE_KINDS.map((kind) => [kind, loadPolicyStoreSource(kind)]));
    const system = sources.system!;

    this.systemPolicyStore = new verifiedpermissions.CfnPolicyStore(this, 'SystemPolicyStore', {
      description: `OptimalHR system tenant (${props.stage})`,
      validationSettings: { mode: 'STRICT' },
      schema: { cedarJson: system.schemaJson },
      deletionProtection: { mode: retainData ? 'ENABLED' : 'DISABLED' },
    });
    this.systemPolicyStore.applyRemovalPolicy(retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    const policyStoreId = this.systemPolicyStore.attrPolicyStoreId;

    for (const [policyId, statement] of Object.entries(system.policies)) {
      new verifiedpermissions.CfnPolicy(this, `Policy-${policyId}`, { policyStoreId, definition: { static: { statement, description: policyId } } });
    }
    for (const [templateId, statement] of Object.entries(system.templates)) {
      new verifiedpermissions.CfnPolicyTemplate(this, `Template-${templateId}`, { policyStoreId, statement, description: templateId });
    }

    new CfnOutput(this, 'SystemPolicyStoreId', { value: policyStoreId, description: 'policyStoreId of the system tenant\'s registry record.' });
  }
}
