/**
 * The YAML conformance cases, organised like the real engine's own suite (server/tests-py): one directory per case
 * group under `tests/cases/`, each case `{ description, url, method, status, headers, query: { query, variables }, response }`
 * (`query` a string: the raw body; `method` GET: no body).
 *
 * A group directory with a `setup.sql` is its own small project: `setup.sql` is its only migration and
 * `tables.yaml` its tracked tables (the content of a Hasura `tables.yaml`, inline or through `!include`). A group
 * without `setup.sql` serves the `tests/fixtures/authors-articles` project.
 *
 * A group's `inconsistent.yaml` lists the metadata objects the engine must report at start-up and leave out
 * (`{type, name, reason}`, compared exactly; none when absent).
 *
 * A case file is either a list of cases, or `{ env, cases }`: `env` are server settings merged over the runner's
 * defaults (e.g. another HASURA_GRAPHQL_JWT_SECRET).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const caseSchema = z
  .object({
    description: z.string().min(1),
    url: z.string().startsWith('/').default('/v1/graphql'),
    method: z.enum(['GET', 'POST']).default('POST'),
    status: z.number().int().default(200),
    headers: z.record(z.string()).default({}),
    query: z.unknown(),
    response: z.unknown(),
  })
  .strict();

const inconsistentSchema = z.object({ type: z.string(), name: z.string(), reason: z.string() }).strict();

const fileSchema = z.union([
  z.array(caseSchema),
  z.object({ env: z.record(z.string()).default({}), cases: z.array(caseSchema) }).strict(),
]);

export type CompatCase = z.infer<typeof caseSchema>;
export type InconsistentObject = z.infer<typeof inconsistentSchema>;

export interface CaseGroup {
  name: string;
  dir: string;
  /** The group's own schema; absent: the authors-articles fixture. */
  setupSql?: string;
  tablesFile?: string;
  /** The metadata objects the engine reports as inconsistent at start-up. */
  inconsistent: InconsistentObject[];
}

export interface CaseFile {
  /** `<group>/<file>` */
  name: string;
  group: CaseGroup;
  env: Record<string, string>;
  cases: CompatCase[];
}

export function loadCaseFiles(root: string): CaseFile[] {
  const files: CaseFile[] = [];
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) throw new Error(`${dir}: case files live in a group directory`);
    const group: CaseGroup = { name, dir, inconsistent: [] };
    if (existsSync(join(dir, 'inconsistent.yaml'))) {
      group.inconsistent = z
        .array(inconsistentSchema)
        .parse(parse(readFileSync(join(dir, 'inconsistent.yaml'), 'utf8')));
    }
    if (existsSync(join(dir, 'setup.sql'))) {
      group.setupSql = join(dir, 'setup.sql');
      group.tablesFile = join(dir, 'tables.yaml');
      if (!existsSync(group.tablesFile)) throw new Error(`${dir}: a group with setup.sql needs a tables.yaml`);
    }
    for (const file of readdirSync(dir).sort()) {
      if (!/\.ya?ml$/.test(file) || file === 'tables.yaml' || file === 'inconsistent.yaml') continue;
      files.push(loadCaseFile(group, file));
    }
  }
  return files;
}

function loadCaseFile(group: CaseGroup, file: string): CaseFile {
  const parsed = fileSchema.safeParse(parse(readFileSync(join(group.dir, file), 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`${group.name}/${file}: not a case file:\n  ${problems.join('\n  ')}`);
  }
  const data = parsed.data;
  const name = `${group.name}/${file}`;
  return Array.isArray(data)
    ? { name, group, env: {}, cases: data }
    : { name, group, env: data.env, cases: data.cases };
}
