/**
 * Receiving notifications in Node with Apollo Client 4 and `aws-appsync-subscription-link`.
 *
 * The link keeps `ws://` for an `http://` endpoint (no certificate needed locally) and uses the
 * global `WebSocket`, which Node 20 lacks: we set it from `ws`.
 */
import { ApolloClient, ApolloLink, gql, InMemoryCache, type TypedDocumentNode } from '@apollo/client';
import { CONTROL_EVENTS_KEY, createSubscriptionHandshakeLink } from 'aws-appsync-subscription-link';
import { filter, tap } from 'rxjs';
import WebSocket from 'ws';
import { subscriptionError, type ReceivedNotification as Notification } from './notification.ts';

export type { Notification };

const ON_NOTIFICATION: TypedDocumentNode<{ onNotification: Notification | null }> = gql`
  subscription OnNotification {
    onNotification { id tenantId recipientUserId kind title body link createdAt }
  }
`;

export interface SubscribeOptions {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql` for `npm start`. */
  graphqlUrl: string;
  /** A Cognito ID token (`npm run -s token -- --user user@acme.example`), checked by the Lambda authorizer. */
  token: string;
  region?: string;
  onNotification: (notification: Notification) => void;
  /** Called once AppSync acknowledged the subscription (`start_ack`): notifications published from now on arrive. */
  onReady?: () => void;
  /** The subscription failed (token refused, API unreachable): the Error's message says which. */
  onError?: (error: Error) => void;
}

export function subscribeToNotifications({ graphqlUrl, token, region = 'us-east-1', onNotification, onReady, onError }: SubscribeOptions): { close(): void } {
  globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;

  // Optional: the link reports AppSync's `start_ack` as a control message when asked to; this link
  // asks, calls `onReady` and keeps the message from the cache (Apollo Client itself drops it).
  const readiness = new ApolloLink((operation, forward) => {
    operation.setContext({ controlMessages: { [CONTROL_EVENTS_KEY]: true } });
    return forward(operation).pipe(
      tap((result) => result.extensions?.controlMsgType === 'CONNECTED' && onReady?.()),
      filter((result) => result.extensions?.controlMsgType === undefined),
    );
  });
  const client = new ApolloClient({
    link: ApolloLink.from([readiness, createSubscriptionHandshakeLink({ url: graphqlUrl, region, auth: { type: 'AWS_LAMBDA', token } })]),
    cache: new InMemoryCache(),
  });
  const subscription = client.subscribe({ query: ON_NOTIFICATION }).subscribe({
    next: ({ data, error }) => {
      if (error) onError?.(subscriptionError(error, graphqlUrl));
      else if (data?.onNotification) onNotification(data.onNotification);
    },
    error: (error: unknown) => onError?.(subscriptionError(error, graphqlUrl)),
  });
  return {
    close() {
      subscription.unsubscribe();
      client.stop();
    },
  };
}
