import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { assertPortFree, planStack } from '../../scripts/stack.js';

// How `npm run dev` decides what to start (no browser, no servers of the stack).
const ports = { app: 3000, clerk: 4000, hasura: 8080 };

test('with no env of its own the whole local stack is planned', () => {
  const plan = planStack({ PATH: '/usr/bin' }, ports);
  expect(plan.clerk?.CLERK_EMULATOR_PORT).toBe('4000');
  expect(plan.hasura?.HASURA_GRAPHQL_SERVER_PORT).toBe('8080');
  expect(plan.app.CLERK_API_URL).toBe('http://127.0.0.1:4000');
  expect(plan.app.HASURA_GRAPHQL_ENDPOINT).toBe('http://127.0.0.1:8080/v1/graphql');
  expect(plan.app.PATH).toBe('/usr/bin');
});

test('a partial Clerk location is refused, naming what is missing', () => {
  expect(() => planStack({ CLERK_API_URL: 'http://127.0.0.1:4000' }, ports)).toThrow(
    /CLERK_API_URL set but CLERK_PROXY_URL, CLERK_JS not/,
  );
  expect(() => planStack({ CLERK_PROXY_URL: 'x', CLERK_JS: 'y' }, ports)).toThrow(/CLERK_API_URL not/);
});

test('real Clerk keys win: no local Clerk, no local Clerk URL mixed in', () => {
  const plan = planStack(
    {
      CLERK_PUBLISHABLE_KEY: 'pk_test_real',
      CLERK_SECRET_KEY: 'sk_test_real',
      HASURA_GRAPHQL_JWT_SECRET: '{"jwk_url":"https://example.clerk.accounts.dev/.well-known/jwks.json"}',
    },
    ports,
  );
  expect(plan.clerk).toBeNull();
  expect(plan.app.CLERK_SECRET_KEY).toBe('sk_test_real');
  expect(plan.app.CLERK_API_URL).toBeUndefined();
  expect(plan.app.CLERK_PROXY_URL).toBeUndefined();
  expect(plan.app.CLERK_JS).toBeUndefined();
  expect(plan.hasura?.HASURA_GRAPHQL_JWT_SECRET).toContain('example.clerk.accounts.dev');
});

test('real Clerk needs both keys, and a JWT secret for the local engine', () => {
  expect(() => planStack({ CLERK_SECRET_KEY: 'sk_test_real' }, ports)).toThrow(
    /CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY/,
  );
  expect(() => planStack({ CLERK_PUBLISHABLE_KEY: 'pk', CLERK_SECRET_KEY: 'sk' }, ports)).toThrow(
    /HASURA_GRAPHQL_JWT_SECRET/,
  );
});

test('a real Hasura endpoint wins and the local engine is not planned', () => {
  const plan = planStack({ HASURA_GRAPHQL_ENDPOINT: 'https://my.hasura.app/v1/graphql' }, ports);
  expect(plan.hasura).toBeNull();
  expect(plan.clerk).not.toBeNull();
  expect(plan.app.HASURA_GRAPHQL_ENDPOINT).toBe('https://my.hasura.app/v1/graphql');
  // The local engine's admin secret is not that Hasura's: the Clerk webhook gets the user's own or none.
  expect(plan.app).not.toHaveProperty('HASURA_GRAPHQL_ADMIN_SECRET');
});

test('a port in use gives a clear error naming the service', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    await expect(assertPortFree(port, 'Hasura')).rejects.toThrow(
      `Port ${port} is already in use, so the Hasura server`,
    );
  } finally {
    server.close();
  }
  await expect(assertPortFree(port, 'Hasura')).resolves.toBeUndefined();
});

test("the local servers' own values in .env still start them", () => {
  const plan = planStack(
    {
      CLERK_PUBLISHABLE_KEY: 'pk_test_bG9jYWwtZW11bGF0b3IuY2xlcmsuYWNjb3VudHMuZGV2JA==',
      CLERK_SECRET_KEY: 'sk_test_local',
      CLERK_API_URL: 'http://127.0.0.1:4000',
      CLERK_PROXY_URL: 'http://127.0.0.1:4000',
      CLERK_JS: 'http://127.0.0.1:4000/npm/@clerk/clerk-js@5/dist/clerk.browser.js',
      HASURA_GRAPHQL_ENDPOINT: 'http://localhost:8080/v1/graphql',
    },
    ports,
  );
  expect(plan.clerk?.CLERK_EMULATOR_PORT).toBe('4000');
  expect(plan.clerk?.CLERK_SECRET_KEY).toBe('sk_test_local');
  expect(plan.hasura?.HASURA_GRAPHQL_SERVER_PORT).toBe('8080');
  expect(plan.app.HASURA_GRAPHQL_ENDPOINT).toBe('http://localhost:8080/v1/graphql');
});
