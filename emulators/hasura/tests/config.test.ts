/** readConfig's local extensions and CORS settings: database URL forms, statement timeout, CORS domains. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl, readConfig } from '../src/config.js';
import { isAllowedOrigin, readCorsConfig } from '../src/cors.js';

describe('HASURA_GRAPHQL_DATABASE_URL', () => {
  it('keeps the default directory, memory and PostgreSQL', () => {
    expect(parseDatabaseUrl(undefined, '/work/app')).toEqual({ kind: 'pglite', dir: '/work/app/.data/hasura/pglite' });
    expect(parseDatabaseUrl('pglite://memory')).toEqual({ kind: 'pglite', dir: null });
    expect(parseDatabaseUrl('postgres://u:p@h/db')).toEqual({ kind: 'postgres', url: 'postgres://u:p@h/db' });
  });

  it('takes pglite:///absolute/dir and pglite://relative/dir (against the working directory)', () => {
    expect(parseDatabaseUrl('pglite:///var/lib/hasura/db')).toEqual({ kind: 'pglite', dir: '/var/lib/hasura/db' });
    expect(parseDatabaseUrl('pglite://.data/other', '/work/app')).toEqual({
      kind: 'pglite',
      dir: '/work/app/.data/other',
    });
    expect(parseDatabaseUrl('pglite://./memory', '/work/app')).toEqual({ kind: 'pglite', dir: '/work/app/memory' });
    expect(readConfig({ HASURA_GRAPHQL_DATABASE_URL: 'pglite://tmp/x' }).database).toEqual({
      kind: 'pglite',
      dir: join(process.cwd(), 'tmp/x'),
    });
  });

  it('refuses other forms, naming the accepted ones', () => {
    for (const url of ['pglite://', 'pglite:///', 'mysql://x', 'pglite:memory', '/abs/dir']) {
      expect(() => readConfig({ HASURA_GRAPHQL_DATABASE_URL: url }), url).toThrow(
        /pglite:\/\/\/absolute\/dir, pglite:\/\/relative\/dir/,
      );
    }
  });
});

describe('HASURA_GRAPHQL_STATEMENT_TIMEOUT', () => {
  it('is 5 s by default, in seconds, 0 to disable, and refuses other values', () => {
    expect(readConfig({}).statementTimeoutMs).toBe(5000);
    expect(readConfig({ HASURA_GRAPHQL_STATEMENT_TIMEOUT: '0.25' }).statementTimeoutMs).toBe(250);
    expect(readConfig({ HASURA_GRAPHQL_STATEMENT_TIMEOUT: '0' }).statementTimeoutMs).toBe(0);
    expect(() => readConfig({ HASURA_GRAPHQL_STATEMENT_TIMEOUT: '5s' })).toThrow(
      /STATEMENT_TIMEOUT: must be a number of seconds/,
    );
  });
});

describe('HASURA_GRAPHQL_CORS_DOMAIN', () => {
  it('is * by default; DISABLE_CORS wins', () => {
    expect(readConfig({}).cors).toEqual({ mode: 'all' });
    expect(readConfig({ HASURA_GRAPHQL_CORS_DOMAIN: ' * ' }).cors).toEqual({ mode: 'all' });
    expect(
      readConfig({ HASURA_GRAPHQL_CORS_DOMAIN: 'http://a.com', HASURA_GRAPHQL_DISABLE_CORS: 'true' }).cors,
    ).toEqual({ mode: 'disabled' });
  });

  it('refuses a domain without scheme, with a path, or another scheme, with upstream’s message', () => {
    for (const domain of ['localhost:3000', 'http://a.com/path', 'ftp://a.com', 'http://a.com, *', 'https://*', '']) {
      expect(readCorsConfig(domain), domain).toMatch(
        /^invalid domain: '.*'\. All domains should have scheme \+ \(optional wildcard\) host \+ \(optional port\)$/,
      );
    }
    expect(() => readConfig({ HASURA_GRAPHQL_CORS_DOMAIN: 'localhost:3000' })).toThrow(
      /HASURA_GRAPHQL_CORS_DOMAIN: invalid domain: 'localhost:3000'/,
    );
  });

  it('matches exact origins and one-label wildcards, scheme and port included', () => {
    const config = readCorsConfig('http://localhost:3000,https://*.foo.bar.com:8080, http://*.localhost');
    if (typeof config === 'string') throw new Error(config);
    const allowed = ['http://localhost:3000', 'https://x.foo.bar.com:8080', 'http://app.localhost'];
    const refused = [
      'http://localhost',
      'https://foo.bar.com:8080',
      'https://x.y.foo.bar.com:8080',
      'https://x.foo.bar.com',
      'http://app.localhost:3000',
    ];
    for (const origin of allowed) expect(isAllowedOrigin(config, origin), origin).toBe(true);
    for (const origin of refused) expect(isAllowedOrigin(config, origin), origin).toBe(false);
  });
});
