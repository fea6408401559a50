/**
 * `TOKEN=$(npm run -s token -- --user user@acme.example) node --import tsx examples/listen.ts amplify|apollo`
 *
 * Prints the signed-in user's notifications as they arrive from the running local stack (`npm start`),
 * through one of the two examples; exits 1 with the reason when the subscription fails. GRAPHQL_URL
 * (default http://127.0.0.1:4000/graphql) and CA_FILE (default the stack's certificate in
 * $OPTIMALHR_DATA_DIR or .optimalhr/) point it elsewhere.
 */
import { readFileSync } from 'node:fs';
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
const onReady = () => console.error(`listening (${client})`);
const subscription =
  client === 'amplify'
    ? amplify.subscribeToNotifications({ graphqlUrl, token, ca: readFileSync(process.env.CA_FILE ?? `${process.env.OPTIMALHR_DATA_DIR || '.optimalhr'}/tls/localhost-cert.pem`, 'utf8'), onNotification, onReady, onError })
    : apollo.subscribeToNotifications({ graphqlUrl, token, onNotification, onReady, onError });
process.once('SIGINT', () => {
  subscription.close();
  process.exit(0);
});
