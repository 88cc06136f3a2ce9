/**
 * Remix v2 with the classic compiler (`remix build` / `remix dev`). `npm run build && npm start` serves
 * build/index.js with server.js, which listens on $PORT (default 3000).
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  // The build's main module: Remix's server build with every action behind the same-origin (CSRF) check.
  server: 'app/server-build.ts',
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  // Every React Router v7 behaviour the classic compiler supports, so the app is one codemod from v7.
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
