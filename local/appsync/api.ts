/**
 * One AppSync GraphQL API, locally: the HTTP request contract (`POST /graphql`), authorization
 * (default and additional modes, `@aws_*` directives, Lambda `deniedFields`), execution of the
 * manifest's resolvers over graphql-js, and AppSync's response and error shapes.
 */
import {
  defaultFieldResolver,
  execute,
  getLocation,
  getNamedType,
  getNullableType,
  GraphQLError,
  isLeafType,
  isListType,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Logger } from '../../domain/logger.ts';
import { bundlePath, type FunctionDeclaration, type ResolverDeclaration } from '../../resolvers/manifest.ts';
import {
  AUTH_TYPE_NAMES,
  fieldAuthRules,
  lambdaAuthorizer,
  sigV4Verifier,
  type AuthMode,
  type AuthorizerHandler,
  type IamCredential,
  type LambdaAuthorization,
} from './auth.ts';
import { loadBundle, type ResolverCode } from './bundles.ts';
import { appSyncError, errorSummary, INTERNAL_FAILURE, SERVER_SIDE_ERROR_TYPES, type AppSyncError } from './errors.ts';
import { buildAppSyncSchema } from './prelude.ts';
import { createRealtime, type RealtimeOptions, type SubscriptionExecution } from './realtime.ts';
import { resolverExecutor, ResolverFailure, type Caller, type DataSource, type FieldReporter, type LoadedResolver } from './resolvers.ts';
import type { SandboxHost } from './runtime/sandbox-entry.ts';
import type { AppendedError, Invocation } from './runtime/contract.ts';

export interface AppSyncApiOptions {
  /** schema.graphql's text. */
  schema: string;
  resolvers: readonly ResolverDeclaration[];
  functions: Readonly<Record<string, FunctionDeclaration>>;
  /** Data sources by manifest name, built by the caller. */
  dataSources: Readonly<Record<string, DataSource>>;
  /** Folder that holds `dist/resolvers` (the repository root). */
  root: string;
  /** The API's environment variables (`ctx.env`). */
  environment: Readonly<Record<string, string>>;
  auth: {
    defaultMode: AuthMode;
    lambda?: { handler: AuthorizerHandler; resultTtlSeconds: number };
    iam?: { credentials: ReadonlyMap<string, IamCredential>; region: string };
  };
  apiId: string;
  accountId: string;
  logger: Logger;
  /** Real-time endpoint settings (keep-alive interval, limits); AppSync's defaults when left out. */
  realtime?: RealtimeOptions;
}

/** What authorization looks at, from an HTTP request or a real-time message. */
export interface AuthRequest {
  method: string;
  /** The path the caller signed (SigV4), e.g. `/graphql` or `/graphql/connect`. */
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The signed body (SigV4). */
  body: string;
  sourceIp: string;
  /** The GraphQL operation, for the Lambda authorizer's event. */
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  requestId: string;
}

/** A caller that passed authorization. */
export interface Authenticated {
  mode: AuthMode;
  caller: Caller;
  /** The Lambda authorizer's answer (AWS_LAMBDA only). */
  authorization?: LambdaAuthorization;
}

/** Why authorization refused a caller, as AppSync answers it. */
export interface AuthRefusal {
  status: number;
  errorType: string;
  message: string;
}

