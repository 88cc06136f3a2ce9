/**
 * Server entry: validates the environment at start-up (a missing variable stops the server with its name), then
 * streams the React render as Remix's default entry does (bots get the complete document at once), with the
 * pieces React writes in one go coalesced into one chunk (see ~/render/coalesced-stream.server). Pages and data
 * responses get the app's security and caching headers (~/security/headers.server).
 */
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { signedInDuring } from '~/clerk/request-auth.server';
import { getEnv } from '~/env.server';
import { CoalescedStream } from '~/render/coalesced-stream.server';
import { setPageHeaders } from '~/security/headers.server';

getEnv();

const ABORT_DELAY_MS = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  setPageHeaders(responseHeaders, { signedIn: signedInDuring(loadContext) });
  const isBot = isbot(request.headers.get('user-agent') ?? '');
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let abortTimer: NodeJS.Timeout | undefined;
    const respond = () => {
      shellRendered = true;
      const body = new CoalescedStream();
      responseHeaders.set('Content-Type', 'text/html');
      resolve(
        new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} />,
      {
        onShellReady() {
          if (!isBot) respond();
        },
        onAllReady() {
          // Everything is rendered: nothing is left for the timer to abort.
          clearTimeout(abortTimer);
          if (isBot) respond();
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; earlier ones reject above and are logged by Remix.
          if (shellRendered) console.error(error);
        },
      },
    );
    abortTimer = setTimeout(abort, ABORT_DELAY_MS);
  });
}

/** Data responses (single fetch `.data`: client-side navigations, fetchers, form submissions) get the pages' headers too. */
export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  setPageHeaders(response.headers, { signedIn: signedInDuring(context) });
  return response;
};
