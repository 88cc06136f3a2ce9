import { describe, expect, it } from 'vitest';
import { parseShelfEntryForm } from '~/shelf/entry-form';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe('shelf entry form', () => {
  it('accepts a complete entry and normalises empty optional fields', () => {
    expect(parseShelfEntryForm(form({ status: 'reading', rating: '4', note: '  good  ' }))).toEqual({
      ok: true,
      value: { status: 'reading', rating: 4, note: 'good', entryId: undefined, shared: false },
    });
    expect(parseShelfEntryForm(form({ status: 'read', rating: '', note: '   ', entryId: '' }))).toEqual({
      ok: true,
      value: { status: 'read', rating: undefined, note: undefined, entryId: undefined, shared: false },
    });
  });

  it('reads the share checkbox: ticked is `on`, anything else is an error', () => {
    const shared = parseShelfEntryForm(form({ status: 'read', shared: 'on' }));
    expect(shared.ok && shared.value.shared).toBe(true);
    for (const hostile of ['true', 'off', '1', 'on '.repeat(1000)]) {
      const result = parseShelfEntryForm(form({ status: 'read', shared: hostile }));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.fieldErrors.shared).toMatch(/checkbox/);
    }
  });

  it('names each bad field', () => {
    const result = parseShelfEntryForm(
      form({ status: 'finished', rating: '6', note: 'x'.repeat(2001), entryId: 'not-a-uuid' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.status).toMatch(/status/i);
    expect(result.fieldErrors.rating).toMatch(/1 to 5/);
    expect(result.fieldErrors.note).toMatch(/2,000/);
    expect(result.fieldErrors.entryId).toBeTruthy();
  });

  it('rejects fractional and non-numeric ratings, and a missing status', () => {
    for (const rating of ['2.5', 'five', '0']) {
      const result = parseShelfEntryForm(form({ status: 'read', rating }));
      expect(result.ok ? null : result.fieldErrors.rating).toMatch(/1 to 5/);
    }
    const missing = parseShelfEntryForm(form({}));
    expect(missing.ok ? null : missing.fieldErrors.status).toBeTruthy();
  });
});
