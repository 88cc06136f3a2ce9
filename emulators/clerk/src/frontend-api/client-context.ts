import { errors } from '../errors.js';
import type { Reply, RequestContext } from '../http.js';
import { json } from '../http.js';
import { resourceContext, type Instance } from '../instance.js';
import { clientJSON } from '../resources.js';
import type { ClientRecord } from '../state.js';

/** The dev-browser token of a Frontend API call: the `__clerk_db_jwt` query param clerk-js adds in development. */
export function devBrowserToken(ctx: RequestContext): string | null {
  return ctx.url.searchParams.get('__clerk_db_jwt') || ctx.cookies.__clerk_db_jwt || null;
}

/** The client bound to the request's dev browser; Clerk's `dev_browser_unauthenticated` when there is none. */
export async function requireClient(instance: Instance, ctx: RequestContext): Promise<ClientRecord> {
  const token = devBrowserToken(ctx);
  const devBrowserId = token ? await instance.tokens.devBrowserId(token) : null;
  if (!devBrowserId) throw errors.devBrowserUnauthenticated();
  return instance.store.clientForDevBrowser(devBrowserId);
}

/** A mutation's answer: `{ response, client }`; clerk-js refreshes its state from `client`. */
export async function withClient(
  instance: Instance,
  client: ClientRecord,
  response: unknown,
  status = 200,
): Promise<Reply> {
  return json({ response, client: await clientJSON(client, resourceContext(instance)) }, status);
}

export function stringParam(ctx: RequestContext, name: string): string | null {
  const value = ctx.body[name] ?? ctx.url.searchParams.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function requiredParam(ctx: RequestContext, name: string): string {
  const value = stringParam(ctx, name);
  if (value === null) throw errors.paramMissing(name);
  return value;
}

/** A form field holding a JSON object (e.g. `unsafe_metadata`); null when absent, Clerk's param error when not an object. */
export function jsonObjectParam(ctx: RequestContext, name: string): Record<string, unknown> | null {
  const raw = stringParam(ctx, name);
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw errors.paramInvalid(name, `${name} must be a JSON object.`);
  return value as Record<string, unknown>;
}
