import { getCookieSuffix } from '@clerk/shared/keys';
import { errors } from '../errors.js';
import type { Router } from '../http.js';
import { resourceContext, type Instance } from '../instance.js';
import { devBrowserToken } from './client-context.js';

const TEN_YEARS = 315_360_000;

/**
 * `GET /v1/client/handshake`: the browser is sent here by @clerk/backend's authenticateRequest when the app cannot
 * trust its cookies; we redirect back with `__clerk_handshake=<JWT of Set-Cookie directives>` for the app to apply.
 */
export function registerHandshakeRoute(router: Router, instance: Instance): void {
  const { store, tokens } = instance;

  router.on('GET', '/v1/client/handshake', async (ctx) => {
    const redirectParam = ctx.url.searchParams.get('redirect_url');
    if (!redirectParam) throw errors.paramMissing('redirect_url');
    let redirectUrl: URL;
    try {
      redirectUrl = new URL(redirectParam);
    } catch {
      throw errors.paramInvalid('redirect_url', 'redirect_url must be an absolute http(s) URL.');
    }
    if (redirectUrl.protocol !== 'http:' && redirectUrl.protocol !== 'https:') {
      throw errors.paramInvalid('redirect_url', 'redirect_url must be an absolute http(s) URL.');
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
      session.lastActiveAt = Date.now();
      const jwt = await resourceContext(instance).sessionToken(session);
      directives.push(...cookie('__session', jwt, TEN_YEARS), ...cookie('__client_uat', String(Math.floor(client.updatedAt / 1000)), TEN_YEARS));
    } else {
      directives.push(...cookie('__session', '', 0), ...cookie('__client_uat', '0', TEN_YEARS));
    }

    redirectUrl.searchParams.set('__clerk_handshake', await tokens.handshakeToken(directives));
    return { status: 307, headers: { Location: redirectUrl.toString() } };
  });
}
