/**
 * `TOKEN=$(npm run -s token -- --user user@acme.example) node --import tsx examples/listen.ts amplify|apollo`
 *
 * Prints the signed-in user's notifications as they arrive from the running local stack (`npm start`),
 * through one of the two examples; exits 1 with the reason when the subscription fails. GRAPHQL_URL
 * (default http://127.0.0.1:4000/graphql) and CA_FILE (default the stack's certificate in
 * $OPTIMALHR_DATA_DIR or .optimalhr/) point it elsewhere.
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
const onError = (error: Error) => {
  console.error(error.message);
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
    ? amplify.subscribeToNotifications({ graphqlUrl, token, ca: readFileSync(process.env.CA_FILE ?? `${process.env.OPTIMALHR_DATA_DIR || '.optimalhr'}/tls/localhost-cert.pem`, 'utf8'), onNotification, onError })
    : apollo.subscribeToNotifications({ graphqlUrl, token, onNotification, onError, onReady: () => console.error('listening (apollo)') });
process.once('SIGINT', () => {
  subscription.close();
  process.exit(0);
});
