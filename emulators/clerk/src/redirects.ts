/**
 * Which redirect targets the local Clerk accepts. Real Clerk sends the browser (with the session, in the handshake)
 * only to the instance's own application origins; anything else would hand the session to a stranger. Accepted:
 * an absolute http(s) URL whose origin is one of `allowedOrigins`, with no user info, or a same-host path
 * (`/…`, never `//…`), which stays relative. Refused: everything else, including values a browser would rewrite
 * into something else (backslashes, tabs, newlines and other control characters).
 */

export type RedirectTarget = { kind: 'relative'; location: string } | { kind: 'absolute'; url: URL };

export type RedirectCheck = { ok: true; target: RedirectTarget } | { ok: false; reason: string };

/** `http://127.0.0.1:3000/` → `http://127.0.0.1:3000`; throws on anything that is not a bare http(s) origin. */
export function normalizeOrigin(value: string): string {
  const url = new URL(value);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new Error(`"${value}" is not an http(s) origin`);
  }
  if (url.pathname !== '/' || url.search || url.hash)
    throw new Error(`"${value}" is not an origin (it has a path, query or fragment)`);
  return url.origin;
}

// Whitespace and control characters (browsers strip tabs/newlines from URLs) and backslashes (browsers read `\` as `/`).
const UNSAFE = /[\p{Cc} \\\u2028\u2029\u00a0\ufeff]/u;

export function checkRedirect(raw: string, allowedOrigins: ReadonlySet<string>): RedirectCheck {
  if (raw === '') return { ok: false, reason: 'redirect_url is empty' };
  if (UNSAFE.test(raw))
    return { ok: false, reason: 'redirect_url contains whitespace, control characters or backslashes' };
  if (raw.startsWith('/')) {
    // `//host` and `/\host` are protocol-relative: another host, not a path.
    if (raw.startsWith('//')) return { ok: false, reason: 'redirect_url is protocol-relative (//host)' };
    // Re-serialized so the Location header is plain ASCII (non-ASCII characters percent-encoded).
    const base = 'http://relative.invalid';
    const resolved = new URL(raw, base);
    if (resolved.origin !== base) return { ok: false, reason: 'redirect_url path resolves to another host' };
    return { ok: true, target: { kind: 'relative', location: resolved.pathname + resolved.search + resolved.hash } };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      ok: false,
      reason: 'redirect_url must be an absolute http(s) URL of the application or a path starting with /',
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: `redirect_url scheme ${url.protocol} is not allowed` };
  // The WHATWG parser accepts `http:host` and `http:/host`; only the plain `scheme://` form is taken.
  if (!/^https?:\/\/[^/]/i.test(raw)) return { ok: false, reason: 'redirect_url must start with http:// or https://' };
  if (url.username || url.password) return { ok: false, reason: 'redirect_url must not contain user info (user@host)' };
  if (!allowedOrigins.has(url.origin)) {
    return { ok: false, reason: `redirect_url origin ${url.origin} is not one of the application's allowed origins` };
  }
  return { ok: true, target: { kind: 'absolute', url } };
}

/** Frontend API parameters that name a place to send the browser afterwards (`redirect_url`, `action_complete_redirect_url`, …). */
const REDIRECT_PARAM = /(^|_)redirect_url(_complete)?$/;

/** The first redirect parameter of a request (query string or form body) that is not allowed, or null. */
export function disallowedRedirectParam(
  query: URLSearchParams,
  body: Record<string, unknown>,
  allowedOrigins: ReadonlySet<string>,
): { param: string; reason: string } | null {
  const values: Array<[string, unknown]> = [...query.entries(), ...Object.entries(body)];
  for (const [param, value] of values) {
    if (!REDIRECT_PARAM.test(param)) continue;
    if (typeof value !== 'string') return { param, reason: `${param} must be a string` };
    const check = checkRedirect(value, allowedOrigins);
    if (!check.ok) return { param, reason: check.reason };
  }
  return null;
}
