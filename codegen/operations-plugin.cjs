// GraphQL Code Generator plugin: the API's operations (`Query.employee`, `Mutation.createEmployee`, ...)
// as a constant, so the authorizer can decide over the whole schema without parsing it at run time.
module.exports = {
  plugin(schema) {
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean);
    const operations = roots.flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`)).sort();
    return [
      '/** Every operation of schema.graphql as `Type.field`. */',
      `export const OPERATIONS = ${JSON.stringify(operations, null, 2).replace(/"/g, "'")} as const;`,
      '',
      'export type Operation = (typeof OPERATIONS)[number];',
      '',
    ].join('\n');
  },
};
