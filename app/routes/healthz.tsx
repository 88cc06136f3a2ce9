/**
 * A resource route (no default export): no root loader, no Clerk, no Hasura. Answers a tiny HTML page, which makes
 * it the ceiling for the app's own request handling in the bench, and a cheap liveness probe. Resource routes
 * bypass the server entry, so it sets the pages' security headers itself.
 */
import { setSecurityHeaders } from '~/security/headers.server';

export const loader = () => {
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  setSecurityHeaders(headers);
  return new Response('<!doctype html><html lang="en"><title>ok</title><p>ok</p></html>', { headers });
};
