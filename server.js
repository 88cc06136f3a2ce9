/**
 * The production server (`npm start`, the Docker image): what remix-serve does — Express with compression, the
 * fingerprinted build assets cached for a year, public/ for an hour, request logging, PORT/HOST, closing on
 * SIGTERM/SIGINT — plus the build's same-origin check in front of Remix's request handler, so that a cross-site
 * document POST gets a 403 page that says why instead of Remix's empty 500. Why our own server:
 * docs/decisions/006-own-production-server.md. `remix dev` still runs remix-serve.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import { installGlobals } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import morgan from 'morgan';

process.env.NODE_ENV ??= 'production';
process.setSourceMapsEnabled(true);

const build = await import('./build/index.js');
installGlobals({ nativeFetch: build.future.v3_singleFetch });

const app = express();
app.disable('x-powered-by');
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: '1y' }));
app.use(servePublicFiles('public', { maxAge: '1h' }));
app.use(morgan('tiny'));
app.use(build.sameOriginMiddleware);
app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV }));

/**
 * express.static for the files `dir` holds at start-up, by their URL path; every other request goes straight on.
 * express.static alone would stat the disk (and make an ENOENT error) for every page and data request.
 */
function servePublicFiles(dir, options) {
  const files = new Set(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/')}`),
  );
  const serve = express.static(dir, options);
  return (req, res, next) => {
    let path;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return serve(req, res, next); // malformed percent-encoding: express.static answers 400 as before
    }
    return files.has(path) ? serve(req, res, next) : next();
  };
}

const port = Number(process.env.PORT ?? 3000);
const onListen = () => console.log(`[server] http://${process.env.HOST ?? 'localhost'}:${port}`);
const server = process.env.HOST ? app.listen(port, process.env.HOST, onListen) : app.listen(port, onListen);
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => server.close(console.error));
