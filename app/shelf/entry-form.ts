/** The validation of the book page's shelf form (shared by the action and the UI). */
import { z } from 'zod';
import { SHELF_STATUSES } from './status';

export const NOTE_MAX_LENGTH = 2000;

const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export const shelfEntryFormSchema = z.object({
  status: z.enum(SHELF_STATUSES, { errorMap: () => ({ message: 'Choose a status: Want to read, Reading or Read.' }) }),
  rating: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ invalid_type_error: 'Rating must be a whole number from 1 to 5.' })
      .int('Rating must be a whole number from 1 to 5.')
      .min(1, 'Rating must be a whole number from 1 to 5.')
      .max(5, 'Rating must be a whole number from 1 to 5.')
      .optional(),
  ),
  note: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : value) || undefined,
    z
      .string()
      .max(NOTE_MAX_LENGTH, `Keep the note under ${NOTE_MAX_LENGTH.toLocaleString('en-US')} characters.`)
      // PostgreSQL text cannot hold NUL: say so here rather than let the database refuse the whole save.
      .refine((note) => !note.includes('\u0000'), 'The note contains a NUL character, which cannot be stored.')
      .optional(),
  ),
  entryId: z.preprocess(emptyToUndefined, z.string().uuid('Not a shelf entry id.').optional()),
  /** The "Share publicly" checkbox: `on` when ticked, absent otherwise. */
  shared: z
    .preprocess(
      emptyToUndefined,
      z.literal('on', { errorMap: () => ({ message: 'Sharing is a checkbox: ticked or not.' }) }).optional(),
    )
    .transform((value) => value === 'on'),
});

export type ShelfEntryForm = z.output<typeof shelfEntryFormSchema>;
export type ShelfEntryFieldErrors = Partial<Record<keyof ShelfEntryForm, string>>;

/** Validates the submitted form; on failure returns one message per field. */
export function parseShelfEntryForm(
  form: FormData,
): { ok: true; value: ShelfEntryForm } | { ok: false; fieldErrors: ShelfEntryFieldErrors } {
  const result = shelfEntryFormSchema.safeParse({
    status: form.get('status') ?? undefined,
    rating: form.get('rating') ?? undefined,
    note: form.get('note') ?? undefined,
    entryId: form.get('entryId') ?? undefined,
    shared: form.get('shared') ?? undefined,
  });
  if (result.success) return { ok: true, value: result.data };
  const fieldErrors: ShelfEntryFieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as keyof ShelfEntryForm;
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}
