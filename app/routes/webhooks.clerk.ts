/**
 * Clerk's webhook endpoint (Clerk dashboard → Webhooks → Add endpoint → `https://<app>/webhooks/clerk`). A public
 * resource route: no session, no CSRF token — the Svix signature is the authentication.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { receiveClerkWebhook } from '~/webhooks/clerk-webhook.server';

export const action = ({ request }: ActionFunctionArgs) =>
  request.method === 'POST'
    ? receiveClerkWebhook(request)
    : Response.json({ problem: 'Use POST.' }, { status: 405, headers: { Allow: 'POST' } });

export const loader = () => Response.json({ problem: 'Use POST.' }, { status: 405, headers: { Allow: 'POST' } });
