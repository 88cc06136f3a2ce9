import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { createTokenCache } from '~/hasura/token-cache.server';

const key = new TextEncoder().encode('a-test-signing-key-of-32-bytes!!');
const token = (sub: string, expSeconds: number, jti = `${sub}-${expSeconds}`) =>
  new SignJWT({ sub, jti }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(expSeconds).sign(key);

/** A controllable token source: counts calls, resolves when told to. */
function deferredFetcher(tokenFor: () => Promise<string>) {
  const calls: { resolve: () => void }[] = [];
  const fetchToken = vi.fn(
    () =>
      new Promise<string>((resolve) => {
        calls.push({ resolve: () => void tokenFor().then(resolve) });
      }),
  );
  return { fetchToken, calls };
}

describe('token cache', () => {
  it('reuses a token for the same session until 10 s before exp, then fetches a new one', async () => {
    let now = 1_000_000_000_000;
    const cache = createTokenCache({ enabled: true, now: () => now });
    const exp = now / 1000 + 60;
    const fetchToken = vi.fn(() => token('user_a', exp));

    const first = await cache.get('sess_a', 'hasura', fetchToken);
    now += 49_000; // 11 s left
    expect(await cache.get('sess_a', 'hasura', fetchToken)).toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(1);

    now += 2_000; // 9 s left: inside the refresh margin
    fetchToken.mockImplementation(() => token('user_a', exp + 60));
    const refreshed = await cache.get('sess_a', 'hasura', fetchToken);
    expect(refreshed).not.toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('never hands one session the token of another, even under concurrent requests', async () => {
    const cache = createTokenCache({ enabled: true });
    const exp = Math.floor(Date.now() / 1000) + 60;
    const a = deferredFetcher(() => token('user_a', exp));
    const b = deferredFetcher(() => token('user_b', exp));

    const pending = [
      cache.get('sess_a', 'hasura', a.fetchToken),
      cache.get('sess_b', 'hasura', b.fetchToken),
      cache.get('sess_a', 'hasura', a.fetchToken),
      cache.get('sess_b', 'hasura', b.fetchToken),
    ];
    // b finishes first, then a: results must still follow the session, not the completion order.
    b.calls[0]!.resolve();
    a.calls[0]!.resolve();
    const [a1, b1, a2, b2] = await Promise.all(pending);
    const subject = (jwt: string | null) => JSON.parse(Buffer.from(jwt!.split('.')[1]!, 'base64url').toString()).sub;
    expect([subject(a1), subject(a2)]).toEqual(['user_a', 'user_a']);
    expect([subject(b1), subject(b2)]).toEqual(['user_b', 'user_b']);
    expect(a.fetchToken).toHaveBeenCalledTimes(1);
    expect(b.fetchToken).toHaveBeenCalledTimes(1);
  });

  it('shares one in-flight fetch among concurrent requests of a session and template', async () => {
    const cache = createTokenCache({ enabled: true });
    const exp = Math.floor(Date.now() / 1000) + 60;
    const source = deferredFetcher(() => token('user_a', exp));
    const pending = Array.from({ length: 5 }, () => cache.get('sess_a', 'hasura', source.fetchToken));
    expect(source.fetchToken).toHaveBeenCalledTimes(1);
    source.calls[0]!.resolve();
    const tokens = await Promise.all(pending);
    expect(new Set(tokens).size).toBe(1);
    // A different template is a different token.
    const other = vi.fn(() => token('user_a', exp, 'other-template'));
    expect(await cache.get('sess_a', 'other', other)).not.toBe(tokens[0]);
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('does not cache a failed fetch, and the next request tries again', async () => {
    const cache = createTokenCache({ enabled: true });
    const failing = vi.fn(() => Promise.reject(new Error('Clerk is down')));
    await expect(Promise.all([cache.get('s', 'hasura', failing), cache.get('s', 'hasura', failing)])).rejects.toThrow(
      'Clerk is down',
    );
    expect(failing).toHaveBeenCalledTimes(1);
    const working = vi.fn(() => token('user_a', Math.floor(Date.now() / 1000) + 60));
    expect(await cache.get('s', 'hasura', working)).toBeTruthy();
    expect(working).toHaveBeenCalledTimes(1);
  });

  it('invalidate() forces a fresh token', async () => {
    const cache = createTokenCache({ enabled: true });
    const exp = Math.floor(Date.now() / 1000) + 60;
    let n = 0;
    const fetchToken = vi.fn(() => token('user_a', exp, `t${++n}`));
    const first = await cache.get('s', 'hasura', fetchToken);
    cache.invalidate('s', 'hasura');
    expect(await cache.get('s', 'hasura', fetchToken)).not.toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('when disabled, fetches every time and stores nothing', async () => {
    const cache = createTokenCache({ enabled: false });
    const fetchToken = vi.fn(() => token('user_a', Math.floor(Date.now() / 1000) + 60));
    await cache.get('s', 'hasura', fetchToken);
    await cache.get('s', 'hasura', fetchToken);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping expired then oldest entries', async () => {
    const now = 1_000_000_000_000;
    const cache = createTokenCache({ enabled: true, maxEntries: 2, now: () => now });
    const exp = now / 1000 + 60;
    await cache.get('s1', 'hasura', () => token('u1', exp));
    await cache.get('s2', 'hasura', () => token('u2', exp));
    await cache.get('s3', 'hasura', () => token('u3', exp));
    expect(cache.size).toBe(2);
    const refetch = vi.fn(() => token('u1', exp, 'again'));
    await cache.get('s1', 'hasura', refetch);
    expect(refetch).toHaveBeenCalledTimes(1); // s1 was the oldest, so it was evicted
  });
});
