/**
 * Parses HASURA_GRAPHQL_JWT_SECRET (a JSON object) into a validated configuration, with the same options as
 * the real engine. Every mistake is reported with the option's name; nothing is half-accepted.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { parseJsonPath, type JsonPath } from '../json-path.js';

const DEFAULT_CLAIMS_NAMESPACE = 'https://hasura.io/jwt/claims';

/** Hasura's key type → the JWS `alg` it allows, and the shortest HMAC secret it accepts. */
const KEY_TYPES = {
  HS256: { alg: 'HS256', minSecretLength: 32 },
  HS384: { alg: 'HS384', minSecretLength: 48 },
  HS512: { alg: 'HS512', minSecretLength: 64 },
  RS256: { alg: 'RS256', keyType: 'rsa' },
  RS384: { alg: 'RS384', keyType: 'rsa' },
  RS512: { alg: 'RS512', keyType: 'rsa' },
  ES256: { alg: 'ES256', keyType: 'ec', curve: 'prime256v1' },
  ES384: { alg: 'ES384', keyType: 'ec', curve: 'secp384r1' },
  ES512: { alg: 'ES512', keyType: 'ec', curve: 'secp521r1' },
  Ed25519: { alg: 'EdDSA', keyType: 'ed25519' },
} as const;
export type JwtKeyType = keyof typeof KEY_TYPES;

export type ClaimsMapEntry = { literal: unknown } | { path: JsonPath; pathText: string; default?: unknown };

export type ClaimsSource =
  | { kind: 'namespace'; key: string }
  | { kind: 'namespace_path'; path: JsonPath; pathText: string }
  | { kind: 'map'; entries: Record<string, ClaimsMapEntry> };

export type TokenLocation =
  { type: 'Authorization' } | { type: 'Cookie'; name: string } | { type: 'CustomHeader'; name: string };

export interface JwtConfig {
  keySource:
    { kind: 'key'; type: JwtKeyType; alg: string; key: KeyObject | Uint8Array } | { kind: 'jwks'; url: string };
  claims: ClaimsSource;
  claimsFormat: 'json' | 'stringified_json';
  audience: string[] | null;
  issuer: string | null;
  /** Seconds of clock skew tolerated for exp, nbf and iat. */
  allowedSkew: number;
  header: TokenLocation;
}

const rawSchema = z
  .object({
    type: z.enum(Object.keys(KEY_TYPES) as [JwtKeyType, ...JwtKeyType[]]).optional(),
    key: z.string().min(1).optional(),
    jwk_url: z.string().url().optional(),
    claims_namespace: z.string().min(1).optional(),
    claims_namespace_path: z.string().min(1).optional(),
    claims_format: z.enum(['json', 'stringified_json']).default('json'),
    claims_map: z
      .record(
        z.union([
          z.object({ path: z.string().min(1), default: z.unknown().optional() }).strict(),
          z.string(),
          z.array(z.string()),
        ]),
      )
      .optional(),
    audience: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    issuer: z.string().optional(),
    allowed_skew: z.number().int().nonnegative().default(0),
    header: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('Authorization') }).strict(),
        z.object({ type: z.literal('Cookie'), name: z.string().min(1) }).strict(),
        z.object({ type: z.literal('CustomHeader'), name: z.string().min(1) }).strict(),
      ])
      .default({ type: 'Authorization' }),
  })
  .strict();

/** Parses the env var's text; throws an Error whose message starts with the variable's name. */
export function parseJwtSecret(text: string): JwtConfig {
  const fail = (why: string): never => {
    throw new Error(`HASURA_GRAPHQL_JWT_SECRET: ${why}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('is not valid JSON');
  }
  const parsed = rawSchema.safeParse(json);
  if (!parsed.success) {
    fail(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '));
  }
  const raw = parsed.data!;

  if ((raw.key === undefined) === (raw.jwk_url === undefined)) fail('give exactly one of "key" or "jwk_url"');
  if (raw.claims_namespace !== undefined && raw.claims_namespace_path !== undefined) {
    fail('"claims_namespace" and "claims_namespace_path" cannot both be set');
  }

  let keySource: JwtConfig['keySource'];
  if (raw.key !== undefined) {
    if (!raw.type) fail('"type" is required with "key"');
    keySource = {
      kind: 'key',
      type: raw.type!,
      alg: KEY_TYPES[raw.type!].alg,
      key: importKey(raw.type!, raw.key, fail),
    };
  } else {
    keySource = { kind: 'jwks', url: raw.jwk_url! };
  }

  const pathOrFail = (path: string, option: string): JsonPath => {
    try {
      if (!path.startsWith('$')) throw new Error(`JSON path "${path}" must start with "$"`);
      return parseJsonPath(path);
    } catch (error) {
      return fail(`${option}: ${(error as Error).message}`);
    }
  };
  let claims: ClaimsSource;
  if (raw.claims_map) {
    const entries: Record<string, ClaimsMapEntry> = {};
    for (const [name, value] of Object.entries(raw.claims_map)) {
      if (!name.toLowerCase().startsWith('x-hasura-'))
        fail(`claims_map: "${name}" is not an x-hasura-* session variable`);
      entries[name.toLowerCase()] =
        typeof value === 'object' && !Array.isArray(value)
          ? { path: pathOrFail(value.path, `claims_map.${name}.path`), pathText: value.path, default: value.default }
          : { literal: value };
    }
    for (const required of ['x-hasura-allowed-roles', 'x-hasura-default-role']) {
      if (!(required in entries)) fail(`claims_map must give "${required}"`);
    }
    claims = { kind: 'map', entries };
  } else if (raw.claims_namespace_path !== undefined) {
    claims = {
      kind: 'namespace_path',
      path: pathOrFail(raw.claims_namespace_path, 'claims_namespace_path'),
      pathText: raw.claims_namespace_path,
    };
  } else {
    claims = { kind: 'namespace', key: raw.claims_namespace ?? DEFAULT_CLAIMS_NAMESPACE };
  }

  return {
    keySource,
    claims,
    claimsFormat: raw.claims_format,
    audience: raw.audience === undefined ? null : Array.isArray(raw.audience) ? raw.audience : [raw.audience],
    issuer: raw.issuer ?? null,
    allowedSkew: raw.allowed_skew,
    header: raw.header,
  };
}

function importKey(type: JwtKeyType, key: string, fail: (why: string) => never): KeyObject | Uint8Array {
  const spec = KEY_TYPES[type];
  if ('minSecretLength' in spec) {
    if (key.length < spec.minSecretLength) {
      fail(`a ${type} key must be at least ${spec.minSecretLength} characters long (got ${key.length})`);
    }
    return new TextEncoder().encode(key);
  }
  let publicKey: KeyObject;
  try {
    // Node reads PEM public keys (SPKI "PUBLIC KEY", PKCS#1 "RSA PUBLIC KEY") and X.509 certificates.
    publicKey = createPublicKey(key);
  } catch (error) {
    return fail(`"key" is not a PEM public key or X.509 certificate usable for ${type}: ${(error as Error).message}`);
  }
  if (publicKey.asymmetricKeyType !== spec.keyType) {
    fail(`"type" is ${type} but "key" is a ${publicKey.asymmetricKeyType} key`);
  }
  if ('curve' in spec && publicKey.asymmetricKeyDetails?.namedCurve !== spec.curve) {
    fail(`"type" is ${type} but "key" is on curve ${publicKey.asymmetricKeyDetails?.namedCurve}`);
  }
  return publicKey;
}
