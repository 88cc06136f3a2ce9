/**
 * `npm run codegen`: refreshes `graphql/schema.graphql` with the schema Hasura shows the `user` role, then runs
 * GraphQL Code Generator (codegen.ts) to rewrite `app/gql/`.
 *
 * Which Hasura: `HASURA_GRAPHQL_ENDPOINT` + `HASURA_GRAPHQL_ADMIN_SECRET` when both are set (a running real or
 * local Hasura); otherwise the local engine started in this process on `pglite://memory` with the project's
 * current migrations and metadata (nothing else needs to run).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import {
  buildClientSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { codegenConfig, DEFAULT_CODEGEN_PATHS } from '../codegen';
import { startHasura } from '@emulators/hasura';
import { readConfig } from '@emulators/hasura/config';

/** The role whose view of the schema the app's types describe. */
const CODEGEN_ROLE = 'user';

export interface CodegenPipelineOptions {
  /** Hasura CLI project (metadata/ + migrations/) for the in-process engine; default `hasura`. */
  hasuraDir?: string;
  /** A running Hasura to introspect instead; needs `adminSecret` too. */
  endpoint?: string;
  adminSecret?: string;
  /** Where the printed schema goes; default `graphql/schema.graphql`. */
  schemaFile?: string;
  /** Where the generated module goes; default `app/gql/`. */
  outDir?: string;
  /** Globs of the files holding documents; default `app/**\/*.{ts,tsx}` minus the output. */
  documents?: string[];
  /** Directory relative paths are resolved against; default the current directory. */
  cwd?: string;
}

/** Introspects `endpoint` as the `user` role and prints the schema as stable, sorted SDL. */
export async function introspectSchema(endpoint: string, adminSecret: string): Promise<string> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'x-hasura-admin-secret': adminSecret,
      'x-hasura-role': CODEGEN_ROLE,
    },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  }).catch((error: Error) => {
    throw new Error(`cannot reach Hasura at ${endpoint}: ${error.message}`);
  });
  if (!response.ok) throw new Error(`Hasura at ${endpoint} answered HTTP ${response.status} to the introspection query`);
  const body = (await response.json()) as { data?: IntrospectionQuery; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`introspection failed: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  }
  return `${printSchema(lexicographicSortSchema(buildClientSchema(body.data)))}\n`;
}

/** Starts the local engine on an in-memory database with `hasuraDir`'s project, introspects it, stops it. */
export async function introspectLocalProject(hasuraDir: string): Promise<string> {
  const adminSecret = 'codegen-admin-secret';
  const config = readConfig({
    HASURA_GRAPHQL_DATABASE_URL: 'pglite://memory',
    HASURA_GRAPHQL_ADMIN_SECRET: adminSecret,
    HASURA_GRAPHQL_METADATA_DIR: join(hasuraDir, 'metadata'),
    HASURA_GRAPHQL_MIGRATIONS_DIR: join(hasuraDir, 'migrations'),
    HASURA_GRAPHQL_SERVER_PORT: '0',
  });
  const hasura = await startHasura(config, { port: 0 });
  try {
    return await introspectSchema(`${hasura.url}/v1/graphql`, adminSecret);
  } finally {
    await hasura.close();
  }
}

export async function runCodegenPipeline(options: CodegenPipelineOptions = {}): Promise<{ schemaFile: string; outDir: string }> {
  const cwd = resolve(options.cwd ?? '.');
  const schemaFile = resolve(cwd, options.schemaFile ?? DEFAULT_CODEGEN_PATHS.schema);
  const outDir = resolve(cwd, options.outDir ?? DEFAULT_CODEGEN_PATHS.outDir);

  if (options.endpoint && !options.adminSecret) {
    throw new Error('introspecting a running Hasura needs its admin secret (HASURA_GRAPHQL_ADMIN_SECRET)');
  }
  const sdl = options.endpoint
    ? await introspectSchema(options.endpoint, options.adminSecret!)
    : await introspectLocalProject(resolve(cwd, options.hasuraDir ?? 'hasura'));
  await mkdir(dirname(schemaFile), { recursive: true });
  await writeFile(schemaFile, sdl);

  const documents = options.documents ?? DEFAULT_CODEGEN_PATHS.documents;
  await generate({ ...codegenConfig({ schema: schemaFile, outDir, documents }), cwd, silent: true }, true);
  return { schemaFile, outDir };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const endpoint = process.env.HASURA_GRAPHQL_ENDPOINT;
  const adminSecret = process.env.HASURA_GRAPHQL_ADMIN_SECRET;
  const remote = endpoint && adminSecret ? { endpoint, adminSecret } : {};
  console.log(
    remote.endpoint
      ? `codegen: introspecting ${remote.endpoint} as role "${CODEGEN_ROLE}"`
      : `codegen: introspecting the local engine (pglite://memory, ./hasura) as role "${CODEGEN_ROLE}"`,
  );
  runCodegenPipeline(remote).then(
    ({ schemaFile, outDir }) => console.log(`codegen: wrote ${schemaFile} and ${outDir}/`),
    (error: Error) => {
      console.error(`codegen failed: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
