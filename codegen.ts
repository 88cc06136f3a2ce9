/**
 * GraphQL Code Generator config: the client preset turns the documents in `app/` into TypedDocumentNodes under
 * `app/gql/`, typed against the committed `graphql/schema.graphql` (works offline). `npm run codegen` refreshes
 * that schema from Hasura first (scripts/codegen.ts); `npx graphql-codegen` alone just regenerates the types.
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

export const DEFAULT_CODEGEN_PATHS: CodegenPaths = {
  schema: 'graphql/schema.graphql',
  outDir: 'app/gql/',
  documents: ['app/**/*.{ts,tsx}', '!app/gql/**'],
};

export function codegenConfig(paths: CodegenPaths = DEFAULT_CODEGEN_PATHS): CodegenConfig {
  const outDir = paths.outDir.endsWith('/') ? paths.outDir : `${paths.outDir}/`;
  return {
    schema: paths.schema,
    documents: paths.documents,
    ignoreNoDocuments: false,
    generates: {
      [outDir]: {
        preset: 'client',
        // Plain objects are easier to read in routes; no useFragment() unmasking needed.
        presetConfig: { fragmentMasking: false },
        config: {
          // Hasura's custom scalars: uuid and timestamptz travel as strings; bigint and numeric as JSON numbers (unless
          // HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES=true, then change them to string here).
          scalars: { uuid: 'string', timestamptz: 'string', numeric: 'number', bigint: 'number', jsonb: 'unknown' },
          enumsAsTypes: true,
          useTypeImports: true,
        },
      },
    },
  };
}

export default codegenConfig();
