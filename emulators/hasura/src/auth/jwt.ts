/**
 * Verifies a JWT the way the real engine does: the signature with jose, the algorithm pinned to the configured
 * key type (or, with a JWKS, to asymmetric algorithms only: never `none`, never HMAC with a public key), then
 * exp / iat / nbf with `allowed_skew`, audience and issuer. Failures carry the real engine's messages.
 */
import { compactVerify, type CompactVerifyGetKey, type KeyObject } from 'jose';
import type { JwtConfig } from './jwt-config.js';
import { JwksCache, type JwksOptions } from './jwks.js';

/** What a JWKS may sign with: asymmetric algorithms only. */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Verified signatures remembered (claims are still re-checked on every use); the oldest is dropped first. */
const VERIFIED_CACHE_SIZE = 1000;

/** A token the engine refuses; `message` is the text after "Could not verify JWT: ". */
export class JwtRejected extends Error {}

export interface JwtVerifier {
  /** Verified claim set of the token, or throws JwtRejected. */
  verify(token: string): Promise<Record<string, unknown>>;
  /** The JWKS cache, when the key comes from `jwk_url`. */
  readonly jwks: JwksCache | null;
}

export function createJwtVerifier(config: JwtConfig, jwksOptions: JwksOptions = {}): JwtVerifier {
  const source = config.keySource;
  const jwks = source.kind === 'jwks' ? new JwksCache(source.url, jwksOptions) : null;
  const algorithms = source.kind === 'key' ? [source.alg] : JWKS_ALGORITHMS;
  const key: KeyObject | Uint8Array | CompactVerifyGetKey =
    source.kind === 'key' ? (source.key as KeyObject | Uint8Array) : (header, token) => jwks!.getKey(header, token);

  // A client sends the same token on every request, and checking its signature is the costly part. A signature,
  // once valid for a key, stays valid; a JWKS change empties the cache so removed keys stop working.
  const verified = new Map<string, { claims: Record<string, unknown>; generation: number }>();

  return {
    jwks,
    async verify(token) {
      await jwks?.refreshIfStale();
      const generation = jwks?.generation ?? 0;
      const known = verified.get(token);
      if (known && known.generation === generation) {
        checkClaims(known.claims, config);
        return known.claims;
      }
      const parts = token.split('.').length;
      if (parts !== 3) {
        throw new JwtRejected(`JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got ${parts})`);
      }
      let payload: Uint8Array;
      try {
        ({ payload } = await compactVerify(token, key as CompactVerifyGetKey, { algorithms }));
      } catch (error) {
        throw new JwtRejected(messageForJoseError(error));
      }
      let claims: unknown;
      try {
        claims = JSON.parse(new TextDecoder().decode(payload));
      } catch {
        throw new JwtRejected('JWSError (CompactDecodeError Invalid JSON payload)');
      }
      if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
        throw new JwtRejected('JWSError (CompactDecodeError Invalid JSON payload)');
      }
      checkClaims(claims as Record<string, unknown>, config);
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
      verified.set(token, { claims: claims as Record<string, unknown>, generation });
      return claims as Record<string, unknown>;
    },
  };
}

function messageForJoseError(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'JWSError NoUsableKeys';
    case 'ERR_JWS_INVALID':
      // Undecodable header or signature: jose says "Invalid Token or Protected Header formatting" and the like.
      return `JWSError (CompactDecodeError ${(error as Error).message})`;
    default:
      // Bad signature, an algorithm other than the configured one (incl. "none"), a key of the wrong kind.
      return 'JWSError JWSInvalidSignature';
  }
}

/** Registered claims, in the order the real engine checks them. */
function checkClaims(claims: Record<string, unknown>, config: JwtConfig): void {
  const now = Math.floor(Date.now() / 1000);
  const skew = config.allowedSkew;
  const numeric = (name: string): number | undefined => {
    const value = claims[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new JwtRejected(`JWTClaimsSetDecodeError "${name}"`);
    return value;
  };
  const exp = numeric('exp');
  if (exp !== undefined && now > exp + skew) throw new JwtRejected('JWTExpired');
  const iat = numeric('iat');
  if (iat !== undefined && iat > now + skew) throw new JwtRejected('JWTIssuedAtFuture');
  const nbf = numeric('nbf');
  if (nbf !== undefined && now + skew < nbf) throw new JwtRejected('JWTNotYetValid');
  if (config.audience) {
    const aud = claims.aud;
    const tokenAudiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
    if (!tokenAudiences.some((value) => config.audience!.includes(value))) throw new JwtRejected('JWTNotInAudience');
  }
  if (config.issuer !== null && claims.iss !== config.issuer) throw new JwtRejected('JWTNotInIssuer');
}
