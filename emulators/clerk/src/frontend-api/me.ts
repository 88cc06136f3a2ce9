import { errors } from '../errors.js';
import type { Router } from '../http.js';
import type { Instance } from '../instance.js';
import { userJSON } from '../resources.js';
import { requireClient, withClient } from './client-context.js';

/** `GET /v1/me`: the signed-in user (clerk-js `user.reload()`); `_clerk_session_id` picks the session. */
export function registerMeRoute(router: Router, instance: Instance): void {
  router.on('GET', '/v1/me', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const sessionId = ctx.url.searchParams.get('_clerk_session_id') ?? client.lastActiveSessionId;
    if (!sessionId) throw errors.sessionEnded();
    const session = instance.store.activeSessionOfClient(client, sessionId);
    return withClient(instance, client, userJSON(instance.store.getUser(session.userId), instance.baseUrl));
  });
}
