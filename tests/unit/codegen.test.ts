/**
 * The typed-GraphQL pipeline end to end: migrations + metadata → local engine → introspection as `user` →
 * graphql/schema.graphql → GraphQL Code Generator → app/gql/.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_CODEGEN_PATHS } from '../../codegen';
import { runCodegenPipeline } from '../../scripts/codegen';

const repo = resolve(import.meta.dirname, '../..');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'codegen-test-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The body of `export type <name> = { … };` in the generated module. */
function generatedType(source: string, name: string): string {
  const match = new RegExp(`export type ${name} = \\{([^}]*)\\}`).exec(source);
  if (!match) throw new Error(`type ${name} not found in the generated module`);
  return match[1]!;
}

describe('codegen pipeline', () => {
  it('carries a column added by a new migration + metadata into the generated types', async () => {
    const hasuraDir = join(work, 'hasura');
    await cp(join(repo, 'hasura'), hasuraDir, { recursive: true });
    // A version after every real migration, so it applies last.
    const migration = join(hasuraDir, 'migrations/default/1799999999999_books_isbn');
    await mkdir(migration, { recursive: true });
    await writeFile(join(migration, 'up.sql'), 'ALTER TABLE public.books ADD COLUMN isbn text;\n');
    await writeFile(join(migration, 'down.sql'), 'ALTER TABLE public.books DROP COLUMN isbn;\n');
    const tableFile = join(hasuraDir, 'metadata/databases/default/tables/public_books.yaml');
    const table = parse(await readFile(tableFile, 'utf8'));
    for (const { role, permission } of table.select_permissions) if (role === 'user') permission.columns.push('isbn');
    await writeFile(tableFile, stringify(table));

    // A document that selects the new column, next to the app's own documents.
    const document = join(work, 'isbn/documents/book-isbn.ts');
    await mkdir(dirname(document), { recursive: true });
    await writeFile(
      document,
      "import { graphql } from '~/gql';\n" +
        'export const BookIsbn = graphql(`query BookIsbn($id: uuid!) { books_by_pk(id: $id) { id isbn } }`);\n',
    );

    const { schemaFile, outDir } = await runCodegenPipeline({
      cwd: repo,
      hasuraDir,
      schemaFile: join(work, 'isbn/schema.graphql'),
      outDir: join(work, 'isbn/gql'),
      webhookSchemaFile: join(work, 'isbn/clerk-webhook.graphql'),
      webhookOutDir: join(work, 'isbn/webhook-gql'),
      documents: [...DEFAULT_CODEGEN_PATHS.documents, document],
    });

    const sdl = await readFile(schemaFile, 'utf8');
    expect(/type books \{[^}]*\n {2}isbn: String\n/.test(sdl)).toBe(true);
    const generated = await readFile(join(outDir, 'graphql.ts'), 'utf8');
    expect(generated).toContain(
      'export type BookIsbnQuery = { books_by_pk: { id: string, isbn: string | null } | null };',
    );
    expect(generatedType(generated, 'Books_Bool_Exp')).toMatch(/\bisbn\?: String_Comparison_Exp\b/);
    // The committed types know nothing of it: the new field came from the migration, not from the repo.
    const committed = await readFile(join(repo, 'app/gql/graphql.ts'), 'utf8');
    expect(generatedType(committed, 'Books_Bool_Exp')).not.toMatch(/\bisbn\b/);
  }, 180_000);

  it('regenerates exactly the committed schemas, app/gql/ and app/webhooks/gql/ (run `npm run codegen` if not)', async () => {
    const fresh = await runCodegenPipeline({
      cwd: repo,
      schemaFile: join(work, 'fresh/schema.graphql'),
      outDir: join(work, 'fresh/gql'),
      webhookSchemaFile: join(work, 'fresh/clerk-webhook.graphql'),
      webhookOutDir: join(work, 'fresh/webhook-gql'),
    });
    expect(await readFile(fresh.schemaFile, 'utf8')).toBe(await readFile(join(repo, 'graphql/schema.graphql'), 'utf8'));
    expect(await readFile(fresh.webhookSchemaFile, 'utf8')).toBe(
      await readFile(join(repo, 'graphql/clerk-webhook.graphql'), 'utf8'),
    );
    for (const [outDir, committedDir] of [
      [fresh.outDir, 'app/gql'],
      [fresh.webhookOutDir, 'app/webhooks/gql'],
    ] as const) {
      const committedFiles = (await readdir(join(repo, committedDir))).sort();
      expect((await readdir(outDir)).sort()).toEqual(committedFiles);
      for (const file of committedFiles) {
        expect(await readFile(join(outDir, file), 'utf8'), `${committedDir}/${file} is stale`).toBe(
          await readFile(join(repo, committedDir, file), 'utf8'),
        );
      }
    }
  }, 180_000);
});
