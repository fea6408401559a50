/**
 * Where alarms go: one encrypted SNS topic per stage (and one for the shared identity stack) that
 * operators subscribe to (e-mail, chat, paging). Every CloudWatch alarm of the stacks it serves
 * notifies it on ALARM and on OK, so nobody has to watch the console.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** What the account's administrators may do with the key (through their IAM policies); no use of it. */
const KEY_ADMINISTRATION = [
  'kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags', 'kms:PutKeyPolicy',
  'kms:EnableKeyRotation', 'kms:DisableKeyRotation', 'kms:EnableKey', 'kms:DisableKey', 'kms:UpdateKeyDescription',
  'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:CreateGrant', 'kms:RevokeGrant', 'kms:ListGrants',
] as const;

export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: { topicName: string; retain: boolean }) {
    super(scope, id);
    // CloudWatch cannot publish to a topic under the AWS managed SNS key: a key of our own, rotated, that CloudWatch may use.
    const account = Stack.of(this).account;
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts ${props.topicName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      // Instead of CDK's default `kms:*` for the account: key administration for the account's IAM
      // policies, use (encrypt/decrypt) for SNS on this account's behalf and for CloudWatch. In a key
      // policy, "*" is the key itself.
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AccountAdministersTheKey',
            principals: [new iam.AccountRootPrincipal()],
            actions: [...KEY_ADMINISTRATION],
            resources: ['*'],
          }),
          new iam.PolicyStatement({
            sid: 'CloudWatchAndSnsUseTheKey',
            principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com'), new iam.ServicePrincipal('sns.amazonaws.com')],
            actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
            resources: ['*'],
            conditions: { StringEquals: { 'aws:SourceAccount': account } },
          }),
        ],
      }),
    });
    this.topic = new sns.Topic(this, 'Topic', { topicName: props.topicName, masterKey: key, enforceSSL: true });
  }

  /** Makes every alarm under `scope` (a stack) notify this topic when it fires and when it recovers. */
  notifyFrom(scope: Construct): void {
    const action = new actions.SnsAction(this.topic);
    for (const alarm of scope.node.findAll().filter((c): c is cloudwatch.Alarm => c instanceof cloudwatch.Alarm)) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
