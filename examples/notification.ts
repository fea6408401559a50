import type { Notification } from '../domain/generated/graphql.ts';

/** What the examples' subscription selects of a notification (the type comes from codegen). */
export type ReceivedNotification = Pick<Notification, 'id' | 'tenantId' | 'recipientUserId' | 'kind' | 'title' | 'body' | 'link' | 'createdAt'>;

/** The messages inside what a client library reports: an Error, `{ errors: [{ message }] }`, or Apollo's wrapper of either. */
function messagesOf(error: unknown): string[] {
  if (typeof error === 'string') return [error];
  if (typeof error !== 'object' || error === null) return [String(error)];
  const { errors, cause, message } = error as { errors?: unknown; cause?: unknown; message?: unknown };
  if (Array.isArray(errors) && errors.length > 0) return errors.flatMap(messagesOf);
  // Apollo Client wraps an error of a shape it does not know: "An error of unexpected shape occurred."
  if (cause !== undefined && cause !== null) return messagesOf(cause);
  return typeof message === 'string' ? [message] : [JSON.stringify(error)];
}

/**
 * A subscription failure as an Error that says what went wrong and what to do: the token refused
 * (expired, or for another stage), or the API unreachable. Both client libraries report these as
 * plain `{ errors: [{ message }] }` objects, which tell a person little.
 */
export function subscriptionError(error: unknown, graphqlUrl: string): Error {
  const messages = messagesOf(error);
  const said = messages.join('; ');
  if (/Unauthorized/i.test(said)) {
    return new Error(
      `${graphqlUrl} refused the token (${said}): it has expired (tokens last 60 minutes) or is for another stage or API. ` +
        'Sign in again (locally: npm run -s token -- --user <email>).',
    );
  }
  if (/handshake|ECONNREFUSED|ECONNRESET|ENOTFOUND|fetch failed|cannot reach/i.test(said)) {
    return new Error(`Cannot reach ${graphqlUrl} (${said}): is the API running? Locally: npm start.`);
  }
  return new Error(`The subscription failed: ${said}`);
}
