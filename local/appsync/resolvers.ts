/**
 * Runs unit and pipeline resolvers the way AppSync does: handlers from the bundles, a `ctx`
 * rebuilt for each handler, the data source between request and response, the stash shared
 * across the pipeline, and AppSync's rules for `util.error`, `appendError` and `earlyReturn`.
 */
import { Kind, print, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { ResolverDeclaration } from '../../resolvers/manifest.ts';
import type { ResolverCode } from './bundles.ts';
import type { DataSourceResult } from './datasources/types.ts';
import { copyJson, stringifyJson } from './json.ts';
import { isEarlyReturn, isResolverError, type AppendedError, type Invocation } from './runtime/contract.ts';

/** A data source as the executor sees it. */
export interface DataSource {
  /** Runs the request a handler built; `caller` is who the GraphQL request came from. */
  invoke(request: unknown, caller: Caller): Promise<DataSourceResult>;
}

/** Who is calling and how, for `ctx.identity`, `ctx.request` and `util.authType()`. */
export interface Caller {
  authType: string;
  identity: unknown;
  headers: Record<string, string>;
}

/** Receives what a handler reports besides its result. */
export interface FieldReporter {
  appendError(error: AppendedError): void;
  log: Invocation['log'];
  extensions: Pick<
    Invocation,
    'setSubscriptionFilter' | 'setSubscriptionInvalidationFilter' | 'invalidateSubscriptions' | 'evictFromApiCache'
  >;
}

export interface LoadedResolver {
  declaration: ResolverDeclaration;
  code: ResolverCode;
  /** UNIT: its data source. */
  dataSource?: DataSource;
  /** PIPELINE: functions in order. */
  functions?: readonly { name: string; code: ResolverCode; dataSource: DataSource }[];
}

/** A resolver's error: the field resolves to null and the error reaches the response. */
export class ResolverFailure extends Error {
  constructor(
    message: string,
    readonly errorType: string | null,
    readonly data: unknown = null,
    readonly errorInfo: unknown = null,
  ) {
    super(message);
    this.name = 'ResolverFailure';
  }
}

type HandlerOutcome = { kind: 'value'; value: unknown } | { kind: 'early'; value: unknown; skipTo?: 'END' | 'NEXT' };

/** Values cross the sandbox boundary as JSON, as they do in AppSync (undefined drops, dates become strings), at any depth. */
const jsonCopy = copyJson;

/**
 * The ctx a handler gets, as JSON text before it is parsed into the handler's sandbox: the parts
 * that stay the same through a resolver's pipeline (arguments, identity, source, info, request,
 * env) are written once per field, and only `prev`, `result` and `error` per handler. The stash
 * is not copied: it is one object shared across the pipeline.
 */
interface HostContext {
  /** `"arguments":…,"identity":…,…` without braces. */
  fixed: string;
  extra: { prev?: unknown; result?: unknown; error?: unknown };
  stash: Record<string, unknown>;
}

/** `{fixed,"prev":…,"result":…,"error":…}`, leaving out what JSON leaves out (undefined). */
function contextText(ctx: HostContext): string {
  let text = `{${ctx.fixed}`;
  for (const key of ['prev', 'result', 'error'] as const) {
    const value = ctx.extra[key] === undefined ? undefined : stringifyJson(ctx.extra[key]);
    if (value !== undefined) text += `,"${key}":${value}`;
  }
  return `${text}}`;
}

export function resolverExecutor(environment: Readonly<Record<string, string>>, setCurrent: (invocation: Invocation | null) => void) {

  function call(code: ResolverCode, handler: 'request' | 'response', ctx: HostContext, invocation: Invocation): HandlerOutcome {
    // The handler sees a ctx made of its own realm's objects; the stash is shared across the pipeline.
    const sandboxCtx = code.adoptJson(contextText(ctx)) as Record<string, unknown>;
    sandboxCtx.args = sandboxCtx.arguments;
    sandboxCtx.stash = ctx.stash;
    setCurrent(invocation);
    try {
      return { kind: 'value', value: jsonCopy(code[handler](sandboxCtx)) };
    } catch (error) {
      if (isEarlyReturn(error)) return { kind: 'early', value: jsonCopy(error.value), skipTo: error.skipTo };
      if (isResolverError(error)) {
        throw new ResolverFailure(error.message, error.errorType, error.data ?? null, error.errorInfo ?? null);
      }
      const e = error as { name?: unknown; message?: unknown } | null;
      const message = e && typeof e.message === 'string' ? `${String(e.name)}: ${e.message}` : String(error);
      throw new ResolverFailure(`Runtime Error in ${code.file} (${handler}): ${message}`, 'Code');
    } finally {
      setCurrent(null);
    }
  }

  /** Resolves one field with its manifest resolver. Throws ResolverFailure for the field's error. */
  async function resolve(resolver: LoadedResolver, source: unknown, args: Record<string, unknown>, info: GraphQLResolveInfo, caller: Caller, reporter: FieldReporter): Promise<unknown> {
    const invocation: Invocation = {
      authType: caller.authType,
      parentTypeName: info.parentType.name,
      fieldName: info.fieldName,
      appendError: reporter.appendError,
      log: reporter.log,
      ...reporter.extensions,
    };
    const stash = resolver.code.adopt({}) as Record<string, unknown>;
    const fixed = stringifyJson({
      arguments: args,
      // Parsed into the sandbox for every handler, so no resolver can change the (cached) identity for another.
      identity: caller.identity,
      source: source ?? null,
      info: {
        fieldName: info.fieldName,
        parentTypeName: info.parentType.name,
        variables: info.variableValues,
        selectionSetList: selectionSetList(info),
        selectionSetGraphQL: selectionSetGraphQL(info.fieldNodes[0]),
      },
      request: { headers: caller.headers, domainName: null },
      env: environment,
    })!.slice(1, -1);
    const context = (extra: HostContext['extra']): HostContext => ({ fixed, extra, stash });

    const { declaration, code } = resolver;
    if (declaration.kind === 'UNIT') {
      return (await runStep(code, resolver.dataSource!, context, {}, invocation, caller)).value;
    }

    const before = call(code, 'request', context({}), invocation);
    let prev: unknown = before.value;
    if (before.kind === 'value') {
      for (const fn of resolver.functions ?? []) {
        const outcome = await runStep(fn.code, fn.dataSource, context, { prev: { result: prev } }, invocation, caller);
        prev = outcome.value;
        if (outcome.kind === 'early' && outcome.skipTo === 'END') break;
      }
    }
    return call(code, 'response', context({ prev: { result: prev } }), invocation).value;
  }

  /** request → data source → response, for a unit resolver or one pipeline function. */
  async function runStep(
    code: ResolverCode,
    dataSource: DataSource,
    context: (extra: HostContext['extra']) => HostContext,
    extra: { prev?: unknown },
    invocation: Invocation,
    caller: Caller,
  ): Promise<HandlerOutcome> {
    const request = call(code, 'request', context(extra), invocation);
    if (request.kind === 'early') return request;
    const answer = await dataSource.invoke(request.value, caller);
    return call(code, 'response', context({ ...extra, result: answer.result, error: answer.error }), invocation);
  }

  return { resolve };
}

/**
 * `ctx.info.selectionSetList`: field paths below the resolved field, fragments expanded; an aliased
 * field is listed by its alias only (AppSync: "Fields that are aliased are referenced only by the alias name").
 */
function selectionSetList(info: GraphQLResolveInfo): string[] {
  const paths: string[] = [];
  const visit = (selectionSet: SelectionSetNode | undefined, prefix: string) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const path = `${prefix}${(selection.alias ?? selection.name).value}`;
        if (!paths.includes(path)) paths.push(path);
        visit(selection.selectionSet, `${path}/`);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, prefix);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet, prefix);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, '');
  return paths;
}

/** `ctx.info.selectionSetGraphQL`: the field's selection set as GraphQL text (named fragments not merged). */
function selectionSetGraphQL(node: FieldNode | undefined): string {
  return node?.selectionSet ? print(node.selectionSet) : '';
}
