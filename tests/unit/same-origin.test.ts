/**
 * The CSRF check, alone and inside Remix's own request handler (a small build with the app's wrapper applied):
 * which requests count as cross-site, and that a refused one never reaches the action.
 */
import { createRequestHandler, json, type ServerBuild } from '@remix-run/node';
import { describe, expect, it } from 'vitest';
import { crossSiteReason, withSameOriginActions } from '~/security/same-origin.server';

const APP = 'http://app.test';
// Host as a server receives it (Remix compares it with Origin for document requests).
const post = (headers: Record<string, string>, url = `${APP}/thing`) =>
  new Request(url, {
    method: 'POST',
    headers: { Host: new URL(url).host, ...headers },
    body: new URLSearchParams({ a: '1' }),
  });

describe('crossSiteReason', () => {
  it('lets the app’s own origin through, refuses any other, same site included', () => {
    expect(crossSiteReason(post({ Origin: APP }))).toBeNull();
    expect(crossSiteReason(post({ Origin: 'http://app.test:9999' }))).toMatch(/sent from http:\/\/app\.test:9999/);
    expect(crossSiteReason(post({ Origin: 'https://app.test' }))).not.toBeNull(); // another scheme is another origin
    expect(crossSiteReason(post({ Origin: 'http://evil.app.test', 'Sec-Fetch-Site': 'same-site' }))).not.toBeNull();
  });

  it('without Origin (or Origin: null) trusts Sec-Fetch-Site, then Referer', () => {
    expect(crossSiteReason(post({ 'Sec-Fetch-Site': 'same-origin' }))).toBeNull();
    expect(crossSiteReason(post({ 'Sec-Fetch-Site': 'same-site' }))).toMatch(/same-site/);
    expect(crossSiteReason(post({ 'Sec-Fetch-Site': 'cross-site', Referer: `${APP}/books` }))).toMatch(/cross-site/);
    expect(crossSiteReason(post({ 'Sec-Fetch-Site': 'none' }))).not.toBeNull();
    expect(crossSiteReason(post({ Origin: 'null', 'Sec-Fetch-Site': 'same-origin' }))).toBeNull();
    expect(crossSiteReason(post({ Origin: 'null' }))).toMatch(/opaque origin/);
    expect(crossSiteReason(post({ Referer: `${APP}/books/1` }))).toBeNull();
    expect(crossSiteReason(post({ Referer: 'http://app.test:9999/x' }))).toMatch(/app\.test:9999/);
    expect(crossSiteReason(post({ Referer: 'not a url' }))).toMatch(/unreadable Referer/);
  });

  it('lets requests with no browser headers through (curl, a server calling a webhook)', () => {
    expect(crossSiteReason(post({}))).toBeNull();
  });

  it('never checks GET, HEAD or OPTIONS', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(
        crossSiteReason(new Request(`${APP}/thing`, { method, headers: { Origin: 'http://evil.test' } })),
      ).toBeNull();
    }
  });

  it('behind a proxy compares with the configured public origins (APP_ORIGIN), not the URL the server sees', () => {
    const internal = (origin: string) => post({ Origin: origin }, 'http://10.0.0.5:3000/thing');
    expect(crossSiteReason(internal('https://books.example'))).not.toBeNull();
    expect(crossSiteReason(internal('https://books.example'), ['https://books.example'])).toBeNull();
    expect(crossSiteReason(internal('http://10.0.0.5:3000'), ['https://books.example'])).not.toBeNull();
  });
});

describe('withSameOriginActions inside Remix’s request handler', () => {
  let actionRuns = 0;
  const action = () => {
    actionRuns += 1;
    return json({ changed: true });
  };
  const component = () => null;
  const routes = withSameOriginActions(
    {
      root: { id: 'root', path: '', module: { default: component } },
      'routes/thing': { id: 'routes/thing', parentId: 'root', path: 'thing', module: { default: component, action } },
      'routes/hook': { id: 'routes/hook', parentId: 'root', path: 'hook', module: { action } },
    } as unknown as ServerBuild['routes'],
    () => [],
  );
  const buildWith = (future: Record<string, boolean>) =>
    ({
      mode: 'production',
      entry: {
        module: {
          // Stands in for the React render: what matters is the status Remix settled on.
          default: (_request: Request, status: number, headers: Headers) =>
            new Response(`document ${status}`, { status, headers }),
          handleError: () => undefined,
        },
      },
      routes,
      assets: { entry: { imports: [], module: '' }, routes: {}, url: '', version: 'test' },
      publicPath: '/build/',
      assetsBuildDirectory: 'public/build',
      future,
      isSpaMode: false,
    }) as unknown as ServerBuild;
  const handle = createRequestHandler(buildWith({}), 'production');
  const handleSingleFetch = createRequestHandler(buildWith({ v3_singleFetch: true }), 'production');

  it('answers a cross-site data request 403 with the reason, and the action never runs', async () => {
    actionRuns = 0;
    const response = await handle(post({ Origin: 'http://app.test:9999' }, `${APP}/thing?_data=routes%2Fthing`));
    expect(response.status).toBe(403);
    expect((await response.json()).problem).toMatch(/did not come from this app's own pages.*nothing was changed/);
    expect(actionRuns).toBe(0);
  });

  it('answers a cross-site document request 403 (rendered by the error boundary), the action never runs', async () => {
    actionRuns = 0;
    const response = await handle(post({ 'Sec-Fetch-Site': 'cross-site' }));
    expect(response.status).toBe(403);
    expect(actionRuns).toBe(0);
  });

  it('runs the action for the app’s own requests and for a signed webhook call with no browser headers', async () => {
    actionRuns = 0;
    expect((await handle(post({ Origin: APP }, `${APP}/thing?_data=routes%2Fthing`))).status).toBe(200);
    expect((await handle(post({ Origin: APP }))).status).toBe(200);
    expect((await handle(post({}, `${APP}/hook`))).status).toBe(200);
    expect(actionRuns).toBe(3);
  });
  it('single fetch: a cross-site `.data` POST never runs the action (Remix refuses a foreign Origin, the check the rest)', async () => {
    actionRuns = 0;
    const foreignOrigin = await handleSingleFetch(post({ Origin: 'http://app.test:9999' }, `${APP}/thing.data`));
    expect(foreignOrigin.status).toBeGreaterThanOrEqual(400); // Remix's own 500, before any route code; server.js answers 403 first
    const sameSite = await handleSingleFetch(post({ 'Sec-Fetch-Site': 'same-site' }, `${APP}/thing.data`));
    expect(sameSite.status).toBe(403);
    expect(await sameSite.text()).toMatch(/did not come from this app's own pages/);
    const referred = await handleSingleFetch(post({ Referer: 'http://evil.test/x' }, `${APP}/thing.data`));
    expect(referred.status).toBe(403);
    expect(actionRuns).toBe(0);
    expect((await handleSingleFetch(post({ Origin: APP }, `${APP}/thing.data`))).status).toBe(200);
    expect(actionRuns).toBe(1);
  });
});