export interface HttpRequest {
  method: string;
  /** Path with query string, e.g. `/graphql`. */
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
  sourceIp: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type { AppSyncError } from './errors.ts';

export const GRAPHQL_PATH = '/graphql';
/** Lambda authorizer tokens longer than this are refused (AppSync's limit). */
const MAX_TOKEN_LENGTH = 2048;
/** Request bodies above this are refused before parsing. */
export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_CACHED_DOCUMENTS = 1000;

interface RequestContext {
  requestId: string;
  caller: Caller;
  /** Set for mutations: each root field's resolved value by response key, before the selection set pruned it. */
  rootValues?: Map<string, unknown>;
  mode: AuthMode;
  deniedFields: ReadonlySet<string>;
  errors: AppSyncError[];
  reporter: (path: readonly (string | number)[], locations: AppSyncError['locations']) => FieldReporter;
}

/** Loads every bundle of the manifest (refusing any that breaks the APPSYNC_JS rules) and returns the API. */
export async function createAppSyncApi(options: AppSyncApiOptions) {
  const schema = buildAppSyncSchema(options.schema);
  const log = options.logger;

  let current: Invocation | null = null;
  const host: SandboxHost = {
    current: () => {
      if (!current) throw new Error('APPSYNC_JS utilities were called outside a handler.');
      return current;
    },
    randomBytes: (length) => randomBytes(length),
  };
  const executor = resolverExecutor(options.environment, (invocation) => {
    current = invocation;
  });
  const resolvers = await loadResolvers(options, host);

  const rules = fieldAuthRules(schema, options.auth.defaultMode);
  const authorizer = options.auth.lambda ? lambdaAuthorizer(options.auth.lambda.handler, options.auth.lambda.resultTtlSeconds) : null;
  const iam = options.auth.iam ? sigV4Verifier(options.auth.iam.credentials, options.auth.iam.region) : null;
  const documents = new Map<string, { document: DocumentNode } | { errors: AppSyncError[] }>();

  /**
   * A fault of the runtime while resolving a field (not a resolver's error): logged with the
   * request id, answered as AppSync answers its own failures.
   */
  const contained = (error: unknown, request: RequestContext, info: GraphQLResolveInfo): ResolverFailure => {
    if (error instanceof ResolverFailure) return error;
    log.error('field failed in the runtime', { requestId: request.requestId, path: pathOf(info.path).join('.'), ...errorSummary(error) });
    return new ResolverFailure(INTERNAL_FAILURE.message, INTERNAL_FAILURE.errorType);
  };

  const fieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (source, args, request, info) => {
    let value: unknown;
    try {
      value = resolveField(source, args, request, info);
    } catch (error) {
      throw contained(error, request, info);
    }
    if (value instanceof Promise) value = value.catch((error: unknown) => Promise.reject(contained(error, request, info)));
    return itemsCompletedTogether(value, info);
  };

  const resolveField: GraphQLFieldResolver<unknown, RequestContext> = (source, args, request, info) => {
    const fieldPath = pathOf(info.path);
    if (!rules.allows(info.parentType, info.parentType.getFields()[info.fieldName]!, request.mode)) {
      throw new ResolverFailure(`Not Authorized to access ${info.fieldName} on type ${info.parentType.name}`, 'Unauthorized');
    }
    const resolver = resolvers.get(`${info.parentType.name}.${info.fieldName}`);
    const denied = request.deniedFields.has(`${info.parentType.name}.${info.fieldName}`);
    if (!resolver) return denied ? null : defaultFieldResolver(source, args, request, info);
    const locations = info.fieldNodes.flatMap((node) => (node.loc ? [getLocation(node.loc.source, node.loc.start)] : []));
    const reporter = request.reporter(fieldPath, locations.map((l) => ({ line: l.line, column: l.column, sourceName: null })));
    const value = executor.resolve(resolver, source, args, info, request.caller, reporter);
    // AppSync documents denied fields as "forcibly changed to null, even if a value was returned from a
    // resolver": the resolver still runs (so resolvers must re-check), its value is discarded.
    if (denied) return value.then(() => null);
    const rootValues = request.rootValues;
    // Subscription filters are evaluated against the whole mutation result, not only what it selected.
    return rootValues && info.path.prev === undefined ? value.then((v) => (rootValues.set(String(info.path.key), v), v)) : value;
  };

  function documentFor(query: string) {
    let entry = documents.get(query);
    if (!entry) {
      entry = parseAndValidate(schema, query);
      if (documents.size >= MAX_CACHED_DOCUMENTS) documents.delete(documents.keys().next().value as string);
      documents.set(query, entry);
    }
    return entry;
  }

  /** AppSync's authorization of one operation: SigV4 (AWS_IAM) or the Lambda authorizer with its token cache. */
  async function authenticate(request: AuthRequest): Promise<Authenticated | AuthRefusal> {
    const token = request.headers.authorization;
    if (!token) return { status: 401, errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' };
    if (token.startsWith('AWS4-HMAC-SHA256') && iam) {
      const identity = await iam.verify(request);
      if (!identity) {
        return {
          status: 403,
          errorType: 'InvalidSignatureException',
          message: 'The request signature we calculated does not match the signature you provided, or the credentials are unknown or expired.',
        };
      }
      return { mode: 'AWS_IAM', caller: { authType: AUTH_TYPE_NAMES.AWS_IAM, identity, headers: request.headers } };
    }
    const refused: AuthRefusal = { status: 401, errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' };
    if (!authorizer || token.length > MAX_TOKEN_LENGTH) return refused;
    const authorization = await authorizer.authorize({
      authorizationToken: token,
      requestContext: {
        apiId: options.apiId,
        accountId: options.accountId,
        requestId: request.requestId,
        queryString: request.query,
        operationName: request.operationName ?? undefined,
        variables: request.variables ?? {},
      },
      requestHeaders: request.headers,
    });
    if (!authorization) return refused;
    return {
      mode: 'AWS_LAMBDA',
      authorization,
      caller: { authType: AUTH_TYPE_NAMES.AWS_LAMBDA, identity: { resolverContext: authorization.resolverContext }, headers: request.headers },
    };
  }

  /** A request context whose resolvers report to `extensions` (real-time filters and invalidations). */
  function requestContext(auth: Authenticated, requestId: string, extensions: Partial<FieldReporter['extensions']> = {}): RequestContext {
    const context: RequestContext = {
      requestId,
      caller: auth.caller,
      mode: auth.mode,
      deniedFields: auth.authorization?.deniedFields ?? new Set(),
      errors: [],
      reporter: (fieldPath, locations) => ({
        // AppSync lists an appended error with the field's path and locations, like a raised one.
        appendError: (e: AppendedError) =>
          context.errors.push({ path: fieldPath, data: e.data, errorType: e.errorType, errorInfo: e.errorInfo, locations, message: e.message }),
        log: (level, args) => log[level]('resolver log', { requestId, path: fieldPath.join('.'), args }),
        extensions: {
          setSubscriptionFilter: () => undefined,
          setSubscriptionInvalidationFilter: () => undefined,
          invalidateSubscriptions: () => undefined,
          evictFromApiCache: () => undefined,
          ...extensions,
        },
      }),
    };
    return context;
  }

  /**
   * Runs a subscription operation's root resolver at `start`, capturing its coerced arguments and
   * the filters it sets with `extensions.setSubscriptionFilter` / `setSubscriptionInvalidationFilter`.
   */
  async function executeSubscription(request: {
    document: DocumentNode;
    operationName?: string | null;
    variables?: Record<string, unknown> | null;
    auth: Authenticated;
    requestId: string;
  }): Promise<SubscriptionExecution> {
    let filter: unknown = null;
    let invalidationFilter: unknown = null;
    let rootArguments: Record<string, unknown> = {};
    const context = requestContext(request.auth, request.requestId, {
      setSubscriptionFilter: (value) => {
        filter = value;
      },
      setSubscriptionInvalidationFilter: (value) => {
        invalidationFilter = value;
      },
    });
    const result = (await execute({
      schema,
      document: request.document,
      operationName: request.operationName ?? undefined,
      variableValues: request.variables ?? undefined,
      contextValue: context,
      fieldResolver: (source, args, ctx: RequestContext, info) => {
        if (info.path.prev === undefined) rootArguments = args;
        return fieldResolver(source, args, ctx, info);
      },
    })) as ExecutionResult;
    const started = result.data !== undefined;
    const errors = [
      ...(result.errors ?? []).map((e) => (started ? appSyncError(e) : { ...appSyncError(e), errorType: 'ValidationError' })),
      ...context.errors,
    ];
    return { errors, arguments: rootArguments, filter, invalidationFilter };
  }

  /**
   * One access-log line per request: who, which operation, how it ended, how long it took. Every
   * request is answered, whatever fails inside: a fault of the runtime is logged with the request
   * id and answered as AppSync's InternalFailure.
   */
  async function handle(request: HttpRequest): Promise<HttpResponse> {
    const requestId = randomUUID();
    const started = performance.now();
    const summary: RequestSummary = {};
    let response: HttpResponse;
    try {
      response = await respond(request, requestId, summary);
    } catch (error) {
      log.error('request failed in the runtime', { requestId, ...errorSummary(error) });
      summary.errorTypes = [INTERNAL_FAILURE.errorType];
      response = errorResponse(500, INTERNAL_FAILURE.errorType, INTERNAL_FAILURE.message);
    }
    response.headers['x-amzn-requestid'] = requestId;
    log.info('graphql request', { requestId, ...summary, status: response.status, durationMs: Math.round(performance.now() - started) });
    return response;
  }

  /** What the access log says about a request, filled in as it is answered. */
  interface RequestSummary {
    tenantId?: string;
    userId?: string;
    /** `AWS_LAMBDA` (a user's token) or `AWS_IAM` (an internal caller). */
    authMode?: AuthMode;
    /** `query employees`, `mutation createJob`, or the operation's name. */
    operation?: string;
    errorTypes?: (string | null)[];
  }

  /** `query employees,job` (the root fields) for a document's operation, when it has one. */
  function describeOperation(query: string, operationName: string | null | undefined): string | undefined {
    const parsed = documentFor(query);
    if ('errors' in parsed) return undefined;
    const operation = selectOperation(parsed.document, operationName);
    if (typeof operation === 'string') return undefined;
    const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
    return `${operation.operation} ${operation.name?.value ?? fields.join(',')}`;
  }

  async function respond(request: HttpRequest, requestId: string, summary: RequestSummary): Promise<HttpResponse> {
    if (request.path.split('?')[0] !== GRAPHQL_PATH) return errorResponse(404, 'NotFoundException', `No API at ${request.path}; use ${GRAPHQL_PATH}.`);
    if (request.method !== 'POST') return errorResponse(400, 'MalformedHttpRequestException', 'GraphQL requests must use POST.');
    if (Buffer.byteLength(request.body) > MAX_BODY_BYTES) {
      return errorResponse(413, 'PayloadTooLargeException', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
    }
    const body = parseBody(request.body);
    if ('status' in body) return body;

    const auth = await authenticate({ ...request, query: body.query, operationName: body.operationName, variables: body.variables, requestId });
    if ('status' in auth) {
      // Not parsed for a caller that was refused: only the name it gave, if any.
      if (body.operationName) summary.operation = body.operationName;
      summary.errorTypes = [auth.errorType];
      return errorResponse(auth.status, auth.errorType, auth.message);
    }
    const operationText = describeOperation(body.query, body.operationName);
    if (operationText) summary.operation = operationText;
    summary.authMode = auth.mode;
    const resolverContext = (auth.caller.identity as { resolverContext?: { tenantId?: string; userId?: string } }).resolverContext;
    if (resolverContext?.tenantId) summary.tenantId = resolverContext.tenantId;
    if (resolverContext?.userId) summary.userId = resolverContext.userId;
    if (auth.mode === 'AWS_IAM' && typeof body.variables?.tenantId === 'string') summary.tenantId = body.variables.tenantId;

    const parsed = documentFor(body.query);
    if ('errors' in parsed) {
      const syntax = parsed.errors.find((e) => e.errorType === 'MalformedHttpRequestException');
      return syntax ? errorResponse(400, syntax.errorType!, syntax.message) : ok({ data: null, errors: parsed.errors });
    }
    const operation = selectOperation(parsed.document, body.operationName);
    if (typeof operation === 'string') return ok({ data: null, errors: [plainError(operation, 'ValidationError')] });
    if (operation.operation === 'subscription') {
      return ok({ data: null, errors: [plainError('Subscriptions are served over the real-time endpoint (/graphql/realtime), not HTTP POST.', 'UnsupportedOperation')] });
    }

    // Invalidations a mutation's resolvers request apply once the mutation ran.
    const invalidations: unknown[] = [];
    const context = requestContext(auth, requestId, { invalidateSubscriptions: (payload) => invalidations.push(payload) });
    if (operation.operation === 'mutation') context.rootValues = new Map();
    const result = (await execute({
      schema,
      document: parsed.document,
      operationName: body.operationName ?? undefined,
      variableValues: body.variables ?? undefined,
      contextValue: context,
      fieldResolver,
    })) as ExecutionResult;

    // Errors before execution started (variable coercion) are validation errors.
    const started = result.data !== undefined;
    const errors = [
      ...(result.errors ?? []).map((e) => (started ? appSyncError(e) : { ...appSyncError(e), errorType: 'ValidationError' })),
      ...context.errors,
    ];
    if (errors.length > 0) {
      summary.errorTypes = errors.map((e) => e.errorType);
      // Stored data the schema cannot represent, or a runtime fault: the caller cannot fix it, an operator must.
      for (const error of errors.filter((e) => e.errorType !== null && SERVER_SIDE_ERROR_TYPES.has(e.errorType))) {
        log.error('field failed on the server side', { requestId, tenantId: summary.tenantId, userId: summary.userId, errorType: error.errorType, path: (error.path ?? []).join('.') });
      }
    }
    // AppSync publishes a mutation's result to the subscriptions that name it in @aws_subscribe.
    if (context.rootValues && result.data) realtime.publishMutation(operation, parsed.document, result.data, context.rootValues, errors, invalidations);
    return ok(errors.length > 0 ? { data: result.data ?? null, errors } : { data: result.data ?? null });
  }

  const realtime = createRealtime(
    { schema, rules, logger: log, documentFor, authenticate, executeSubscription },
    options.realtime ?? {},
  );

  return {
    schema,
    handle,
    /** The real-time (subscriptions) endpoint: attach it to servers, close tenants' connections. */
    realtime,
    /** `Type.field` of every field this API resolves with a resolver (the drift test compares it with the template). */
    resolvedFields: [...resolvers.keys()].sort(),
    /** Authorizer invocations so far (benchmarks count what the token cache saves). */
    get authorizerInvocations() {
      return authorizer?.invocations ?? 0;
    },
  };
}

async function loadResolvers(options: AppSyncApiOptions, host: SandboxHost) {
  const codeCache = new Map<string, Promise<ResolverCode>>();
  const code = (source: string) => {
    let loaded = codeCache.get(source);
    if (!loaded) {
      loaded = loadBundle(path.join(options.root, bundlePath(source)), host);
      codeCache.set(source, loaded);
    }
    return loaded;
  };
  const dataSource = (name: string) => {
    const ds = options.dataSources[name];
    if (!ds) throw new Error(`The manifest names data source "${name}" but none was provided.`);
    return ds;
  };

  const loaded = new Map<string, LoadedResolver>();
  for (const declaration of options.resolvers) {
    const resolver: LoadedResolver = { declaration, code: await code(declaration.source) };
    if (declaration.kind === 'UNIT') {
      resolver.dataSource = dataSource(declaration.dataSource ?? 'None');
    } else {
      const names = declaration.functions ?? [];
      if (names.length > 10) throw new Error(`${declaration.typeName}.${declaration.fieldName}: AppSync allows at most 10 functions per pipeline.`);
      resolver.functions = await Promise.all(
        names.map(async (name) => {
          const fn = options.functions[name];
          if (!fn) throw new Error(`${declaration.typeName}.${declaration.fieldName}: unknown function "${name}".`);
          return { name, code: await code(fn.source), dataSource: dataSource(fn.dataSource) };
        }),
      );
    }
    loaded.set(`${declaration.typeName}.${declaration.fieldName}`, resolver);
  }
  return loaded;
}

interface GraphQLRequestBody {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

function parseBody(text: string): GraphQLRequestBody | HttpResponse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return errorResponse(400, 'MalformedHttpRequestException', `Unable to parse the JSON document: ${(error as Error).message}`);
  }
  const b = body as Record<string, unknown> | null;
  if (!b || typeof b !== 'object' || Array.isArray(b)) return errorResponse(400, 'MalformedHttpRequestException', 'The body must be a JSON object.');
  if (typeof b.query !== 'string' || b.query.trim() === '') {
    return errorResponse(400, 'MalformedHttpRequestException', 'The body must carry the GraphQL document as a non-empty "query" string.');
  }
  if (b.operationName !== undefined && b.operationName !== null && typeof b.operationName !== 'string') {
    return errorResponse(400, 'MalformedHttpRequestException', '"operationName" must be a string.');
  }
  if (b.variables !== undefined && b.variables !== null && (typeof b.variables !== 'object' || Array.isArray(b.variables))) {
    return errorResponse(400, 'MalformedHttpRequestException', '"variables" must be a JSON object.');
  }
  return b as unknown as GraphQLRequestBody;
}

function parseAndValidate(schema: GraphQLSchema, query: string): { document: DocumentNode } | { errors: AppSyncError[] } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [plainError(`Unable to parse GraphQL query. ${(error as GraphQLError).message}`, 'MalformedHttpRequestException')] };
  }
  const problems = validate(schema, document);
  if (problems.length > 0) {
    return { errors: problems.map((e) => ({ ...appSyncError(e), message: `Validation error: ${e.message}`, errorType: 'ValidationError' })) };
  }
  return { document };
}

