import type { LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { localStackEnv } from '../../scripts/local-env';

// Clerk's SDK is replaced by counters: these tests are about how often it runs per request, not what it computes.
const clerk = vi.hoisted(() => ({ getAuthCalls: 0, rootCalls: 0, rootFailure: null as unknown }));
vi.mock('@clerk/remix/ssr.server', () => ({
  getAuth: async (args: LoaderFunctionArgs) => {
    clerk.getAuthCalls += 1;
    return { userId: `own-${new URL(args.request.url).pathname}` };
  },
  rootAuthLoader: async (args: LoaderFunctionArgs, handler: (args: LoaderFunctionArgs) => unknown) => {
    clerk.rootCalls += 1;
    await new Promise((resolve) => setTimeout(resolve, 5)); // the route loader starts meanwhile
    if (clerk.rootFailure) throw clerk.rootFailure;
    const request = Object.assign(args.request, { auth: { userId: 'from-root' } });
    return handler({ ...args, request });
  },
}));

const { requestAuth, rootLoaderWithAuth, signedInDuring } = await import('~/clerk/request-auth.server');

const urls = { signInUrl: '/sign-in', signUpUrl: '/sign-up' };
const argsFor = (path: string, context: Record<string, unknown>): LoaderFunctionArgs => ({
  request: new Request(`http://app.test${path}`),
  params: {},
  context,
});

beforeAll(() => {
  // withClerk reads the app's env to tell "Clerk is down" from other failures.
  for (const [name, value] of Object.entries(localStackEnv({ app: 3999, clerk: 1, hasura: 1 }).app))
    vi.stubEnv(name, value);
});
afterAll(() => vi.unstubAllEnvs());

beforeEach(() => {
  Object.assign(clerk, { getAuthCalls: 0, rootCalls: 0, rootFailure: null });
});

describe('requestAuth', () => {
  it('reuses the root loader’s auth state within the same request instead of authenticating again', async () => {
    const context = {};
    const root = rootLoaderWithAuth(argsFor('/', context), () => ({ publicEnv: 'x' }), urls);
    const auth = await requestAuth(argsFor('/books', context));
    expect(auth).toEqual({ userId: 'from-root' });
    expect(await root).toEqual({ publicEnv: 'x' });
    expect(clerk).toMatchObject({ rootCalls: 1, getAuthCalls: 0 });
  });

  it('authenticates by itself when the root loader does not run in this request', async () => {
    rootLoaderWithAuth(argsFor('/', {}), () => ({}), urls); // another request
    const auth = await requestAuth(argsFor('/shelf', {}));
    expect(auth).toEqual({ userId: 'own-/shelf' });
    expect(clerk.getAuthCalls).toBe(1);
  });

  it('fails with the root loader’s error (e.g. a handshake redirect) when that one fails', async () => {
    const redirect = new Response(null, { status: 307, headers: { Location: '/elsewhere' } });
    clerk.rootFailure = redirect;
    const context = {};
    const root = rootLoaderWithAuth(argsFor('/', context), () => ({}), urls);
    await expect(requestAuth(argsFor('/books', context))).rejects.toBe(redirect);
    await expect(root).rejects.toBe(redirect);
    expect(clerk.getAuthCalls).toBe(0);
  });

  it('remembers per request whether Clerk found a signed-in user (for the caching headers)', async () => {
    const root = {};
    await rootLoaderWithAuth(argsFor('/', root), () => ({}), urls);
    expect(signedInDuring(root)).toBe(true);
    const dataRequest = {};
    expect(signedInDuring(dataRequest)).toBe(false);
    await requestAuth(argsFor('/shelf', dataRequest));
    expect(signedInDuring(dataRequest)).toBe(true);
    clerk.rootFailure = new Response(null, { status: 307 });
    const failed = {};
    await rootLoaderWithAuth(argsFor('/', failed), () => ({}), urls).catch(() => undefined);
    expect(signedInDuring(failed)).toBe(false);
    expect(signedInDuring(undefined)).toBe(false);
  });
});
