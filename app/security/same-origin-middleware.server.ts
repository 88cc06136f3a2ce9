/**
 * The same-origin check of ./same-origin.server as Express middleware, put by server.js in front of Remix's request
 * handler. For a POST whose `Origin` is not the `Host`, Remix's server runtime throws before any route code runs
 * and answers an empty 500 (documents) or a 500 error (single fetch `.data` requests); this answers 403 with the
 * reason instead: a page a person can read for documents, `{ problem }` JSON for data requests (`.data`, and the
 * older `?_data=`), which only a page on another site sends. The check on every action stays behind it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { crossSiteReason, crossSiteRefusal, crossSiteRefusalPage, isSafeMethod } from '~/security/same-origin.server';

/** The parts of Express's request this reads (`protocol` and `hostname` respect Express's "trust proxy"). */
export interface ExpressRequest extends IncomingMessage {
  method: string;
  originalUrl: string;
  protocol: string;
  hostname: string;
}

/**
 * The URL Remix will see, built as @remix-run/express builds it: Express's protocol and hostname, the port of
 * `X-Forwarded-Host` or else of `Host`, and the original path and query.
 */
function remixRequestUrl(req: ExpressRequest): URL {
  const portOf = (host: string | string[] | undefined) =>
    Number.parseInt((typeof host === 'string' ? host : '').split(':')[1] ?? '', 10);
  const port = [portOf(req.headers['x-forwarded-host']), portOf(req.headers.host)].find(Number.isSafeInteger);
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`);
}

function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return headers;
}

export function sameOriginMiddleware(ownOrigins: () => readonly string[]) {
  return (req: ExpressRequest, res: ServerResponse, next: (error?: unknown) => void): void => {
    if (isSafeMethod(req.method)) return next();
    let reason: string | null;
    let dataRequest: boolean;
    try {
      const url = remixRequestUrl(req);
      dataRequest = url.pathname.endsWith('.data') || url.searchParams.has('_data');
      reason = crossSiteReason(new Request(url, { method: req.method, headers: webHeaders(req) }), ownOrigins());
    } catch (error) {
      return next(error); // a URL or method Remix's adapter could not take either
    }
    if (!reason) return next();
    const refusal = dataRequest ? crossSiteRefusal(reason) : crossSiteRefusalPage(reason);
    refusal.text().then((body) => {
      res.writeHead(refusal.status, Object.fromEntries(refusal.headers));
      res.end(body);
    }, next);
  };
}
