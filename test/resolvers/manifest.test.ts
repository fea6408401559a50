/** The resolver manifest: complete, consistent with the schema, and tenant-scoped wherever data is touched. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DATA_SOURCES, FUNCTIONS, RESOLVERS, type FunctionName } from '../../resolvers/manifest.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PRELUDE = readFileSync(path.join(ROOT, 'local/appsync/prelude.graphql'), 'utf8');
const schema = buildSchema(`${PRELUDE}\n${readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8')}`);
const touchesData = (name: FunctionName) => DATA_SOURCES[FUNCTIONS[name].dataSource].kind === 'AMAZON_DYNAMODB';

describe('the resolver manifest', () => {
  it('resolves only fields the schema has, each once', () => {
    const keys = RESOLVERS.map((r) => `${r.typeName}.${r.fieldName}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of RESOLVERS) {
      const type = schema.getType(r.typeName);
      expect(isObjectType(type) && type.getFields()[r.fieldName], `${r.typeName}.${r.fieldName}`).toBeTruthy();
    }
  });

  it('has a resolver for every operation of the schema', () => {
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const field of Object.keys(root?.getFields() ?? {})) {
        expect(RESOLVERS.some((r) => r.typeName === root!.name && r.fieldName === field), `${root!.name}.${field}`).toBe(true);
      }
    }
  });

  it('points at sources that exist and pipelines AppSync accepts', () => {
    for (const source of [...RESOLVERS.map((r) => r.source), ...Object.values(FUNCTIONS).map((f) => f.source)]) {
      expect(existsSync(path.join(ROOT, 'resolvers', source)), source).toBe(true);
    }
    for (const r of RESOLVERS) {
      if (r.kind === 'PIPELINE') expect(r.functions!.length).toBeLessThanOrEqual(10);
      else expect(r.dataSource).toBeDefined();
    }
  });

  it('sends every DynamoDB-touching resolver through tenantScope first', () => {
    for (const r of RESOLVERS) {
      const where = `${r.typeName}.${r.fieldName}`;
      if (r.kind === 'UNIT') {
        // Unit resolvers have no place for tenantScope, so they must not reach tenant data.
        expect(DATA_SOURCES[r.dataSource!].kind, where).not.toBe('AMAZON_DYNAMODB');
        continue;
      }
      const functions = r.functions ?? [];
      if (functions.some(touchesData)) expect(functions[0], where).toBe('tenantScope');
    }
  });
});
