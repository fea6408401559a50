/**
 * GetItem throughput of the local DynamoDB, to compare the ways of running it:
 *   node --import tsx local/dynamodb/bench.ts [seconds=5] [concurrency=16]
 * Measures plain dynalite and the gateway, with the store in a child process (what
 * startLocalDynamo does) and in this process (same thread as the SDK client).
 */
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoServers } from './gateway.ts';
import { startLocalDynamo } from './index.ts';

const seconds = Number(process.argv[2] ?? 5);
const concurrency = Number(process.argv[3] ?? 16);

function client(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    requestHandler: { httpAgent: new Agent({ keepAlive: true }) },
  });
}

async function seed(endpoint: string): Promise<void> {
  const ddb = client(endpoint);
  await ddb.send(new CreateTableCommand({
    TableName: 'bench',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  }));
  for (let i = 0; i < 100; i++) {
    await ddb.send(new PutItemCommand({ TableName: 'bench', Item: { pk: { S: `item${i}` }, payload: { S: 'x'.repeat(200) } } }));
  }
  ddb.destroy();
}

/** GetItem calls per second over `seconds` (after a 1 s warm-up), with `concurrency` calls in flight. */
async function getItemsPerSecond(endpoint: string): Promise<number> {
  const ddb = client(endpoint);
  const run = async (duration: number) => {
    let done = 0;
    const end = Date.now() + duration * 1000;
    await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; Date.now() < end; i += concurrency) {
        await ddb.send(new GetItemCommand({ TableName: 'bench', Key: { pk: { S: `item${i % 100}` } } }));
        done++;
      }
    }));
    return done;
  };
  await run(1);
  const done = await run(seconds);
  ddb.destroy();
  return Math.round(done / seconds);
}

const child = await startLocalDynamo();
await seed(child.endpoint);
console.log(`child process:  dynalite ${await getItemsPerSecond(child.dynaliteEndpoint)} GetItem/s, ` +
  `gateway ${await getItemsPerSecond(child.endpoint)} GetItem/s`);
await child.stop();

const servers = createDynamoServers();
const endpoints = await Promise.all([servers.dynalite, servers.gateway].map((server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))));
const [direct = '', gateway = ''] = endpoints;
await seed(gateway);
console.log(`in process:     dynalite ${await getItemsPerSecond(direct)} GetItem/s, ` +
  `gateway ${await getItemsPerSecond(gateway)} GetItem/s`);
await servers.close();
