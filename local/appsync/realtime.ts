/**
 * AppSync's real-time endpoint (`GET /graphql/realtime`, WebSocket subprotocol `graphql-ws` in
 * AppSync's own flavour): connection authorization from the `header-…` subprotocol or the
 * `?header=` query, `connection_init` → `connection_ack`, keep-alives, `start` (authorized,
 * validated, resolver run for its filters) → `start_ack`, deliveries of published mutations
 * through argument and enhanced filters, `stop` → `complete`, and AppSync's limits and errors.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type https from 'node:https';
import type { Duplex } from 'node:stream';
import {
  defaultFieldResolver,
  executeSync,
  getNamedType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { Logger } from '../../domain/logger.ts';
import type { AppSyncError, Authenticated, AuthRefusal, AuthRequest } from './api.ts';
import type { AuthMode } from './auth.ts';
import { appSyncError, errorSummary, INTERNAL_FAILURE } from './errors.ts';
import { ResolverFailure } from './resolvers.ts';
import { argumentsMatch, filterMatches, validateSubscriptionFilter, type SubscriptionFilterGroups } from './subscription-filters.ts';

/** The real-time path next to `/graphql` (AppSync: the GraphQL URL + `/realtime` for custom hosts). */
export const REALTIME_PATH = '/graphql/realtime';
/** AppSync acknowledges every connection with this keep-alive timeout. */
export const CONNECTION_TIMEOUT_MS = 300_000;
/**
 * How long a connection whose authorization failed waits for the client's first message before
 * it is refused anyway. The refusal answers that message: clients (aws-appsync-subscription-link)
 * listen for messages only once they have sent `connection_init`, so one sent earlier is lost and
 * the client reports a handshake timeout instead of UnauthorizedException.
 */
const REFUSAL_GRACE_MS = 5_000;
/** AppSync's quota "subscriptions per connection". */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
/** AppSync's real-time message (subscription payload) limit, 240 kB. */
export const MAX_MESSAGE_BYTES = 240 * 1024;

export interface RealtimeOptions {
  /** How often `ka` is sent (AppSync: about every 60 s; Amplify gives up after 65 s of silence). */
  keepAliveIntervalMs?: number;
  /** How long a connection without subscriptions may stay silent before it is closed (default 300 s). */
  idleTimeoutMs?: number;
}

/** What a `start` learns from running the subscription field's resolver. */
export interface SubscriptionExecution {
  errors: AppSyncError[];
  /** The root field's coerced arguments. */
  arguments: Record<string, unknown>;
  /** What the resolver passed to `extensions.setSubscriptionFilter` (null when nothing). */
  filter: unknown;
  /** What it passed to `extensions.setSubscriptionInvalidationFilter`. */
  invalidationFilter: unknown;
}

/** What the real-time endpoint uses of its API (see `createAppSyncApi`). */
export interface RealtimeBackend {
  schema: GraphQLSchema;
  rules: { allows(type: GraphQLObjectType, field: ReturnType<GraphQLObjectType['getFields']>[string], mode: AuthMode): boolean };
  logger: Logger;
  documentFor(query: string): { document: DocumentNode } | { errors: AppSyncError[] };
  authenticate(request: AuthRequest): Promise<Authenticated | AuthRefusal>;
  executeSubscription(request: {
    document: DocumentNode;
    operationName?: string | null;
    variables?: Record<string, unknown> | null;
    auth: Authenticated;
    requestId: string;
  }): Promise<SubscriptionExecution>;
}

/** An entry of a real-time `error` or `connection_error` payload. */
interface ProtocolError {
  errorType?: string;
  message: string;
  errorCode?: number;
}

