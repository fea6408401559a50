/**
 * The resolver manifest: complete, consistent with the schema, tenant-scoped wherever data is
 * touched, and laid out as the schema is (one folder per operation, in its module's folder).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DATA_SOURCES, FUNCTIONS, MODULES, RESOLVERS, TENANT_SCOPE } from '../../resolvers/manifest.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESOLVERS_DIR = path.join(ROOT, 'resolvers');
const PRELUDE = readFileSync(path.join(ROOT, 'local/appsync/prelude.graphql'), 'utf8');
const schema = buildSchema(`${PRELUDE}\n${readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8')}`);
const touchesData = (name: string) => DATA_SOURCES[FUNCTIONS[name]!.dataSource]!.kind === 'AMAZON_DYNAMODB';
const operations = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
  .flatMap((root) => Object.keys(root?.getFields() ?? {}).map((field) => `${root!.name}.${field}`));

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
    for (const operation of operations) {
      expect(RESOLVERS.some((r) => `${r.typeName}.${r.fieldName}` === operation), operation).toBe(true);
    }
  });

  it('points at sources that exist and pipelines AppSync accepts', () => {
    for (const source of [...RESOLVERS.map((r) => r.source), ...Object.values(FUNCTIONS).map((f) => f.source)]) {
      expect(existsSync(path.join(RESOLVERS_DIR, source)), source).toBe(true);
    }
    for (const r of RESOLVERS) {
      if (r.kind === 'PIPELINE') expect(r.functions!.length).toBeLessThanOrEqual(10);
      else expect(r.dataSource).toBeDefined();
    }
  });

  it('puts tenantScope first in every pipeline, so no module can forget it', () => {
    for (const r of RESOLVERS.filter((r) => r.kind === 'PIPELINE')) expect(r.functions![0], `${r.typeName}.${r.fieldName}`).toBe(TENANT_SCOPE);
  });

  it('reaches tenant data only through pipelines', () => {
    for (const r of RESOLVERS) {
      const where = `${r.typeName}.${r.fieldName}`;
      // Unit resolvers have no place for tenantScope, so they must not reach tenant data.
      if (r.kind === 'UNIT') expect(DATA_SOURCES[r.dataSource!]!.kind, where).not.toBe('AMAZON_DYNAMODB');
      else if (r.functions!.some(touchesData)) expect(r.functions![0], where).toBe(TENANT_SCOPE);
    }
  });
});

describe('the resolvers tree lists the schema', () => {
  it('gives every operation a folder resolvers/<module>/<Type.field>/ holding code of its own', () => {
    for (const operation of operations) {
      const module = MODULES.find((m) => Object.hasOwn(m.pipelines, operation) || (m.units ?? []).some((u) => u.field === operation));
      expect(module, `${operation} belongs to no module`).toBeDefined();
      const folder = `${module!.module}/${operation}/`;
      expect(existsSync(path.join(RESOLVERS_DIR, folder)), folder).toBe(true);
      const resolver = RESOLVERS.find((r) => `${r.typeName}.${r.fieldName}` === operation)!;
      const sources = resolver.kind === 'UNIT' ? [resolver.source] : resolver.functions!.map((name) => FUNCTIONS[name]!.source);
      expect(sources.some((source) => source.startsWith(folder)), `${operation} runs nothing from ${folder}`).toBe(true);
    }
  });

  it('keeps each module\'s sources in the module\'s folder, and no operation folder without an operation', () => {
    for (const module of MODULES) {
      for (const [name, fn] of Object.entries(module.functions)) expect(fn.source.startsWith(`${module.module}/`), `${module.module}.${name}`).toBe(true);
      const folders = readdirSync(path.join(RESOLVERS_DIR, module.module)).filter((entry) => /^(Query|Mutation|Subscription)\./.test(entry));
      for (const folder of folders) expect(operations, `${module.module}/${folder}`).toContain(folder);
    }
  });

  it('has no pipeline function that branches on the field it serves', () => {
    // One function per operation: a function shared by several operations must not switch on which one it is.
    // (tenantScope, the platform's, names the operation to check it against the denied ones.)
    for (const [name, fn] of MODULES.flatMap((m) => Object.entries(m.functions))) {
      const text = readFileSync(path.join(RESOLVERS_DIR, fn.source), 'utf8');
      expect(text.includes('info.fieldName'), `${name} (${fn.source}) reads ctx.info.fieldName`).toBe(false);
    }
  });

  it('reads the caller\'s context through one typed helper', () => {
    const files = readdirSync(RESOLVERS_DIR, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.includes(`lambda${path.sep}`) && statSync(path.join(RESOLVERS_DIR, file)).isFile());
    for (const file of files.filter((f) => f !== path.join('lib', 'caller.ts'))) {
      expect(readFileSync(path.join(RESOLVERS_DIR, file), 'utf8'), file).not.toMatch(/identity\s+as\s/);
    }
  });
});

describe('schema.graphql', () => {
  const text = readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8');

  it('is sectioned by module in the manifest\'s order, the root types last', () => {
    const sections = [...text.matchAll(/^# =+\n# ([a-z-]+):/gm)].map((m) => m[1]);
    expect(sections).toEqual([...MODULES.map((m) => m.module), 'operations']);
  });

  it('groups each root field under the heading of the module that resolves it', () => {
    for (const root of ['Query', 'Mutation', 'Subscription']) {
      const body = text.slice(text.indexOf(`type ${root} {`));
      let heading: string | undefined;
      for (const line of body.slice(0, body.indexOf('\n}')).split('\n').slice(1)) {
        const comment = /^ {2}# ([a-z-]+)$/.exec(line);
        if (comment) heading = comment[1];
        const field = /^ {2}([A-Za-z]+)[(:]/.exec(line);
        if (!field) continue;
        const operation = `${root}.${field[1]}`;
        const owner = MODULES.find((m) => Object.hasOwn(m.pipelines, operation) || (m.units ?? []).some((u) => u.field === operation));
        expect(heading, operation).toBe(owner?.module);
      }
    }
  });
});
