import { createPrivateKey, createSecretKey, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { JwtTemplate } from './config.js';
import type { InstanceKeys } from './keys.js';
import { renderClaims, type TemplateContext } from './templates.js';

/** Clerk's dev-browser, session, template and handshake JWTs, all minted here. */
export interface SessionTokenInput {
  sessionId: string;
  userId: string;
  /** The origin the request came from (Clerk's `azp`); omitted when unknown. */
  azp?: string | null;
  /** When the first factor was verified (ms), for `fva`. */
  factorVerifiedAt: number;
  lifetimeSeconds?: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const jti = () => randomBytes(10).toString('hex');

export class TokenIssuer {
  constructor(
    private readonly keys: InstanceKeys,
    /** `https://<publishable key host>`, the `iss` of every token. */
    readonly issuer: string,
    private readonly sessionTokenLifetimeSeconds: number,
  ) {}

  private signWithInstanceKey(payload: JWTPayload): Promise<string> {
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: this.keys.kid, typ: 'JWT' })
      .sign(this.keys.privateKey);
  }

  /** Clerk's v2 session token: azp, exp, fva, iat, iss, jti, nbf, sid, sts, sub, v. */
  sessionToken(input: SessionTokenInput): Promise<string> {
    const iat = nowSeconds();
    const minutesSinceFactor = Math.max(0, Math.floor((Date.now() - input.factorVerifiedAt) / 60_000));
    return this.signWithInstanceKey({
      ...(input.azp ? { azp: input.azp } : {}),
      exp: iat + (input.lifetimeSeconds ?? this.sessionTokenLifetimeSeconds),
      fva: [minutesSinceFactor, -1],
      iat,
      iss: this.issuer,
      jti: jti(),
      nbf: iat - 5,
      sid: input.sessionId,
      sts: 'active',
      sub: input.userId,
      v: 2,
    });
  }

  /** A JWT-template token: rendered claims plus the automatic azp, exp, iat, iss, jti, nbf, sub (no sid, no v). */
  async templateToken(
    template: JwtTemplate,
    context: TemplateContext,
    options: { azp?: string | null; lifetimeSeconds?: number } = {},
  ): Promise<string> {
    const iat = nowSeconds();
    const payload: JWTPayload = {
      ...renderClaims(template.claims, context),
      ...(options.azp ? { azp: options.azp } : {}),
      exp: iat + (options.lifetimeSeconds ?? template.lifetime),
      iat,
      iss: this.issuer,
      jti: jti(),
      nbf: iat - template.allowed_clock_skew,
      sub: context.user.id,
    };
    const custom = template.signing_key;
    if (!custom) return this.signWithInstanceKey(payload);
    const jwt = new SignJWT(payload).setProtectedHeader({ alg: custom.algorithm, typ: 'JWT' });
    return custom.algorithm === 'HS256'
      ? jwt.sign(createSecretKey(Buffer.from(custom.key, 'utf8')))
      : jwt.sign(createPrivateKey(custom.key));
  }

  /** The `__clerk_handshake` JWT: `{ handshake: [Set-Cookie directives] }`. */
  handshakeToken(directives: string[]): Promise<string> {
    const iat = nowSeconds();
    return this.signWithInstanceKey({ handshake: directives, iat, exp: iat + 60 });
  }

  /** The dev-browser token (`__clerk_db_jwt`); signed so it stays valid across restarts of the emulator. */
  devBrowserToken(devBrowserId: string): Promise<string> {
    return this.signWithInstanceKey({ dev: devBrowserId, iat: nowSeconds() });
  }

  /** The dev-browser id inside a token, or null if the token was not issued with this instance's key. */
  async devBrowserId(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.keys.publicKey, { algorithms: ['RS256'] });
      return typeof payload.dev === 'string' ? payload.dev : null;
    } catch {
      return null;
    }
  }
}
