/**
 * The book page's shelf form: one schema per intent, told apart by the submit button's `intent` (a discriminated
 * union): `save` adds or updates the visitor's entry, `remove` removes it. The action parses a submission with
 * conform's `parseWithZod` and the browser runs the same schema before sending; conform turns empty fields into
 * undefined, numbers from text into numbers and a ticked checkbox (`on`) into true.
 */
import { z } from 'zod';
import { SHELF_STATUSES } from './status';

export const NOTE_MAX_LENGTH = 2000;
const RATING_MESSAGE = 'Rating must be a whole number from 1 to 5.';

const entryId = z.string().uuid('Not a shelf entry id.');

export const saveShelfEntrySchema = z.object({
  intent: z.literal('save'),
  status: z.enum(SHELF_STATUSES, { errorMap: () => ({ message: 'Choose a status: Want to read, Reading or Read.' }) }),
  rating: z
    .number({ invalid_type_error: RATING_MESSAGE })
    .int(RATING_MESSAGE)
    .min(1, RATING_MESSAGE)
    .max(5, RATING_MESSAGE)
    .optional(),
  note: z
    .string()
    .trim()
    .max(NOTE_MAX_LENGTH, `Keep the note under ${NOTE_MAX_LENGTH.toLocaleString('en-US')} characters.`)
    // PostgreSQL text cannot hold NUL: say so here rather than let the database refuse the whole save.
    .refine((note) => !note.includes('\u0000'), 'The note contains a NUL character, which cannot be stored.')
    .transform((note) => note || undefined)
    .optional(),
  /** Present when the entry exists: update it rather than add one. */
  entryId: entryId.optional(),
  /** The "Share publicly" checkbox: ticked (`on`) or absent; any other value is not from this form. */
  shared: z.boolean({ invalid_type_error: 'Sharing is a checkbox: ticked or not.' }).default(false),
});

export const removeShelfEntrySchema = z.object({ intent: z.literal('remove'), entryId });

export const shelfEntryFormSchema = z.discriminatedUnion('intent', [saveShelfEntrySchema, removeShelfEntrySchema], {
  errorMap: () => ({ message: 'Unknown action: use the Save or Remove button.' }),
});

export type ShelfEntryForm = z.output<typeof shelfEntryFormSchema>;
