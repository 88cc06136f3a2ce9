/**
 * The deploy path without a Docker engine: `docker-compose config` (Debian's docker-compose package, which needs no
 * engine) validates docker-compose.yml and resolves each profile, and the Dockerfile's inputs are checked against
 * the repository. Building and running the images needs an engine; see "Deploy" in the README.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clerkJsUrl, LOCAL_SECRET_KEY, publishableKeyFor } from '@emulators/clerk/local-instance';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = resolve(import.meta.dirname, '../..');
const composeBinary = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
if (!composeBinary)
  console.warn('docker-compose.yml is NOT validated: no docker-compose binary (apt-get install docker-compose)');

interface Service {
  image?: string;
  build?: { context: string; target?: string };
  profiles?: string[];
  ports?: Array<string | { published: number | string; target: number; host_ip?: string }>;
  volumes?: Array<string | { source: string; target: string }>;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  command?: string[];
}

// An empty env file and a bare environment: a developer's .env or shell must not change what is checked.
const scratch = mkdtempSync(join(tmpdir(), 'compose-test-'));
const emptyEnvFile = join(scratch, 'empty.env');
writeFileSync(emptyEnvFile, '');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A port as `{ host_ip, published, target }`, from docker-compose v1's short form or the long form. */
function portOf(port: NonNullable<Service['ports']>[number]) {
  if (typeof port !== 'string')
    return { host_ip: port.host_ip, published: Number(port.published), target: port.target };
  const [target, published, hostIp] = port
    .replace(/\/tcp$/, '')
    .split(':')
    .reverse();
  return { host_ip: hostIp, published: Number(published), target: Number(target) };
}

/** A volume as `[source, target]`, from docker-compose v1's short form or the long form. */
function volumeOf(volume: NonNullable<Service['volumes']>[number]): [string, string] {
  if (typeof volume !== 'string') return [volume.source, volume.target];
  const [source, target] = volume.split(':');
  return [source, target];
}

function composeConfig(profiles: string[] = [], env: Record<string, string> = {}): Record<string, Service> {
  const args = ['--project-directory', repo, '--env-file', emptyEnvFile, '-f', join(repo, 'docker-compose.yml')];
  for (const profile of profiles) args.push('--profile', profile);
  const output = execFileSync('docker-compose', [...args, 'config'], {
    cwd: scratch,
    env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
  });
  const all = (parse(output) as { services: Record<string, Service> }).services;
  // docker-compose v1 lists every service with its `profiles`; keep those the profiles given here start.
  const active = Object.fromEntries(
    Object.entries(all).filter(
      ([, service]) => !service.profiles || service.profiles.some((name) => profiles.includes(name)),
    ),
  );
  for (const [name, service] of Object.entries(active)) {
    for (const dependency of Object.keys(service.depends_on ?? {}))
      expect(active, `${name} depends on ${dependency}`).toHaveProperty(dependency);
  }
  return active;
}

