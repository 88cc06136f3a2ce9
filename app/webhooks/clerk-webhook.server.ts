/**
 * POST /webhooks/clerk: Clerk's webhooks (delivered by Svix). Verified with Clerk's own `verifyWebhook`
 * (signature over `svix-id.svix-timestamp.body` with CLERK_WEBHOOK_SIGNING_SECRET, timestamp within 5 minutes),
 * then applied by ./clerk-user-sync.server. Answers: 2xx = done or nothing to do (Svix stops); 4xx = refused, nothing
 * changed; 5xx = try again later (Svix retries with the same svix-id).
 */
import { verifyWebhook } from '@clerk/backend/webhooks';
import { getEnv } from '~/env.server';
import { HasuraGraphQLError } from '~/hasura/errors.server';
import { applyClerkEvent, InvalidClerkEvent } from './clerk-user-sync.server';

/** Clerk's user objects are a few KB; anything this big is not from Clerk. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

const answer = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/** The body as text, or null when it is larger than the limit (read no further). */
async function readLimited(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > MAX_WEBHOOK_BODY_BYTES) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_WEBHOOK_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function receiveClerkWebhook(request: Request): Promise<Response> {
  const { CLERK_WEBHOOK_SIGNING_SECRET: signingSecret, HASURA_GRAPHQL_ADMIN_SECRET: adminSecret } = getEnv();
  if (!signingSecret || !adminSecret) {
    const missing = !signingSecret ? 'CLERK_WEBHOOK_SIGNING_SECRET' : 'HASURA_GRAPHQL_ADMIN_SECRET';
    return answer(503, { problem: `Clerk webhooks are not set up here: set ${missing} (see .env.example).` });
  }
  const body = await readLimited(request);
  if (body === null) return answer(413, { problem: `The body is larger than ${MAX_WEBHOOK_BODY_BYTES} bytes.` });

  let event: Awaited<ReturnType<typeof verifyWebhook>>;
  try {
    // verifyWebhook reads the body itself: hand it the bytes already read, with the same headers.
    event = await verifyWebhook(new Request(request.url, { method: 'POST', headers: request.headers, body }), {
      signingSecret,
    });
  } catch (error) {
    // Unsigned, tampered, signed with another secret, or a timestamp more than 5 minutes off.
    return answer(400, { problem: `Webhook verification failed: ${(error as Error).message}` });
  }
  // Part of what was signed (verifyWebhook trims it too), so it is Svix's message id for this event.
  const svixId = request.headers.get('svix-id')!.trim();
  if (svixId.length > 100) return answer(400, { problem: 'svix-id is longer than a Svix message id.' });

  try {
    const outcome = await applyClerkEvent(svixId, event);
    if (outcome === 'duplicate')
      return answer(409, { problem: `Message ${svixId} was already handled; nothing changed.` });
    return answer(200, { outcome });
  } catch (error) {
    if (error instanceof InvalidClerkEvent) return answer(400, { problem: error.message });
    if (error instanceof Response) return error; // Hasura unreachable: 503, Svix tries again later
    if (error instanceof HasuraGraphQLError) return answer(502, { problem: error.message });
    throw error;
  }
}
