import { expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog.js';
import { createEngine } from '../../src/engine/index.js';
import type { Metadata, TableMetadata } from '../../src/types.js';
import { describeOnEachDatabase, type Data } from './harness.js';

const onDefaultSource = (tables: TableMetadata[]): Metadata => ({
  version: 3,
  sources: [{ name: 'default', kind: 'postgres', tables }],
});

const metadata = onDefaultSource([
  {
    table: { schema: 'library', name: 'shelves' },
    array_relationships: [
      {
        name: 'items',
        using: {
          manual_configuration: {
            remote_table: { schema: 'library', name: 'shelf_items' },
            column_mapping: { code: 'shelf_code' },
          },
        },
      },
    ],
    select_permissions: [{ role: 'reader', permission: { columns: '*', filter: {} } }],
  },
  {
    table: { schema: 'library', name: 'shelf_items' },
    object_relationships: [
      {
        name: 'article',
        using: { manual_configuration: { remote_table: 'articles', column_mapping: { article_id: 'id' } } },
      },
    ],
    select_permissions: [{ role: 'reader', permission: { columns: ['id', 'shelf_code'], filter: {} } }],
  },
  {
    table: { schema: 'public', name: 'articles' },
    select_permissions: [{ role: 'reader', permission: { columns: ['title'], filter: { published: { _eq: true } } } }],
  },
]);

describeOnEachDatabase('ad-hoc metadata: other schemas, manual relationships, permission edge cases', (h) => {
  it('prefixes names with the schema and follows manual column mappings', async () => {
    await h.db.exec(`
      CREATE SCHEMA library;
      CREATE TABLE library.shelves (code text PRIMARY KEY, label text NOT NULL);
      CREATE TABLE library.shelf_items (id int PRIMARY KEY, shelf_code text NOT NULL, article_id uuid NOT NULL);
      INSERT INTO library.shelves VALUES ('fav', 'Favourites'), ('later', 'Read later');
      INSERT INTO library.shelf_items VALUES
        (1, 'fav', '00000000-0000-4000-8000-000000000001'),
        (2, 'fav', '00000000-0000-4000-8000-000000000006'),
        (3, 'later', '00000000-0000-4000-8000-000000000009');
    `);
    const engine = createEngine({ db: h.db, catalog: await readCatalog(h.db), metadata });
    const query = `{ library_shelves(order_by: {code: asc}) { code items(order_by: {id: asc}) { id article { title } } } }`;
    const admin = await engine.execute({ query }, { role: 'admin', variables: {} });
    expect(admin.data).toEqual({
      library_shelves: [
        {
          code: 'fav',
          items: [
            { id: 1, article: { title: 'Postgres basics' } },
            { id: 2, article: { title: 'Alice draft one' } },
          ],
        },
        { code: 'later', items: [{ id: 3, article: { title: 'Remix routing' } }] },
      ],
    });
    // The reader may not see the unpublished draft: the nullable object relationship is null.
    const reader = await engine.execute({ query }, { role: 'reader', variables: {} });
    expect((reader.data as Data).library_shelves[0].items[1]).toEqual({ id: 2, article: null });
    const byPk = await engine.execute(
      { query: `{ library_shelves_by_pk(code: "later") { label } }` },
      { role: 'reader', variables: {} },
    );
    expect(byPk.data).toEqual({ library_shelves_by_pk: { label: 'Read later' } });
    const sdl = engine.schemaFor('reader');
    expect(Object.keys(sdl!.getQueryType()!.getFields())).toEqual([
      'articles',
      'library_shelf_items',
      'library_shelf_items_by_pk',
      'library_shelves',
      'library_shelves_by_pk',
    ]);
  });

  it('a select permission without columns hides the table instead of breaking the schema', async () => {
    const blind = onDefaultSource([
      {
        table: { schema: 'public', name: 'articles' },
        select_permissions: [{ role: 'blind', permission: { columns: [], filter: {} } }],
      },
    ]);
    const engine = createEngine({ db: h.db, catalog: await readCatalog(h.db), metadata: blind });
    expect(engine.schemaFor('blind')).toBeNull();
    const response = await engine.execute({ query: '{ articles { id } }' }, { role: 'blind', variables: {} });
    expect(response.errors?.[0].message).toBe("field 'articles' not found in type: 'query_root'");
  });

  it('returning only shows modified rows the role may select; affected_rows counts them all', async () => {
    const writer = onDefaultSource([
      {
        table: { schema: 'public', name: 'articles' },
        select_permissions: [
          { role: 'writer', permission: { columns: ['id', 'title'], filter: { published: { _eq: true } } } },
        ],
        insert_permissions: [{ role: 'writer', permission: { columns: '*', check: {} } }],
      },
    ]);
    const engine = createEngine({ db: h.db, catalog: await readCatalog(h.db), metadata: writer });
    const session = { role: 'writer', variables: {} };
    const many = await engine.execute(
      {
        query: `mutation { insert_articles(objects: [{author_id: 3, title: "Hidden draft", user_id: "carol"}, {author_id: 3, title: "Shown", user_id: "carol", published: true}]) { affected_rows returning { title } } }`,
      },
      session,
    );
    expect(many.data).toEqual({ insert_articles: { affected_rows: 2, returning: [{ title: 'Shown' }] } });
    const one = await engine.execute(
      {
        query: `mutation { insert_articles_one(object: {author_id: 3, title: "Hidden two", user_id: "carol"}) { title } }`,
      },
      session,
    );
    expect(one.data).toEqual({ insert_articles_one: null });
  });

  it('custom table, root field and column names: GraphQL names change, SQL and permissions keep Postgres names', async () => {
    const custom = onDefaultSource([
      {
        table: { schema: 'public', name: 'articles' },
        configuration: {
          custom_name: 'posts',
          custom_root_fields: {
            select: 'allPosts',
            select_by_pk: 'post',
            insert_one: 'addPost',
            update_by_pk: { name: 'editPost' },
          },
          column_config: {
            author_id: { custom_name: 'authorId' },
            word_count: { custom_name: 'wordCount' },
            published_at: { custom_name: 'publishedAt' },
          },
        },
        object_relationships: [{ name: 'author', using: { foreign_key_constraint_on: 'author_id' } }],
        select_permissions: [
          {
            role: 'reader',
            permission: {
              columns: ['id', 'title', 'word_count', 'published_at'],
              filter: { published_at: { _is_null: false } },
              allow_aggregations: true,
            },
          },
        ],
      },
      {
        table: { schema: 'public', name: 'authors' },
        array_relationships: [
          { name: 'posts', using: { foreign_key_constraint_on: { column: 'author_id', table: 'articles' } } },
        ],
      },
    ]);
    const engine = createEngine({ db: h.db, catalog: await readCatalog(h.db), metadata: custom });
    const admin = { role: 'admin', variables: {} };
    const run = async (query: string, session = admin) => {
      const response = await engine.execute({ query }, session);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data as Data;
    };
    expect(Object.keys(engine.schemaFor('admin')!.getQueryType()!.getFields())).toEqual(
      expect.arrayContaining(['allPosts', 'post', 'posts_aggregate', 'authors']),
    );
    expect(Object.keys(engine.schemaFor('admin')!.getMutationType()!.getFields())).toEqual(
      expect.arrayContaining(['addPost', 'editPost', 'insert_posts', 'update_posts_many', 'delete_posts_by_pk']),
    );
    const list = await run(
      `{ allPosts(where: {authorId: {_eq: 3}, wordCount: {_gt: 100}}, order_by: {wordCount: desc}, distinct_on: [wordCount]) { title wordCount authorId author { name } } }`,
    );
    expect(list.allPosts.map((p: { wordCount: number }) => p.wordCount)).toEqual([320, 200, 140]);
    const one = await run(`{ post(id: "00000000-0000-4000-8000-000000000002") { publishedAt __typename } }`);
    expect(one.post).toEqual({ publishedAt: '2024-02-05T10:00:00+00:00', __typename: 'posts' });
    const aggregate = await run(
      `{ posts_aggregate(where: {authorId: {_eq: 1}}) { aggregate { count(columns: [wordCount]) sum { wordCount } } } authors(order_by: {posts_aggregate: {max: {wordCount: desc}}}, limit: 1) { name } }`,
    );
    expect(aggregate).toEqual({
      posts_aggregate: { aggregate: { count: 6, sum: { wordCount: 9520 } } },
      authors: [{ name: 'Alice Adams' }],
    });
    const added = await run(
      `mutation { addPost(object: {authorId: 3, title: "Custom", user_id: "carol", wordCount: 7}) { id wordCount } }`,
    );
    const edited = await run(
      `mutation { editPost(pk_columns: {id: "${added.addPost.id}"}, _set: {publishedAt: "2025-01-01T00:00:00Z"}, _inc: {wordCount: 1}) { wordCount publishedAt } }`,
    );
    expect(edited.editPost).toEqual({ wordCount: 8, publishedAt: '2025-01-01T00:00:00+00:00' });
    const nested = await run(
      `mutation { insert_authors_one(object: {name: "Nested", user_id: "n", posts: {data: [{title: "P", user_id: "n", wordCount: 5}]}}) { posts { title wordCount authorId } } }`,
    );
    expect(nested.insert_authors_one.posts).toEqual([{ title: 'P', wordCount: 5, authorId: expect.any(Number) }]);
    // The reader's permission filter names the Postgres column (published_at): drafts stay hidden.
    const reader = await run(`{ posts_aggregate { aggregate { count } } }`, { role: 'reader', variables: {} });
    expect(reader.posts_aggregate.aggregate.count).toBe(15);
    await run(
      `mutation { delete_posts(where: {title: {_in: ["Custom", "P"]}}) { affected_rows } delete_authors(where: {name: {_eq: "Nested"}}) { affected_rows } }`,
    );
  });

  it('permission filters may use _exists on any tracked table', async () => {
    const moderated = onDefaultSource([
      {
        table: { schema: 'public', name: 'articles' },
        select_permissions: [
          {
            role: 'moderator',
            permission: {
              columns: ['id'],
              filter: {
                _exists: {
                  _table: { schema: 'public', name: 'authors' },
                  _where: { user_id: { _eq: 'X-Hasura-User-Id' } },
                },
              },
              allow_aggregations: true,
            },
          },
        ],
      },
      { table: { schema: 'public', name: 'authors' } },
    ]);
    const engine = createEngine({ db: h.db, catalog: await readCatalog(h.db), metadata: moderated });
    const count = async (user: string) => {
      const response = await engine.execute(
        { query: '{ articles_aggregate { aggregate { count } } }' },
        { role: 'moderator', variables: { 'x-hasura-user-id': user } },
      );
      return (response.data as Data).articles_aggregate.aggregate.count;
    };
    expect(await count('carol')).toBeGreaterThanOrEqual(20);
    expect(await count('zed')).toBe(0);
  });

  it('permission filters may compare two columns of the row (_cgt and friends)', async () => {
    const critic = onDefaultSource([
      {
        table: { schema: 'public', name: 'articles' },
        select_permissions: [
          { role: 'critic', permission: { columns: ['title'], filter: { views: { _cgt: 'word_count' } } } },
        ],
      },
    ]);
    const engine = createEngine({ db: h.db, catalog: await readCatalog(h.db), metadata: critic });
    const response = await engine.execute({ query: '{ articles { title } }' }, { role: 'critic', variables: {} });
    expect(response.data).toEqual({ articles: [{ title: 'Haiku for NULL' }] }); // 99 views, 17 words
  });

  it('a row limit caps rows and aggregate nodes, never the aggregate itself (as Hasura since #2027)', async () => {
    const capped = onDefaultSource([
      {
        table: { schema: 'public', name: 'articles' },
        select_permissions: [
          {
            role: 'capped',
            permission: { columns: ['title', 'views'], filter: {}, limit: 3, allow_aggregations: true },
          },
        ],
      },
    ]);
    const engine = createEngine({ db: h.db, catalog: await readCatalog(h.db), metadata: capped });
    const total = Number(
      (await h.data('{ articles_aggregate { aggregate { count sum { views } } } }')).articles_aggregate.aggregate.count,
    );
    const allViews = (await h.data('{ articles(order_by: {views: desc}) { views } }')).articles.map(
      (a: { views: number }) => a.views,
    );
    expect(total).toBeGreaterThan(3);
    const response = await engine.execute(
      {
        query:
          '{ articles(order_by: {views: desc}) { views } articles_aggregate(order_by: {views: desc}) { aggregate { count sum { views } } nodes { views } } }',
      },
      { role: 'capped', variables: {} },
    );
    expect(response.errors).toBeUndefined();
    const data = response.data as Data;
    expect(data.articles.map((a: { views: number }) => a.views)).toEqual(allViews.slice(0, 3));
    expect(data.articles_aggregate.aggregate.count).toBe(total);
    expect(data.articles_aggregate.aggregate.sum.views).toBe(allViews.reduce((a: number, b: number) => a + b, 0));
    expect(data.articles_aggregate.nodes.map((a: { views: number }) => a.views)).toEqual(allViews.slice(0, 3));
    // A limit the client asks for still applies to the aggregate.
    const asked = await engine.execute(
      { query: '{ articles_aggregate(limit: 2) { aggregate { count } } }' },
      { role: 'capped', variables: {} },
    );
    expect((asked.data as Data).articles_aggregate.aggregate.count).toBe(2);
  });

  it('a row limit beyond 64 bits is inconsistent metadata; one within 64 bits is written into the SQL whole', async () => {
    const withLimit = (role: string, limit: number) => ({
      role,
      permission: { columns: ['title'], filter: {}, limit },
    });
    const metadata = onDefaultSource([
      {
        table: { schema: 'public', name: 'articles' },
        select_permissions: [withLimit('huge', 1e21), withLimit('wide', 2 ** 62)],
      },
    ]);
    const engine = createEngine({ db: h.db, catalog: await readCatalog(h.db), metadata });
    expect(engine.inconsistentObjects).toEqual([
      {
        type: 'select_permission',
        name: 'public.articles.huge',
        reason: 'limit: expecting a non-negative 64-bit integer',
      },
    ]);
    const query = { query: '{ articles(order_by: {title: asc}, limit: 1) { title } }' };
    const huge = await engine.execute(query, { role: 'huge', variables: {} });
    expect(huge.errors?.[0]?.extensions?.code).toBe('validation-failed');
    const wide = await engine.execute(query, { role: 'wide', variables: {} });
    expect(wide).toEqual({ data: { articles: [{ title: 'Alice draft one' }] } });
    const compiled = engine.compile({ query: '{ articles { title } }' }, { role: 'wide', variables: {} });
    expect('sql' in compiled && compiled.sql).toContain(`LIMIT ${2n ** 62n}`);
  });

  it('reports a missing table or a bad relationship as inconsistent and serves the rest', async () => {
    const catalog = await readCatalog(h.db);
    const metadata = onDefaultSource([
      { table: { schema: 'public', name: 'nope' } },
      {
        table: { schema: 'public', name: 'articles' },
        object_relationships: [{ name: 'writer', using: { foreign_key_constraint_on: 'title' } }],
        select_permissions: [{ role: 'reader', permission: { columns: ['title'], filter: {} } }],
      },
    ]);
    const engine = createEngine({ db: h.db, catalog, metadata });
    expect(engine.inconsistentObjects).toEqual([
      { type: 'table', name: 'public.nope', reason: 'no such table/view exists in source' },
      { type: 'object_relation', name: 'public.articles.writer', reason: 'no foreign key on (title)' },
    ]);
    const response = await engine.execute(
      { query: '{ articles(limit: 1, order_by: {title: asc}) { title } }' },
      { role: 'reader', variables: {} },
    );
    expect(response).toEqual({ data: { articles: [{ title: 'Alice draft one' }] } });
  });
});
