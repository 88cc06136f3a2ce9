import { expect, it } from 'vitest';
import { describeOnEachDatabase, sessions } from './harness.js';

/** Variables checked and coerced once are remembered per operation and variables text (request/prepare.ts). */
describeOnEachDatabase('remembered variables', (h) => {
  const query = 'query ($l: Int) { authors(order_by: {id: asc}, limit: $l) { id } }';

  it('a request sent again with the same variables answers the same', async () => {
    const first = await h.run(query, sessions.alice, { l: 2 });
    expect(first).toEqual({ data: { authors: [{ id: 1 }, { id: 2 }] } });
    expect(await h.run(query, sessions.alice, { l: 2 })).toEqual(first);
    expect(await h.run(query, sessions.alice, { l: 1 })).toEqual({ data: { authors: [{ id: 1 }] } });
  });

  it('a value JSON writes like a remembered one (1e400 as null) is still checked', async () => {
    expect(await h.run(query, sessions.alice, { l: null })).toEqual({
      data: { authors: [{ id: 1 }, { id: 2 }, { id: 3 }] },
    });
    const overflow = (await h.run(query, sessions.alice, { l: Number.POSITIVE_INFINITY })) as {
      errors?: Array<{ extensions: { code: string } }>;
    };
    expect(overflow.errors?.[0].extensions.code).toBe('parse-failed');
  });

  it('remembered values are not shared between roles', async () => {
    const byPk = 'query ($id: Int!) { authors_by_pk(id: $id) { name } }';
    expect(await h.run(byPk, sessions.alice, { id: 1 })).toEqual({ data: { authors_by_pk: { name: 'Alice Adams' } } });
    expect(await h.run(byPk, sessions.anonymous, { id: 1 })).toEqual({
      errors: [
        {
          message: "field 'authors_by_pk' not found in type: 'query_root'",
          extensions: { path: '$.selectionSet.authors_by_pk', code: 'validation-failed' },
        },
      ],
    });
  });
});
