/**
 * Each module declares its sort-key prefixes and index names once, in
 * `domain/<module>/model/keys.ts`; no other source spells them (comments aside).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { TENANT_KEY_PREFIX } from '../../domain/model/keys.ts';
import { TABLES } from '../../domain/model/tables.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_FOLDERS = ['domain', 'resolvers', 'jobs', 'lambda-authorizer', 'local', 'cdk', 'bench', 'scripts', 'examples'];
const SHARED_KEYS = path.join('domain', 'model', 'keys.ts');

const moduleKeyFiles = readdirSync(path.join(ROOT, 'domain'))
  .map((module) => path.join('domain', module, 'model', 'keys.ts'))
  .filter((file) => existsSync(path.join(ROOT, file)));

interface Declared {
  file: string;
  prefixes: string[];
  indexes: string[];
}

async function declarations(): Promise<Declared[]> {
  const modules = await Promise.all(moduleKeyFiles.map(async (file) => ({ file, exports: (await import(pathToFileURL(path.join(ROOT, file)).href)) as Record<string, unknown> })));
  const declared = modules.map(({ file, exports }) => {
    const values = Object.entries(exports);
    return {
      file,
      prefixes: values.filter(([name]) => name.endsWith('_PREFIXES')).flatMap(([, v]) => Object.values(v as Record<string, string>)),
      indexes: values.flatMap(([, v]) => (typeof v === 'object' && v !== null && 'kind' in v && 'name' in v ? [(v as { name: string }).name] : [])),
    };
  });
  return [{ file: SHARED_KEYS, prefixes: [TENANT_KEY_PREFIX], indexes: [] }, ...declared];
}

function sourceFiles(): string[] {
  return SOURCE_FOLDERS.flatMap((folder) =>
    (readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' }) as string[])
      .map((file) => path.join(folder, file))
      .filter((file) => /\.(ts|js)$/.test(file) && !file.includes(`${path.sep}generated${path.sep}`) && statSync(path.join(ROOT, file)).isFile()),
  );
}

/** Every string and template-literal piece of a file: what its code spells, without its comments. */
function literals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) found.push(node.text);
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

/** `EMP#` in `EMP#42` or `x#EMP#`, but not inside `NEWEMP#`; a prefix without `#` only as the whole literal. */
function spells(literal: string, prefix: string): boolean {
  if (!prefix.endsWith('#')) return literal === prefix;
  let at = literal.indexOf(prefix);
  while (at >= 0) {
    const before = literal.charAt(at - 1);
    if (at === 0 || !/[A-Za-z0-9_]/.test(before)) return true;
    at = literal.indexOf(prefix, at + 1);
  }
  return false;
}

describe('key prefixes and index names', () => {
  it('are declared by a keys file in each module that has items', async () => {
    expect(moduleKeyFiles.length).toBeGreaterThanOrEqual(5);
    for (const { file, prefixes } of await declarations()) expect(prefixes.length, file).toBeGreaterThan(0);
  });

  it('are unique: no two modules claim the same prefix or index name', async () => {
    const all = await declarations();
    const prefixes = all.flatMap((d) => d.prefixes);
    const indexes = all.flatMap((d) => d.indexes);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(new Set(indexes).size).toBe(indexes.length);
    // No prefix is the start of another's (a begins_with query for one would read the other's items).
    for (const a of prefixes) for (const b of prefixes) if (a !== b) expect(b.startsWith(a), `${a} / ${b}`).toBe(false);
  });

  it('name each table by its id, as tableEnvName assumes', () => {
    for (const [id, table] of Object.entries(TABLES)) expect(table.baseName, id).toBe(id);
  });

  it('cover every index the tables declare', async () => {
    const declared = new Set((await declarations()).flatMap((d) => d.indexes));
    for (const table of Object.values(TABLES)) for (const index of table.indexes) expect(declared.has(index.name), index.name).toBe(true);
  });

  it('are spelled nowhere else in the code', async () => {
    const all = await declarations();
    const offences: string[] = [];
    for (const file of sourceFiles()) {
      const own = all.find((d) => d.file === file);
      const text = literals(file);
      for (const declared of all.filter((d) => d !== own)) {
        for (const prefix of declared.prefixes) if (text.some((l) => spells(l, prefix))) offences.push(`${file} spells ${prefix} (declared in ${declared.file})`);
        for (const index of declared.indexes) if (text.includes(index)) offences.push(`${file} spells index ${index} (declared in ${declared.file})`);
      }
    }
    expect(offences).toEqual([]);
  });
});
