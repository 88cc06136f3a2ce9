/**
 * GraphQL Code Generator config: the client preset turns the documents in `app/` into TypedDocumentNodes under
 * `app/gql/`, typed against the committed `graphql/schema.graphql` (works offline). The Clerk webhook's documents
 * (`app/webhooks/`) run as another role and get their own schema file and module. `npm run codegen` refreshes
 * both schemas from Hasura first (scripts/codegen.ts); `npx graphql-codegen` alone just regenerates the types.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

export interface CodegenPaths {
  /** The SDL file to type against. */
  schema: string;
  /** Output directory for the generated module (trailing slash added when missing). */
  outDir: string;
  /** Globs of the files holding `graphql(...)` documents. */
  documents: string[];
}

/** The app's documents, typed against what the `user` role sees. */
export const DEFAULT_CODEGEN_PATHS: CodegenPaths = {
  schema: 'graphql/schema.graphql',
  outDir: 'app/gql/',
  documents: ['app/**/*.{ts,tsx}', '!app/gql/**', '!app/webhooks/**'],
};

/** The Clerk webhook's documents, typed against what the `clerk_webhook` role sees (server only, admin secret). */
export const WEBHOOK_CODEGEN_PATHS: CodegenPaths = {
  schema: 'graphql/clerk-webhook.graphql',
  outDir: 'app/webhooks/gql/',
  documents: ['app/webhooks/**/*.ts', '!app/webhooks/gql/**'],
};

export function codegenConfig(
  paths: CodegenPaths = DEFAULT_CODEGEN_PATHS,
  webhookPaths: CodegenPaths = WEBHOOK_CODEGEN_PATHS,
): CodegenConfig {
  return {
    ignoreNoDocuments: false,
    generates: { [withSlash(paths.outDir)]: output(paths), [withSlash(webhookPaths.outDir)]: output(webhookPaths) },
  };
}

const withSlash = (dir: string) => (dir.endsWith('/') ? dir : `${dir}/`);

function output(paths: CodegenPaths) {
  return {
    schema: paths.schema,
    documents: paths.documents,
    preset: 'client' as const,
    // Plain objects are easier to read in routes; no useFragment() unmasking needed.
    presetConfig: { fragmentMasking: false },
    config: {
      // Hasura's custom scalars: uuid and timestamptz travel as strings; bigint and numeric as JSON numbers (unless
      // HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES=true, then change them to string here).
      scalars: { uuid: 'string', timestamptz: 'string', numeric: 'number', bigint: 'number', jsonb: 'unknown' },
      enumsAsTypes: true,
      useTypeImports: true,
    },
  };
}

export default codegenConfig();
