import { ClerkApp, SignedIn, SignedOut, UserButton } from '@clerk/remix';
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration } from '@remix-run/react';
import type { ReactNode } from 'react';
import { rootLoaderWithAuth } from '~/clerk/request-auth.server';
import { GeneralErrorBoundary } from '~/components/GeneralErrorBoundary';
import { getPublicEnv } from '~/env.server';
import { LiveHasuraProvider } from '~/hasura/live';
import { LiveShelfCount } from '~/shelf/live';

export const meta: MetaFunction = () => [{ title: 'Reading tracker' }];

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: '/styles.css' },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const loader = (args: LoaderFunctionArgs) =>
  rootLoaderWithAuth(args, () => ({ publicEnv: getPublicEnv() }), { signInUrl: '/sign-in', signUpUrl: '/sign-up' });

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function SiteNav({ account }: { account: ReactNode }) {
  return (
    <header className="site-header">
      <Link to="/books" className="brand">
        Reading tracker
      </Link>
      <nav aria-label="Main">
        <NavLink to="/books">Books</NavLink>
        <NavLink to="/shelf">
          My shelf <LiveShelfCount />
        </NavLink>
        <NavLink to="/status">Status</NavLink>
      </nav>
      <div className="account">{account}</div>
    </header>
  );
}

function App() {
  return (
    <LiveHasuraProvider>
      <SiteNav
        account={
          <>
            <SignedIn>
              <UserButton />
            </SignedIn>
            <SignedOut>
              <Link to="/sign-in">Sign in</Link>
            </SignedOut>
          </>
        }
      />
      <main>
        <Outlet />
      </main>
      <footer className="site-footer">
        <Link to="/about">About this app</Link>
      </footer>
    </LiveHasuraProvider>
  );
}

export default ClerkApp(App, { afterSignOutUrl: '/books' });

/** Rendered without Clerk (its loader may be what failed), with a plain sign-in link. */
export function ErrorBoundary() {
  return (
    <>
      <SiteNav account={<a href="/sign-in">Sign in</a>} />
      <main>
        <GeneralErrorBoundary />
      </main>
    </>
  );
}
