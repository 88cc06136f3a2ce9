/**
 * The server build `remix build` writes to build/index.js (remix.config.js `server` points here), and so what
 * server.js (`npm start`), `remix dev` or any other adapter loads: Remix's own build, with every route action behind
 * the same-origin check of ~/security/same-origin.server. Being part of the build, the check goes wherever the build
 * goes, whichever server runs it. `sameOriginMiddleware` is exported for server.js, which also puts the check in
 * front of Remix's request handler (see ~/security/same-origin-middleware.server).
 */
import * as build from '@remix-run/dev/server-build';
import { appOrigins, getEnv } from '~/env.server';
import { sameOriginMiddleware as middlewareFor } from '~/security/same-origin-middleware.server';
import { withSameOriginActions } from '~/security/same-origin.server';

export * from '@remix-run/dev/server-build';
const ownOrigins = () => appOrigins(getEnv());
export const routes = withSameOriginActions(build.routes, ownOrigins);
export const sameOriginMiddleware = middlewareFor(ownOrigins);
