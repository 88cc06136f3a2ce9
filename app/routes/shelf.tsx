import { useAuth } from '@clerk/remix';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRouteLoaderData, useSubmit } from '@remix-run/react';
import { useMemo } from 'react';
import { Provider } from 'urql';
import { signInRedirect } from '~/clerk/sign-in-redirect.server';
import { QuickRate } from '~/components/QuickRate';
import type { PublicEnv } from '~/env.server';
import { createBrowserHasuraClient } from '~/hasura/browser-client';
import { getHasuraSession } from '~/hasura/session.server';
import { getShelf } from '~/models/shelf.server';
import { isShelfStatus, SHELF_STATUSES, STATUS_LABELS } from '~/shelf/status';
import { GeneralErrorBoundary } from '~/components/GeneralErrorBoundary';
import { useRevalidateOnShelfChange } from '~/shelf/live';

export const meta: MetaFunction = () => [{ title: 'My shelf · Reading tracker' }];

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const hasura = await getHasuraSession(args);
  if (!hasura.userId) throw signInRedirect(url);
  const requested = url.searchParams.get('status');
  // An unknown status filter is ignored (the whole shelf), not an error: it only ever comes from an edited URL.
  const status = isShelfStatus(requested) ? requested : null;
  return { status, entries: await getShelf(hasura, status) };
}

function useBrowserHasuraClient() {
  const root = useRouteLoaderData<{ publicEnv: PublicEnv }>('root');
  const { getToken } = useAuth();
  const endpoint = root?.publicEnv.HASURA_GRAPHQL_ENDPOINT ?? '';
  const template = root?.publicEnv.HASURA_JWT_TEMPLATE ?? 'hasura';
  return useMemo(
    () => createBrowserHasuraClient(endpoint, (options) => getToken({ template, ...options })),
    [endpoint, template, getToken],
  );
}

export default function ShelfPage() {
  const { status, entries } = useLoaderData<typeof loader>();
  const client = useBrowserHasuraClient();
  const submit = useSubmit();
  useRevalidateOnShelfChange();
  return (
    <Provider value={client}>
      <h1>My shelf</h1>
      {/* A GET form: works without JavaScript (button), and submits on change once hydrated. */}
      <Form method="get" className="filters" onChange={(event) => submit(event.currentTarget)}>
        <label htmlFor="status-filter">Status filter</label>
        <select id="status-filter" name="status" defaultValue={status ?? ''}>
          <option value="">All</option>
          {SHELF_STATUSES.map((value) => (
            <option key={value} value={value}>
              {STATUS_LABELS[value]}
            </option>
          ))}
        </select>
        <button type="submit">Filter</button>
      </Form>
      {entries.length === 0 ? (
        <p>
          {status ? `Nothing marked “${STATUS_LABELS[status]}” yet.` : 'Your shelf is empty.'}{' '}
          <Link to="/books">Browse the books</Link> to add some.
        </p>
      ) : (
        <ul className="shelf">
          {entries.map((entry) => (
            <li key={entry.id}>
              <Link to={`/books/${entry.book.id}`}>{entry.book.title}</Link> <span>by {entry.book.author}</span>{' '}
              <span className="status">{entry.statusLabel}</span>
              <QuickRate entryId={entry.id} title={entry.book.title} rating={entry.rating ?? null} />
              {entry.note ? <p className="note">{entry.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Provider>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
