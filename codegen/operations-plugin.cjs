// GraphQL Code Generator plugin: the API's operations (`Query.employee`, `Mutation.createEmployee`, ...)
// as a constant, each with its Cedar operation group (lambda-authorizer/cedar/schema.cedarschema), so
// the authorizer decides over the whole schema by asking about the groups, without parsing anything
// at run time.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { schemaToJson } = require('@cedar-policy/cedar-wasm/nodejs');

const CEDAR_SCHEMA = path.join(__dirname, '..', 'lambda-authorizer', 'cedar', 'schema.cedarschema');

/** The group of every operation action: exactly one each, or the generation fails. */
function operationGroups(operations) {
  const converted = schemaToJson(readFileSync(CEDAR_SCHEMA, 'utf8'));
  if (converted.type !== 'success') throw new Error(`schema.cedarschema does not parse: ${JSON.stringify(converted.errors)}`);
  const actions = Object.values(converted.json)[0].actions;
  return Object.fromEntries(operations.map((operation) => {
    const groups = (actions[operation] && actions[operation].memberOf) || [];
    if (groups.length !== 1) throw new Error(`Cedar action "${operation}" must belong to exactly one operation group, not ${groups.length}`);
    return [operation, groups[0].id];
  }));
}

module.exports = {
  plugin(schema) {
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean);
    const operations = roots.flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`)).sort();
    const groups = operationGroups(operations);
    return [
      '/** Every operation of schema.graphql as `Type.field`. */',
      `export const OPERATIONS = ${JSON.stringify(operations, null, 2).replace(/"/g, "'")} as const;`,
      '',
      'export type Operation = (typeof OPERATIONS)[number];',
      '',
      '/** The Cedar operation group of each operation (lambda-authorizer/cedar/schema.cedarschema). */',
      `export const OPERATION_GROUPS: Record<Operation, string> = ${JSON.stringify(groups, null, 2).replace(/"/g, "'")};`,
      '',
    ].join('\n');
  },
};
