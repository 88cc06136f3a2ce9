import { expect, it } from 'vitest';
import { describeOnEachDatabase, sessions } from './harness.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describeOnEachDatabase('mutations', (h) => {
  const countWhere = async (where: string) =>
    (await h.data(`{ articles_aggregate(where: ${where}) { aggregate { count } } }`)).articles_aggregate.aggregate
      .count as number;

  it('inserts rows with returning and affected_rows; presets override and bind the session user', async () => {
    const data = await h.data(
      `mutation($objects: [articles_insert_input!]!) {
        insert_articles(objects: $objects) { affected_rows returning { title user_id views tags author { name } } }
      }`,
      sessions.alice,
      {
        objects: [
          { author_id: 1, title: 'Ins A', tags: { nested: [1, 2] } },
          { author_id: 1, title: 'Ins B', published: true },
        ],
      },
    );
    expect(data.insert_articles).toEqual({
      affected_rows: 2,
      returning: [
        { title: 'Ins A', user_id: 'alice', views: 0, tags: { nested: [1, 2] }, author: { name: 'Alice Adams' } },
        { title: 'Ins B', user_id: 'alice', views: 0, tags: [], author: { name: 'Alice Adams' } },
      ],
    });
  });

  it('insert_one returns the row; the admin may set any column', async () => {
    const data = await h.data(
      `mutation { insert_articles_one(object: {author_id: 2, title: "Admin row", user_id: "bob", word_count: 12}) { title user_id word_count } }`,
    );
    expect(data.insert_articles_one).toEqual({ title: 'Admin row', user_id: 'bob', word_count: 12 });
  });

  it('an insert check failure is a permission-error and changes nothing', async () => {
    const before = await countWhere('{}');
    const response = await h.run(
      `mutation { insert_articles(objects: [{author_id: 1, title: "ok row"}, {author_id: 2, title: "bob's author"}]) { affected_rows } }`,
      sessions.alice,
    );
    expect(response).toEqual({
      errors: [
        {
          message: 'check constraint of an insert/update permission has failed',
          extensions: { path: '$.selectionSet.insert_articles.args.objects', code: 'permission-error' },
        },
      ],
    });
    expect(await countWhere('{}')).toBe(before);
  });

  it('upserts with on_conflict update_columns and where; DO NOTHING with empty update_columns', async () => {
    const upsert = `mutation($title: String!, $body: String, $columns: [articles_update_column!]!) {
      insert_articles_one(object: {author_id: 1, title: $title, body: $body},
        on_conflict: {constraint: articles_author_id_title_key, update_columns: $columns, where: {published: {_eq: false}}}) { title body }
    }`;
    const updated = await h.data(upsert, sessions.alice, {
      title: 'Alice draft one',
      body: 'Rewritten',
      columns: ['body'],
    });
    expect(updated.insert_articles_one).toEqual({ title: 'Alice draft one', body: 'Rewritten' });
    const ignored = await h.data(upsert, sessions.alice, { title: 'Postgres basics', body: 'Nope', columns: ['body'] });
    expect(ignored.insert_articles_one).toBeNull(); // the conflicting row is published: where excludes it
    const nothing = await h.data(upsert, sessions.alice, { title: 'Alice draft one', body: 'Ignored', columns: [] });
    expect(nothing.insert_articles_one).toBeNull();
    const row = await h.data(`{ articles_by_pk(id: "${uuid(6)}") { body } }`);
    expect(row.articles_by_pk.body).toBe('Rewritten');
  });

  it('an upsert that updates is held to the update check, an insert to the insert check', async () => {
    const upsert = () =>
      h.run(
        `mutation { insert_articles_one(object: {author_id: 1, title: "Alice draft three"}, on_conflict: {constraint: articles_author_id_title_key, update_columns: [title]}) { title } }`,
        sessions.alice,
      );
    // Updating an existing draft passes the update check (views >= 0)…
    expect((await upsert()).data).toEqual({ insert_articles_one: { title: 'Alice draft three' } });
    // …but once the admin sets its views below zero, the updated row fails the update check (the insert check
    // alone, "author is mine", would still pass).
    await h.data(
      `mutation { update_articles(where: {title: {_eq: "Alice draft three"}}, _set: {views: -1}) { affected_rows } }`,
    );
    const blocked = await upsert();
    expect(blocked.errors?.[0].extensions.code).toBe('permission-error');
    await h.data(
      `mutation { update_articles(where: {title: {_eq: "Alice draft three"}}, _set: {views: 3}) { affected_rows } }`,
    );
  });

  it('updates with _set and _inc, by pk, and many in order', async () => {
    const update = await h.data(
      `mutation { update_articles(where: {title: {_eq: "Alice draft two"}}, _set: {body: "Filled"}, _inc: {views: 5}) { affected_rows returning { body views } } }`,
      sessions.alice,
    );
    expect(update.update_articles).toEqual({ affected_rows: 1, returning: [{ body: 'Filled', views: 5 }] });
    const byPk = await h.data(
      `mutation { update_articles_by_pk(pk_columns: {id: "${uuid(7)}"}, _inc: {views: 2}) { views } }`,
      sessions.alice,
    );
    expect(byPk.update_articles_by_pk).toEqual({ views: 7 });
    const many = await h.data(
      `mutation { update_articles_many(updates: [
        {where: {id: {_eq: "${uuid(7)}"}}, _set: {views: 100}},
        {where: {views: {_eq: 100}}, _inc: {views: 1}}
      ]) { affected_rows returning { views } } }`,
      sessions.alice,
    );
    expect(many.update_articles_many).toEqual([
      { affected_rows: 1, returning: [{ views: 100 }] },
      { affected_rows: 1, returning: [{ views: 101 }] },
    ]);
  });

  it('an update check failure rolls back the whole mutation, earlier root fields included', async () => {
    const response = await h.run(
      `mutation {
        first: update_articles_by_pk(pk_columns: {id: "${uuid(8)}"}, _set: {title: "Renamed draft"}) { title }
        second: update_articles(where: {id: {_eq: "${uuid(8)}"}}, _inc: {views: -100}) { affected_rows }
      }`,
      sessions.alice,
    );
    expect(response.errors?.[0].extensions.code).toBe('permission-error');
    expect(response.errors?.[0].message).toBe('check constraint of an insert/update permission has failed');
    expect(response.data).toBeUndefined();
    const row = await h.data(`{ articles_by_pk(id: "${uuid(8)}") { title views } }`);
    expect(row.articles_by_pk).toEqual({ title: 'Alice draft three', views: 3 });
  });

  it('runs the root fields of one mutation in order, in one transaction', async () => {
    const data = await h.data(
      `mutation {
        a: insert_articles_one(object: {author_id: 3, title: "Ordered", user_id: "carol"}) { views }
        b: update_articles(where: {title: {_eq: "Ordered"}}, _inc: {views: 10}) { returning { views } }
        c: delete_articles(where: {title: {_eq: "Ordered"}}) { affected_rows }
      }`,
    );
    expect(data).toEqual({ a: { views: 0 }, b: { returning: [{ views: 10 }] }, c: { affected_rows: 1 } });
  });

  it('deletes with where and by pk', async () => {
    await h.data(
      `mutation { insert_articles(objects: [{author_id: 1, title: "Del 1"}, {author_id: 1, title: "Del 2"}]) { affected_rows } }`,
      sessions.alice,
    );
    const deleted = await h.data(
      `mutation { delete_articles(where: {title: {_like: "Del %"}}) { affected_rows returning { title } } }`,
      sessions.alice,
    );
    expect(deleted.delete_articles.affected_rows).toBe(2);
    const inserted = await h.data(
      `mutation { insert_articles_one(object: {author_id: 1, title: "Del 3"}) { id } }`,
      sessions.alice,
    );
    const byPk = await h.data(`mutation($id: uuid!) { delete_articles_by_pk(id: $id) { title } }`, sessions.alice, {
      id: inserted.insert_articles_one.id,
    });
    expect(byPk.delete_articles_by_pk).toEqual({ title: 'Del 3' });
    expect(await countWhere(`{title: {_like: "Del %"}}`)).toBe(0);
  });

  it('isolates users: alice can neither update nor delete bob rows', async () => {
    const update = await h.data(
      `mutation { update_articles(where: {user_id: {_eq: "bob"}}, _set: {title: "hijacked"}) { affected_rows returning { id } } }`,
      sessions.alice,
    );
    expect(update.update_articles).toEqual({ affected_rows: 0, returning: [] });
    const byPk = await h.data(
      `mutation { update_articles_by_pk(pk_columns: {id: "${uuid(13)}"}, _set: {title: "hijacked"}) { id } }`,
      sessions.alice,
    );
    expect(byPk.update_articles_by_pk).toBeNull();
    const remove = await h.data(
      `mutation { delete_articles(where: {author_id: {_eq: 2}}) { affected_rows returning { id } } }`,
      sessions.alice,
    );
    expect(remove.delete_articles).toEqual({ affected_rows: 0, returning: [] });
    const removeByPk = await h.data(`mutation { delete_articles_by_pk(id: "${uuid(9)}") { id } }`, sessions.alice);
    expect(removeByPk.delete_articles_by_pk).toBeNull();
    expect(await countWhere(`{user_id: {_eq: "bob"}, title: {_neq: "hijacked"}}`)).toBe(
      await countWhere(`{user_id: {_eq: "bob"}}`),
    );
    expect(await countWhere(`{user_id: {_eq: "bob"}}`)).toBeGreaterThanOrEqual(7);
  });

  it('maps Postgres errors: unique, foreign key and not-null to constraint-violation, bad input to data-exception', async () => {
    // A user gets Hasura's message only…
    const unique = await h.run(
      `mutation { insert_articles_one(object: {author_id: 1, title: "Postgres basics"}) { id } }`,
      sessions.alice,
    );
    expect(unique.errors).toEqual([
      {
        message: 'Uniqueness violation. duplicate key value violates unique constraint "articles_author_id_title_key"',
        extensions: { path: '$.selectionSet.insert_articles_one.args.object', code: 'constraint-violation' },
      },
    ]);
    // …the admin also the failed statement and Postgres' error (HASURA_GRAPHQL_ADMIN_INTERNAL_ERRORS).
    const asAdmin = await h.run(
      `mutation { insert_articles_one(object: {author_id: 1, title: "Postgres basics", user_id: "alice"}) { id } }`,
    );
    expect(asAdmin.errors?.[0].message).toBe(unique.errors?.[0].message);
    expect(asAdmin.errors?.[0].extensions.internal).toMatchObject({
      error: {
        exec_status: 'FatalError',
        status_code: '23505',
        message: 'duplicate key value violates unique constraint "articles_author_id_title_key"',
      },
      prepared: true,
      arguments: expect.arrayContaining(['Postgres basics']),
      statement: expect.stringMatching(/^WITH "__m" AS \(INSERT INTO "public"\."articles"/),
    });
    const foreign = await h.run(
      `mutation { insert_articles(objects: [{author_id: 999, title: "x", user_id: "alice"}]) { affected_rows } }`,
    );
    expect(foreign.errors?.[0].extensions).toMatchObject({
      path: '$.selectionSet.insert_articles.args.objects',
      code: 'constraint-violation',
    });
    expect(foreign.errors?.[0].message).toMatch(
      /^Foreign key violation\. insert or update on table "articles" violates foreign key constraint "articles_author_id_fkey"/,
    );
    const notNull = await h.run(`mutation { insert_articles_one(object: {author_id: 1, user_id: "alice"}) { id } }`);
    expect(notNull.errors?.[0].extensions.code).toBe('constraint-violation');
    expect(notNull.errors?.[0].message).toMatch(/^Not-NULL violation\. null value in column "title"/);
    const badUuid = await h.run(`{ articles_by_pk(id: "not-a-uuid") { id } }`, sessions.anonymous);
    expect(badUuid.errors).toEqual([
      {
        message: 'invalid input syntax for type uuid: "not-a-uuid"',
        extensions: { path: '$', code: 'data-exception' },
      },
    ]);
  });

  it('nested inserts: array relationship children get the new parent key; affected_rows counts every row', async () => {
    const data = await h.data(`mutation {
      insert_authors(objects: [{name: "Dave Doe", user_id: "dave", articles: {data: [{title: "Dave 1", user_id: "dave"}, {title: "Dave 2", user_id: "dave"}]}}]) {
        affected_rows returning { name articles(order_by: {title: asc}) { title author { name } } }
      }
    }`);
    expect(data.insert_authors).toEqual({
      affected_rows: 3,
      returning: [
        {
          name: 'Dave Doe',
          articles: [
            { title: 'Dave 1', author: { name: 'Dave Doe' } },
            { title: 'Dave 2', author: { name: 'Dave Doe' } },
          ],
        },
      ],
    });
  });

  it('nested inserts for a user: presets and checks apply at every level, checks see the rows inserted before', async () => {
    const data = await h.data(
      `mutation {
        insert_articles_one(object: {title: "With a new author", author: {data: {name: "Alice Second"}}}) { title user_id author { name } }
      }`,
      sessions.alice,
    );
    expect(data.insert_articles_one).toEqual({
      title: 'With a new author',
      user_id: 'alice',
      author: { name: 'Alice Second' },
    });
    const owner = await h.data(`{ authors(where: {name: {_eq: "Alice Second"}}) { user_id } }`);
    expect(owner.authors).toEqual([{ user_id: 'alice' }]);
    const many = await h.data(
      `mutation { insert_authors_one(object: {name: "Alice Third", articles: {data: [{title: "T1"}, {title: "T2", published: true}]}}) { name articles_aggregate { aggregate { count } } } }`,
      sessions.alice,
    );
    expect(many.insert_authors_one).toEqual({ name: 'Alice Third', articles_aggregate: { aggregate: { count: 2 } } });
  });

  it('a failing nested row rolls back the rows inserted before it', async () => {
    const response = await h.run(
      `mutation { insert_authors_one(object: {name: "Dup Author", articles: {data: [{title: "Same"}, {title: "Same"}]}}) { name } }`,
      sessions.alice,
    );
    expect(response.errors?.[0].extensions).toEqual({
      path: '$.selectionSet.insert_authors_one.args.object',
      code: 'constraint-violation',
    });
    const left = await h.data(`{ authors(where: {name: {_eq: "Dup Author"}}) { name } }`);
    expect(left.authors).toEqual([]);
  });

  it('an empty objects list inserts nothing', async () => {
    const data = await h.data(`mutation { insert_articles(objects: []) { affected_rows returning { id } } }`);
    expect(data.insert_articles).toEqual({ affected_rows: 0, returning: [] });
  });

  it('an update with nothing to set runs no statement and answers 0 rows, as Hasura does', async () => {
    h.statements.length = 0;
    const response = await h.run(
      `mutation { update_articles(where: {}) { affected_rows returning { id } } }`,
      sessions.alice,
    );
    expect(response).toEqual({ data: { update_articles: { affected_rows: 0, returning: [] } } });
    expect(h.statements.filter((sql) => /update/i.test(sql))).toEqual([]);
  });
});
