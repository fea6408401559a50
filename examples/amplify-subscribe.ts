/**
 * Receiving notifications in Node with the unmodified Amplify JS v6 client.
 *
 * Amplify v6 always opens `wss://` (even for an `http://` endpoint), with the global `WebSocket`.
 * Node 20 has none, and the local stack's TLS certificate is self-signed, so we install `ws`'s
 * WebSocket as the global, bound to that certificate through `ca`: only these sockets trust it,
 * certificate checks stay on, and nothing process-wide (NODE_TLS_REJECT_UNAUTHORIZED) is relaxed.
 * Without `ca`, start Node with `NODE_EXTRA_CA_CERTS=.optimalhr/tls/localhost-cert.pem` instead
 * (read at startup only). Against a deployed API, `ca` is not needed.
 *
 * Amplify says nothing when it cannot connect at all (no server, a wrong certificate): its
 * connection state just turns `ConnectionDisrupted`. So when that happens before the first
 * connection, this example checks whether the endpoint answers at all and reports it through
 * `onError` if not; a refused token arrives as Amplify's own error.
 *
 * Amplify keeps one WebSocket per endpoint and process: later subscriptions (even with other
 * tokens) share it, each `start` still authorized with its own token.
 */
import { Amplify } from 'aws-amplify';
import { CONNECTION_STATE_CHANGE, ConnectionState, generateClient, type GraphQLSubscription } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import WebSocket from 'ws';
import { subscriptionError, type ReceivedNotification as Notification } from './notification.ts';

const ON_NOTIFICATION = /* GraphQL */ `
  subscription OnNotification {
    onNotification { id tenantId recipientUserId kind title body link createdAt }
  }
`;

export type { Notification };

export interface SubscribeOptions {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql` for `npm start`. */
  graphqlUrl: string;
  /** A Cognito ID token (`npm run -s token -- --user user@acme.example`), checked by the Lambda authorizer. */
  token: string;
  /** PEM of the certificate to trust for `wss://` (the local stack's self-signed one). */
  ca?: string;
  region?: string;
  onNotification: (notification: Notification) => void;
  /** Called once the subscription's connection is up: notifications published from now on arrive. */
  onReady?: () => void;
  /** The subscription failed (token refused, API unreachable): the Error's message says which. */
  onError?: (error: Error) => void;
}

export function subscribeToNotifications({ graphqlUrl, token, ca, region = 'us-east-1', onNotification, onReady, onError }: SubscribeOptions): { close(): void } {
  const TrustingWebSocket = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, ca ? { ca } : {});
    }
  };
  Object.assign(globalThis, { WebSocket: TrustingWebSocket });

  Amplify.configure({ API: { GraphQL: { endpoint: graphqlUrl, region, defaultAuthMode: 'lambda' } } });
  const client = generateClient();
  let connected = false;
  let failed = false;
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    onError?.(subscriptionError(error, graphqlUrl));
  };
  const stopListening = Hub.listen('api', ({ payload }) => {
    if (payload.event !== CONNECTION_STATE_CHANGE) return;
    const state = (payload.data as { connectionState?: string }).connectionState;
    if (state === ConnectionState.Connected && !connected) {
      connected = true;
      onReady?.();
    }
    if (state === ConnectionState.ConnectionDisrupted && !connected) {
      fetch(graphqlUrl, { method: 'POST' }).catch((error: Error) => fail(`cannot reach: ${(error.cause as Error | undefined)?.message ?? error.message}`));
    }
  });
  const subscription = client
    .graphql<GraphQLSubscription<{ onNotification: Notification }>>({ query: ON_NOTIFICATION, authToken: token })
    .subscribe({
      next: ({ data }) => onNotification(data.onNotification),
      error: fail,
    });
  return {
    close() {
      stopListening();
      subscription.unsubscribe();
    },
  };
}
