import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { errors } from '../errors.js';
import type { Router } from '../http.js';
import { json } from '../http.js';
import type { Instance } from '../instance.js';
import { jwks } from '../keys.js';

const require = createRequire(import.meta.url);
const CLERK_JS_DIST = join(dirname(require.resolve('@clerk/clerk-js/package.json')), 'dist');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The clerk-js bundle, the public JWKS and offline avatar images. */
export function registerAssetRoutes(router: Router, instance: Instance): void {
  // Only names listed in the installed dist are served, so a path can never leave that folder.
  const files = new Set(readdirSync(CLERK_JS_DIST));

  router.on('GET', '/npm/@clerk/:package/dist/:file', (ctx) => {
    const version = /^clerk-js@(.+)$/.exec(ctx.params.package)?.[1];
    if (!version || !files.has(ctx.params.file)) throw errors.notFound('file');
    const body = readFileSync(join(CLERK_JS_DIST, ctx.params.file));
    return {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(ctx.params.file)] ?? 'application/octet-stream',
        'Cache-Control': 'public, max-age=300',
        'Access-Control-Allow-Origin': '*',
      },
      body,
    };
  });

  // What Clerk serves on the Frontend API; Hasura's `jwk_url` points here.
  router.on('GET', '/.well-known/jwks.json', () => ({
    ...json(jwks(instance.keys)),
    headers: { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
  }));

  // Clerk's image CDN is online-only: serve a plain initials avatar instead.
  router.on('GET', '/avatars/:file', (ctx) => {
    const { store } = instance;
    const user = store.users.get(ctx.params.file.replace(/\.svg$/, ''));
    if (!user) throw errors.notFound('avatar');
    const initials = escapeXml(
      ((user.firstName?.[0] ?? '') + (user.lastName?.[0] ?? '') || store.primaryEmail(user).email[0]).toUpperCase(),
    );
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" fill="#6c47ff"/><text x="32" y="41" font-family="sans-serif" font-size="26" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
    return { status: 200, headers: { 'Content-Type': 'image/svg+xml', 'Access-Control-Allow-Origin': '*' }, body: svg };
  });
}