interface ActiveSubscription {
  id: string;
  /** The Subscription field and the key it is delivered under (its alias, if any). */
  fieldName: string;
  responseKey: string;
  /** Mutations named by the field's `@aws_subscribe(mutations: [...])`. */
  mutations: ReadonlySet<string>;
  /** The arguments that act as equality filters: those naming a field of the returned type. */
  argumentFilter: Record<string, unknown>;
  filter: SubscriptionFilterGroups | null;
  invalidationFilter: SubscriptionFilterGroups | null;
  document: DocumentNode;
  operationName: string | null;
  variables: Record<string, unknown> | null;
  auth: Authenticated;
}

interface Connection {
  socket: WebSocket;
  sourceIp: string;
  /** The connect-time authorization; null until it finished (or when it failed). */
  auth: Authenticated | null;
  /** The request the connection was authorized with, replayed when a Lambda answer expires. */
  connectRequest: AuthRequest;
  subscriptions: Map<string, ActiveSubscription>;
  /** Messages are handled one after the other, in arrival order (a stop never overtakes its start). */
  queue: Promise<void>;
  keepAlive?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
  expiry?: NodeJS.Timeout;
  /** Why the connect-time authorization failed: answered to the client's first message (or after a grace time). */
  refusal?: ProtocolError;
  closed: boolean;
}

