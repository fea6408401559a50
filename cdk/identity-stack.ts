/**
 * The system tenant's identity, shared by every stage (one credential works in every stage): its
 * Cognito user pool, one app client per stage, and the one pre-token-generation trigger that stamps
 * `custom:environment` from the client a user signs in with. A pool has a single trigger, so the
 * trigger serves all stages and reads every stage's registry table; those tables live in the
 * per-stage data stacks and are named here by their deterministic ARNs, not by reference, so no
 * stage's stack is coupled to this one. Customer tenants' pools are created at onboarding, not here.
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { preTokenGenerationPolicy } from '../domain/iam-policies.ts';
import { CUSTOM_ATTRIBUTE_LENGTH, CUSTOM_ATTRIBUTES, stageClientName, tenantPoolName, TOKEN_VALIDITY_MINUTES } from '../domain/tenancy/identity.ts';
import { STAGES, type Stage } from '../domain/model/stage.ts';
import { SYSTEM_TENANT_ID } from '../domain/model/tenant-context.ts';
import { AlarmTopic } from './alarm-topic.ts';
import { BundledFunction } from './bundled-function.ts';
import { attachDocument, deployedScope } from './iam.ts';
import { sharedLambdaEnvironment } from './lambda-environment.ts';
import { stageSettings } from './stage-settings.ts';

const TOKEN_VALIDITY = Duration.minutes(TOKEN_VALIDITY_MINUTES);

/** The stack's name: one for the app, no stage suffix. */
export const IDENTITY_STACK_NAME = 'OptimalHR-Identity';

/** Shared by every stage, so it serves Prod: its resources are kept as Prod keeps its own. */
const KEPT_AS: Stage = 'Prod';

export class IdentityStack extends Stack {
  readonly userPool: cognito.UserPool;
  /** The app client of each stage. */
  readonly clients: Record<Stage, cognito.UserPoolClient>;
  readonly preTokenGeneration: BundledFunction;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    const { retainData } = stageSettings(KEPT_AS);

    this.preTokenGeneration = new BundledFunction(this, 'PreTokenGeneration', {
      lambdaId: 'preTokenGeneration',
      stage: KEPT_AS,
      environment: sharedLambdaEnvironment('preTokenGeneration'),
      // Cognito waits at most 5 seconds for a trigger.
      timeout: Duration.seconds(5),
    });
    // Reads the tenant's record in every stage's registry per sign-in: the domain's policy, attached as produced.
    const { partition, region, accountId } = deployedScope(KEPT_AS);
    attachDocument(this, 'PreTokenGenerationPolicy', this.preTokenGeneration.role, 'ReadEveryStageRegistry', preTokenGenerationPolicy({ partition, region, accountId }));

    // Customer pools, made at onboarding, attach this trigger too: Cognito may invoke it from any pool of the account.
    this.preTokenGeneration.function.addPermission('InvokedByTenantPools', {
      principal: new iam.ServicePrincipal('cognito-idp.amazonaws.com'),
      sourceAccount: Aws.ACCOUNT_ID,
      sourceArn: `arn:${Aws.PARTITION}:cognito-idp:${Aws.REGION}:${Aws.ACCOUNT_ID}:userpool/*`,
    });

    this.userPool = new cognito.UserPool(this, 'SystemPool', {
      userPoolName: tenantPoolName(SYSTEM_TENANT_ID),
      signInAliases: { email: true },
      autoVerify: { email: true },
      selfSignUpEnabled: false,
      customAttributes: Object.fromEntries(
        CUSTOM_ATTRIBUTES.map((name) => [name, new cognito.StringAttribute({ minLen: CUSTOM_ATTRIBUTE_LENGTH.min, maxLen: CUSTOM_ATTRIBUTE_LENGTH.max, mutable: true })]),
      ),
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      // Platform staff reach every tenant: a second factor is not optional.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      lambdaTriggers: { preTokenGeneration: this.preTokenGeneration.function },
      deletionProtection: retainData,
      removalPolicy: retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'Essentials tier: MFA is required and the authorizer re-checks every token against the tenant registry; the Plus tier (threat protection) is a cost decision left to the product owner.',
    });

    // email, name, given_name, family_name, locale, zoneinfo: what users may edit about themselves.
    const write = new cognito.ClientAttributes().withStandardAttributes({
      email: true, fullname: true, givenName: true, familyName: true, locale: true, timezone: true,
    });
    const read = write.withStandardAttributes({ emailVerified: true }).withCustomAttributes(...CUSTOM_ATTRIBUTES);
    this.clients = Object.fromEntries(
      STAGES.map((stage) => [
        stage,
        this.userPool.addClient(`${stage}Client`, {
          userPoolClientName: stageClientName(stage),
          generateSecret: false,
          authFlows: { userPassword: true, userSrp: true },
          preventUserExistenceErrors: true,
          idTokenValidity: TOKEN_VALIDITY,
          accessTokenValidity: TOKEN_VALIDITY,
          writeAttributes: write,
          readAttributes: read,
        }),
      ]),
    ) as Record<Stage, cognito.UserPoolClient>;

    new CfnOutput(this, 'SystemUserPoolId', { value: this.userPool.userPoolId, description: 'The system tenant\'s pool: identity.userPoolId of its registry record in every stage.' });
    for (const stage of STAGES) {
      new CfnOutput(this, `SystemClientId${stage}`, { value: this.clients[stage].userPoolClientId, description: `identity.clientIds.${stage} of the system tenant's registry record in ${stage}.` });
    }
    // The trigger's errors alarm: sign-ins of every stage depend on it.
    new AlarmTopic(this, 'Alarms', { topicName: 'OptimalHR-Alarms', retain: retainData }).notifyFrom(this);
  }
}