describe.skipIf(!composeBinary)(
  `docker-compose.yml${composeBinary ? '' : ' (SKIPPED: no docker-compose binary; apt-get install docker-compose)'}`,
  () => {
    it('starts PostgreSQL, the real Hasura on this repo’s project and a one-shot seed by default', () => {
      const services = composeConfig();
      expect(Object.keys(services).sort()).toEqual(['hasura', 'postgres', 'seed']);
      const { hasura, seed } = services;
      expect(hasura.image).toMatch(/^hasura\/graphql-engine:v2\.\d+\.\d+\.cli-migrations-v3$/);
      const mounts = Object.fromEntries(hasura.volumes!.map(volumeOf).map(([source, target]) => [target, source]));
      expect(mounts).toEqual({
        '/hasura-metadata': join(repo, 'hasura/metadata'),
        '/hasura-migrations': join(repo, 'hasura/migrations'),
      });
      for (const source of Object.values(mounts)) expect(existsSync(source)).toBe(true);
      expect(hasura.environment!.HASURA_GRAPHQL_UNAUTHORIZED_ROLE).toBe('anonymous');
      expect(hasura.healthcheck!.test.join(' ')).toContain('/healthz');

      // The seed runs after Hasura applied the migrations, loads every seed file, and only into an empty catalog.
      expect(seed.depends_on).toEqual({ hasura: { condition: 'service_healthy' } });
      expect(seed.volumes!.map(volumeOf)).toEqual([[join(repo, 'hasura/seeds'), '/seeds']]);
      const script = seed.command!.join(' ');
      expect(script).toContain('SELECT EXISTS (SELECT 1 FROM public.books)');
      expect(script).toMatch(/for file in \/seeds\/default\/\*\.sql/);
      expect(existsSync(join(repo, 'hasura/seeds/default'))).toBe(true);
    });

    it('points Hasura at the JWKS in CLERK_JWKS_URL, else at the demo’s local Clerk', () => {
      const jwtSecret = (env: Record<string, string>) =>
        JSON.parse(composeConfig([], env).hasura.environment!.HASURA_GRAPHQL_JWT_SECRET) as { jwk_url: string };
      expect(jwtSecret({})).toEqual({ jwk_url: 'http://clerk:4000/.well-known/jwks.json' });
      const real = 'https://verb-noun-12.clerk.accounts.dev/.well-known/jwks.json';
      expect(jwtSecret({ CLERK_JWKS_URL: real })).toEqual({ jwk_url: real });
    });

    it('profile app: the production image against the real engine, with real Clerk keys and no local Clerk URL', () => {
      const services = composeConfig(['app'], {
        CLERK_PUBLISHABLE_KEY: 'pk_live_abc',
        CLERK_SECRET_KEY: 'sk_live_def',
      });
      expect(Object.keys(services).sort()).toEqual(['app', 'hasura', 'postgres', 'seed']);
      const { app } = services;
      expect(app.build).toEqual({ context: repo, target: 'production' });
      expect(app.depends_on).toEqual({ seed: { condition: 'service_completed_successfully' } });
      expect(app.environment).toMatchObject({
        CLERK_PUBLISHABLE_KEY: 'pk_live_abc',
        CLERK_SECRET_KEY: 'sk_live_def',
        HASURA_GRAPHQL_ENDPOINT: 'http://hasura:8080/v1/graphql',
      });
      for (const name of ['CLERK_API_URL', 'CLERK_PROXY_URL', 'CLERK_JS', 'HASURA_GRAPHQL_ADMIN_SECRET']) {
        expect(app.environment).not.toHaveProperty(name);
      }
    });

    it('profile demo: the local Clerk as a service, the app wired to it with the local instance’s own values', () => {
      const services = composeConfig(['demo']);
      expect(Object.keys(services).sort()).toEqual(['app-demo', 'clerk', 'hasura', 'postgres', 'seed']);
      const { clerk, 'app-demo': app } = services;
      expect(clerk.build).toEqual({ context: repo, target: 'local-clerk' });
      // Only the host's loopback reaches the local Clerk: it signs anyone in.
      expect(clerk.ports!.map(portOf)).toEqual([{ host_ip: '127.0.0.1', published: 4000, target: 4000 }]);
      expect(app.depends_on).toMatchObject({ clerk: { condition: 'service_healthy' } });
      expect(app.environment).toEqual({
        CLERK_PUBLISHABLE_KEY: publishableKeyFor(),
        CLERK_SECRET_KEY: LOCAL_SECRET_KEY,
        CLERK_API_URL: 'http://clerk:4000',
        CLERK_PROXY_URL: 'http://127.0.0.1:4000',
        CLERK_JS: clerkJsUrl('http://127.0.0.1:4000'),
        CLERK_TELEMETRY_DISABLED: '1',
        HASURA_GRAPHQL_ENDPOINT: 'http://hasura:8080/v1/graphql',
      });
    });
  },
);

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(repo, 'Dockerfile'), 'utf8');
  const stages = new Map<string, string>();
  for (const block of dockerfile.split(/^(?=FROM )/m).slice(1)) stages.set(/^FROM \S+ AS (\S+)/.exec(block)![1], block);
  const ignored = readFileSync(join(repo, '.dockerignore'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));

  it('copies only files that exist and that .dockerignore lets through', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((match) => match[1].split(' '));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(join(repo, source)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
    // Every workspace package's manifest is copied before `npm ci`, or npm ci refuses the lockfile.
    const workspaces = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { workspaces: string[] })
      .workspaces;
    for (const workspace of workspaces) expect(stages.get('manifests')).toContain(`COPY ${workspace}/package.json`);
  });

  it('keeps secrets, installs and local state out of the build context', () => {
    for (const entry of ['.env', '**/node_modules', '.data', '.git', 'build', 'public/build'])
      expect(ignored).toContain(entry);
  });

  it('ends with the production stage: production dependencies only, non-root, health-checked on /healthz', () => {
    expect([...stages.keys()].at(-1)).toBe('production');
    expect(stages.get('production-deps')).toMatch(/npm ci --omit=dev/);
    const production = stages.get('production')!;
    expect(production).toContain('COPY --from=production-deps /app/node_modules');
    expect(production).toMatch(/^USER node$/m);
    expect(production).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(production).not.toMatch(/npm ci(?! --omit=dev)/);
  });
});
