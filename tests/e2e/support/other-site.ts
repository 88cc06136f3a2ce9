import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtherSite {
  /** e.g. http://127.0.0.1:41234: same site as the app (same host, another port), another origin. */
  origin: string;
  close(): Promise<void>;
}

/**
 * A page on another origin of the app's host (in production: a sibling subdomain), served for real so Chromium
 * treats it like any other local page. Every path answers `html`.
 */
export async function startOtherSite(html: string): Promise<OtherSite> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
