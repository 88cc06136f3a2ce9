import { expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog.js';
import { createEngine } from '../../src/engine/index.js';
import { loadMetadata } from '../../src/metadata.js';
import type { Database } from '../../src/types.js';
import { describeOnEachDatabase, FIXTURE, sessions } from './harness.js';

const error = (message: string, path: string, code = 'validation-failed') => ({
  errors: [{ message, extensions: { path, code } }],
});

describeOnEachDatabase('errors', (h) => {
  it('a column without permission: field not found, with the selection path', async () => {
    expect(await h.run(`{ authors { name articles { title user_id } } }`, sessions.anonymous)).toEqual(
      error(
        "field 'user_id' not found in type: 'articles'",
        '$.selectionSet.authors.selectionSet.articles.selectionSet.user_id',
      ),
    );
    expect(await h.run(`{ authors { name user_id } }`, sessions.alice)).toEqual(
      error("field 'user_id' not found in type: 'authors'", '$.selectionSet.authors.selectionSet.user_id'),
    );
    expect(await h.run(`query { list: articles { t: views } }`, sessions.anonymous)).toEqual(
      error("field 'views' not found in type: 'articles'", '$.selectionSet.list.selectionSet.t'),
    );
  });

  it('a root field without permission: field not found in query_root', async () => {
    expect(await h.run(`{ articles_aggregate { aggregate { count } } }`, sessions.anonymous)).toEqual(
      error("field 'articles_aggregate' not found in type: 'query_root'", '$.selectionSet.articles_aggregate'),
    );
    expect(await h.run(`{ authors_by_pk(id: 1) { name } }`, sessions.anonymous)).toEqual(
      error("field 'authors_by_pk' not found in type: 'query_root'", '$.selectionSet.authors_by_pk'),
    );
  });

  it('a role without mutation permission: no mutations exist', async () => {
    expect(await h.run(`mutation { delete_articles(where: {}) { affected_rows } }`, sessions.anonymous)).toEqual(
      error('no mutations exist', '$'),
    );
  });

  it('a mutation field the role lacks: not found in mutation_root', async () => {
    expect(await h.run(`mutation { delete_authors(where: {}) { affected_rows } }`, sessions.alice)).toEqual(
      error("field 'delete_authors' not found in type: 'mutation_root'", '$.selectionSet.delete_authors'),
    );
  });

  it('_eq: null, as a literal or through a variable', async () => {
    expect(await h.run(`{ articles(where: {title: {_eq: null}}) { id } }`)).toEqual(
      error("unexpected null value for type 'String'", '$.selectionSet.articles.args.where.title._eq'),
    );
    expect(
      await h.run(`query($v: Int) { articles(where: {views: {_gt: $v}}) { id } }`, sessions.admin, { v: null }),
    ).toEqual(error("unexpected null value for type 'Int'", '$.selectionSet.articles.args.where.views._gt'));
  });

  it('a parse error', async () => {
    expect(await h.run(`{ articles { id `)).toEqual(error('not a valid graphql query', '$.query'));
  });

  it('variables: unexpected ones, a missing non-nullable one', async () => {
    expect(await h.run(`{ articles { id } }`, sessions.admin, { extra: 1, more: 2 })).toEqual(
      error('unexpected variables in variableValues: extra, more', '$'),
    );
    expect(await h.run(`query($id: uuid!) { articles_by_pk(id: $id) { id } }`, sessions.admin, {})).toEqual(
      error('expecting a value for non-nullable variable: "id"', '$'),
    );
  });

  it('variables: a declared one may go unused, but one that is sent must be used', async () => {
    const unused = await h.run(`query($unused: Int) { authors_aggregate { aggregate { count } } }`);
    expect(unused).toEqual({ data: { authors_aggregate: { aggregate: { count: 3 } } } });
    expect(
      await h.run(`query($unused: Int) { authors_aggregate { aggregate { count } } }`, sessions.admin, { unused: 1 }),
    ).toEqual(error('unexpected variables in variableValues: unused', '$'));
    const viaFragment = await h.run(
      `query($n: String!) { authors { ...F } } fragment F on authors { articles(where: {title: {_eq: $n}}) { id } }`,
      sessions.admin,
      { n: 'x' },
    );
    expect(viaFragment.errors).toBeUndefined();
  });

  it('variables that are not an object', async () => {
    expect(await h.run(`{ articles { id } }`, sessions.admin, [1] as never)).toEqual(
      error('expected Object, but encountered Array', '$.variables', 'parse-failed'),
    );
  });

  it('operations: unknown name, several without a name', async () => {
    const document = `query A { articles { id } } query B { authors { id } }`;
    expect(await h.run(document, sessions.admin, undefined, 'C')).toEqual(
      error('no such operation found in the document: "C"', '$'),
    );
    expect(await h.run(document)).toEqual(
      error('exactly one operation has to be present in the document when operationName is not specified', '$'),
    );
    const picked = await h.run(document, sessions.admin, undefined, 'B');
    expect((picked.data as { authors: unknown[] }).authors).toHaveLength(3);
  });

  it('unknown arguments and input fields', async () => {
    expect(await h.run(`{ articles(first: 1) { id } }`)).toEqual(
      error("'articles' has no argument named 'first'", '$.selectionSet.articles'),
    );
    expect(await h.run(`{ articles(where: {nope: {_eq: 1}}) { id } }`)).toEqual(
      error("field 'nope' not found in type: 'articles_bool_exp'", '$.selectionSet.articles.args.where.nope'),
    );
  });

  it('a permission naming a session variable the session lacks', async () => {
    expect(await h.run(`{ articles { id } }`, { role: 'user', variables: {} })).toEqual(
      error('missing session variable: "x-hasura-user-id"', '$', 'not-found'),
    );
  });

  it('distinct_on not matching the initial order_by columns', async () => {
    expect(await h.run(`{ articles(distinct_on: [author_id], order_by: {views: asc}) { id } }`)).toEqual(
      error('"distinct_on" columns must match initial "order_by" columns', '$.selectionSet.articles.args'),
    );
  });

  it('errors never carry data and leave the database untouched', async () => {
    const response = await h.run(
      `mutation { a: insert_articles_one(object: {author_id: 1, title: "Err row", user_id: "alice"}) { id } b: insert_articles_one(object: {author_id: 1, title: "Err row", user_id: "alice"}) { id } }`,
    );
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0].extensions.code).toBe('constraint-violation');
    const check = await h.data(`{ articles(where: {title: {_eq: "Err row"}}) { id } }`);
    expect(check.articles).toEqual([]);
  });

  it("a statement that answers no row is an error in Hasura's shape, never a null answer", async () => {
    const catalog = await readCatalog(h.db);
    const metadata = await loadMetadata(`${FIXTURE}/metadata`);
    // A database that runs nothing and answers no row.
    const silent: Database = {
      ...h.db,
      query: async () => ({ rows: [] }),
      preparedRow: async () => undefined,
      transaction: (fn) => fn(silent),
    };
    const engine = createEngine({ db: silent, catalog, metadata });
    const unexpected = error('database query error', '$', 'unexpected');
    expect(await engine.execute({ query: '{ authors { id } }' }, sessions.alice)).toEqual(unexpected);
    expect(await engine.execute({ query: '{ authors { id __typename } }' }, sessions.alice)).toEqual(unexpected);
    expect(
      await engine.execute({ query: 'mutation { delete_articles(where: {}) { affected_rows } }' }, sessions.alice),
    ).toEqual(unexpected);
  });
});
