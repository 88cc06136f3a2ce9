import type { RequestContext, Router } from '../http.js';
import { json } from '../http.js';
import { resourceContext, type Instance } from '../instance.js';
import { clientJSON } from '../resources.js';
import { requireClient, withClient } from './client-context.js';
import { environmentJSON } from './environment.js';

/** Dev browser, environment and the client resource. */
export function registerClientRoutes(router: Router, instance: Instance): void {
  router.on('POST', '/v1/dev_browser', async () => {
    const id = `dvb_${crypto.randomUUID().replaceAll('-', '')}`;
    const token = await instance.tokens.devBrowserToken(id);
    instance.store.clientForDevBrowser(id);
    return json({ object: 'dev_browser', id: token });
  });

  const environment = () => json(environmentJSON(instance.frontendHost));
  router.on('GET', '/v1/environment', environment);
  router.on('PATCH', '/v1/environment', environment);

  // GET reads the dev browser's client; clerk-js creates one with PUT (sent as POST ?_method=PUT) when it has none,
  // but here every dev browser already has one, so all three answer the same.
  const currentClient = async (ctx: RequestContext) => {
    const body = await clientJSON(await requireClient(instance, ctx), resourceContext(instance));
    return json({ response: body, client: body });
  };
  for (const method of ['GET', 'PUT', 'POST']) router.on(method, '/v1/client', currentClient);

  // Client.destroy(): sign out of everything; the dev browser keeps its (now empty) client.
  router.on('DELETE', '/v1/client', async (ctx) => {
    const client = await requireClient(instance, ctx);
    instance.store.signOutClient(client);
    return withClient(instance, client, await clientJSON(client, resourceContext(instance)));
  });
}
