import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog.js';
import { loadMetadata } from '../../src/metadata.js';
import { describeOnEachDatabase, FIXTURE } from './harness.js';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a metadata directory from `{ relative path: content }`. */
function metadataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hasura-metadata-'));
  temporary.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

it('loads the fixture metadata, resolving quoted !include strings relative to the including file', async () => {
  const metadata = await loadMetadata(`${FIXTURE}/metadata`);
  expect(metadata.version).toBe(3);
  expect(metadata.sources.map((s) => s.name)).toEqual(['default']);
  const [authors, articles] = metadata.sources[0].tables;
  expect(authors.table).toEqual({ schema: 'public', name: 'authors' });
  expect(articles.object_relationships?.[0]).toEqual({
    name: 'author',
    using: { foreign_key_constraint_on: 'author_id' },
  });
  expect(articles.insert_permissions?.[0].permission.set).toEqual({ user_id: 'x-hasura-User-Id' });
});

it('resolves the !include YAML tag, nested includes, and keeps only the first source', async () => {
  const dir = metadataDir({
    'version.yaml': 'version: 3\n',
    'databases/databases.yaml':
      '- name: main\n  kind: postgres\n  tables: !include main/tables.yaml\n- name: other\n  kind: postgres\n  tables: []\n',
    'databases/main/tables.yaml': '- !include t/things.yaml\n',
    'databases/main/t/things.yaml': 'table:\n  name: things\n',
  });
  const metadata = await loadMetadata(dir);
  expect(metadata.sources).toEqual([
    { name: 'main', kind: 'postgres', tables: [{ table: { schema: 'public', name: 'things' } }] },
  ]);
});

it('names the including file when an include is missing', async () => {
  const dir = metadataDir({
    'version.yaml': 'version: 3\n',
    'databases/databases.yaml': '- name: default\n  kind: postgres\n  tables: "!include default/tables/tables.yaml"\n',
    'databases/default/tables/tables.yaml': '- "!include public_missing.yaml"\n',
  });
  await expect(loadMetadata(dir)).rejects.toThrow(/tables\.yaml: included file ".*public_missing\.yaml" not found/);
});

it('names the file holding bad YAML', async () => {
  const dir = metadataDir({
    'version.yaml': 'version: 3\n',
    'databases/databases.yaml': '- name: default\n  tables: [unclosed\n',
  });
  await expect(loadMetadata(dir)).rejects.toThrow(/databases\.yaml: invalid YAML/);
});

it('rejects a metadata directory without version 3', async () => {
  await expect(loadMetadata(metadataDir({ 'version.yaml': 'version: 2\n' }))).rejects.toThrow(
    /only metadata version 3/,
  );
  await expect(loadMetadata(metadataDir({}))).rejects.toThrow(/has no version\.yaml/);
});

describeOnEachDatabase('catalog', (h) => {
  it('reads columns, primary keys, unique constraints and foreign keys', async () => {
    const catalog = await readCatalog(h.db, ['public']);
    const articles = catalog.tables.find((t) => t.name === 'articles')!;
    expect(articles.columns.map((c) => [c.name, c.pgType, c.nullable, c.hasDefault])).toEqual([
      ['id', 'uuid', false, true],
      ['author_id', 'int4', false, false],
      ['title', 'text', false, false],
      ['body', 'text', true, false],
      ['published', 'bool', false, true],
      ['views', 'int4', false, true],
      ['word_count', 'int8', true, false],
      ['tags', 'jsonb', true, true],
      ['published_at', 'timestamptz', true, false],
      ['user_id', 'text', false, false],
    ]);
    expect(articles.primaryKey).toEqual({ name: 'articles_pkey', columns: ['id'] });
    expect(articles.uniqueConstraints).toEqual([
      { name: 'articles_pkey', columns: ['id'] },
      { name: 'articles_author_id_title_key', columns: ['author_id', 'title'] },
    ]);
    expect(articles.foreignKeys).toEqual([
      {
        name: 'articles_author_id_fkey',
        columns: ['author_id'],
        refSchema: 'public',
        refTable: 'authors',
        refColumns: ['id'],
      },
    ]);
    const all = await readCatalog(h.db);
    expect(all.tables.some((t) => t.schema === 'hdb_catalog')).toBe(false);
  });
});
