/**
 * API evolution: schema.graphql against the released schema (api/released.graphql), and the
 * check's own rules on small schemas, so a rule that stopped biting would be seen.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { breakingChanges, RELEASED_FILE, SCHEMA_FILE } from '../../scripts/schema-check.ts';

const released = `
type Employee @aws_lambda @aws_iam {
  id: ID!
  name: String!
  nickname: String @deprecated(reason: "Use name.")
  hiredOn: AWSDate
}
enum Status { ACTIVE ON_LEAVE }
type Query {
  employee(id: ID!): Employee
  status: Status
  internal: String @aws_iam
}
`;

async function breaking(current: string): Promise<string[]> {
  return (await breakingChanges(released, current)).map((change) => change.type);
}

describe('schema.graphql against the released schema', () => {
  it('breaks no client shipped against the release (deprecate first, then remove)', async () => {
    const changes = await breakingChanges(readFileSync(RELEASED_FILE, 'utf8'), readFileSync(SCHEMA_FILE, 'utf8'));
    expect(changes.map((change) => change.message)).toEqual([]);
  });
});

describe('the check', () => {
  it('passes additions: a new optional field, argument, type or enum value', async () => {
    const current = released
      .replace('hiredOn: AWSDate', 'hiredOn: AWSDate\n  leftOn: AWSDate')
      .replace('employee(id: ID!)', 'employee(id: ID!, tenantId: ID)')
      .replace('enum Status { ACTIVE ON_LEAVE }', 'enum Status { ACTIVE ON_LEAVE TERMINATED }\ntype Team { id: ID! }');
    expect(await breaking(current)).toEqual([]);
  });

  it('refuses removing a field that was never deprecated', async () => {
    expect(await breaking(released.replace('  hiredOn: AWSDate\n', ''))).toEqual(['FIELD_REMOVED']);
  });

  it('lets a field deprecated in the release go', async () => {
    expect(await breaking(released.replace('  nickname: String @deprecated(reason: "Use name.")\n', ''))).toEqual([]);
  });

  it('refuses retyping a field, a new required argument and a removed enum value', async () => {
    expect(await breaking(released.replace('hiredOn: AWSDate', 'hiredOn: AWSDateTime'))).toEqual(['FIELD_TYPE_CHANGED']);
    expect(await breaking(released.replace('employee(id: ID!)', 'employee(id: ID!, tenantId: ID!)'))).toEqual(['FIELD_ARGUMENT_ADDED']);
    expect(await breaking(released.replace('enum Status { ACTIVE ON_LEAVE }', 'enum Status { ACTIVE }'))).toEqual(['ENUM_VALUE_REMOVED']);
  });

  it('refuses removing an authorization directive from a field or a type (the library calls it only dangerous)', async () => {
    expect(await breaking(released.replace('internal: String @aws_iam', 'internal: String'))).toEqual(['DIRECTIVE_USAGE_FIELD_DEFINITION_REMOVED']);
    expect(await breaking(released.replace('type Employee @aws_lambda @aws_iam', 'type Employee @aws_lambda'))).toEqual(['DIRECTIVE_USAGE_OBJECT_REMOVED']);
  });
});
