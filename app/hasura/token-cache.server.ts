/**
 * Caches Clerk JWT-template tokens per (session id, template) until shortly before they expire, so a page with
 * several Hasura queries, or a burst of requests from one browser, costs one Backend API call instead of many.
 *
 * - Keyed by the session id from the *verified* Clerk session token: an entry is never shared across sessions.
 * - Concurrent requests for the same key share one in-flight fetch.
 * - A token is reused only while `exp - refreshMarginMs` is in the future; tokens without `exp` are not cached.
 */
import { decodeJwt } from 'jose';

export interface TokenCacheOptions {
  enabled: boolean;
  /** Stop reusing a token this long before its `exp` (default 10 s, well above Hasura's default 0 s skew). */
  refreshMarginMs?: number;
  /** Bound on cached entries; expired ones go first, then the oldest (default 10,000). */
  maxEntries?: number;
  now?: () => number;
}

export interface TokenCache {
  /** The cached token for the key, or the result of `fetchToken` (shared with concurrent callers). */
  get(sessionId: string, template: string, fetchToken: () => Promise<string | null>): Promise<string | null>;
  /** Forgets the key's token (e.g. after Hasura answered `invalid-jwt`). */
  invalidate(sessionId: string, template: string): void;
  readonly size: number;
}

interface Entry {
  token: string;
  reuseUntil: number;
}

export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const { enabled, refreshMarginMs = 10_000, maxEntries = 10_000, now = Date.now } = options;
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<string | null>>();
  const keyOf = (sessionId: string, template: string) => JSON.stringify([sessionId, template]);

  function store(key: string, token: string) {
    const { exp } = decodeJwt(token);
    if (typeof exp !== 'number') return;
    const reuseUntil = exp * 1000 - refreshMarginMs;
    if (reuseUntil <= now()) return;
    entries.delete(key); // re-insert so Map order stays oldest-first
    entries.set(key, { token, reuseUntil });
    if (entries.size > maxEntries) evict();
  }

  function evict() {
    const time = now();
    for (const [key, entry] of entries) if (entry.reuseUntil <= time) entries.delete(key);
    for (const key of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(key);
    }
  }

  return {
    async get(sessionId, template, fetchToken) {
      if (!enabled) return fetchToken();
      const key = keyOf(sessionId, template);
      const entry = entries.get(key);
      if (entry && entry.reuseUntil > now()) return entry.token;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const fetching = fetchToken()
        .then((token) => {
          if (token) store(key, token);
          return token;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, fetching);
      return fetching;
    },
    invalidate(sessionId, template) {
      entries.delete(keyOf(sessionId, template));
    },
    get size() {
      return entries.size;
    },
  };
}
