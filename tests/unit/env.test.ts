import { describe, expect, it, vi } from 'vitest';
import { localStackEnv } from '../../scripts/local-env';
import { appOrigins, parseEnv, stackMode } from '~/env.server';

describe('app environment', () => {
  it('accepts the local stack env and calls it local', () => {
    const env = parseEnv(localStackEnv().app);
    expect(env.HASURA_TOKEN_CACHE).toBe('on');
    expect(env.HASURA_JWT_TEMPLATE).toBe('hasura');
    expect(stackMode(env)).toBe('local');
  });

  it('calls real Clerk + real Hasura real', () => {
    const env = parseEnv({
      CLERK_PUBLISHABLE_KEY: 'pk_test_Zm9vLmNsZXJrLmFjY291bnRzLmRldiQ',
      CLERK_SECRET_KEY: 'sk_test_abc',
      HASURA_GRAPHQL_ENDPOINT: 'https://my-app.hasura.app/v1/graphql',
    });
    expect(stackMode(env)).toBe('real');
  });

  it('names every missing or bad variable in one message', () => {
    expect(() => parseEnv({ CLERK_SECRET_KEY: 'nope', HASURA_TOKEN_CACHE: 'maybe' })).toThrow(
      /CLERK_PUBLISHABLE_KEY: is not set[\s\S]*CLERK_SECRET_KEY: must start with sk_[\s\S]*HASURA_GRAPHQL_ENDPOINT: is not set[\s\S]*HASURA_TOKEN_CACHE/,
    );
  });

  it('reads APP_ORIGIN as a list of origins, serialized as browsers send Origin, and refuses anything else', () => {
    const local = localStackEnv().app;
    expect(appOrigins(parseEnv(local))).toEqual([]);
    const env = parseEnv({ ...local, APP_ORIGIN: ' https://Books.Example.com/ , http://localhost:3000' });
    expect(appOrigins(env)).toEqual(['https://books.example.com', 'http://localhost:3000']);
    for (const bad of [
      'books.example.com',
      'https://books.example.com/app',
      'ftp://books.example.com',
      'https://a.example?x=1',
    ]) {
      expect(() => parseEnv({ ...local, APP_ORIGIN: bad })).toThrow(/APP_ORIGIN[\s\S]*must be an origin/);
    }
  });

  it('refuses a half-local Clerk (it would silently talk to real Clerk)', () => {
    const { CLERK_JS: _omitted, ...partial } = localStackEnv().app;
    expect(() => parseEnv(partial)).toThrow(/CLERK_JS: is required when any of/);
  });
});

describe('getPublicEnv', () => {
  it('hands the browser only the Hasura endpoint and template name, nothing secret', async () => {
    for (const [name, value] of Object.entries(localStackEnv().app)) vi.stubEnv(name, value);
    vi.stubEnv('HASURA_GRAPHQL_ADMIN_SECRET', 'an-admin-secret');
    const { getPublicEnv } = await import('~/env.server');
    const publicEnv = getPublicEnv();
    expect(Object.keys(publicEnv).sort()).toEqual(['HASURA_GRAPHQL_ENDPOINT', 'HASURA_JWT_TEMPLATE']);
    expect(JSON.stringify(publicEnv)).not.toMatch(/sk_test_local|an-admin-secret/);
    vi.unstubAllEnvs();
  });
});
