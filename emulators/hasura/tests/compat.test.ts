/**
 * The conformance suite: every YAML case of `tests/cases/<group>/` over HTTP against the real server (startHasura on
 * an ephemeral port), on embedded PGlite and, when TEST_DATABASE_URL is set, on PostgreSQL. A group serves its own
 * project (`setup.sql` + `tables.yaml`) or the authors-articles fixture (see helpers/cases.ts). Isolation: each case
 * FILE gets a fresh database and server, and its cases run in file order, so a mutation case can rely on the cases
 * before it in the same file and never leaks into another file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { startHasura, type RunningHasura } from '../src/index.js';
import { loadCaseFiles, type CaseGroup, type CompatCase } from './helpers/cases.js';
import { expandJwtTemplates } from './helpers/jwt-templates.js';
import { testDatabaseTargets, type TestDatabase } from './helpers/test-databases.js';

const here = new URL('.', import.meta.url).pathname;
const fixture = join(here, 'fixtures', 'authors-articles');
export const ADMIN_SECRET = 'compat-admin-secret';
export const JWT_KEY = 'compat-hs256-key-with-at-least-32-characters';

const baseEnv = {
  HASURA_GRAPHQL_ADMIN_SECRET: ADMIN_SECRET,
  HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: JWT_KEY }),
  HASURA_GRAPHQL_UNAUTHORIZED_ROLE: 'anonymous',
};

const files = loadCaseFiles(join(here, 'cases'));
const projects = new Map<string, { metadataDir: string; migrationsDir: string }>();
let scratch: string | undefined;

/** The Hasura project a group serves: the fixture, or one written from the group's setup.sql and tables.yaml. */
function projectOf(group: CaseGroup) {
  if (!group.setupSql) return { metadataDir: join(fixture, 'metadata'), migrationsDir: join(fixture, 'migrations') };
  let project = projects.get(group.name);
  if (!project) {
    scratch ??= mkdtempSync(join(tmpdir(), 'hasura-cases-'));
    const root = join(scratch, group.name);
    const migration = join(root, 'migrations', 'default', '1700000000000_setup');
    mkdirSync(join(root, 'metadata', 'databases'), { recursive: true });
    mkdirSync(migration, { recursive: true });
    writeFileSync(join(root, 'metadata', 'version.yaml'), 'version: 3\n');
    writeFileSync(
      join(root, 'metadata', 'databases', 'databases.yaml'),
      `- name: default\n  kind: postgres\n  configuration: {}\n  tables: "!include ${group.tablesFile}"\n`,
    );
    writeFileSync(join(migration, 'up.sql'), readFileSync(group.setupSql, 'utf8'));
    project = { metadataDir: join(root, 'metadata'), migrationsDir: join(root, 'migrations') };
    projects.set(group.name, project);
  }
  return project;
}

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

for (const target of testDatabaseTargets()) {
  describe(`conformance on ${target.name}`, () => {
    for (const file of files) {
      describe(file.name, () => {
        let database: TestDatabase;
        let hasura: RunningHasura;
        const config = () => {
          const project = projectOf(file.group);
          return readConfig({
            ...baseEnv,
            HASURA_GRAPHQL_METADATA_DIR: project.metadataDir,
            HASURA_GRAPHQL_MIGRATIONS_DIR: project.migrationsDir,
            ...file.env,
            HASURA_GRAPHQL_DATABASE_URL: database.url,
          });
        };

        beforeAll(async () => {
          database = await target.create();
          hasura = await startHasura(config(), { port: 0 });
        });
        afterAll(async () => {
          await hasura?.close();
          await database?.drop();
        });

        it('reports the inconsistent metadata objects at start-up', () => {
          expect(hasura.engine.inconsistentObjects).toEqual(file.group.inconsistent);
        });

        for (const testCase of file.cases) {
          it(testCase.description, async () => {
            const { status, body } = await send(hasura.url, testCase, config());
            expect({ status, body }).toEqual({ status: testCase.status, body: testCase.response });
          });
        }
      });
    }
  });
}

async function send(baseUrl: string, testCase: CompatCase, config: ReturnType<typeof readConfig>) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(testCase.headers)) {
    let expanded = value.replaceAll('<admin>', ADMIN_SECRET);
    if (config.jwt) expanded = await expandJwtTemplates(expanded, config.jwt, hmacKeyOf(config));
    headers[name] = expanded;
  }
  const response = await fetch(`${baseUrl}${testCase.url}`, {
    method: testCase.method,
    headers,
    body:
      testCase.method === 'GET'
        ? undefined
        : typeof testCase.query === 'string'
          ? testCase.query
          : JSON.stringify(testCase.query),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: compared as text.
  }
  return { status: response.status, body };
}

/** The HMAC secret of the server's JWT config (the cases sign their tokens with it). */
function hmacKeyOf(config: ReturnType<typeof readConfig>): string {
  const source = config.jwt!.keySource;
  if (source.kind !== 'key' || !(source.key instanceof Uint8Array)) throw new Error('compat cases need an HS* JWT key');
  return new TextDecoder().decode(source.key);
}
