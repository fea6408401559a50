/**
 * AppSync's prelude for graphql-js: what AppSync defines implicitly for every schema (the
 * AWS* scalars and the @aws_* directives), and a schema builder that accepts schema files
 * written for AppSync, which use these without declaring them.
 */
import { readFileSync } from 'node:fs';
import {
  assertValidSchema,
  buildASTSchema,
  extendSchema,
  GraphQLError,
  GraphQLSchema,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isTypeDefinitionNode,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLObjectType,
} from 'graphql';
import { AWS_SCALARS } from './scalars.ts';

export { AWS_SCALARS };

/**
 * The SDL AppSync defines implicitly: `scalar AWSDate` … `scalar AWSIPAddress` and the
 * directives `@aws_api_key`, `@aws_iam`, `@aws_oidc`, `@aws_lambda`,
 * `@aws_cognito_user_pools`, `@aws_auth`, `@aws_subscribe` and `@aws_publish`.
 *
 * Read from `prelude.graphql` next to this module, the file codegen also reads, so that the
 * generated types and the local runtime cannot disagree.
 */
export const APPSYNC_PRELUDE_SDL: string = readFileSync(new URL('./prelude.graphql', import.meta.url), 'utf8');

/** The prelude as a schema of its own, its scalars replaced by the implementations. */
const PRELUDE_SCHEMA: GraphQLSchema = buildPreludeSchema();

function buildPreludeSchema(): GraphQLSchema {
  const config = buildASTSchema(parse(APPSYNC_PRELUDE_SDL)).toConfig();
  const declared = config.types
    .filter((type) => isScalarType(type) && !isSpecifiedScalarType(type))
    .map((type) => type.name)
    .sort();
  const implemented = Object.keys(AWS_SCALARS).sort();
  // Fail at load time rather than run with a scalar that silently accepts anything.
  if (declared.join() !== implemented.join()) {
    throw new Error(
      `prelude.graphql declares the scalars [${declared.join(', ')}] but scalars.ts implements [${implemented.join(', ')}].`,
    );
  }
  // Nothing in the prelude refers to the AWS scalars (directive arguments are Strings),
  // so swapping the placeholder instances for the implementations leaves no stale reference.
  return new GraphQLSchema({
    ...config,
    types: config.types.map((type) => AWS_SCALARS[type.name] ?? type),
  });
}

/**
 * Builds an executable-ready schema from a schema file written for AppSync.
 *
 * The file may use the AWS scalars and @aws_* directives without declaring them; the
 * scalars come with AppSync's validation and serialization ({@link AWS_SCALARS}). As in
 * AppSync, the root operation types come from a `schema { … }` definition when there is
 * one and otherwise from the types named `Query`, `Mutation` and `Subscription`.
 *
 * Rejects what AppSync rejects at schema upload besides invalid SDL: user-defined scalars
 * (AppSync supports only the built-in and AWS scalars) and type names starting with `AWS`.
 *
 * @throws Error listing every problem found, with its location in `sdl`.
 */
export function buildAppSyncSchema(sdl: string): GraphQLSchema {
  const document = parse(sdl);
  assertAppSyncTypeNames(document);

  // Extending the prelude schema (rather than parsing prelude + file as one text) keeps
  // error locations pointing into the schema file, and validates that the file neither
  // redeclares the prelude nor uses unknown types or directives.
  const extended = extendSchema(PRELUDE_SCHEMA, document);

  const config = extended.toConfig();
  const hasSchemaDefinition = document.definitions.some((definition) => definition.kind === Kind.SCHEMA_DEFINITION);
  if (!hasSchemaDefinition) {
    config.query ??= objectType(extended, 'Query');
    config.mutation ??= objectType(extended, 'Mutation');
    config.subscription ??= objectType(extended, 'Subscription');
  }
  const schema = new GraphQLSchema(config);
  // graphql-js validates lazily, on first execution; a schema file's mistakes (no Query
  // type, a field not matching its interface, …) should surface when it is loaded.
  assertValidSchema(schema);
  return schema;
}

function objectType(schema: GraphQLSchema, name: string): GraphQLObjectType | undefined {
  const type = schema.getType(name);
  return isObjectType(type) ? type : undefined;
}

/** AppSync's naming rules, which graphql-js does not know about. */
function assertAppSyncTypeNames(document: DocumentNode): void {
  const errors: GraphQLError[] = [];
  for (const definition of document.definitions) {
    if (!isTypeDefinitionNode(definition)) continue;
    const name = definition.name.value;
    if (definition.kind === Kind.SCALAR_TYPE_DEFINITION) {
      const message =
        name in AWS_SCALARS
          ? `Scalar "${name}" is defined by AppSync; remove its declaration from the schema.`
          : `Custom scalar "${name}" is not supported by AppSync; use a built-in scalar (ID, String, Int, Float, Boolean) or an AWS scalar (${Object.keys(AWS_SCALARS).join(', ')}).`;
      errors.push(new GraphQLError(message, { nodes: definition }));
    } else if (name.startsWith('AWS')) {
      const message = `Type "${name}" is not allowed: the "AWS" prefix is reserved for AppSync's types.`;
      errors.push(new GraphQLError(message, { nodes: definition }));
    }
  }
  if (errors.length > 0) throw new Error(errors.map((error) => error.toString()).join('\n\n'));
}
