/**
 * The `fetch` the server-side urql client sends GraphQL requests with: undici's `request` on one keep-alive
 * connection pool per process, answering with a standard `Response`.
 *
 * Why not a plain `fetch`: under `remix-serve` the global `fetch` is `@remix-run/web-fetch`, which opens (and
 * closes) a TCP connection for every request; undici's WHATWG `fetch` keeps connections alive but costs about
 * 0.3 ms more CPU per request than `request` (streams, abort wiring, spec bookkeeping) — a third of what a
 * signed-in catalog page spends beyond a static page. GraphQL responses are small JSON documents, so the body
 * is read whole and handed to urql as an ordinary `Response`.
 */
import { Agent, request } from 'undici';

const hasuraConnections = new Agent({ keepAliveTimeout: 30_000 });

/** `fetch(url, init)` for string/URL targets and string bodies, which is all urql's fetch exchange sends. */
export async function pooledFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  if (input instanceof Request) throw new TypeError('pooledFetch takes a URL, not a Request');
  if (init.body != null && typeof init.body !== 'string') throw new TypeError('pooledFetch sends string bodies only');
  const method = (init.method ?? 'GET').toUpperCase() as 'GET' | 'POST';
  const answer = await request(input, {
    method,
    // urql passes a plain object; a Headers instance or a list of pairs is iterated as [name, value] pairs.
    headers: Array.isArray(init.headers) ? new Headers(init.headers) : (init.headers as Headers | Record<string, string>),
    body: init.body ?? undefined,
    signal: init.signal ?? undefined,
    dispatcher: hasuraConnections,
  });
  const text = await answer.body.text();
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  // A null-body status (204, 304) cannot carry a body, not even an empty one.
  const nullBody = answer.statusCode === 204 || answer.statusCode === 304;
  return new Response(nullBody ? null : text, { status: answer.statusCode, headers });
}
