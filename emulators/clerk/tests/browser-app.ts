import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClerkClient } from '@clerk/backend';

/**
 * A minimal app for the browser tests: plain HTML pages that load the unmodified clerk-js bundle from the emulator,
 * and one server-rendered page guarded by @clerk/backend's authenticateRequest (handshake included).
 */
export interface TestApp {
  url: string;
  close(): Promise<void>;
}

/** A free port, so the local Clerk can be told the app's origin before the app starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startTestApp(env: Record<string, string>, port = 0): Promise<TestApp> {
  const clerkClient = createClerkClient({
    secretKey: env.CLERK_SECRET_KEY,
    apiUrl: env.CLERK_API_URL,
    publishableKey: env.CLERK_PUBLISHABLE_KEY,
  });
  const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>test app</title>
<script async crossorigin="anonymous" data-clerk-publishable-key="${env.CLERK_PUBLISHABLE_KEY}"
  data-clerk-proxy-url="${env.CLERK_PROXY_URL}" src="${env.CLERK_JS}"></script>
<script>
  window.__clerkReady = new Promise((resolve) => {
    window.addEventListener('load', async () => {
      // The bundle creates window.Clerk once its own chunks are in.
      while (!window.Clerk) await new Promise((r) => setTimeout(r, 20));
      await window.Clerk.load({ telemetry: false });
      const mount = document.getElementById('mount');
      if (mount && mount.dataset.component === 'sign-in') window.Clerk.mountSignIn(mount, { routing: 'hash', signUpUrl: '/sign-up' });
      if (mount && mount.dataset.component === 'sign-up') window.Clerk.mountSignUp(mount, { routing: 'hash', signInUrl: '/sign-in' });
      if (mount && mount.dataset.component === 'user-button') window.Clerk.mountUserButton(mount);
      if (mount && mount.dataset.component === 'user-profile') window.Clerk.mountUserProfile(mount, { routing: 'hash' });
      resolve(true);
    });
  });
</script></head><body>${body}</body></html>`;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(page('<p>home</p>'));
      return;
    }
    if (
      url.pathname === '/sign-in' ||
      url.pathname === '/sign-up' ||
      url.pathname === '/user-button' ||
      url.pathname === '/user-profile'
    ) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(page(`<div id="mount" data-component="${url.pathname.slice(1)}"></div>`));
      return;
    }
    if (url.pathname === '/protected') {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const state = await clerkClient.authenticateRequest(new Request(url, { headers }), {
        proxyUrl: env.CLERK_PROXY_URL,
        jwtKey: env.CLERK_JWT_KEY,
      });
      const location = state.headers.get('location');
      const outHeaders: Record<string, string | string[]> = { 'Set-Cookie': state.headers.getSetCookie() };
      if (location) {
        res.writeHead(307, { ...outHeaders, Location: location });
        res.end();
        return;
      }
      const auth = state.isAuthenticated ? state.toAuth() : null;
      res.writeHead(200, { ...outHeaders, 'Content-Type': 'text/html' });
      res.end(page(`<p id="auth">${auth ? `signed in as ${auth.userId}` : 'signed out'}</p>`));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
