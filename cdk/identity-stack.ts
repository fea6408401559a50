/**
 * The system tenant's identity for a stage: its Cognito user pool, the stage's app client, and the
 * pre-token-generation trigger that stamps `custom:environment` from the client a user signs in with.
 * Customer tenants' pools are created at onboarding, not here.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { CUSTOM_ATTRIBUTE_LENGTH, CUSTOM_ATTRIBUTES, stageClientName, TOKEN_VALIDITY_MINUTES } from '../domain/identity.ts';
import type { Stage } from '../domain/stage.ts';
import { BundledFunction } from './bundled-function.ts';
import { lambdaEnvironment, type EnvironmentValues } from './lambda-environment.ts';
import { stageSettings } from './stage-settings.ts';

const TOKEN_VALIDITY = Duration.minutes(TOKEN_VALIDITY_MINUTES);

export interface IdentityStackProps extends StackProps {
  readonly stage: Stage;
  readonly registryTable: dynamodb.ITable;
  readonly environmentValues: EnvironmentValues;
}

export class IdentityStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly preTokenGeneration: BundledFunction;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    const { retainData } = stageSettings(props.stage);

    this.preTokenGeneration = new BundledFunction(this, 'PreTokenGeneration', {
      lambdaId: 'preTokenGeneration',
      stage: props.stage,
      environment: lambdaEnvironment('preTokenGeneration', props.environmentValues),
      // Cognito waits at most 5 seconds for a trigger.
      timeout: Duration.seconds(5),
    });
    // Reads one registry record per sign-in (GetItem, consistent).
    this.preTokenGeneration.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [props.registryTable.tableArn] }),
    );

    this.userPool = new cognito.UserPool(this, 'SystemPool', {
      userPoolName: `optimalhr-system-${props.stage.toLowerCase()}`,
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
    this.client = this.userPool.addClient('StageClient', {
      userPoolClientName: stageClientName(props.stage),
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      preventUserExistenceErrors: true,
      idTokenValidity: TOKEN_VALIDITY,
      accessTokenValidity: TOKEN_VALIDITY,
      writeAttributes: write,
      readAttributes: write
        .withStandardAttributes({ emailVerified: true })
        .withCustomAttributes(...CUSTOM_ATTRIBUTES),
    });

    new CfnOutput(this, 'SystemUserPoolId', { value: this.userPool.userPoolId, description: 'The system tenant\'s pool: identity.userPoolId of its registry record.' });
    new CfnOutput(this, 'SystemClientId', { value: this.client.userPoolClientId, description: `identity.clientIds.${props.stage} of the system tenant's registry record.` });
  }
}
