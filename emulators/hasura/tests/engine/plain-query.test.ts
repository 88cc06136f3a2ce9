/**
 * The plain-query fast path (src/engine/plain-query.ts) against graphql-js `execute`: the same requests through an
 * engine with the fast path and one without must answer the same values, key order and errors included.
 */
import { join } from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { beforeAll, expect, it } from 'vitest';
import { isPlainQuery } from '../../src/engine/plain-query.js';
import type { Engine, GraphQLRequest } from '../../src/types.js';
import { loadCaseFiles } from '../helpers/cases.js';
import { describeOnEachDatabase, sessions } from './harness.js';

/** Postgres' json_build_object writes `"key" : value`; JSON.stringify never does, so this marks passed-through text. */
const passedThrough = (text: string) => text.includes('" : ');

const isMutation = (query: string) => {
  try {
    return parse(query).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation');
  } catch {
    return false;
  }
};

/** Every non-mutation request of the YAML compat cases written against the authors-articles fixture. */
const caseRequests: GraphQLRequest[] = loadCaseFiles(join(new URL('..', import.meta.url).pathname, 'cases'))
  .filter((file) => !file.group.setupSql)
  .flatMap((file) => file.cases.map((c) => c.query as GraphQLRequest))
  .filter((request) => typeof request?.query === 'string' && !isMutation(request.query));

const Q = (query: string, variables?: Record<string, unknown>, operationName?: string): GraphQLRequest => ({
  query,
  variables,
  operationName,
});

/** More shapes than the YAML cases: fragments, directives, aliases, several root fields, and ways to fail. */
const extraRequests: GraphQLRequest[] = [
  Q(
    `query Page($where: articles_bool_exp!, $limit: Int!, $offset: Int!) {
      articles(where: $where, order_by: [{title: asc}, {id: asc}], limit: $limit, offset: $offset) { ...A author { name } }
      articles_aggregate(where: $where) { aggregate { count } }
      authors(order_by: [{name: asc}]) { name }
    }
    fragment A on articles { id title views }`,
    { where: {}, limit: 5, offset: 2 },
  ),
  Q(
    `query ($skip: Boolean!, $with: Boolean = true) {
      a: authors(order_by: {id: desc}) @skip(if: $skip) { id }
      b: authors(order_by: {id: asc}) { id ... on authors @include(if: $with) { name } name @skip(if: true) bio }
      ...Root
    }
    fragment Root on query_root { articles(limit: 2, order_by: {views: desc}) { title } articles_by_pk(id: "00000000-0000-4000-8000-000000000001") { title } }`,
    { skip: false },
  ),
  Q('query ($skip: Boolean!) { authors @skip(if: $skip) { id } articles(limit: 1, order_by: {id: asc}) { id } }', {
    skip: true,
  }),
  Q('query ($skip: Boolean!) { authors @skip(if: $skip) { id } }', { skip: true }),
  Q(
    '{ x: authors(where: {id: {_eq: 1}}) { id } x: authors(where: {id: {_eq: 1}}) { name } y: authors_by_pk(id: 99) { id } }',
  ),
  Q(`{ authors(order_by: {id: asc}) { name rating created_at
       articles(where: {published: {_eq: true}}, order_by: [{views: desc}], limit: 2) { title tags second: tags(path: "[1]") }
       articles_aggregate { aggregate { count(columns: [word_count], distinct: true) sum { views word_count } avg { views }
         stddev { views } min { title published_at } max { views } } nodes { title } } } }`),
  Q('{ articles(distinct_on: [author_id], order_by: [{author_id: asc}, {views: desc}]) { author_id title } }'),
  Q('{ articles(order_by: [{author: {name: desc}}, {title: asc}], limit: 4) { title } }'),
  Q('{ authors(order_by: {articles_aggregate: {count: desc}}) { name } }'),
  Q('{ authors_aggregate { aggregate { sum { rating } avg { rating } max { rating } } } }'),
  Q('query A { authors { id } } query B { articles(limit: 1, order_by: {id: asc}) { id } }', undefined, 'B'),
  Q('query ($id: uuid!, $unused: Int) { articles_by_pk(id: $id) { title } }', {
    id: '00000000-0000-4000-8000-000000000009',
  }),
  Q('query ($limit: Int = 2) { authors(limit: $limit, order_by: {id: asc}) { id } }'),
  // Errors: variable coercion, missing variable, argument, compile time, database, validation.
  Q('query ($limit: Int!) { authors(limit: $limit) { id } }', { limit: 'many' }),
  Q('query ($limit: Int!) { authors(limit: $limit) { id } }'),
  Q('query ($w: authors_bool_exp) { authors(where: $w) { id } }', { w: { nope: {} } }),
  Q('{ articles(distinct_on: [title], order_by: {views: asc}) { title } }'),
  Q('{ authors(order_by: {id: asc}) { id } articles_by_pk(id: "not-a-uuid") { title } }'),
  Q('{ articles(where: {id: {_eq: "not-a-uuid"}}) { title } authors { id } }'),
  Q('{ authors { id secret } }'),
  // Not for the fast path: meta fields, subscriptions.
  Q('{ authors(order_by: {id: asc}) { __typename id } }'),
  Q('{ __typename authors(limit: 1) { id } }'),
  Q('{ __type(name: "authors") { name } }'),
  Q('subscription { authors(order_by: {id: asc}) { id } }'),
];

