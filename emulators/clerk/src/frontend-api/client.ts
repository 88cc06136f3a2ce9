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

  router.on('GET', '/v1/client', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const body = await clientJSON(client, resourceContext(instance));
    return json({ response: body, client: body });
  });
  // clerk-js creates a client with PUT (sent as POST?_method=PUT) when it has none.
  const create = async (ctx: RequestContext) => {
    const client = await requireClient(instance, ctx);
    const body = await clientJSON(client, resourceContext(instance));
    return json({ response: body, client: body });
  };
  router.on('PUT', '/v1/client', create);
  router.on('POST', '/v1/client', create);

  // Client.destroy(): sign out of everything; the dev browser keeps its (now empty) client.
  router.on('DELETE', '/v1/client', async (ctx) => {
    const client = await requireClient(instance, ctx);
    instance.store.signOutClient(client);
    return withClient(instance, client, await clientJSON(client, resourceContext(instance)));
  });
}
