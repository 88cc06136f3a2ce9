/**
 * The server build `remix build` writes to build/index.js (remix.config.js `server` points here), and so what
 * remix-serve, `remix dev` or any other adapter loads: Remix's own build, with every route action behind the
 * same-origin check of ~/security/same-origin.server. Being part of the build, the check goes wherever the build
 * goes, whichever server runs it.
 */
import * as build from '@remix-run/dev/server-build';
import { appOrigins, getEnv } from '~/env.server';
import { withSameOriginActions } from '~/security/same-origin.server';

export * from '@remix-run/dev/server-build';
export const routes = withSameOriginActions(build.routes, () => appOrigins(getEnv()));