describeOnEachDatabase('plain-query fast path', (h) => {
  let reference: Engine;
  let stringified: { fast: Engine; reference: Engine };
  beforeAll(async () => {
    reference = await h.engineWith({ plainQueryFastPath: false });
    stringified = {
      fast: await h.engineWith({ stringifyNumericTypes: true }),
      reference: await h.engineWith({ stringifyNumericTypes: true, plainQueryFastPath: false }),
    };
  });

  /**
   * Both answers, after checking they are the same values in the same key order. A database error answered by the
   * fast path names the one statement it ran (all root fields), graphql-js the failing field's own.
   */
  const compare = async (fast: Engine, slow: Engine, request: GraphQLRequest, session = sessions.admin) => {
    const [fastText, slowText] = [await fast.executeText(request, session), await slow.executeText(request, session)];
    const withoutStatement = (text: string) =>
      JSON.stringify(JSON.parse(text), (key, value) =>
        key === 'statement' || key === 'arguments' ? '<statement>' : value,
      );
    expect(withoutStatement(fastText), `${session.role}: ${request.query}`).toBe(withoutStatement(slowText));
    return fastText;
  };

  it('answers every query of the compat cases and more exactly like graphql-js, errors included', async () => {
    const requests = [...caseRequests, ...extraRequests];
    expect(caseRequests.length).toBeGreaterThan(40);
    let fastAnswers = 0;
    for (const request of requests) {
      for (const session of Object.values(sessions)) {
        if (passedThrough(await compare(h.engine, reference, request, session))) fastAnswers++;
        if (passedThrough(await compare(stringified.fast, stringified.reference, request, session))) fastAnswers++;
      }
    }
    // Most of them really took the fast path (the rest are errors, meta fields, empty results).
    expect(fastAnswers).toBeGreaterThan(requests.length * 4);
  });

  it('is taken for a plain query, not for __typename, introspection or mutations', async () => {
    const operation = (query: string) => {
      const document = parse(query);
      return [document, document.definitions[0] as OperationDefinitionNode] as const;
    };
    expect(isPlainQuery(...operation('query Q { authors { id ...F } } fragment F on authors { name }'))).toBe(true);
    expect(isPlainQuery(...operation('query Q { authors { id ...F } } fragment F on authors { __typename }'))).toBe(
      false,
    );
    expect(isPlainQuery(...operation('{ __schema { queryType { name } } }'))).toBe(false);
    expect(isPlainQuery(...operation('mutation { delete_authors(where: {}) { affected_rows } }'))).toBe(false);

    const plain = await h.engine.executeText(Q('{ authors(where: {id: {_eq: 1}}) { id name } }'), sessions.admin);
    expect(plain).toBe('{"data":{"authors":[{"id" : 1, "name" : "Alice Adams"}]}}');
    const typename = await h.engine.executeText(
      Q('{ authors(where: {id: {_eq: 1}}) { __typename id } }'),
      sessions.admin,
    );
    expect(typename).toBe('{"data":{"authors":[{"__typename":"authors","id":1}]}}');
  });

  it("passes Postgres' number text through; stringifyNumericTypes still gives strings", async () => {
    const query = Q(
      '{ authors(where: {id: {_eq: 2}}) { rating } articles_aggregate { aggregate { avg { views } sum { word_count } } } }',
    );
    const fast = await compare(h.engine, reference, query);
    // numeric keeps Postgres' digits (avg's trailing zeros) where graphql-js re-serialised a JS number (83.95).
    expect(fast).toContain('"rating" : 3.25');
    expect(fast).toMatch(/"views" : 83\.950+\b/);
    expect(JSON.parse(fast).data.articles_aggregate.aggregate.avg.views).toBe(83.95);
    const strings = JSON.parse(await compare(stringified.fast, stringified.reference, query));
    expect(strings.data).toEqual({
      authors: [{ rating: '3.25' }],
      articles_aggregate: { aggregate: { avg: { views: 83.95 }, sum: { word_count: '18582' } } },
    });
  });
});
