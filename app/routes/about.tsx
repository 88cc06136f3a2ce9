/**
 * A static page: no loader of its own, rendered through root.tsx (root loader with Clerk's auth state, layout,
 * header) like every page. The bench uses it as the ceiling for the app's server-rendered pages.
 */
import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';

export const meta: MetaFunction = () => [{ title: 'About · Reading tracker' }];

export default function AboutPage() {
  return (
    <>
      <h1>About this app</h1>
      <p>
        Reading tracker keeps a catalog of books and, once you sign in, a shelf of your own: what you want to read, are
        reading and have read, with your ratings.
      </p>
      <p>
        Accounts are handled by Clerk; books and shelves live in PostgreSQL behind Hasura&apos;s GraphQL API, which only
        lets each reader see and change their own shelf. Start with <Link to="/books">the catalog</Link>.
      </p>
    </>
  );
}
