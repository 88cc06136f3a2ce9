import { errors } from '../errors.js';
import type { Router } from '../http.js';
import { json } from '../http.js';
import { resourceContext, type Instance } from '../instance.js';
import { clientJSON, sessionJSON, templateContext } from '../resources.js';
import { requireClient, withClient } from './client-context.js';

/** Session activation, token refresh (session and template tokens) and sign-out. */
export function registerSessionRoutes(router: Router, instance: Instance): void {
  const { store } = instance;

  router.on('POST', '/v1/client/sessions/:id/touch', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const session = store.activeSessionOfClient(client, ctx.params.id);
    store.markActive(session);
    session.origin = ctx.origin ?? session.origin;
    client.lastActiveSessionId = session.id;
    store.touchClient(client);
    return withClient(instance, client, await sessionJSON(session, resourceContext(instance)));
  });

  // Answers are bare `{ object: "token", jwt }`, not wrapped in `{ response, client }`.
  router.on('POST', '/v1/client/sessions/:id/tokens', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const session = store.activeSessionOfClient(client, ctx.params.id);
    store.markActive(session);
    session.origin = ctx.origin ?? session.origin;
    return json({ object: 'token', jwt: await resourceContext(instance).sessionToken(session) });
  });

  router.on('POST', '/v1/client/sessions/:id/tokens/:template', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const session = store.activeSessionOfClient(client, ctx.params.id);
    const template = instance.config.jwt_templates[ctx.params.template];
    if (!template) throw errors.templateNotFound(ctx.params.template);
    const user = store.getUser(session.userId);
    const jwt = await instance.tokens.templateToken(template, templateContext(user, instance.baseUrl), {
      azp: ctx.origin ?? session.origin,
    });
    return json({ object: 'token', jwt });
  });

  for (const action of ['end', 'remove'] as const) {
    router.on('POST', `/v1/client/sessions/:id/${action}`, async (ctx) => {
      const client = await requireClient(instance, ctx);
      const session = store.getSession(ctx.params.id);
      if (session.clientId !== client.id) throw errors.sessionNotFound();
      if (session.status === 'active') store.endSession(session, action === 'end' ? 'ended' : 'removed');
      return withClient(instance, client, await sessionJSON(session, resourceContext(instance)));
    });
  }

  // Clerk.signOut(): end every session of the client.
  router.on('DELETE', '/v1/client/sessions', async (ctx) => {
    const client = await requireClient(instance, ctx);
    store.signOutClient(client);
    return withClient(instance, client, await clientJSON(client, resourceContext(instance)));
  });
}
