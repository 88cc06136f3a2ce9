import { expect, it } from 'vitest';
import { describeOnEachDatabase, sessions } from './harness.js';

describeOnEachDatabase('SQL statements per request', (h) => {
  it('a query runs as one statement, __typename included', async () => {
    const query = (meta: string) => `{
        authors(order_by: {id: asc}) { ${meta}
          name
          articles(order_by: {views: desc}, limit: 2) { title author { name articles_aggregate { aggregate { count } } } }
          articles_aggregate { aggregate { count sum { views } } nodes { title } }
        }
        articles_aggregate(where: {author: {name: {_ilike: "%o%"}}}) { aggregate { max { views } } }
        articles(order_by: {author: {name: asc}}, limit: 1) { title }
      }`;
    for (const [meta, statements] of [
      ['', 1],
      ['__typename', 1],
    ] as const) {
      h.statements.length = 0;
      const data = await h.data(query(meta), sessions.alice);
      expect(data.authors).toHaveLength(3);
      expect(data.authors[0].articles[0].author.articles_aggregate.aggregate.count).toBe(8);
      expect(h.statements).toHaveLength(statements);
    }
  });

  it('a mutation runs one statement per root field, returning relationships included', async () => {
    h.statements.length = 0;
    const data = await h.data(
      `mutation {
        insert_articles(objects: [{author_id: 1, title: "Count A"}, {author_id: 1, title: "Count B"}]) { affected_rows returning { author { name articles_aggregate { aggregate { count } } } } }
        update_articles(where: {title: {_like: "Count %"}}, _inc: {views: 1}) { affected_rows }
        delete_articles(where: {title: {_like: "Count %"}}) { returning { title } }
      }`,
      sessions.alice,
    );
    expect(data.insert_articles.affected_rows).toBe(2);
    expect(data.delete_articles.returning).toHaveLength(2);
    expect(h.statements).toHaveLength(3);
  });

  it('binds every value as a parameter (arguments, variables, session variables); limit and offset are integers in the SQL, as Hasura writes them', async () => {
    h.statements.length = 0;
    const hostile = "x' OR '1'='1";
    const data = await h.data(
      `query($t: String!) { articles(where: {_or: [{title: {_eq: $t}}, {body: {_ilike: "%Robert'); DROP TABLE authors;--%"}}]}, limit: 7, offset: 2) { id } }`,
      sessions.bob,
      { t: hostile },
    );
    expect(data.articles).toEqual([]);
    const sql = h.statements.join('\n');
    for (const literal of [hostile, 'DROP TABLE', 'bob']) expect(sql).not.toContain(literal);
    expect(sql).toMatch(/\$1::text/);
    // With a parameter there, Postgres would plan the statement again on every run (see integerLiteral).
    expect(sql).toMatch(/ LIMIT 7 OFFSET 2\)/);
  });
});
