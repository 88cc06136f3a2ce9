/**
 * Test tokens for the YAML cases. `{{jwt <role> <userId> [option=value …]}}` becomes an HS256 token whose
 * claims sit wherever the server's HASURA_GRAPHQL_JWT_SECRET says (namespace, namespace path, stringified or
 * claims_map), so one template works for every JWT configuration. Options, to build the faulty tokens of the
 * auth error cases:
 *   exp=<±seconds>  iat=<±seconds>  nbf=<±seconds>   relative to now (default exp=+3600, iat=0)
 *   aud=<value>  iss=<value>                          registered claims
 *   roles=<a,b>|none|text:<a>                         x-hasura-allowed-roles (default: the role); none omits it,
 *                                                     text:<a> gives a string instead of a list
 *   claims=none                                       omit the Hasura claims entirely
 *   key=wrong                                         sign with a different secret
 */
import { SignJWT } from 'jose';
import type { JwtConfig } from '../../src/auth/jwt-config.js';
import type { JsonPath } from '../../src/json-path.js';

const TEMPLATE = /\{\{jwt ([^}]*)\}\}/g;

/** Replaces every `{{jwt …}}` in `text` with a signed token. */
export async function expandJwtTemplates(text: string, config: JwtConfig, hmacKey: string): Promise<string> {
  const tokens = await Promise.all(
    [...text.matchAll(TEMPLATE)].map((match) => signTemplate(match[1], config, hmacKey)),
  );
  let index = 0;
  return text.replace(TEMPLATE, () => tokens[index++]);
}

async function signTemplate(spec: string, config: JwtConfig, hmacKey: string): Promise<string> {
  const [role, userId, ...optionTexts] = spec.trim().split(/\s+/);
  if (!role || !userId) throw new Error(`{{jwt ${spec}}}: expected {{jwt <role> <userId> [option=value …]}}`);
  const options = Object.fromEntries(
    optionTexts.map((text) => {
      const eq = text.indexOf('=');
      if (eq < 0) throw new Error(`{{jwt ${spec}}}: option "${text}" is not name=value`);
      return [text.slice(0, eq), text.slice(eq + 1)];
    }),
  );
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    sub: userId,
    iat: now + Number(options.iat ?? 0),
    exp: now + Number(options.exp ?? 3600),
  };
  if (options.nbf !== undefined) payload.nbf = now + Number(options.nbf);
  if (options.aud !== undefined) payload.aud = options.aud;
  if (options.iss !== undefined) payload.iss = options.iss;

  const claims: Record<string, unknown> = { 'x-hasura-default-role': role, 'x-hasura-user-id': userId };
  if (options.roles?.startsWith('text:')) claims['x-hasura-allowed-roles'] = options.roles.slice('text:'.length);
  else if (options.roles !== 'none')
    claims['x-hasura-allowed-roles'] = options.roles ? options.roles.split(',') : [role];
  if (options.claims !== 'none') placeClaims(payload, claims, config);

  const key = options.key === 'wrong' ? `${hmacKey}-but-not-the-right-one` : hmacKey;
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(key));
}

function placeClaims(payload: Record<string, unknown>, claims: Record<string, unknown>, config: JwtConfig): void {
  const source = config.claims;
  if (source.kind === 'map') {
    // The inverse of the claims_map: put each mapped value where the map will look for it.
    for (const [name, entry] of Object.entries(source.entries)) {
      if ('path' in entry && claims[name] !== undefined) setAtPath(payload, entry.path, claims[name]);
    }
    return;
  }
  const value = config.claimsFormat === 'stringified_json' ? JSON.stringify(claims) : claims;
  if (source.kind === 'namespace') payload[source.key] = value;
  else setAtPath(payload, source.path, value);
}

function setAtPath(target: Record<string, unknown>, path: JsonPath, value: unknown): void {
  let current: Record<string | number, unknown> = target;
  path.forEach((step, index) => {
    if (index === path.length - 1) current[step] = value;
    else
      current = (current[step] ??= typeof path[index + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
  });
}
