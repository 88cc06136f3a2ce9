/**
 * Cross-site request forgery defence: a request that can change something (any method but GET, HEAD and OPTIONS)
 * must come from one of the app's own pages. The browser says where a request comes from, in this order of trust:
 *
 * 1. `Origin` — sent by every current browser on every such request; compared with the app's own origin(s).
 * 2. `Sec-Fetch-Site` — when `Origin` is missing or `null`: only `same-origin` passes (`same-site` is a sibling
 *    subdomain or another port of the host: exactly the attacker this check is for).
 * 3. `Referer` — when both are missing: its origin must be the app's.
 *
 * A request with none of the three did not come from a browser (curl, a server calling a webhook): it carries no
 * cookies a browser attached on its own, so it cannot ride on a visitor's session, and it is let through; routes
 * such callers use (a Clerk webhook, say) verify their own signatures.
 *
 * The app's own origin is the request URL's (the adapter builds it from `Host` / `X-Forwarded-Host` and the
 * protocol it sees), unless `APP_ORIGIN` lists the public origin(s) — needed behind a proxy that terminates HTTPS or
 * rewrites `Host`, where the URL the server sees is not the one the browser used.
 */
import type { ServerBuild } from '@remix-run/node';
import { setSecurityHeaders } from '~/security/headers.server';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request with this method cannot change anything, and so needs no check. */
export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Why the request must be refused as cross-site, or null when it may proceed.
 * `ownOrigins`: the configured public origins (APP_ORIGIN); empty means "the request URL's origin".
 */
export function crossSiteReason(request: Request, ownOrigins: readonly string[] = []): string | null {
  if (isSafeMethod(request.method)) return null;
  const isOwn = (origin: string | null) =>
    origin !== null && (ownOrigins.length > 0 ? ownOrigins.includes(origin) : origin === originOf(request.url));
  const { headers } = request;

  const origin = headers.get('Origin');
  if (origin !== null && origin !== 'null') return isOwn(origin) ? null : `it was sent from ${origin}`;
  const site = headers.get('Sec-Fetch-Site');
  if (site !== null) return site === 'same-origin' ? null : `the browser marks it as ${site}`;
  if (origin === 'null') return 'it was sent from a page with an opaque origin (Origin: null)';
  const referer = headers.get('Referer');
  if (referer !== null)
    return isOwn(originOf(referer)) ? null : `it was sent from ${originOf(referer) ?? 'an unreadable Referer'}`;
  return null;
}

/** The short explanation a refused request gets. */
export function crossSiteProblem(reason: string): string {
  return (
    `Refused: this request did not come from this app's own pages (${reason}), so nothing was changed. ` +
    'If you sent it from the app, reload the page and try again.'
  );
}

/** The 403 answered (thrown) instead of running the action: the error boundary shows `problem`. */
export function crossSiteRefusal(reason: string): Response {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  setSecurityHeaders(headers);
  return Response.json({ problem: crossSiteProblem(reason) }, { status: 403, headers });
}

/** Escaped for element content (the reason quotes the request's Origin as sent). */
const escapeHtml = (text: string) => text.replace(/[&<>]/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The same 403 as a page a person can read, for requests that reach no route code: a cross-site document POST
 * (a plain HTML form on another site), which Remix itself would otherwise answer with an empty 500.
 */
export function crossSiteRefusalPage(reason: string): Response {
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  setSecurityHeaders(headers);
  const page =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Request refused</title></head>' +
    `<body><h1>Request refused</h1><p>${escapeHtml(crossSiteProblem(reason))}</p></body></html>\n`;
  return new Response(page, { status: 403, headers });
}

type ServerRoutes = ServerBuild['routes'];

/**
 * The build's routes with every action behind the check. Actions are the only code Remix runs for a mutating
 * method (a route without one answers 405), for document requests, data requests (`.data`, `?_data=`) and resource routes
 * alike, so this covers every mutating request the app accepts, including routes added later.
 */
export function withSameOriginActions(routes: ServerRoutes, ownOrigins: () => readonly string[]): ServerRoutes {
  const guarded: ServerRoutes = {};
  for (const [id, route] of Object.entries(routes)) {
    const action = route.module.action;
    guarded[id] = action
      ? {
          ...route,
          module: {
            ...route.module,
            action: (args) => {
              const reason = crossSiteReason(args.request, ownOrigins());
              if (reason) throw crossSiteRefusal(reason);
              return action(args);
            },
          },
        }
      : route;
  }
  return guarded;
}
