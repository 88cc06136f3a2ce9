import { describe, expect, it } from 'vitest';
import { localPublishableKey, localStackEnv } from '../../scripts/local-env';

describe('localStackEnv', () => {
  it('wires the default ports together', () => {
    const env = localStackEnv();
    expect(env.clerk).toEqual({
      CLERK_EMULATOR_PORT: '4000',
      CLERK_EMULATOR_APP_ORIGINS: 'http://127.0.0.1:3000,http://localhost:3000',
      CLERK_SECRET_KEY: 'sk_test_local',
      CLERK_EMULATOR_WEBHOOK_URL: 'http://127.0.0.1:3000/webhooks/clerk',
      CLERK_EMULATOR_WEBHOOK_SIGNING_SECRET: env.app.CLERK_WEBHOOK_SIGNING_SECRET,
    });
    expect(env.app.CLERK_WEBHOOK_SIGNING_SECRET).toMatch(/^whsec_[A-Za-z0-9+/=]{16,}$/);
    expect(env.hasura.HASURA_GRAPHQL_SERVER_PORT).toBe('8080');
    expect(JSON.parse(env.hasura.HASURA_GRAPHQL_JWT_SECRET)).toEqual({
      jwk_url: 'http://127.0.0.1:4000/.well-known/jwks.json',
    });
    expect(env.hasura.HASURA_GRAPHQL_UNAUTHORIZED_ROLE).toBe('anonymous');
    expect(env.hasura.HASURA_GRAPHQL_SEEDS_DIR).toBe('hasura/seeds');
    expect(env.hasura).not.toHaveProperty('HASURA_GRAPHQL_DATABASE_URL');
    expect(env.app.PORT).toBe('3000');
    expect(env.app.CLERK_API_URL).toBe('http://127.0.0.1:4000');
    expect(env.app.CLERK_PROXY_URL).toBe('http://127.0.0.1:4000');
    expect(env.app.CLERK_JS).toBe('http://127.0.0.1:4000/npm/@clerk/clerk-js@5/dist/clerk.browser.js');
    expect(env.app.HASURA_GRAPHQL_ENDPOINT).toBe('http://127.0.0.1:8080/v1/graphql');
    expect(env.app.CLERK_SECRET_KEY).toBe(env.clerk.CLERK_SECRET_KEY);
    // the admin secret reaches the app's server only as HASURA_GRAPHQL_ADMIN_SECRET (for the Clerk webhook)
    expect(env.app.HASURA_GRAPHQL_ADMIN_SECRET).toBe(env.hasura.HASURA_GRAPHQL_ADMIN_SECRET);
    expect(
      Object.entries(env.app)
        .filter(([, value]) => value === env.hasura.HASURA_GRAPHQL_ADMIN_SECRET)
        .map(([name]) => name),
    ).toEqual(['HASURA_GRAPHQL_ADMIN_SECRET']);
  });

  it('follows custom ports and options', () => {
    const env = localStackEnv(
      { app: 5001, clerk: 5002, hasura: 5003 },
      { hasuraDatabaseUrl: 'pglite://memory', tokenCache: 'off', hasuraProjectDir: '/tmp/p/' },
    );
    expect(env.app.CLERK_API_URL).toBe('http://127.0.0.1:5002');
    expect(env.app.HASURA_GRAPHQL_ENDPOINT).toBe('http://127.0.0.1:5003/v1/graphql');
    expect(env.hasura.HASURA_GRAPHQL_DATABASE_URL).toBe('pglite://memory');
    expect(env.hasura.HASURA_GRAPHQL_METADATA_DIR).toBe('/tmp/p/metadata');
    expect(env.app.HASURA_TOKEN_CACHE).toBe('off');
    expect(env.clerk.CLERK_EMULATOR_WEBHOOK_URL).toBe('http://127.0.0.1:5001/webhooks/clerk');
  });

  it('gives the engine the admin secret it is handed, else a random one, and lets only the app origin use CORS', () => {
    const given = localStackEnv({ app: 5001, clerk: 5002, hasura: 5003 }, { hasuraAdminSecret: 'the-checkout-secret' });
    expect(given.hasura.HASURA_GRAPHQL_ADMIN_SECRET).toBe('the-checkout-secret');
    expect(given.hasura.HASURA_GRAPHQL_CORS_DOMAIN).toBe('http://localhost:5001, http://127.0.0.1:5001');
    const [a, b] = [
      localStackEnv().hasura.HASURA_GRAPHQL_ADMIN_SECRET,
      localStackEnv().hasura.HASURA_GRAPHQL_ADMIN_SECRET,
    ];
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
  });

  it('encodes the publishable key the way Clerk does', () => {
    const key = localPublishableKey();
    expect(key.startsWith('pk_test_')).toBe(true);
    expect(Buffer.from(key.slice('pk_test_'.length), 'base64').toString()).toBe('local-emulator.clerk.accounts.dev$');
  });

  it('rejects a bad port', () => {
    expect(() => localStackEnv({ app: 0, clerk: 4000, hasura: 8080 })).toThrow(/"app"/);
  });
});
