/**
 * The shape of a module's manifest fragment (`resolvers/<module>/manifest.ts`): its pipeline
 * functions, the steps of each operation it resolves, and its field resolvers. The composed
 * manifest (`resolvers/manifest.ts`) turns fragments into data sources, functions and resolvers,
 * and puts `tenantScope` in front of every pipeline itself.
 */
import type { LambdaId } from '../domain/lambdas.ts';
import type { TableId } from '../domain/model/tables.ts';

/** Where a pipeline function sends its request: a table, a Lambda resolver, or nowhere (NONE). */
export type FunctionTarget =
  | { readonly table: TableId; readonly lambda?: never }
  | { readonly lambda: LambdaId; readonly table?: never }
  | { readonly table?: never; readonly lambda?: never };

/** A pipeline function: its source under resolvers/ and what it talks to. */
export type ModuleFunction = { readonly source: string } & FunctionTarget;

/** `Query.employee`, `Mutation.createJob`: the operation a pipeline resolves. */
export type OperationName = `${'Query' | 'Mutation'}.${string}`;

/** A unit resolver with no data source: subscriptions (their filters) and field resolvers (`Employee.phone`). */
export interface ModuleUnitResolver {
  /** `Type.field` */
  readonly field: string;
  readonly source: string;
}

export interface ModuleManifest<F extends string = string> {
  /** The module's folder under resolvers/ and domain/. */
  readonly module: string;
  readonly functions: Readonly<Record<F, ModuleFunction>>;
  /**
   * Each operation's functions in order, after `tenantScope` (added by the composition). A step
   * may name a function of another module (e.g. `loadEmployee` of people).
   */
  readonly pipelines: Readonly<Record<OperationName, readonly string[]>>;
  readonly units?: readonly ModuleUnitResolver[];
}

/** Declares a module's fragment; the type keeps its own function names checked. */
export function defineModule<F extends string>(manifest: ModuleManifest<F>): ModuleManifest<F> {
  return manifest;
}
