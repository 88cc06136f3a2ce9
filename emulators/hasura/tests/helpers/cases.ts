/**
 * The YAML compatibility cases (`tests/cases/*.yaml`), in the shape of the real engine's own test suite
 * (server/tests-py): `{ description, url, status, headers, query: { query, variables }, response }`.
 * A file is either a list of cases, or `{ env: {…}, cases: [...] }` when it needs its own server settings
 * (env vars merged over the runner's defaults, e.g. another HASURA_GRAPHQL_JWT_SECRET).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const caseSchema = z
  .object({
    description: z.string().min(1),
    url: z.string().startsWith('/').default('/v1/graphql'),
    status: z.number().int().default(200),
    headers: z.record(z.string()).default({}),
    query: z.unknown(),
    response: z.unknown(),
  })
  .strict();

const fileSchema = z.union([
  z.array(caseSchema),
  z.object({ env: z.record(z.string()).default({}), cases: z.array(caseSchema) }).strict(),
]);

export type CompatCase = z.infer<typeof caseSchema>;
export interface CaseFile {
  name: string;
  env: Record<string, string>;
  cases: CompatCase[];
}

export function loadCaseFiles(dir: string): CaseFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'))
    .sort()
    .map((file) => {
      const parsed = fileSchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
        throw new Error(`${file}: not a case file:\n  ${problems.join('\n  ')}`);
      }
      const data = parsed.data;
      return Array.isArray(data)
        ? { name: basename(file), env: {}, cases: data }
        : { name: basename(file), env: data.env, cases: data.cases };
    });
}
