import { expect, it } from 'vitest';
import { describeOnEachDatabase, sessions } from './harness.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describeOnEachDatabase('queries', (h) => {
  it('lists rows with where, order_by, limit and offset', async () => {
    const data = await h.data(
      `{ articles(where: {published: {_eq: true}}, order_by: {views: desc}, limit: 3, offset: 1) { title views } }`,
    );
    expect(data.articles).toEqual([
      { title: 'Indexes in depth', views: 340 },
      { title: 'GraphQL and SQL', views: 210 },
      { title: 'urql caching', views: 150 },
    ]);
  });

  it('supports every order_by direction, nulls placed as Hasura does', async () => {
    const titles = async (direction: string) =>
      (
        await h.data(
          `{ articles(where: {author_id: {_eq: 1}}, order_by: [{word_count: ${direction}}, {title: asc}]) { title word_count } }`,
        )
      ).articles;
    const asc = await titles('asc');
    expect(asc.at(-1)).toEqual({ title: 'Window functions', word_count: null }); // nulls last
    expect(asc[0].word_count).toBe(120);
    expect((await titles('desc'))[0].word_count).toBeNull(); // nulls first
    expect((await titles('asc_nulls_first'))[0].word_count).toBeNull();
    expect((await titles('desc_nulls_last'))[0].word_count).toBe(4200);
    expect((await titles('desc_nulls_first'))[0].word_count).toBeNull();
    expect((await titles('asc_nulls_last'))[0].word_count).toBe(120);
  });

  it('sorts by the keys of one order_by object in the order written, literal or variable', async () => {
    const first = async (orderBy: string, variables?: Record<string, unknown>) =>
      (
        await h.data(
          `query${variables ? '($o: [articles_order_by!])' : ''} { articles(order_by: ${orderBy}, limit: 1) { title } }`,
          sessions.admin,
          variables,
        )
      ).articles[0].title;
    expect(await first(`{views: desc, published: asc}`)).toBe('Remix routing');
    expect(await first(`{published: asc, views: desc}`)).toBe('Alice draft three');
    expect(await first(`$o`, { o: { views: 'desc', published: 'asc' } })).toBe('Remix routing');
    expect(await first(`$o`, { o: [{ published: 'asc', views: 'desc' }] })).toBe('Alice draft three');
    expect(await first(`[{author: {name: desc, id: asc}}, {views: asc}]`)).toBe('Ballad of vacuum');
  });

  it('combines _and, _or, _not and the comparison operators', async () => {
    const ids = async (where: string) =>
      (await h.data(`{ articles(where: ${where}, order_by: {id: asc}) { id } }`)).articles.map((a: { id: string }) =>
        Number(a.id.slice(-2)),
      );
    expect(await ids(`{views: {_gt: 200}}`)).toEqual([2, 4, 9]);
    expect(await ids(`{views: {_gte: 210, _lte: 340}}`)).toEqual([2, 4]);
    expect(await ids(`{views: {_lt: 2}}`)).toEqual([6, 7, 13, 14]);
    expect(await ids(`{author_id: {_neq: 1}, published: {_eq: false}}`)).toEqual([13, 14, 15]);
    expect(await ids(`{_or: [{views: {_eq: 400}}, {views: {_eq: 8}}]}`)).toEqual([9, 20]);
    expect(await ids(`{_and: [{author_id: {_eq: 3}}, {_not: {views: {_lt: 30}}}]}`)).toEqual([16, 18]);
    expect(await ids(`{views: {_in: [33, 21]}}`)).toEqual([16, 17]);
    expect(await ids(`{views: {_in: []}}`)).toEqual([]);
    expect((await ids(`{author_id: {_nin: [1, 2]}}`)).length).toBe(5);
    expect(await ids(`{body: {_is_null: true}, author_id: {_eq: 3}}`)).toEqual([17, 19]);
    expect((await ids(`{body: {_is_null: false}}`)).length).toBe(14);
    expect(await ids(`{}`)).toHaveLength(20);
  });

  it('supports the text operators', async () => {
    const count = async (op: string, value: string) =>
      (await h.data(`{ articles(where: {title: {${op}: ${JSON.stringify(value)}}}) { id } }`)).articles.length;
    expect(await count('_like', 'Alice%')).toBe(3);
    expect(await count('_nlike', 'Alice%')).toBe(17);
    expect(await count('_ilike', 'alice%')).toBe(3);
    expect(await count('_nilike', 'alice%')).toBe(17);
    expect(await count('_similar', '(Bob|Alice) draft%')).toBe(6);
    expect(await count('_nsimilar', '(Bob|Alice) draft%')).toBe(14);
    expect(await count('_regex', '^[A-C].* draft')).toBe(6);
    expect(await count('_iregex', '^bob')).toBe(3);
    expect(await count('_nregex', '^Bob')).toBe(17);
    expect(await count('_niregex', '^bob')).toBe(17);
  });

  it('supports the jsonb operators', async () => {
    const count = async (where: string) =>
      (await h.data(`{ articles(where: {tags: ${where}}) { id } }`)).articles.length;
    expect(await count(`{_contains: ["poetry", "postgres"]}`)).toBe(1);
    expect(await count(`{_contained_in: ["graphql", "cache", "remix"]}`)).toBe(6);
    expect(await count(`{_has_key: "draft"}`)).toBe(5);
    expect(await count(`{_has_keys_any: ["auth", "remix"]}`)).toBe(2);
    expect(await count(`{_has_keys_all: ["postgres", "json"]}`)).toBe(1);
    expect(await count(`{_eq: []}`)).toBe(2);
  });

  it('filters through object and array relationships', async () => {
    const articles = await h.data(`{ articles(where: {author: {name: {_eq: "Carol Clark"}}}) { id } }`);
    expect(articles.articles).toHaveLength(5);
    const authors = await h.data(`{ authors(where: {articles: {views: {_gt: 350}}}) { name } }`);
    expect(authors.authors).toEqual([{ name: 'Bob Brown' }]);
  });

  it('filters on the count of related rows (<arrayrel>_aggregate in bool_exp), with the remote permission applied', async () => {
    const names = async (where: string, session = sessions.admin) =>
      (await h.data(`{ authors(where: ${where}, order_by: {id: asc}) { name } }`, session)).authors.map(
        (a: { name: string }) => a.name,
      );
    expect(await names(`{articles_aggregate: {count: {predicate: {_gte: 7}}}}`)).toEqual(['Alice Adams', 'Bob Brown']);
    expect(await names(`{articles_aggregate: {count: {predicate: {_gte: 7}}}}`, sessions.alice)).toEqual([
      'Alice Adams',
    ]);
    expect(
      await names(`{articles_aggregate: {count: {predicate: {_eq: 0}, filter: {published: {_eq: false}}}}}`),
    ).toEqual(['Carol Clark']);
    expect(
      await names(
        `{articles_aggregate: {count: {predicate: {_gt: 1}, arguments: [body], distinct: true, filter: {views: {_gt: 100}}}}}`,
      ),
    ).toEqual(['Alice Adams']);
    expect(await names(`{articles_aggregate: {bool_and: {arguments: published, predicate: {_eq: true}}}}`)).toEqual([
      'Carol Clark',
    ]);
    expect(
      await names(`{articles_aggregate: {bool_and: {arguments: published, predicate: {_eq: true}}}}`, sessions.bob),
    ).toEqual(['Alice Adams', 'Carol Clark']);
    expect(
      await names(
        `{articles_aggregate: {bool_or: {arguments: published, predicate: {_eq: true}, filter: {views: {_gt: 100}}}}}`,
      ),
    ).toEqual(['Alice Adams', 'Bob Brown']);
  });

  it('orders by object relationship columns and array relationship aggregates', async () => {
    const byAuthor = await h.data(
      `{ articles(order_by: [{author: {name: desc}}, {views: desc}], limit: 2) { title } }`,
    );
    expect(byAuthor.articles).toEqual([{ title: 'Haiku for NULL' }, { title: 'Ode to SQL' }]);
    const byCount = await h.data(`{ authors(order_by: {articles_aggregate: {count: desc}}) { name } }`);
    expect(byCount.authors.map((a: { name: string }) => a.name)).toEqual(['Alice Adams', 'Bob Brown', 'Carol Clark']); // 8, 7, 5 rows
    const byCountAsAlice = await h.data(
      `{ authors(order_by: {articles_aggregate: {count: asc}}) { name } }`,
      sessions.alice,
    );
    expect(byCountAsAlice.authors.map((a: { name: string }) => a.name)).toEqual([
      'Bob Brown',
      'Carol Clark',
      'Alice Adams',
    ]); // bob's drafts hidden: 4, 5, 8
    const byMax = await h.data(`{ authors(order_by: {articles_aggregate: {max: {views: asc}}}) { name } }`);
    expect(byMax.authors.map((a: { name: string }) => a.name)).toEqual(['Carol Clark', 'Alice Adams', 'Bob Brown']);
  });

  it('supports distinct_on with a matching order_by', async () => {
    const data = await h.data(
      `{ articles(distinct_on: [author_id], order_by: [{author_id: asc}, {views: desc}]) { author_id title } }`,
    );
    expect(data.articles).toEqual([
      { author_id: 1, title: 'Indexes in depth' },
      { author_id: 2, title: 'Remix routing' },
      { author_id: 3, title: 'Haiku for NULL' },
    ]);
  });

  it('fetches by primary key, null when absent', async () => {
    const data = await h.data(
      `{ a: articles_by_pk(id: "${uuid(2)}") { title } b: articles_by_pk(id: "${uuid(99)}") { title } }`,
    );
    expect(data).toEqual({ a: { title: 'Indexes in depth' }, b: null });
  });

  it('aggregates count (columns, distinct), sum, avg, min, max and nodes', async () => {
    const data = await h.data(`{
      articles_aggregate(where: {author_id: {_eq: 3}}, order_by: {views: desc}, limit: 3) {
        aggregate { count c2: count(columns: [body]) authors: count(columns: [author_id], distinct: true)
          sum { views word_count } avg { views } min { views title published_at } max { views } }
        nodes { views }
      }
    }`);
    expect(data.articles_aggregate).toEqual({
      aggregate: {
        count: 3,
        c2: 2,
        authors: 1,
        sum: { views: 99 + 33 + 21, word_count: 17 + 200 + 140 },
        avg: { views: 51 },
        min: { views: 21, title: 'Haiku for NULL', published_at: '2024-04-01T00:00:00+00:00' },
        max: { views: 99 },
      },
      nodes: [{ views: 99 }, { views: 33 }, { views: 21 }],
    });
  });

  it('nests object and array relationships with arguments, and array aggregates', async () => {
    const data = await h.data(`{
      authors(order_by: {id: asc}, limit: 2) {
        name
        articles(where: {published: {_eq: true}}, order_by: {views: desc}, limit: 2) { title author { name } }
        articles_aggregate(where: {published: {_eq: false}}) { aggregate { count } }
      }
    }`);
    expect(data.authors).toEqual([
      {
        name: 'Alice Adams',
        articles: [
          { title: 'Indexes in depth', author: { name: 'Alice Adams' } },
          { title: 'GraphQL and SQL', author: { name: 'Alice Adams' } },
        ],
        articles_aggregate: { aggregate: { count: 3 } },
      },
      {
        name: 'Bob Brown',
        articles: [
          { title: 'Remix routing', author: { name: 'Bob Brown' } },
          { title: 'urql caching', author: { name: 'Bob Brown' } },
        ],
        articles_aggregate: { aggregate: { count: 3 } },
      },
    ]);
  });

  it('handles variables, named and inline fragments, aliases, __typename and several root fields', async () => {
    const data = await h.data(
      `query Q($id: uuid!, $min: Int = 300) {
        __typename
        one: articles_by_pk(id: $id) { ...Fields author { ... on authors { name __typename } } }
        popular: articles(where: {views: {_gte: $min}}, order_by: {views: asc}) { t: title }
        total: articles_aggregate { aggregate { count } }
      }
      fragment Fields on articles { title published }`,
      sessions.admin,
      { id: uuid(9) },
    );
    expect(data).toEqual({
      __typename: 'query_root',
      one: { title: 'Remix routing', published: true, author: { name: 'Bob Brown', __typename: 'authors' } },
      popular: [{ t: 'Indexes in depth' }, { t: 'Remix routing' }],
      total: { aggregate: { count: 20 } },
    });
    expect(Object.keys(data.one)).toEqual(['title', 'published', 'author']);
  });

  it('answers a subscription sent over HTTP once, like a query', async () => {
    const data = await h.data(`subscription { articles_aggregate { aggregate { count } } }`);
    expect(data).toEqual({ articles_aggregate: { aggregate: { count: 20 } } });
  });

  it('answers rows wider than json_build_object allows (100 arguments) in full', async () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `f${i}: ${i % 2 ? 'title' : 'views'}`).join(' ');
    const data = await h.data(`{ articles_by_pk(id: "${uuid(1)}") { ${aliases} } }`);
    expect(Object.keys(data.articles_by_pk)).toHaveLength(60);
    expect(data.articles_by_pk.f58).toBe(120);
    expect(data.articles_by_pk.f59).toBe('Postgres basics');
  });

  it('applies @skip and @include', async () => {
    const data = await h.data(
      `query($s: Boolean!) { articles_by_pk(id: "${uuid(1)}") { title @skip(if: $s) views @include(if: $s) } }`,
      sessions.admin,
      { s: true },
    );
    expect(data.articles_by_pk).toEqual({ views: 120 });
  });

  it('encodes values like Hasura: numbers, bigint/numeric as numbers, timestamptz ISO, jsonb as JSON', async () => {
    const data = await h.data(
      `{ articles_by_pk(id: "${uuid(2)}") { id views word_count tags published_at published author { rating created_at } } }`,
    );
    expect(data.articles_by_pk).toEqual({
      id: uuid(2),
      views: 340,
      word_count: 4200,
      tags: ['postgres', 'performance'],
      published_at: '2024-02-05T10:00:00+00:00',
      published: true,
      author: { rating: 4.5, created_at: '2024-01-01T00:00:00+00:00' },
    });
  });

  it('selects inside jsonb columns with the path argument', async () => {
    const data = await h.data(
      `{ articles_by_pk(id: "${uuid(2)}") { first: tags(path: "$[0]") second: tags(path: "[1]") all: tags missing: tags(path: "$.a.b") } }`,
    );
    expect(data.articles_by_pk).toEqual({
      first: 'postgres',
      second: 'performance',
      all: ['postgres', 'performance'],
      missing: null,
    });
    const bad = await h.run(`{ articles { tags(path: "$$nope") } }`);
    expect(bad.errors?.[0]).toEqual({
      message: 'parse json path error: unexpected "$nope" in "$$nope"',
      extensions: { path: '$.selectionSet.articles.selectionSet.tags.args.path', code: 'validation-failed' },
    });
  });

  it('stringifies bigint and numeric with stringifyNumericTypes', async () => {
    const engine = await h.engineWith({ stringifyNumericTypes: true });
    const response = await engine.execute(
      {
        query: `{ articles_by_pk(id: "${uuid(2)}") { views word_count author { rating } } articles_aggregate { aggregate { count sum { word_count views } avg { views } } } }`,
      },
      sessions.admin,
    );
    expect(response.data).toEqual({
      articles_by_pk: { views: 340, word_count: '4200', author: { rating: '4.5' } },
      articles_aggregate: {
        aggregate: { count: 20, sum: { word_count: '18582', views: 1679 }, avg: { views: 83.95 } },
      },
    });
  });

  it('applies the select filter per user: own drafts visible, other users drafts never', async () => {
    const aliceView = await h.data(
      `{ articles(where: {published: {_eq: false}}, order_by: {title: asc}) { title user_id } }`,
      sessions.alice,
    );
    expect(aliceView.articles.map((a: { user_id: string }) => a.user_id)).toEqual(['alice', 'alice', 'alice']);
    const bobDraft = await h.data(`{ articles_by_pk(id: "${uuid(13)}") { title } }`, sessions.alice);
    expect(bobDraft.articles_by_pk).toBeNull();
    const viaRelationship = await h.data(
      `{ authors(where: {name: {_eq: "Bob Brown"}}) { articles_aggregate { aggregate { count } } articles { title } } }`,
      sessions.alice,
    );
    expect(viaRelationship.authors[0].articles_aggregate.aggregate.count).toBe(4);
    expect(viaRelationship.authors[0].articles.map((a: { title: string }) => a.title)).not.toContain('Bob draft one');
    const filterLeak = await h.data(
      `{ authors(where: {articles: {title: {_eq: "Bob draft one"}}}) { name } }`,
      sessions.alice,
    );
    expect(filterLeak.authors).toEqual([]);
    const total = await h.data(`{ articles_aggregate { aggregate { count } } }`, sessions.bob);
    expect(total.articles_aggregate.aggregate.count).toBe(17);
  });

  it('caps rows at the permission limit, even when a larger limit is requested', async () => {
    const all = await h.data(`{ articles { title } }`, sessions.anonymous);
    expect(all.articles).toHaveLength(10);
    const more = await h.data(`{ articles(limit: 50) { title } }`, sessions.anonymous);
    expect(more.articles).toHaveLength(10);
    const fewer = await h.data(
      `{ articles(limit: 4, where: {title: {_ilike: "%draft%"}}) { title } }`,
      sessions.anonymous,
    );
    expect(fewer.articles).toEqual([]);
  });
});
