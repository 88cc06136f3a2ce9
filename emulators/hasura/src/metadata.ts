/**
 * Loads a Hasura CLI metadata directory (config v3) into `Metadata`.
 *
 * `!include <path>` is resolved relative to the including file, both as a YAML tag (`tables: !include x.yaml`) and
 * as the quoted string the Hasura CLI writes (`tables: "!include x.yaml"`). Only the first source is served.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse, type ScalarTag } from 'yaml';
import type { Metadata, SourceMetadata, TableMetadata } from './types.js';

const INCLUDE_STRING = /^!include\s+(.+)$/;

/** What the `!include` tag parses to, until the loader replaces it with the included file's content. */
class Include {
  constructor(readonly path: string) {}
}

const includeTag: ScalarTag = {
  tag: '!include',
  resolve: (value: string) => new Include(value.trim()),
};

export async function loadMetadata(dir: string): Promise<Metadata> {
  const versionFile = join(dir, 'version.yaml');
  if (!existsSync(versionFile)) throw new Error(`metadata directory "${dir}" has no version.yaml`);
  const version = (readYaml(versionFile) as { version?: unknown } | null)?.version;
  if (version !== 3)
    throw new Error(`${versionFile}: only metadata version 3 is supported, got ${JSON.stringify(version)}`);

  const databasesFile = join(dir, 'databases', 'databases.yaml');
  if (!existsSync(databasesFile)) return { version: 3, sources: [] };
  const databases = readYaml(databasesFile);
  if (databases !== null && !Array.isArray(databases))
    throw new Error(`${databasesFile}: expected a list of databases`);
  const sources = (databases ?? []).slice(0, 1).map((source) => toSource(source, databasesFile));
  return { version: 3, sources };
}

function toSource(value: unknown, file: string): SourceMetadata {
  const source = value as { name?: unknown; kind?: unknown; tables?: unknown };
  if (typeof source?.name !== 'string') throw new Error(`${file}: a database entry has no name`);
  if (source.kind !== undefined && source.kind !== 'postgres') {
    throw new Error(
      `${file}: database "${source.name}" is of kind "${String(source.kind)}"; only postgres is supported`,
    );
  }
  const tables = source.tables ?? [];
  if (!Array.isArray(tables)) throw new Error(`${file}: "tables" of database "${source.name}" must be a list`);
  for (const table of tables as TableMetadata[]) {
    if (typeof table?.table?.name !== 'string') {
      throw new Error(`${file}: a table of database "${source.name}" has no table.name`);
    }
    table.table = { schema: table.table.schema ?? 'public', name: table.table.name };
  }
  return { name: source.name, kind: 'postgres', tables: tables as TableMetadata[] };
}

/** Parses one YAML file and resolves its includes recursively. */
function readYaml(file: string, includedFrom: string[] = []): unknown {
  if (includedFrom.includes(file)) throw new Error(`${file}: !include cycle (${[...includedFrom, file].join(' -> ')})`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const from = includedFrom.at(-1);
    throw new Error(from ? `${from}: included file "${file}" not found` : `${file}: file not found`);
  }
  let document: unknown;
  try {
    document = parse(text, { customTags: [includeTag] });
  } catch (error) {
    throw new Error(`${file}: invalid YAML: ${(error as Error).message}`);
  }
  return resolveIncludes(document, file, [...includedFrom, file]);
}

function resolveIncludes(value: unknown, file: string, chain: string[]): unknown {
  const includePath =
    value instanceof Include ? value.path : typeof value === 'string' ? INCLUDE_STRING.exec(value)?.[1] : undefined;
  if (includePath !== undefined) return readYaml(resolve(dirname(file), includePath.trim()), chain);
  if (Array.isArray(value)) return value.map((item) => resolveIncludes(item, file, chain));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveIncludes(item, file, chain)]));
  }
  return value;
}