/** A published mutation result. */
interface PublishedEvent {
  /** Only what the mutation selected (by field name): what subscribers may see. */
  selected: unknown;
  /** What filters are evaluated against: the mutation field's full resolved value plus the selection. */
  source: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const UNAUTHORIZED: ProtocolError = { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 };
// AppSync answers any frame it cannot read as an operation this way, without an id
// (client logs in artilleryio/artillery#1567, ChilliCream/graphql-platform#6468, enisdenjo/graphql-ws#602).
const UNREADABLE: ProtocolError = { errorType: 'UnsupportedOperation', message: 'unknown not supported through the realtime channel' };

/**
 * Creates the real-time endpoint of one API. `attach` it to the HTTP and HTTPS servers of
 * `startAppSyncServer`; the API calls `publishMutation` after each mutation.
 */
export function createRealtime(backend: RealtimeBackend, options: RealtimeOptions = {}) {
  const keepAliveIntervalMs = options.keepAliveIntervalMs ?? 60_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? CONNECTION_TIMEOUT_MS;
  const log = backend.logger;
  const connections = new Set<Connection>();
  const servers = new Set<http.Server | https.Server>();
  const subscribeDirectives = new Map<string, ReadonlySet<string>>();
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    // Frames above AppSync's message limit are refused by ws itself (close code 1009).
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (offered) => (offered.has('graphql-ws') ? 'graphql-ws' : false),
  });

  function onUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const offered = offeredProtocols(request);
    if (url.pathname !== REALTIME_PATH || !offered.includes('graphql-ws')) {
      const status = url.pathname !== REALTIME_PATH ? '404 Not Found' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => open(ws, request, url, offered));
  }

  function open(socket: WebSocket, request: http.IncomingMessage, url: URL, offered: string[]): void {
    const sourceIp = request.socket.remoteAddress ?? '127.0.0.1';
    const header = connectionHeader(offered, url);
    const connection: Connection = {
      socket,
      sourceIp,
      auth: null,
      connectRequest: {
        method: 'POST',
        // IAM clients sign the connection as a POST of `{}` to /graphql/connect.
        path: '/graphql/connect',
        headers: header ?? {},
        body: '{}',
        sourceIp,
        query: '',
        requestId: randomUUID(),
      },
      subscriptions: new Map(),
      queue: Promise.resolve(),
      closed: false,
    };
    connections.add(connection);
    socket.on('close', () => dispose(connection));
    socket.on('error', (error) => log.debug('real-time socket error', { message: error.message }));
    resetIdle(connection);

    // Messages that arrive while the connection is being authorized wait in the queue.
    const authorized = (async () => {
      const auth = header ? await backend.authenticate(connection.connectRequest) : null;
      if (!auth || 'status' in auth) {
        connection.refusal = auth ? { errorType: auth.errorType, message: auth.message, errorCode: auth.status } : UNAUTHORIZED;
        const timer = setTimeout(() => refuse(connection, connection.refusal!), REFUSAL_GRACE_MS);
        socket.once('close', () => clearTimeout(timer));
        return;
      }
      connection.auth = auth;
      scheduleExpiry(connection);
    })();
    connection.queue = authorized.catch((error: unknown) => {
      log.error('real-time authorization failed', { message: (error as Error).message });
      refuse(connection, UNAUTHORIZED);
    });
    socket.on('message', (data, isBinary) => {
      connection.queue = connection.queue.then(() => (connection.closed ? undefined : handleMessage(connection, data, isBinary))).catch((error: unknown) => {
        log.error('real-time message failed', { message: (error as Error).message });
      });
    });
  }

  async function handleMessage(connection: Connection, data: RawData, isBinary: boolean): Promise<void> {
    if (connection.refusal) return refuse(connection, connection.refusal);
    resetIdle(connection);
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(rawText(data));
    } catch {
      message = undefined;
    }
    if (!isRecord(message)) return send(connection, { type: 'error', payload: { errors: [UNREADABLE] } });
    switch (message.type) {
      case 'connection_init':
        send(connection, { type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
        startKeepAlive(connection);
        return;
      case 'start':
        startKeepAlive(connection);
        return start(connection, message);
      case 'stop':
        return stop(connection, message);
      default:
        return send(connection, { type: 'error', payload: { errors: [UNREADABLE] } });
    }
  }

  async function start(connection: Connection, message: Record<string, unknown>): Promise<void> {
    const id = message.id;
    if (typeof id !== 'string' || id === '') {
      return send(connection, { type: 'error', payload: { errors: [{ errorType: 'BadRequestException', message: 'A start message needs a non-empty string id.' }] } });
    }
    const fail = (...errors: ProtocolError[]) => send(connection, { type: 'error', id, payload: { errors } });
    // Error types and messages as AppSync sends them (aws-amplify/amplify-js#12818, aws-amplify/amplify-cli#7427).
    if (connection.subscriptions.has(id)) return fail({ errorType: 'DuplicatedOperationError', message: `Duplicated operation with id ${id}` });
    if (connection.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      return fail({ errorType: 'MaxSubscriptionsReachedError', message: `Max number of ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions reached` });
    }

    const payload = isRecord(message.payload) ? message.payload : {};
    const data = typeof payload.data === 'string' ? payload.data : null;
    const request = data === null ? null : parseOperation(data);
    if (data === null || !request) return send(connection, { type: 'error', payload: { errors: [UNREADABLE] } });

    // Every start is authorized on its own (its token may differ from the connection's).
    const authorization = isRecord(payload.extensions) && isRecord(payload.extensions.authorization) ? payload.extensions.authorization : null;
    if (!authorization) return fail(UNAUTHORIZED);
    const requestId = randomUUID();
    const headers = lowerCaseHeaders(authorization);
    const auth = await backend.authenticate({
      method: 'POST',
      // IAM clients sign a start as a POST of its `data` to /graphql.
      path: '/graphql',
      headers,
      body: data,
      sourceIp: connection.sourceIp,
      query: request.query,
      operationName: request.operationName,
      variables: request.variables,
      requestId,
    });
    if ('status' in auth) {
      fail({ errorType: auth.errorType, message: auth.message, errorCode: auth.status });
      // The connection's own token turned to deny: the connection goes too.
      if (headers.authorization !== undefined && headers.authorization === connection.connectRequest.headers.authorization) {
        refuse(connection, { errorType: auth.errorType, message: auth.message, errorCode: auth.status });
      }
      return;
    }

    const prepared = prepare(request, auth);
    if ('errors' in prepared) return fail(...prepared.errors);
    let execution: SubscriptionExecution;
    try {
      execution = await backend.executeSubscription({ ...request, document: prepared.document, auth, requestId });
    } catch (error) {
      // A fault of the runtime: the subscriber is told, in AppSync's shape, and the connection stays.
      log.error('subscription start failed in the runtime', { requestId, ...errorSummary(error) });
      return fail({ errorType: INTERNAL_FAILURE.errorType, message: INTERNAL_FAILURE.message });
    }
    if (execution.errors.length > 0) return fail(...execution.errors.map(protocolError));
    const filter = validateSubscriptionFilter(execution.filter);
    const invalidationFilter = validateSubscriptionFilter(execution.invalidationFilter);
    // AppSync refuses an over-limit filter with a message and code only (aws-amplify/amplify-category-api#740).
    if ('error' in filter) return fail({ message: filter.error, errorCode: 400 });
    if ('error' in invalidationFilter) return fail({ message: invalidationFilter.error, errorCode: 400 });
    if (connection.closed) return;
    // A start that raced with another one of the same id (both authorized concurrently) loses.
    if (connection.subscriptions.has(id)) return fail({ errorType: 'DuplicatedOperationError', message: `Duplicated operation with id ${id}` });

    connection.subscriptions.set(id, {
      id,
      fieldName: prepared.fieldName,
      responseKey: prepared.responseKey,
      mutations: prepared.mutations,
      argumentFilter: Object.fromEntries(Object.entries(execution.arguments).filter(([name]) => prepared.returnedFields.has(name))),
      filter: filter.filter,
      invalidationFilter: invalidationFilter.filter,
      document: prepared.document,
      operationName: request.operationName,
      variables: request.variables,
      auth,
    });
    clearIdle(connection);
    send(connection, { type: 'start_ack', id });
  }

  /** Checks the operation of a start: one subscription operation with one root field the caller may use. */
  function prepare(
    request: { query: string; operationName: string | null },
    auth: Authenticated,
  ):
    | { document: DocumentNode; fieldName: string; responseKey: string; mutations: ReadonlySet<string>; returnedFields: ReadonlySet<string> }
    | { errors: ProtocolError[] } {
    const parsed = backend.documentFor(request.query);
    if ('errors' in parsed) return { errors: parsed.errors.map(protocolError) };
    const operations = parsed.document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = request.operationName ? operations.find((o) => o.name?.value === request.operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation) {
      const message = request.operationName ? `Unknown operation named '${request.operationName}'.` : 'Must provide operation name if query contains multiple operations.';
      return { errors: [{ errorType: 'ValidationError', message }] };
    }
    if (operation.operation !== 'subscription') {
      return { errors: [{ errorType: 'UnsupportedOperation', message: `${operation.operation} not supported through the realtime channel` }] };
    }
    const roots = rootFields(operation.selectionSet, fragmentsOf(parsed.document));
    const subscriptionType = backend.schema.getSubscriptionType();
    const root = roots[0];
    if (roots.length !== 1 || !root || !subscriptionType) {
      return { errors: [{ errorType: 'ValidationError', message: 'A subscription operation must select exactly one root field.' }] };
    }
    const fieldName = root.name.value;
    const field = subscriptionType.getFields()[fieldName];
    if (!field) return { errors: [{ errorType: 'ValidationError', message: `Field '${fieldName}' is not defined on type Subscription.` }] };
    const denied = auth.authorization?.deniedFields.has(`${subscriptionType.name}.${fieldName}`) ?? false;
    if (denied || !backend.rules.allows(subscriptionType, field, auth.mode)) {
      return { errors: [{ errorType: 'Unauthorized', message: `Not Authorized to access ${fieldName} on type ${subscriptionType.name}` }] };
    }
    const returned = getNamedType(field.type);
    // An argument filters on the published field of the same name; one that names no field of the
    // returned type (say, an input for the resolver's enhanced filter) cannot, so it filters nothing.
    const returnedFields = new Set(isObjectType(returned) ? Object.keys(returned.getFields()) : []);
    return { document: parsed.document, fieldName, responseKey: (root.alias ?? root.name).value, mutations: subscribedMutations(fieldName), returnedFields };
  }

  function subscribedMutations(fieldName: string): ReadonlySet<string> {
    let mutations = subscribeDirectives.get(fieldName);
    if (!mutations) {
      const directive = backend.schema.getSubscriptionType()?.getFields()[fieldName]?.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
      const argument = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
      const names = argument?.kind === Kind.LIST ? argument.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : [];
      mutations = new Set(names);
      subscribeDirectives.set(fieldName, mutations);
    }
    return mutations;
  }

  function stop(connection: Connection, message: Record<string, unknown>): void {
    const id = message.id;
    if (typeof id !== 'string' || id === '') {
      return send(connection, { type: 'error', payload: { errors: [{ errorType: 'BadRequestException', message: 'A stop message needs a non-empty string id.' }] } });
    }
    connection.subscriptions.delete(id);
    if (connection.subscriptions.size === 0) resetIdle(connection);
    send(connection, { type: 'complete', id });
  }

  /** Renders one delivery: the subscriber's selection over what the mutation selected; the rest is null. */
  function render(subscription: ActiveSubscription, event: PublishedEvent): { data: unknown; errors?: ProtocolError[] } {
    const deniedFields = subscription.auth.authorization?.deniedFields ?? new Set<string>();
    const resolve: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
      if (info.path.prev === undefined) return event.selected;
      const field = info.parentType.getFields()[info.fieldName]!;
      if (!backend.rules.allows(info.parentType, field, subscription.auth.mode)) {
        throw new ResolverFailure(`Not Authorized to access ${info.fieldName} on type ${info.parentType.name}`, 'Unauthorized');
      }
      if (deniedFields.has(`${info.parentType.name}.${info.fieldName}`)) return null;
      return defaultFieldResolver(source, args, context, info);
    };
    const result = executeSync({
      schema: backend.schema,
      document: subscription.document,
      operationName: subscription.operationName ?? undefined,
      variableValues: subscription.variables ?? undefined,
      fieldResolver: resolve,
    });
    const errors = result.errors?.map((e) => protocolError(appSyncError(e)));
    return errors && errors.length > 0 ? { data: result.data ?? null, errors } : { data: result.data ?? null };
  }

  /** Delivers a published mutation result to every matching subscription of every connection. */
  function publish(mutationName: string, event: PublishedEvent): void {
    for (const connection of connections) {
      if (connection.closed) continue;
      for (const subscription of connection.subscriptions.values()) {
        if (!subscription.mutations.has(mutationName)) continue;
        if (!argumentsMatch(subscription.argumentFilter, event.source)) continue;
        if (subscription.filter && !filterMatches(subscription.filter, event.source)) continue;
        let message: string;
        try {
          message = JSON.stringify({ type: 'data', id: subscription.id, payload: render(subscription, event) });
        } catch (error) {
          // One subscriber's failed delivery stops neither the others nor the mutation that published.
          log.error('subscription delivery failed in the runtime', { id: subscription.id, ...errorSummary(error) });
          continue;
        }
        // AppSync drops deliveries over its payload limit without telling anyone (aws/aws-appsync-community#33).
        if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) {
          log.warn('subscription delivery dropped: over the payload limit', { id: subscription.id, bytes: Buffer.byteLength(message) });
          continue;
        }
        connection.socket.send(message);
      }
    }
  }

  /** `extensions.invalidateSubscriptions({ subscriptionField, payload })`: ends matching subscriptions with `complete`. */
  function invalidate(request: unknown): void {
    if (!isRecord(request) || typeof request.subscriptionField !== 'string') return;
    for (const connection of connections) {
      for (const subscription of [...connection.subscriptions.values()]) {
        if (subscription.fieldName !== request.subscriptionField || !subscription.invalidationFilter) continue;
        if (!filterMatches(subscription.invalidationFilter, request.payload)) continue;
        connection.subscriptions.delete(subscription.id);
        send(connection, { type: 'complete', id: subscription.id });
        if (connection.subscriptions.size === 0) resetIdle(connection);
      }
    }
  }

  /**
   * Called by the API after a mutation ran: publishes each root field that resolved to a value
   * without error, then applies the invalidations its resolvers requested.
   */
  function publishMutation(
    operation: OperationDefinitionNode,
    document: DocumentNode,
    data: Record<string, unknown>,
    rootValues: ReadonlyMap<string, unknown>,
    errors: readonly AppSyncError[],
    invalidations: readonly unknown[],
  ): void {
    const fragments = fragmentsOf(document);
    for (const field of rootFields(operation.selectionSet, fragments)) {
      const key = (field.alias ?? field.name).value;
      const value = data[key];
      if (value === null || value === undefined || errors.some((e) => e.path?.[0] === key)) continue;
      const selected = selectedShape(field.selectionSet, value, fragments);
      const resolved = rootValues.get(key);
      const source = isRecord(resolved) && isRecord(selected) ? { ...resolved, ...selected } : selected;
      publish(field.name.value, { selected, source });
    }
    for (const request of invalidations) invalidate(request);
  }

  function send(connection: Connection, message: unknown): void {
    if (connection.socket.readyState === WebSocket.OPEN) connection.socket.send(JSON.stringify(message));
  }

  function startKeepAlive(connection: Connection): void {
    if (connection.keepAlive || connection.closed) return;
    send(connection, { type: 'ka' });
    connection.keepAlive = setInterval(() => send(connection, { type: 'ka' }), keepAliveIntervalMs);
  }

  /** A connection without subscriptions that stays silent for the idle timeout is closed. */
  function resetIdle(connection: Connection): void {
    clearIdle(connection);
    if (connection.closed || connection.subscriptions.size > 0) return;
    connection.idle = setTimeout(() => close(connection, 1000, 'Connection timed out'), idleTimeoutMs);
  }

  function clearIdle(connection: Connection): void {
    if (connection.idle) clearTimeout(connection.idle);
    connection.idle = undefined;
  }

  /** When the authorizer's cached answer for the connection's token runs out, ask again; a denial closes it. */
  function scheduleExpiry(connection: Connection): void {
    const expiresAt = connection.auth?.authorization?.expiresAt;
    if (expiresAt === undefined || connection.closed) return;
    // One millisecond past the expiry, so the token cache no longer answers.
    connection.expiry = setTimeout(() => {
      connection.queue = connection.queue.then(async () => {
        if (connection.closed) return;
        const auth = await backend.authenticate({ ...connection.connectRequest, requestId: randomUUID() });
        if ('status' in auth) return refuse(connection, { errorType: auth.errorType, message: auth.message, errorCode: auth.status });
        connection.auth = auth;
        scheduleExpiry(connection);
      });
    }, Math.max(expiresAt - Date.now(), 0) + 1);
  }

  /** `connection_error`, then close: AppSync's answer to a connection it does not (or no longer) authorize. */
  function refuse(connection: Connection, error: ProtocolError): void {
    send(connection, { type: 'connection_error', payload: { errors: [error] } });
    close(connection, 1000, 'Unauthorized');
  }

  function close(connection: Connection, code: number, reason: string): void {
    dispose(connection);
    if (connection.socket.readyState === WebSocket.OPEN || connection.socket.readyState === WebSocket.CONNECTING) connection.socket.close(code, reason);
  }

  function dispose(connection: Connection): void {
    connection.closed = true;
    clearInterval(connection.keepAlive);
    clearTimeout(connection.expiry);
    clearIdle(connection);
    connection.subscriptions.clear();
    connections.delete(connection);
  }

  return {
    /** Serves `GET /graphql/realtime` upgrades of `server` (both the HTTP and the HTTPS server of one port). */
    attach(server: http.Server | https.Server): void {
      servers.add(server);
      server.on('upgrade', onUpgrade);
    },
    publishMutation,
    /**
     * Closes every connection whose caller matches, e.g. all connections of a suspended tenant:
     * `closeConnections((resolverContext) => resolverContext?.tenantId === 'acme')`. Returns how many closed.
     */
    closeConnections(predicate: (resolverContext: Readonly<Record<string, unknown>> | undefined, auth: Authenticated) => boolean): number {
      let closed = 0;
      for (const connection of [...connections]) {
        if (connection.auth && predicate(connection.auth.authorization?.resolverContext, connection.auth)) {
          close(connection, 1000, 'Connection closed by the API');
          closed += 1;
        }
      }
      return closed;
    },
    /** Open connections (authorized or still authorizing). */
    get connectionCount(): number {
      return connections.size;
    },
    /** Closes every connection (close frame 1001) and stops serving upgrades. */
    async close(): Promise<void> {
      for (const server of servers) server.off('upgrade', onUpgrade);
      servers.clear();
      const sockets = [...connections].map((c) => c.socket);
      for (const connection of [...connections]) close(connection, 1001, 'Server shutting down');
      await Promise.all(sockets.map((socket) => closed(socket)));
    },
  };
}

