/**
 * Single fetch (remix.config.js `v3_singleFetch`): loaders and actions return plain data (or `data()` with a status
 * or headers) and `useLoaderData<typeof loader>()` is typed with what they return, not its JSON serialisation.
 */
import '@remix-run/node';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}
