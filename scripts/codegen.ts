/**
 * `npm run codegen`: refreshes `graphql/schema.graphql` with the schema Hasura shows the `user` role (and
 * `graphql/clerk-webhook.graphql` with the `clerk_webhook` role's), then runs GraphQL Code Generator (codegen.ts)
 * to rewrite `app/gql/` and `app/webhooks/gql/`.
 *
 * Which Hasura: `HASURA_GRAPHQL_ENDPOINT` + `HASURA_GRAPHQL_ADMIN_SECRET` when both are set (a running real or
 * local Hasura; for a local endpoint the secret defaults to the checkout's, `.data/hasura-admin-secret`); otherwise the local engine started in this process on `pglite://memory` with the project's
 * current migrations and metadata (nothing else needs to run).
 */
import { randomBytes } from 'node:crypto';
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
import { startHasura } from '@emulators/hasura';
import { readConfig } from '@emulators/hasura/config';
import { codegenConfig, DEFAULT_CODEGEN_PATHS, WEBHOOK_CODEGEN_PATHS } from '../codegen';
import { readCheckoutAdminSecret } from './local-admin-secret';

/** The role whose view of the schema the app's types describe. */
const CODEGEN_ROLE = 'user';
/** The role the Clerk webhook's documents run as. */
const WEBHOOK_ROLE = 'clerk_webhook';

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
  /** Globs of the files holding documents; default `app/**\/*.{ts,tsx}` minus the outputs and app/webhooks. */
  documents?: string[];
  /** The `clerk_webhook` role's schema file and generated module; default `graphql/clerk-webhook.graphql`, `app/webhooks/gql/`. */
  webhookSchemaFile?: string;
  webhookOutDir?: string;
  /** Directory relative paths are resolved against; default the current directory. */
  cwd?: string;
}

/** Introspects `endpoint` as `role` (default `user`) and prints the schema as stable, sorted SDL. */
export async function introspectSchema(endpoint: string, adminSecret: string, role = CODEGEN_ROLE): Promise<string> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'x-hasura-admin-secret': adminSecret,
      'x-hasura-role': role,
    },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  }).catch((error: Error) => {
    throw new Error(`cannot reach Hasura at ${endpoint}: ${error.message}`);
  });
  if (!response.ok)
    throw new Error(`Hasura at ${endpoint} answered HTTP ${response.status} to the introspection query`);
  const body = (await response.json()) as { data?: IntrospectionQuery; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`introspection failed: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  }
  return `${printSchema(lexicographicSortSchema(buildClientSchema(body.data)))}\n`;
}

/** Starts the local engine on an in-memory database with `hasuraDir`'s project, introspects it as each role, stops it. */
export async function introspectLocalProject(hasuraDir: string, roles: string[] = [CODEGEN_ROLE]): Promise<string[]> {
  const adminSecret = randomBytes(24).toString('base64url'); // this run only: the engine listens on 127.0.0.1 meanwhile
  const config = readConfig({
    HASURA_GRAPHQL_DATABASE_URL: 'pglite://memory',
    HASURA_GRAPHQL_ADMIN_SECRET: adminSecret,
    HASURA_GRAPHQL_METADATA_DIR: join(hasuraDir, 'metadata'),
    HASURA_GRAPHQL_MIGRATIONS_DIR: join(hasuraDir, 'migrations'),
    HASURA_GRAPHQL_SERVER_PORT: '0',
  });
  const hasura = await startHasura(config, { port: 0 });
  try {
    const schemas: string[] = [];
    for (const role of roles) schemas.push(await introspectSchema(`${hasura.url}/v1/graphql`, adminSecret, role));
    return schemas;
  } finally {
    await hasura.close();
  }
}

export async function runCodegenPipeline(
  options: CodegenPipelineOptions = {},
): Promise<{ schemaFile: string; outDir: string; webhookSchemaFile: string; webhookOutDir: string }> {
  const cwd = resolve(options.cwd ?? '.');
  const schemaFile = resolve(cwd, options.schemaFile ?? DEFAULT_CODEGEN_PATHS.schema);
  const outDir = resolve(cwd, options.outDir ?? DEFAULT_CODEGEN_PATHS.outDir);

  if (options.endpoint && !options.adminSecret) {
    throw new Error('introspecting a running Hasura needs its admin secret (HASURA_GRAPHQL_ADMIN_SECRET)');
  }
  const webhookSchemaFile = resolve(cwd, options.webhookSchemaFile ?? WEBHOOK_CODEGEN_PATHS.schema);
  const webhookOutDir = resolve(cwd, options.webhookOutDir ?? WEBHOOK_CODEGEN_PATHS.outDir);
  const [sdl, webhookSdl] = options.endpoint
    ? [
        await introspectSchema(options.endpoint, options.adminSecret!, CODEGEN_ROLE),
        await introspectSchema(options.endpoint, options.adminSecret!, WEBHOOK_ROLE),
      ]
    : await introspectLocalProject(resolve(cwd, options.hasuraDir ?? 'hasura'), [CODEGEN_ROLE, WEBHOOK_ROLE]);
  for (const [file, text] of [
    [schemaFile, sdl],
    [webhookSchemaFile, webhookSdl],
  ] as const) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }

  const documents = options.documents ?? DEFAULT_CODEGEN_PATHS.documents;
  const config = codegenConfig(
    { schema: schemaFile, outDir, documents },
    { schema: webhookSchemaFile, outDir: webhookOutDir, documents: WEBHOOK_CODEGEN_PATHS.documents },
  );
  await generate({ ...config, cwd, silent: true }, true);
  return { schemaFile, outDir, webhookSchemaFile, webhookOutDir };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const endpoint = process.env.HASURA_GRAPHQL_ENDPOINT;
  // The local stack's engine (`npm run dev`) uses the checkout's secret from .data/.
  const local = endpoint && /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(endpoint);
  const adminSecret = process.env.HASURA_GRAPHQL_ADMIN_SECRET || (local ? readCheckoutAdminSecret() : undefined);
  const remote = endpoint && adminSecret ? { endpoint, adminSecret } : {};
  console.log(
    remote.endpoint
      ? `codegen: introspecting ${remote.endpoint} as roles "${CODEGEN_ROLE}" and "${WEBHOOK_ROLE}"`
      : `codegen: introspecting the local engine (pglite://memory, ./hasura) as roles "${CODEGEN_ROLE}" and "${WEBHOOK_ROLE}"`,
  );
  runCodegenPipeline(remote).then(
    (written) =>
      console.log(
        `codegen: wrote ${written.schemaFile}, ${written.outDir}/, ${written.webhookSchemaFile} and ${written.webhookOutDir}/`,
      ),
    (error: Error) => {
      console.error(`codegen failed: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
