import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { signInRedirect } from '~/clerk/sign-in-redirect.server';
import { BookReviews } from '~/components/BookReviews';
import { RatingOptions } from '~/components/RatingOptions';
import { getHasuraSession } from '~/hasura/session.server';
import { getBook } from '~/models/book.server';
import { removeShelfEntry, saveShelfEntry, type ShelfOutcome } from '~/models/shelf.server';
import { notFound } from '~/problem.server';
import { parseShelfEntryForm, type ShelfEntryFieldErrors } from '~/shelf/entry-form';
import { SHELF_STATUSES, STATUS_LABELS } from '~/shelf/status';
import { GeneralErrorBoundary } from '~/components/GeneralErrorBoundary';

const bookIdOf = (params: LoaderFunctionArgs['params']) => {
  const parsed = z.string().uuid().safeParse(params.bookId);
  if (!parsed.success) throw bookNotFound();
  return parsed.data;
};

const bookNotFound = () => notFound('There is no book with this id.');

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.book.title} · Reading tracker` : 'Book not found · Reading tracker' },
];

export async function loader(args: LoaderFunctionArgs) {
  const bookId = bookIdOf(args.params);
  const hasura = await getHasuraSession(args);
  const found = await getBook(hasura, bookId);
  if (!found) throw bookNotFound();
  return json({ ...found, signedIn: Boolean(hasura.userId) });
}

const STATUS_OF_OUTCOME = { 'not-found': 404, 'hasura-error': 502 } as const;

export async function action(args: ActionFunctionArgs) {
  const bookId = bookIdOf(args.params);
  const hasura = await getHasuraSession(args);
  if (!hasura.userId) throw signInRedirect(new URL(args.request.url));
  const form = await args.request.formData();
  const intent = form.get('intent');
  const reply = (outcome: ShelfOutcome) =>
    outcome.ok
      ? json({ ok: true as const, message: outcome.message })
      : json({ ok: false as const, formError: outcome.message }, { status: STATUS_OF_OUTCOME[outcome.reason] });

  if (intent === 'remove') {
    const entryId = z.string().uuid().safeParse(form.get('entryId'));
    if (!entryId.success)
      return reply({ ok: false, reason: 'not-found', message: 'Not found: that shelf entry does not exist.' });
    return reply(await removeShelfEntry(hasura, { bookId, entryId: entryId.data }));
  }
  if (intent !== 'save') return json({ ok: false as const, formError: 'Unknown action.' }, { status: 400 });
  const parsed = parseShelfEntryForm(form);
  if (!parsed.ok) return json({ ok: false as const, fieldErrors: parsed.fieldErrors }, { status: 400 });
  const { entryId, status, rating, note, shared } = parsed.value;
  const values = { status, rating: rating ?? null, note: note ?? null, shared };
  return reply(await saveShelfEntry(hasura, { bookId, entryId, values }));
}

export default function BookPage() {
  const { book, signedIn, entry } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  const fieldErrors: ShelfEntryFieldErrors = result && !result.ok && 'fieldErrors' in result ? result.fieldErrors : {};
  const errorProps = (field: keyof ShelfEntryFieldErrors) =>
    fieldErrors[field] ? { 'aria-invalid': true, 'aria-describedby': `${field}-error` } : {};

  return (
    <article>
      <h1>{book.title}</h1>
      <dl className="book-details">
        <dt>Author</dt>
        <dd>{book.author}</dd>
        {book.published_year ? (
          <>
            <dt>Published</dt>
            <dd>{book.published_year}</dd>
          </>
        ) : null}
        <dt>Genre</dt>
        <dd>{book.genre}</dd>
        {book.pages ? (
          <>
            <dt>Pages</dt>
            <dd>{book.pages}</dd>
          </>
        ) : null}
      </dl>
      {book.description ? <p>{book.description}</p> : null}

      {signedIn ? (
        <section aria-labelledby="shelf-heading" className="shelf-form">
          <h2 id="shelf-heading">{entry ? 'On your shelf' : 'Your shelf'}</h2>
          {result?.ok ? <p role="status">{result.message}</p> : null}
          {result && !result.ok && 'formError' in result ? <p role="alert">{result.formError}</p> : null}
          {/* key: after a save the loader's fresh values become the new defaults */}
          <Form method="post" key={JSON.stringify(entry)}>
            {entry ? <input type="hidden" name="entryId" value={entry.id} /> : null}
            <label htmlFor="status">Status</label>
            <select id="status" name="status" defaultValue={entry?.status ?? 'want_to_read'} {...errorProps('status')}>
              {SHELF_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </select>
            {fieldErrors.status ? (
              <p id="status-error" className="field-error">
                {fieldErrors.status}
              </p>
            ) : null}
            <label htmlFor="rating">Rating</label>
            <select id="rating" name="rating" defaultValue={entry?.rating ?? ''} {...errorProps('rating')}>
              <RatingOptions />
            </select>
            {fieldErrors.rating ? (
              <p id="rating-error" className="field-error">
                {fieldErrors.rating}
              </p>
            ) : null}
            <label htmlFor="note">Note</label>
            <textarea id="note" name="note" rows={3} defaultValue={entry?.note ?? ''} {...errorProps('note')} />
            {fieldErrors.note ? (
              <p id="note-error" className="field-error">
                {fieldErrors.note}
              </p>
            ) : null}
            <label className="checkbox">
              <input type="checkbox" name="shared" defaultChecked={entry?.shared ?? false} {...errorProps('shared')} />
              Share this review publicly, with my name and picture
            </label>
            {fieldErrors.shared ? (
              <p id="shared-error" className="field-error">
                {fieldErrors.shared}
              </p>
            ) : null}
            {fieldErrors.entryId ? <p className="field-error">{fieldErrors.entryId}</p> : null}
            <button type="submit" name="intent" value="save" disabled={busy}>
              {entry ? 'Save' : 'Add to shelf'}
            </button>
          </Form>
          {entry ? (
            <Form method="post">
              <input type="hidden" name="entryId" value={entry.id} />
              <button type="submit" name="intent" value="remove" disabled={busy}>
                Remove from shelf
              </button>
            </Form>
          ) : null}
        </section>
      ) : (
        <p>
          <Link to={`/sign-in?redirect_url=${encodeURIComponent(location.pathname)}`}>
            Sign in to add this book to your shelf
          </Link>
        </p>
      )}
      <BookReviews
        reviews={book.reviews}
        count={book.reviews_aggregate.aggregate?.count ?? 0}
        ratings={book.reviews_aggregate.aggregate?.ratings ?? 0}
        averageRating={book.reviews_aggregate.aggregate?.avg?.rating}
      />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
