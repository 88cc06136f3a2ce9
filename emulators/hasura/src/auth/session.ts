/**
 * Turns a request's headers into the Session it runs as, or the Hasura error that refuses it, following the
 * real engine's order: admin secret first, then the JWT (or the unauthorized role when no token is sent).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { HasuraError, Session } from '../types.js';
import { hasuraError } from '../engine/errors.js';
import { readJsonPath } from '../json-path.js';
import type { JwtConfig } from './jwt-config.js';
import { JwtRejected, type JwtVerifier } from './jwt.js';

export interface AuthSettings {
  adminSecret?: string;
  unauthorizedRole?: string;
  jwt?: { config: JwtConfig; verifier: JwtVerifier };
}

/** Request headers as node:http gives them: names lower-cased. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

const ADMIN_SECRET_HEADERS = ['x-hasura-admin-secret', 'x-hasura-access-key'];

export async function resolveSession(headers: RequestHeaders, auth: AuthSettings): Promise<Session | HasuraError> {
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };

  // 7. No admin secret configured: every request is admin (development only).
  if (auth.adminSecret === undefined) return roleFromHeader(headers, 'admin');

  // 1. An admin secret sent is checked first; any JWT is then ignored.
  const sentSecret = ADMIN_SECRET_HEADERS.map(header).find((value) => value !== undefined);
  if (sentSecret !== undefined) {
    return sameSecret(sentSecret, auth.adminSecret)
      ? roleFromHeader(headers, 'admin')
      : error('access-denied', 'invalid x-hasura-admin-secret/x-hasura-access-key');
  }

  if (!auth.jwt) {
    // 6. Admin-secret-only mode.
    if (auth.unauthorizedRole !== undefined) return unauthorized(headers, auth.unauthorizedRole);
    return error('access-denied', 'x-hasura-admin-secret/x-hasura-access-key required, but not found');
  }

  // 2–3. Find the token where the config says it travels.
  const location = auth.jwt.config.header;
  let token: string | undefined;
  if (location.type === 'Authorization') {
    const authorization = header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer +(\S+)$/.exec(authorization.trim());
      if (!match) return error('invalid-headers', 'Malformed Authorization header');
      token = match[1];
    }
  } else if (location.type === 'Cookie') {
    token = readCookie(header('cookie'), location.name);
  } else {
    token = header(location.name.toLowerCase());
  }
  if (token === undefined) {
    if (auth.unauthorizedRole !== undefined) return unauthorized(headers, auth.unauthorizedRole);
    return error('invalid-headers', "Missing 'Authorization' or 'Cookie' header in JWT authentication mode");
  }

  // An invalid token never falls back to the unauthorized role.
  let payload: Record<string, unknown>;
  try {
    payload = await auth.jwt.verifier.verify(token);
  } catch (caught) {
    if (caught instanceof JwtRejected) return error('invalid-jwt', `Could not verify JWT: ${caught.message}`);
    throw caught;
  }
  const found = hasuraClaims(payload, auth.jwt.config);
  if (found instanceof ClaimsError) return error('jwt-invalid-claims', found.message);
  const claims = found;

  // 4. The requested role must be one the token allows.
  const allowedRoles = claims['x-hasura-allowed-roles'];
  const defaultRole = claims['x-hasura-default-role'];
  if (allowedRoles === undefined)
    return error('jwt-missing-role-claims', 'JWT claim does not contain x-hasura-allowed-roles');
  if (!Array.isArray(allowedRoles) || !allowedRoles.every((role) => typeof role === 'string')) {
    return error('jwt-invalid-claims', 'invalid x-hasura-allowed-roles; should be a list of roles');
  }
  if (typeof defaultRole !== 'string') {
    return error('jwt-missing-role-claims', 'JWT claim does not contain x-hasura-default-role');
  }
  const role = header('x-hasura-role') ?? defaultRole;
  if (!allowedRoles.includes(role)) return error('access-denied', 'Your requested role is not in allowed roles');

  // 5. Session variables come from the claims only.
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (name === 'x-hasura-allowed-roles' || name === 'x-hasura-default-role') continue;
    const text = sessionValue(value);
    if (text !== undefined) variables[name] = text;
  }
  variables['x-hasura-role'] = role;
  // A websocket ends when its token expires (`../subscriptions/`).
  return typeof payload.exp === 'number' ? { role, variables, expiresAt: payload.exp * 1000 } : { role, variables };
}

/** The x-hasura-* claims (keys lower-cased) from wherever the config says they live. */
class ClaimsError extends Error {}

function hasuraClaims(payload: Record<string, unknown>, config: JwtConfig): Record<string, unknown> | ClaimsError {
  const source = config.claims;
  let raw: unknown;
  if (source.kind === 'map') {
    const mapped: Record<string, unknown> = {};
    for (const [name, entry] of Object.entries(source.entries)) {
      const value = 'literal' in entry ? entry.literal : (readJsonPath(payload, entry.path) ?? entry.default);
      if (value !== undefined) mapped[name] = value;
    }
    return mapped;
  }
  if (source.kind === 'namespace') {
    raw = payload[source.key];
    if (raw === undefined) return new ClaimsError(`claims key: '${source.key}' not found`);
  } else {
    raw = readJsonPath(payload, source.path);
    if (raw === undefined) {
      return new ClaimsError(`claims not found at claims_namespace_path: '${source.pathText}'`);
    }
  }
  if (config.claimsFormat === 'stringified_json') {
    if (typeof raw !== 'string') return new ClaimsError('expecting a string when claims_format is stringified_json');
    try {
      raw = JSON.parse(raw);
    } catch {
      return new ClaimsError('claims are not a valid JSON string');
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return new ClaimsError('the JWT claims are not a JSON object');
  }
  const claims: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const lower = name.toLowerCase();
    if (lower.startsWith('x-hasura-')) claims[lower] = value;
  }
  return claims;
}

/** A claim as a session variable: strings as-is, arrays as a Postgres array literal, scalars as text. */
function sessionValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return `{${value.map((item) => `"${String(item).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
  }
  return undefined;
}

/**
 * Admin (or a role it chose) with session variables from the x-hasura-* request headers; only here may a request
 * ask for `backend_only` permissions, as in Hasura.
 */
function roleFromHeader(headers: RequestHeaders, fallbackRole: string): Session {
  const variables = headerVariables(headers);
  const role = variables['x-hasura-role'] ?? fallbackRole;
  variables['x-hasura-role'] = role;
  const session: Session = { role, variables };
  if (/^(true|t|yes|y)$/i.test(variables['x-hasura-use-backend-only-permissions']?.trim() ?? ''))
    session.backendOnly = true;
  return session;
}

function unauthorized(headers: RequestHeaders, role: string): Session {
  return { role, variables: { ...headerVariables(headers), 'x-hasura-role': role } };
}

function headerVariables(headers: RequestHeaders): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-hasura-') || ADMIN_SECRET_HEADERS.includes(name) || value === undefined) continue;
    variables[name] = Array.isArray(value) ? value[0] : value;
  }
  return variables;
}

function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) {
      const value = pair.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value; // Not percent-encoded after all; verification will judge it.
      }
    }
  }
  return undefined;
}

/** Constant-time comparison (hashing first makes the lengths equal). */
function sameSecret(sent: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

const error = (code: string, message: string): HasuraError => hasuraError(code, message);
