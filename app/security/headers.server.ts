/**
 * Headers every page and data response of the app carries (set in the server entry, ~/entry.server):
 * - no framing (clickjacking), no MIME sniffing, no full URLs in Referer to other sites;
 * - `Vary: Cookie`: every page runs Clerk's root loader, so what it shows depends on the cookies;
 * - signed in: `Cache-Control: private, no-store` — a shared cache must never keep one user's page for another,
 *   and the browser should not keep it on disk either. Signed out, a route's own Cache-Control stands.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Frame-Options': 'DENY',
  // The same for browsers that follow CSP only; the policy restricts framing and nothing else (clerk-js unaffected).
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

export function setSecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
}

/** Security headers, `Vary: Cookie`, and no caching when the response was made for a signed-in user. */
export function setPageHeaders(headers: Headers, { signedIn }: { signedIn: boolean }): void {
  setSecurityHeaders(headers);
  const vary = headers.get('Vary');
  if (!vary) headers.set('Vary', 'Cookie');
  else if (!/(^|,)\s*(cookie|\*)\s*(,|$)/i.test(vary)) headers.set('Vary', `${vary}, Cookie`);
  if (signedIn) headers.set('Cache-Control', 'private, no-store');
}
