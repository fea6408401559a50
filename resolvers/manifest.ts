/**
 * The resolver manifest: every data source, pipeline function and resolver of the API, composed
 * from the modules' fragments (`resolvers/<module>/manifest.ts`). The local AppSync runtime and
 * the CDK app both wire the API from this file.
 *
 * Adding a module: write its fragment and add it to {@link MODULES}.
 */
import type { LambdaId } from '../domain/lambdas.ts';
import { FIELD_GROUPS } from '../domain/model/authorization.ts';
import type { Stage } from '../domain/model/stage.ts';
import { TABLE_IDS, tableEnvName, tableName, TABLES, type TableId } from '../domain/model/tables.ts';
import { attendance } from './attendance/manifest.ts';
import { documents } from './documents/manifest.ts';
import { employment } from './employment/manifest.ts';
import { jobs } from './jobs/manifest.ts';
import { leave } from './leave/manifest.ts';
import { payroll } from './payroll/manifest.ts';
import { tenancy } from './tenancy/manifest.ts';
import type { ModuleFunction, ModuleManifest } from './module.ts';
import { notifications } from './notifications/manifest.ts';
import { organisation } from './organisation/manifest.ts';
import { people } from './people/manifest.ts';
import { schedules } from './schedules/manifest.ts';

/** Every module's fragment, in the schema's section order. */
export const MODULES: readonly ModuleManifest[] = [people, organisation, employment, schedules, attendance, leave, payroll, documents, notifications, jobs, tenancy];

/** AppSync's JavaScript runtime for every resolver and function. */
export const APPSYNC_JS_RUNTIME = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;

export type DataSourceDeclaration =
  | { readonly kind: 'AMAZON_DYNAMODB'; readonly table: TableId }
  | { readonly kind: 'AWS_LAMBDA'; readonly lambda: LambdaId }
  | { readonly kind: 'NONE' };

/** A data source's name in the API: `PIMTable`, `DocumentsLambda`, `None`. */
export type DataSourceName = string;
export type FunctionName = string;

export interface FunctionDeclaration {
  /** Source file under resolvers/, bundled to dist/resolvers/<same path>.js. */
  readonly source: string;
  readonly dataSource: DataSourceName;
}

export interface ResolverDeclaration {
  readonly typeName: 'Query' | 'Mutation' | 'Subscription' | (string & {});
  readonly fieldName: string;
  readonly kind: 'UNIT' | 'PIPELINE';
  /** Source file under resolvers/ with the resolver's request/response handlers. */
  readonly source: string;
  /** UNIT only: the data source the handlers talk to. */
  readonly dataSource?: DataSourceName;
  /** PIPELINE only: function names in execution order (AppSync allows at most 10). */
  readonly functions?: readonly FunctionName[];
}

/** The first function of every pipeline: the only source of the partition key (see domain/model/tenant-scope.ts). */
export const TENANT_SCOPE = 'tenantScope';
const PLATFORM_FUNCTIONS: Record<FunctionName, ModuleFunction> = {
  [TENANT_SCOPE]: { source: 'functions/tenantScope.ts' },
};

/** The resolver of every restricted field (FIELD_GROUPS), attached by the composition so none is forgotten. */
const RESTRICTED_FIELD = 'fields/restrictedField.ts';

/** The shared before/after handlers of pipelines whose functions do all the work. */
const PIPELINE_HANDLERS = 'pipeline.ts';

const NONE = 'None';

function dataSourceOf(target: ModuleFunction): [DataSourceName, DataSourceDeclaration] {
  if (target.table) return [`${TABLES[target.table].baseName}Table`, { kind: 'AMAZON_DYNAMODB', table: target.table }];
  if (target.lambda) {
    const id = target.lambda;
    return [`${id.charAt(0).toUpperCase()}${id.slice(1)}Lambda`, { kind: 'AWS_LAMBDA', lambda: id }];
  }
  return [NONE, { kind: 'NONE' }];
}

function compose(modules: readonly ModuleManifest[]) {
  const dataSources: Record<DataSourceName, DataSourceDeclaration> = { [NONE]: { kind: 'NONE' } };
  const functions: Record<FunctionName, FunctionDeclaration> = {};
  const owner = new Map<FunctionName, string>();
  const declare = (module: string, name: FunctionName, fn: ModuleFunction) => {
    if (owner.has(name)) throw new Error(`Pipeline function "${name}" is declared by both ${owner.get(name)} and ${module}.`);
    owner.set(name, module);
    const [dataSource, declaration] = dataSourceOf(fn);
    dataSources[dataSource] = declaration;
    functions[name] = { source: fn.source, dataSource };
  };
  for (const [name, fn] of Object.entries(PLATFORM_FUNCTIONS)) declare('the platform', name, fn);
  for (const module of modules) for (const [name, fn] of Object.entries(module.functions)) declare(module.module, name, fn);

  const resolvers: ResolverDeclaration[] = [];
  for (const module of modules) {
    for (const [operation, steps] of Object.entries(module.pipelines)) {
      const [typeName, fieldName] = operation.split('.') as [string, string];
      for (const step of steps) {
        if (!functions[step]) throw new Error(`${module.module}: ${operation} names an unknown pipeline function "${step}".`);
        if (step === TENANT_SCOPE) throw new Error(`${module.module}: ${operation} lists tenantScope; the composition adds it to every pipeline.`);
      }
      resolvers.push({ typeName, fieldName, kind: 'PIPELINE', source: PIPELINE_HANDLERS, functions: [TENANT_SCOPE, ...steps] });
    }
    for (const unit of module.units ?? []) {
      const [typeName, fieldName] = unit.field.split('.') as [string, string];
      resolvers.push({ typeName, fieldName, kind: 'UNIT', source: unit.source, dataSource: NONE });
    }
  }
  for (const field of Object.values(FIELD_GROUPS).flat()) {
    const [typeName, fieldName] = field.split('.') as [string, string];
    resolvers.push({ typeName, fieldName, kind: 'UNIT', source: RESTRICTED_FIELD, dataSource: NONE });
  }
  return { dataSources, functions, resolvers };
}

const composed = compose(MODULES);

export const DATA_SOURCES: Readonly<Record<DataSourceName, DataSourceDeclaration>> = composed.dataSources;
export const FUNCTIONS: Readonly<Record<FunctionName, FunctionDeclaration>> = composed.functions;
export const RESOLVERS: readonly ResolverDeclaration[] = composed.resolvers;

/** The API's environment variables (`ctx.env`): each table's physical name for the stage. */
export function apiEnvironment(stage: Stage): Record<string, string> {
  return Object.fromEntries(TABLE_IDS.map((id) => [tableEnvName(id), tableName(id, stage)]));
}

/** Every resolver/function source file, each bundled once. */
export function resolverSources(): string[] {
  return [...new Set([...RESOLVERS.map((r) => r.source), ...Object.values(FUNCTIONS).map((f) => f.source)])].sort();
}

/** Where the build writes the bundle of a source file, relative to the repository root. */
export function bundlePath(source: string): string {
  return `dist/resolvers/${source.replace(/\.ts$/, '.js')}`;
}
