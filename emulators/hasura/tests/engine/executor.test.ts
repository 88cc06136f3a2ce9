/**
 * The one executor (src/engine/execute/): every operation — with `__typename`, introspection, subscriptions sent
 * over HTTP, mutations — is answered from Postgres' JSON text, a query's root fields in ONE statement, and a prepared
 * operation can be run again for other sessions of its role.
 */
import { expect, it } from 'vitest';
import type { GraphQLRequest } from '../../src/types.js';
import { describeOnEachDatabase, sessions } from './harness.js';

/** Postgres' json_build_object writes `"key" : value`; JSON.stringify never does, so this marks passed-through text. */
const passedThrough = (text: string) => text.includes('" : ');

const Q = (query: string, variables?: Record<string, unknown>): GraphQLRequest => ({ query, variables });

describeOnEachDatabase('executor', (h) => {
  it('answers __typename as a constant inside the statement, so rows keep their Postgres text', async () => {
    const text = await h.engine.executeText(
      Q('{ __typename authors(where: {id: {_eq: 1}}) { __typename id } }'),
      sessions.admin,
    );
    expect(text).toBe('{"data":{"__typename":"query_root","authors":[{"__typename" : "authors", "id" : 1}]}}');
    const aggregate = JSON.parse(
      await h.engine.executeText(
        Q('{ articles_aggregate { __typename aggregate { __typename count max { __typename views } } } }'),
        sessions.admin,
      ),
    );
    expect(aggregate.data.articles_aggregate).toEqual({
      __typename: 'articles_aggregate',
      aggregate: {
        __typename: 'articles_aggregate_fields',
        count: 20,
        max: { __typename: 'articles_max_fields', views: 400 },
      },
    });
  });

  it('runs all root fields of a query, introspection and __typename beside them, as ONE statement', async () => {
    h.statements.length = 0;
    const response = await h.run(
      `query { __typename t: __type(name: "authors") { name } authors(order_by: {id: asc}, limit: 1) { name }
               articles_aggregate { aggregate { count } } __schema { queryType { name } } }`,
    );
    expect(h.statements).toHaveLength(1);
    expect(response).toEqual({
      data: {
        __typename: 'query_root',
        t: { name: 'authors' },
        authors: [{ name: 'Alice Adams' }],
        articles_aggregate: { aggregate: { count: 20 } },
        __schema: { queryType: { name: 'query_root' } },
      },
    });
    // Keys in the order the request wrote them.
    expect(Object.keys(response.data as object)).toEqual([
      '__typename',
      't',
      'authors',
      'articles_aggregate',
      '__schema',
    ]);
    h.statements.length = 0;
    expect(await h.run('{ __typename }')).toEqual({ data: { __typename: 'query_root' } });
    expect(h.statements).toHaveLength(0);
  });

  it('answers a mutation with __typename from Postgres text too', async () => {
    const text = await h.engine.executeText(
      Q('mutation { __typename delete_authors(where: {id: {_eq: -1}}) { __typename affected_rows returning { id } } }'),
      sessions.admin,
    );
    expect(passedThrough(text)).toBe(true);
    expect(JSON.parse(text)).toEqual({
      data: {
        __typename: 'mutation_root',
        delete_authors: { __typename: 'authors_mutation_response', affected_rows: 0, returning: [] },
      },
    });
  });

  it('answers a subscription sent over HTTP once, like a query', async () => {
    expect(await h.run('subscription { authors(where: {id: {_eq: 2}}) { name } }')).toEqual({
      data: { authors: [{ name: 'Bob Brown' }] },
    });
  });

  it('runs one prepared operation for several sessions of its role, each seeing its own rows', async () => {
    const prepared = h.engine.prepare(
      Q('query ($author: Int!) { articles(where: {author_id: {_eq: $author}}, order_by: {title: asc}) { title } }', {
        author: 1,
      }),
      sessions.alice,
    );
    if (!prepared.ok) throw new Error(prepared.error.message);
    const titles = async (session: typeof sessions.alice) =>
      (
        JSON.parse(await h.engine.executePrepared(prepared.operation, session)).data.articles as Array<{
          title: string;
        }>
      ).map((a) => a.title);
    // alice also sees her drafts; bob only the published ones.
    expect(await titles(sessions.alice)).toContain('Alice draft one');
    expect(await titles(sessions.bob)).not.toContain('Alice draft one');
    expect((await titles(sessions.bob)).length).toBe(5);
    // A request error is answered by prepare, not thrown.
    const broken = h.engine.prepare(Q('{ articles { nope } }'), sessions.alice);
    expect(broken).toEqual({
      ok: false,
      error: {
        message: "field 'nope' not found in type: 'articles'",
        extensions: { path: '$.selectionSet.articles.selectionSet.nope', code: 'validation-failed' },
      },
    });
  });

  it("passes Postgres' number text through; stringifyNumericTypes gives strings", async () => {
    const query = Q(
      '{ authors(where: {id: {_eq: 2}}) { rating } articles_aggregate { aggregate { avg { views } sum { word_count } } } }',
    );
    const text = await h.engine.executeText(query, sessions.admin);
    // numeric keeps Postgres' digits (avg's trailing zeros), where a JS number would be re-serialised as 83.95.
    expect(text).toContain('"rating" : 3.25');
    expect(text).toMatch(/"views" : 83\.950+\b/);
    const stringified = await h.engineWith({ stringifyNumericTypes: true });
    expect(JSON.parse(await stringified.executeText(query, sessions.admin)).data).toEqual({
      authors: [{ rating: '3.25' }],
      articles_aggregate: { aggregate: { avg: { views: 83.95 }, sum: { word_count: '18582' } } },
    });
  });

  it('runs a failing statement once and answers the error', async () => {
    h.statements.length = 0;
    const response = await h.run('{ authors(order_by: {id: asc}) { id } articles_by_pk(id: "not-a-uuid") { title } }');
    expect(h.statements).toHaveLength(1);
    expect(response.errors?.[0].extensions.code).toBe('data-exception');
    expect(response.errors?.[0].message).toMatch(/invalid input syntax for type uuid/);
  });

  it('remembers a compiled query per variables and session variables, never across users or values', async () => {
    const query = 'query ($t: String!) { articles(where: {title: {_ilike: $t}}, order_by: {title: asc}) { title } }';
    const titles = async (t: string, session: (typeof sessions)[keyof typeof sessions]) =>
      (JSON.parse(await h.engine.executeText(Q(query, { t }), session)).data.articles as Array<{ title: string }>).map(
        (article) => article.title,
      );
    expect(await titles('%draft one%', sessions.alice)).toEqual(['Alice draft one']);
    h.statements.length = 0;
    expect(await titles('%draft one%', sessions.alice)).toEqual(['Alice draft one']);
    expect(await titles('%draft one%', sessions.bob)).toEqual(['Bob draft one']);
    expect(await titles('%draft two%', sessions.alice)).toEqual(['Alice draft two']);
    expect(h.statements).toHaveLength(3);
  });
});
