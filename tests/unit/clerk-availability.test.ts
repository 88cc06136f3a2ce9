import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localStackEnv } from '../../scripts/local-env';

/** Clerk's Backend/Frontend API origin for these tests: a closed port (Clerk down). */
let closedPort: number;
/** A live server standing in for a Clerk that is up. */
let live: Server;
let liveUrl: string;

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  live = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => live.listen(0, '127.0.0.1', resolve));
  liveUrl = `http://127.0.0.1:${(live.address() as AddressInfo).port}`;
  for (const [name, value] of Object.entries(localStackEnv({ app: 3999, clerk: closedPort, hasura: 1 }).app)) {
    vi.stubEnv(name, value);
  }
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => live.close(resolve));
});

const handshake = (origin: string) =>
  new Response(null, { status: 307, headers: { Location: `${origin}/v1/client/handshake?redirect_url=x` } });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('withClerk', () => {
  it('turns a handshake redirect to a Clerk that is down into a 503 naming Clerk', async () => {
    const { withClerk } = await import('~/clerk/availability.server');
    const error = await rejection(withClerk(() => Promise.reject(handshake(`http://127.0.0.1:${closedPort}`))));
    expect(error).toBeInstanceOf(Response);
    const response = error as Response;
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({
      service: 'Clerk',
      problem: `Clerk is not reachable at http://127.0.0.1:${closedPort}, so sign-in state cannot be checked.`,
    });
    expect(body.remedy).toContain('npm run dev');
  });

  it('lets a handshake redirect through when Clerk is up', async () => {
    const { withClerk } = await import('~/clerk/availability.server');
    const redirect = handshake(liveUrl);
    expect(await rejection(withClerk(() => Promise.reject(redirect)))).toBe(redirect);
  });

  it('turns an SDK error into a 503 when the Backend API is down, and passes other responses through', async () => {
    const { withClerk } = await import('~/clerk/availability.server');
    const error = await rejection(withClerk(() => Promise.reject(new TypeError('fetch failed'))));
    expect((error as Response).status).toBe(503);
    const notFound = new Response(null, { status: 404 });
    expect(await rejection(withClerk(() => Promise.reject(notFound)))).toBe(notFound);
    expect(await withClerk(async () => 'ok')).toBe('ok');
  });
});