/** The real-time endpoint of an API, as `createRealtime` returns it. */
export type RealtimeEndpoint = ReturnType<typeof createRealtime>;

/** Resolves once the socket closed; a peer that does not answer the close frame within 1 s is cut off. */
function closed(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => socket.terminate(), 1000);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function offeredProtocols(request: http.IncomingMessage): string[] {
  return (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * The connection's authorization headers: base64url JSON in a `header-…` subprotocol (current
 * clients) or base64 JSON in `?header=` (older clients, with `&payload=e30=`). Null when absent or unreadable.
 */
function connectionHeader(offered: readonly string[], url: URL): Record<string, string> | null {
  const encoded = offered.find((p) => p.startsWith('header-'))?.slice('header-'.length) ?? url.searchParams.get('header');
  if (!encoded) return null;
  try {
    // Node's base64 decoder also reads the URL-safe alphabet and missing padding.
    const header: unknown = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    return isRecord(header) ? lowerCaseHeaders(header) : null;
  } catch {
    return null;
  }
}

function lowerCaseHeaders(header: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(header)) if (typeof value === 'string') headers[name.toLowerCase()] = value;
  return headers;
}

/** The `{ query, variables, operationName }` JSON inside a start's `payload.data`; null when unreadable. */
function parseOperation(data: string): { query: string; variables: Record<string, unknown> | null; operationName: string | null } | null {
  try {
    const parsed: unknown = JSON.parse(data);
    if (!isRecord(parsed) || typeof parsed.query !== 'string') return null;
    return {
      query: parsed.query,
      variables: isRecord(parsed.variables) ? parsed.variables : null,
      operationName: typeof parsed.operationName === 'string' ? parsed.operationName : null,
    };
  } catch {
    return null;
  }
}

