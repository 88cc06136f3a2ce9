import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { shelfEntryFormSchema } from '~/shelf/entry-form';

const parse = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return parseWithZod(data, { schema: shelfEntryFormSchema });
};
const errorsOf = (fields: Record<string, string>) => {
  const submission = parse(fields);
  if (submission.status !== 'error') throw new Error(`expected errors, got ${submission.status}`);
  return submission.error ?? {};
};

describe('shelf entry form (conform + zod, one schema per intent)', () => {
  it('accepts a complete entry and normalises empty optional fields', () => {
    const full = parse({ intent: 'save', status: 'reading', rating: '4', note: '  good  ' });
    expect(full.status).toBe('success');
    expect(full.status === 'success' && full.value).toEqual({
      intent: 'save',
      status: 'reading',
      rating: 4,
      note: 'good',
      shared: false,
    });
    const empty = parse({ intent: 'save', status: 'read', rating: '', note: '   ', entryId: '' });
    expect(empty.status === 'success' && empty.value).toEqual({ intent: 'save', status: 'read', shared: false });
  });

  it('reads the share checkbox: ticked is `on`, anything else is an error', () => {
    const shared = parse({ intent: 'save', status: 'read', shared: 'on' });
    expect(shared.status === 'success' && shared.value.intent === 'save' && shared.value.shared).toBe(true);
    for (const hostile of ['true', 'off', '1', 'on '.repeat(1000)]) {
      expect(errorsOf({ intent: 'save', status: 'read', shared: hostile }).shared?.[0]).toMatch(/checkbox/);
    }
  });

  it('names each bad field', () => {
    const errors = errorsOf({
      intent: 'save',
      status: 'finished',
      rating: '6',
      note: 'x'.repeat(2001),
      entryId: 'not-a-uuid',
    });
    expect(errors.status?.[0]).toMatch(/status/i);
    expect(errors.rating?.[0]).toMatch(/1 to 5/);
    expect(errors.note?.[0]).toMatch(/2,000/);
    expect(errors.entryId?.[0]).toMatch(/shelf entry id/);
  });

  it('rejects fractional, huge and non-numeric ratings, a NUL in the note, and a missing status', () => {
    for (const rating of ['2.5', 'five', '0', '1e400', '9'.repeat(400)]) {
      expect(errorsOf({ intent: 'save', status: 'read', rating }).rating?.[0]).toMatch(/1 to 5/);
    }
    expect(errorsOf({ intent: 'save', status: 'read', note: 'a\u0000b' }).note?.[0]).toMatch(/NUL/);
    expect(errorsOf({ intent: 'save' }).status).toBeTruthy();
  });

  it('remove needs only a well-formed entry id; other intents are refused', () => {
    const remove = parse({ intent: 'remove', entryId: '00000000-0000-4000-8000-000000000000', status: 'bogus' });
    expect(remove.status === 'success' && remove.value).toEqual({
      intent: 'remove',
      entryId: '00000000-0000-4000-8000-000000000000',
    });
    expect(errorsOf({ intent: 'remove', entryId: "' OR 1=1 --" }).entryId?.[0]).toMatch(/shelf entry id/);
    expect(errorsOf({ intent: 'remove' }).entryId).toBeTruthy();
    for (const intent of ['delete', '', 'save '.repeat(100)]) {
      expect(errorsOf({ intent, status: 'read' }).intent?.[0]).toMatch(/Unknown action/);
    }
    expect(errorsOf({ status: 'read' }).intent?.[0]).toMatch(/Unknown action/);
  });
});
