import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { signInRedirect } from '~/clerk/sign-in-redirect.server';
import { BookReviews } from '~/components/BookReviews';
import { GeneralErrorBoundary } from '~/components/GeneralErrorBoundary';
import { RatingOptions } from '~/components/RatingOptions';
import { getHasuraSession } from '~/hasura/session.server';
import { getBook } from '~/models/book.server';
import { removeShelfEntry, saveShelfEntry } from '~/models/shelf.server';
import { notFound } from '~/problem.server';
import { shelfEntryFormSchema } from '~/shelf/entry-form';
import { SHELF_STATUSES, STATUS_LABELS } from '~/shelf/status';

const bookNotFound = () => notFound('There is no book with this id.');

function bookIdOf(params: LoaderFunctionArgs['params']): string {
  const parsed = z.string().uuid().safeParse(params.bookId);
  if (!parsed.success) throw bookNotFound();
  return parsed.data;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.book.title} · Reading tracker` : 'Book not found · Reading tracker' },
];

export async function loader(args: LoaderFunctionArgs) {
  const bookId = bookIdOf(args.params);
  const hasura = await getHasuraSession(args);
  const found = await getBook(hasura, bookId);
  if (!found) throw bookNotFound();
  return { ...found, signedIn: Boolean(hasura.userId) };
}

const STATUS_OF_FAILURE = { 'not-found': 404, 'hasura-error': 502 } as const;

export async function action(args: ActionFunctionArgs) {
  const bookId = bookIdOf(args.params);
  const hasura = await getHasuraSession(args);
  if (!hasura.userId) throw signInRedirect(new URL(args.request.url));
  const submission = parseWithZod(await args.request.formData(), { schema: shelfEntryFormSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), message: null }, { status: 400 });

  const { value } = submission;
  const outcome =
    value.intent === 'remove'
      ? await removeShelfEntry(hasura, { bookId, entryId: value.entryId })
      : await saveShelfEntry(hasura, {
          bookId,
          entryId: value.entryId,
          values: {
            status: value.status,
            rating: value.rating ?? null,
            note: value.note ?? null,
            shared: value.shared,
          },
        });
  if (!outcome.ok)
    return data(
      { result: submission.reply({ formErrors: [outcome.message] }), message: null },
      { status: STATUS_OF_FAILURE[outcome.reason] },
    );
  // The loader's fresh values become the form's defaults.
  return { result: submission.reply({ resetForm: true }), message: outcome.message };
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>['entry'];

/**
 * The shelf form (save, or remove with the second button). Works without JavaScript: the action's result (field
 * errors, the form's error) comes back with the page; once hydrated, the same schema checks before sending.
 */
function ShelfEntryForm({ entry }: { entry: Entry }) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const [form, fields] = useForm({
    id: 'shelf-entry',
    lastResult: actionData?.result,
    defaultValue: {
      entryId: entry?.id,
      status: entry?.status ?? 'want_to_read',
      rating: entry?.rating ?? '',
      note: entry?.note ?? '',
      shared: entry?.shared ? 'on' : undefined,
    },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: shelfEntryFormSchema }),
  });
  const { key: statusKey, ...status } = getSelectProps(fields.status);
  const { key: ratingKey, ...rating } = getSelectProps(fields.rating);
  const { key: noteKey, ...note } = getTextareaProps(fields.note);
  const { key: sharedKey, ...shared } = getInputProps(fields.shared, { type: 'checkbox' });
  const { key: entryIdKey, ...entryId } = getInputProps(fields.entryId, { type: 'hidden' });
  const fieldError = (field: { errorId: string; errors?: string[] }) =>
    field.errors ? (
      <p id={field.errorId} className="field-error">
        {field.errors.join(' ')}
      </p>
    ) : null;

  return (
    <>
      {actionData?.message ? <p role="status">{actionData.message}</p> : null}
      {form.errors ? (
        <p role="alert" id={form.errorId}>
          {form.errors.join(' ')}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        {entry ? <input key={entryIdKey} {...entryId} /> : null}
        <label htmlFor={fields.status.id}>Status</label>
        <select key={statusKey} {...status}>
          {SHELF_STATUSES.map((value) => (
            <option key={value} value={value}>
              {STATUS_LABELS[value]}
            </option>
          ))}
        </select>
        {fieldError(fields.status)}
        <label htmlFor={fields.rating.id}>Rating</label>
        <select key={ratingKey} {...rating}>
          <RatingOptions />
        </select>
        {fieldError(fields.rating)}
        <label htmlFor={fields.note.id}>Note</label>
        <textarea key={noteKey} {...note} rows={3} />
        {fieldError(fields.note)}
        <label className="checkbox">
          <input key={sharedKey} {...shared} />
          Share this review publicly, with my name and picture
        </label>
        {fieldError(fields.shared)}
        {fieldError(fields.entryId)}
        <button type="submit" name="intent" value="save" disabled={busy}>
          {entry ? 'Save' : 'Add to shelf'}
        </button>
        {entry ? (
          <button type="submit" name="intent" value="remove" disabled={busy}>
            Remove from shelf
          </button>
        ) : null}
      </Form>
    </>
  );
}

export default function BookPage() {
  const { book, signedIn, entry } = useLoaderData<typeof loader>();
  const location = useLocation();

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
          {/* key: after a save or a removal the loader's fresh values become the new defaults */}
          <ShelfEntryForm key={JSON.stringify(entry)} entry={entry} />
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
