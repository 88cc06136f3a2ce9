import { getCookieSuffix } from '@clerk/shared/keys';
import { errors } from '../errors.js';
import type { Router } from '../http.js';
import { resourceContext, type Instance } from '../instance.js';
import { checkRedirect } from '../redirects.js';
import { devBrowserToken } from './client-context.js';

const TEN_YEARS = 315_360_000;
export const HANDSHAKE_PATH = '/v1/client/handshake';

/**
 * `GET /v1/client/handshake`: the browser is sent here by @clerk/backend's authenticateRequest when the app cannot
 * trust its cookies; we redirect back with `__clerk_handshake=<JWT of Set-Cookie directives>` for the app to apply.
 */
export function registerHandshakeRoute(router: Router, instance: Instance): void {
  const { store, tokens } = instance;

  router.on('GET', HANDSHAKE_PATH, async (ctx) => {
    // Checked before anything else: a refused handshake creates nothing and sends no cookie anywhere.
    const redirectParams = ctx.url.searchParams.getAll('redirect_url');
    if (redirectParams.length !== 1) throw errors.handshakeInvalid('exactly one redirect_url is required');
    const check = checkRedirect(redirectParams[0], instance.redirectOrigins);
    if (!check.ok) {
      instance.log(`handshake refused: ${check.reason}`);
      throw errors.handshakeInvalid(check.reason);
    }

    // A missing or foreign dev browser gets a new one (and so a new, signed-out client).
    let token = devBrowserToken(ctx);
    let devBrowserId = token ? await tokens.devBrowserId(token) : null;
    if (!token || !devBrowserId) {
      devBrowserId = `dvb_${crypto.randomUUID().replaceAll('-', '')}`;
      token = await tokens.devBrowserToken(devBrowserId);
    }
    const client = store.clientForDevBrowser(devBrowserId);
    const session = store.activeSessions(client).find((candidate) => candidate.id === client.lastActiveSessionId);

    const suffix = await getCookieSuffix(instance.publishableKey);
    const cookie = (name: string, value: string, maxAge: number) => {
      const attributes = `Path=/; SameSite=Lax; Max-Age=${maxAge}`;
      return [`${name}=${value}; ${attributes}`, `${name}_${suffix}=${value}; ${attributes}`];
    };
    const directives = [...cookie('__clerk_db_jwt', token, TEN_YEARS)];
    if (session) {
      store.markActive(session);
      const jwt = await resourceContext(instance).sessionToken(session);
      directives.push(
        ...cookie('__session', jwt, TEN_YEARS),
        ...cookie('__client_uat', String(Math.floor(client.updatedAt / 1000)), TEN_YEARS),
      );
    } else {
      directives.push(...cookie('__session', '', 0), ...cookie('__client_uat', '0', TEN_YEARS));
    }

    const { target } = check;
    const absolute = target.kind === 'absolute';
    const back = target.kind === 'absolute' ? new URL(target.url) : new URL(target.location, instance.baseUrl);
    back.searchParams.set('__clerk_handshake', await tokens.handshakeToken(directives));
    // A relative redirect_url stays relative.
    return { status: 307, headers: { Location: absolute ? back.toString() : back.pathname + back.search + back.hash } };
  });
}
