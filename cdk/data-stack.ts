/**
 * The stage's data: every table declared in `domain/model/tables.ts` and the documents bucket.
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { Stage } from '../domain/model/stage.ts';
import { documentsBucketName } from '../domain/documents/bucket.ts';
import { TABLE_IDS, TABLES, tableName, type KeyAttribute, type TableDeclaration, type TableId } from '../domain/model/tables.ts';
import { AlarmTopic } from './alarm-topic.ts';
import { stageSettings } from './stage-settings.ts';

export interface DataStackProps extends StackProps {
  readonly stage: Stage;
}

export class DataStack extends Stack {
  readonly tables: Readonly<Record<TableId, dynamodb.Table>>;
  readonly documentsBucket: s3.Bucket;
  /** The stage's alarm topic: every alarm of the stage's stacks notifies it (see `createApp`). */
  readonly alarms: AlarmTopic;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { retainData } = stageSettings(props.stage);
    const removalPolicy = retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.alarms = new AlarmTopic(this, 'Alarms', { topicName: `OptimalHR-Alarms-${props.stage}`, retain: retainData });

    this.tables = Object.fromEntries(
      TABLE_IDS.map((tableId) => {
        const declaration: TableDeclaration = TABLES[tableId];
        const table = new dynamodb.Table(this, tableId, {
          tableName: tableName(tableId, props.stage),
          partitionKey: attribute(declaration.partitionKey),
          sortKey: attribute(declaration.sortKey),
          billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
          encryption: dynamodb.TableEncryption.AWS_MANAGED,
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          deletionProtection: retainData,
          removalPolicy,
          ...(declaration.timeToLiveAttribute ? { timeToLiveAttribute: declaration.timeToLiveAttribute } : {}),
        });
        for (const index of declaration.indexes) {
          const projectionType = dynamodb.ProjectionType[index.projection];
          if (index.kind === 'GSI') {
            table.addGlobalSecondaryIndex({
              indexName: index.name,
              partitionKey: attribute(index.partitionKey),
              ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
              projectionType,
            });
          } else {
            if (!index.sortKey) throw new Error(`LSI ${index.name} of ${tableId} needs a sort key`);
            table.addLocalSecondaryIndex({ indexName: index.name, sortKey: attribute(index.sortKey), projectionType });
          }
        }
        return [tableId, table];
      }),
    ) as Record<TableId, dynamodb.Table>;

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(retainData ? 365 : 90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.documentsBucket = new s3.Bucket(this, 'Documents', {
      bucketName: documentsBucketName(props.stage),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Payslips and contracts are records: an overwritten or deleted object stays recoverable.
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'documents/',
      // Documents outlive a stack in every stage; emptying a bucket is a deliberate act.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER };
}
