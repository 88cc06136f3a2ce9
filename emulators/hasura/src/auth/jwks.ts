/**
 * The key set behind `jwk_url`: fetched at start-up (a failure there is not fatal), refreshed as the JWKS
 * response's Cache-Control / Expires headers say, keeping the old keys when a refresh fails, and refetched
 * once (rate-limited) when a token names a `kid` the set does not hold, so key rotation needs no restart.
 */
import { createLocalJWKSet, type JSONWebKeySet, type JWTHeaderParameters, type FlattenedJWSInput } from 'jose';

type KeyResolver = ReturnType<typeof createLocalJWKSet>;

export interface JwksOptions {
  /** Shortest time between two fetches triggered by unknown kids or revalidation headers (default 10 s). */
  minRefetchIntervalMs?: number;
  /** Per-fetch timeout (default 5 s). */
  timeoutMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  log?: (message: string) => void;
}

export class JwksCache {
  private keys: { set: JSONWebKeySet; text: string; resolve: KeyResolver } | null = null;
  /** Bumped whenever the fetched key set changes, so results verified with older keys can be dropped. */
  generation = 0;
  /** When the current keys go stale; null = never (the response gave no caching headers). */
  private expiresAt: number | null = null;
  private lastFetchAt = -Infinity;
  private inFlight: Promise<void> | null = null;
  private readonly minRefetchIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(
    readonly url: string,
    options: JwksOptions = {},
  ) {
    this.minRefetchIntervalMs = options.minRefetchIntervalMs ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
  }

  /** The start-up fetch: logs a failure and resolves anyway; requests will retry. */
  async start(): Promise<void> {
    await this.refresh();
  }

  /** Number of keys held now (for start-up logs and tests). */
  get size(): number {
    return this.keys?.set.keys.length ?? 0;
  }

  /**
   * The key for a token's protected header. Throws jose's `JWKSNoMatchingKey` when, even after the one allowed
   * refetch, no key fits.
   */
  async getKey(header: JWTHeaderParameters, token: FlattenedJWSInput) {
    await this.refreshIfStale();
    if (this.keys) {
      try {
        return await this.keys.resolve(header, token);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY') throw error;
        // Maybe the issuer rotated its keys: look once more, at most once per interval.
        if (!(await this.refreshIfAllowed())) throw error;
      }
    } else if (!(await this.refreshIfAllowed())) {
      throw noMatchingKey();
    }
    if (!this.keys) throw noMatchingKey();
    return this.keys.resolve(header, token);
  }

  /** Refetches (rate-limited) when there are no keys yet or the caching headers say they are stale. */
  async refreshIfStale(): Promise<void> {
    if (!this.keys || (this.expiresAt !== null && this.now() >= this.expiresAt)) await this.refreshIfAllowed();
  }

  /** Refetches unless one ran within the interval; true when a fetch happened (or was joined). */
  private async refreshIfAllowed(): Promise<boolean> {
    if (this.inFlight) {
      await this.inFlight;
      return true;
    }
    if (this.now() - this.lastFetchAt < this.minRefetchIntervalMs) return false;
    await this.refresh();
    return true;
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.fetchKeys().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * GET the key set. A network-level failure is retried once: JWKS fetches are rare, so the pooled keep-alive
   * connection is often one the server has just closed.
   */
  private async get(): Promise<Response> {
    const attempt = () => fetch(this.url, { signal: AbortSignal.timeout(this.timeoutMs) });
    try {
      return await attempt();
    } catch (error) {
      if ((error as Error).name !== 'TypeError') throw error;
      return attempt();
    }
  }

  private async fetchKeys(): Promise<void> {
    this.lastFetchAt = this.now();
    try {
      const response = await this.get();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      const set = JSON.parse(text) as JSONWebKeySet;
      if (!set || !Array.isArray(set.keys)) throw new Error('the response has no "keys" array');
      if (text !== this.keys?.text) {
        this.keys = { set, text, resolve: createLocalJWKSet(set) };
        this.generation++;
      }
      this.expiresAt = expiryFromHeaders(response.headers, this.now());
    } catch (error) {
      // Keep whatever keys we had; try again when asked, not in a loop.
      this.log(`JWKS fetch from ${this.url} failed (keeping ${this.size} old key(s)): ${(error as Error).message}`);
    }
  }
}

/** When the fetched keys should be refetched, per RFC 9111 headers; null = keep until a kid is unknown. */
export function expiryFromHeaders(headers: Headers, now: number): number | null {
  const cacheControl = (headers.get('cache-control') ?? '').toLowerCase();
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/.exec(cacheControl);
  if (maxAge) return now + Number(maxAge[1]) * 1000;
  if (/(?:^|,)\s*(no-cache|no-store|must-revalidate)\b/.test(cacheControl)) return now;
  const expires = headers.get('expires');
  if (expires) {
    // An HTTP-date ends in "GMT"; Date.parse alone would read "0" as the year 2000.
    const at = /GMT$/.test(expires.trim()) ? Date.parse(expires) : NaN;
    // An unparsable Expires means "already expired" (RFC 9111 §5.3).
    return Number.isNaN(at) ? now : at;
  }
  return null;
}

function noMatchingKey(): Error {
  return Object.assign(new Error('no applicable key found in the JSON Web Key Set'), {
    code: 'ERR_JWKS_NO_MATCHING_KEY',
  });
}
