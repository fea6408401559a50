/**
 * `TOKEN=$(npm run -s token -- --user user@acme.example) node --import tsx examples/listen.ts amplify|apollo`
 *
 * Prints the signed-in user's notifications as they arrive from the running local stack (`npm start`),
 * through one of the two examples. GRAPHQL_URL and CA_FILE override the defaults of `npm start`.
 */
import { readFileSync } from 'node:fs';
import { CONNECTION_STATE_CHANGE, ConnectionState } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import * as amplify from './amplify-subscribe.ts';
import * as apollo from './apollo-subscribe.ts';

const client = process.argv[2];
const token = process.env.TOKEN;
if ((client !== 'amplify' && client !== 'apollo') || !token) {
  console.error('Usage: TOKEN=$(npm run -s token -- --user user@acme.example) node --import tsx examples/listen.ts amplify|apollo');
  process.exit(2);
}
const graphqlUrl = process.env.GRAPHQL_URL ?? 'http://127.0.0.1:4000/graphql';
const onNotification = (n: amplify.Notification) => console.log(`${n.createdAt} ${n.kind} ${n.title}${n.body ? `: ${n.body}` : ''}`);
const onError = (error: unknown) => {
  console.error(error instanceof Error ? error.message : JSON.stringify(error));
  process.exit(1);
};
// Amplify reports its connection state on Hub: Connected once AppSync acknowledged the subscription.
Hub.listen('api', ({ payload }) => {
  if (payload.event === CONNECTION_STATE_CHANGE && (payload.data as { connectionState?: string }).connectionState === ConnectionState.Connected) {
    console.error('listening (amplify)');
  }
});
const subscription =
  client === 'amplify'
    ? amplify.subscribeToNotifications({ graphqlUrl, token, ca: readFileSync(process.env.CA_FILE ?? '.optimalhr/tls/localhost-cert.pem', 'utf8'), onNotification, onError })
    : apollo.subscribeToNotifications({ graphqlUrl, token, onNotification, onError, onReady: () => console.error('listening (apollo)') });
process.once('SIGINT', () => {
  subscription.close();
  process.exit(0);
});