/** The operation to run: the named one, or the only one. A string says why none could be chosen. */
export function selectOperation(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | string {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (name) return operations.find((o) => o.name?.value === name) ?? `Unknown operation named '${name}'.`;
  if (operations.length === 1) return operations[0]!;
  return 'Must provide operation name if query contains multiple operations.';
}

/**
 * graphql-js 16 completes a list's items inside `Array.from`: when item n fails synchronously
 * (a non-null field of it cannot be serialized), the promises of the items before it are
 * abandoned, and a later rejection of one of them is unhandled (it took `npm start` down). Items
 * of objects are therefore handed over as promises: each completes asynchronously and all are
 * collected by one Promise.all, which handles every rejection.
 */
function itemsCompletedTogether(value: unknown, info: GraphQLResolveInfo): unknown {
  const type = getNullableType(info.returnType);
  if (!isListType(type) || isLeafType(getNamedType(type))) return value;
  const asPromises = (list: unknown) => (Array.isArray(list) ? list.map((item: unknown) => Promise.resolve(item)) : list);
  return value instanceof Promise ? value.then(asPromises) : asPromises(value);
}

function pathOf(p: { prev: unknown; key: string | number } | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  for (let node = p as { prev?: unknown; key: string | number } | undefined; node; node = node.prev as typeof node) out.unshift(node.key);
  return out;
}

function plainError(message: string, errorType: string): AppSyncError {
  return { path: null, data: null, errorType, errorInfo: null, locations: null, message };
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

function ok(payload: unknown): HttpResponse {
  return { status: 200, headers: { ...JSON_HEADERS }, body: JSON.stringify(payload) };
}

/** An HTTP-level AppSync error answer: `{ errors: [{ errorType, message }] }`. */
export function errorResponse(status: number, errorType: string, message: string): HttpResponse {
  return { status, headers: { ...JSON_HEADERS }, body: JSON.stringify({ errors: [{ errorType, message }] }) };
}