function protocolError(error: AppSyncError): ProtocolError {
  return error.errorType ? { errorType: error.errorType, message: error.message } : { message: error.message };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
}

/** The fields of a selection set, fragments expanded (first occurrence of each response key). */
function rootFields(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FieldNode[] {
  const fields = new Map<string, FieldNode>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const key = (selection.alias ?? selection.name).value;
        if (!fields.has(key)) fields.set(key, selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(fragments.get(selection.name.value)?.selectionSet);
    }
  };
  visit(selectionSet);
  return [...fields.values()];
}

/** A mutation result re-keyed from response keys (aliases) to field names, as subscribers see it. */
function selectedShape(selectionSet: SelectionSetNode | undefined, value: unknown, fragments: ReadonlyMap<string, FragmentDefinitionNode>): unknown {
  if (Array.isArray(value)) return value.map((element) => selectedShape(selectionSet, element, fragments));
  if (!selectionSet || !isRecord(value)) return value;
  const shaped: Record<string, unknown> = {};
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const key = (selection.alias ?? selection.name).value;
        if (Object.hasOwn(value, key)) shaped[selection.name.value] = selectedShape(selection.selectionSet, value[key], fragments);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(fragments.get(selection.name.value)?.selectionSet);
    }
  };
  visit(selectionSet);
  return shaped;
}
