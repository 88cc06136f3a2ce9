import { getIntrospectionQuery, printSchema } from 'graphql';
import { expect, it } from 'vitest';
import { describeOnEachDatabase, sessions } from './harness.js';

interface IntrospectedType {
  name: string;
  kind: string;
  fields: Array<{ name: string; args: Array<{ name: string }>; type: unknown }> | null;
  inputFields: Array<{ name: string }> | null;
  enumValues: Array<{ name: string }> | null;
}

describeOnEachDatabase('schema per role', (h) => {
  const introspect = async (session = sessions.admin) => {
    const data = await h.data<{
      __schema: {
        queryType: { name: string };
        mutationType: { name: string } | null;
        subscriptionType: { name: string } | null;
        types: IntrospectedType[];
      };
    }>(getIntrospectionQuery(), session);
    const type = (name: string) => data.__schema.types.find((t) => t.name === name);
    const fieldNames = (name: string) =>
      type(name)?.fields?.map((f) => f.name) ?? type(name)?.inputFields?.map((f) => f.name);
    return { schema: data.__schema, type, fieldNames };
  };

  it('admin sees every root field, with Hasura names and shapes', async () => {
    const { schema, fieldNames, type } = await introspect();
    expect(schema.queryType.name).toBe('query_root');
    expect(schema.mutationType?.name).toBe('mutation_root');
    expect(schema.subscriptionType?.name).toBe('subscription_root');
    expect(fieldNames('query_root')).toEqual([
      'articles',
      'articles_aggregate',
      'articles_by_pk',
      'authors',
      'authors_aggregate',
      'authors_by_pk',
    ]);
    expect(fieldNames('mutation_root')).toEqual([
      'delete_articles',
      'delete_articles_by_pk',
      'delete_authors',
      'delete_authors_by_pk',
      'insert_articles',
      'insert_articles_one',
      'insert_authors',
      'insert_authors_one',
      'update_articles',
      'update_articles_by_pk',
      'update_articles_many',
      'update_authors',
      'update_authors_by_pk',
      'update_authors_many',
    ]);
    expect(type('order_by')?.enumValues?.map((v) => v.name)).toEqual([
      'asc',
      'asc_nulls_first',
      'asc_nulls_last',
      'desc',
      'desc_nulls_first',
      'desc_nulls_last',
    ]);
    expect(fieldNames('String_comparison_exp')).toEqual([
      '_eq',
      '_gt',
      '_gte',
      '_ilike',
      '_in',
      '_iregex',
      '_is_null',
      '_like',
      '_lt',
      '_lte',
      '_neq',
      '_nilike',
      '_nin',
      '_niregex',
      '_nlike',
      '_nregex',
      '_nsimilar',
      '_regex',
      '_similar',
    ]);
    expect(fieldNames('jsonb_comparison_exp')).toEqual(
      expect.arrayContaining(['_contains', '_contained_in', '_has_key', '_has_keys_any', '_has_keys_all']),
    );
    for (const name of [
      'Int_comparison_exp',
      'uuid_comparison_exp',
      'timestamptz_comparison_exp',
      'Boolean_comparison_exp',
      'numeric_comparison_exp',
      'bigint_comparison_exp',
    ]) {
      expect(type(name)?.kind, name).toBe('INPUT_OBJECT');
    }
    expect(fieldNames('articles_on_conflict')).toEqual(['constraint', 'update_columns', 'where']);
    expect(type('articles_constraint')?.enumValues?.map((v) => v.name)).toEqual([
      'articles_pkey',
      'articles_author_id_title_key',
    ]);
    expect(fieldNames('articles_mutation_response')).toEqual(['affected_rows', 'returning']);
    expect(fieldNames('articles_aggregate_fields')).toEqual([
      'avg',
      'count',
      'max',
      'min',
      'stddev',
      'stddev_pop',
      'stddev_samp',
      'sum',
      'var_pop',
      'var_samp',
      'variance',
    ]);
    expect(fieldNames('articles_updates')).toEqual([
      '_append',
      '_delete_at_path',
      '_delete_elem',
      '_delete_key',
      '_inc',
      '_prepend',
      '_set',
      'where',
    ]);
    expect(fieldNames('articles_aggregate_bool_exp')).toEqual(['bool_and', 'bool_or', 'count']);
    expect(fieldNames('articles_aggregate_bool_exp_count')).toEqual(['arguments', 'distinct', 'filter', 'predicate']);
    expect(
      type('articles_select_column_articles_aggregate_bool_exp_bool_and_arguments_columns')?.enumValues?.map(
        (v) => v.name,
      ),
    ).toEqual(['published']);
    expect(fieldNames('authors_bool_exp')).toEqual([
      '_and',
      '_not',
      '_or',
      'id',
      'name',
      'user_id',
      'bio',
      'rating',
      'created_at',
      'articles',
      'articles_aggregate',
    ]);
    expect(fieldNames('articles_pk_columns_input')).toEqual(['id']);
  });

  it('prints the exact Hasura signatures of the generated root fields', async () => {
    const sdl = printSchema(h.engine.schemaFor('admin')!);
    expect(sdl).toContain('articles_by_pk(id: uuid!): articles');
    expect(sdl).toMatch(/articles_aggregate\([^)]*\): articles_aggregate!/);
    expect(sdl).toMatch(/insert_articles\(\s*"""[^"]*"""\s*objects: \[articles_insert_input!\]!/);
    expect(sdl).toMatch(/update_articles_many\([\s\S]*?\): \[articles_mutation_response\]/);
    expect(sdl).toMatch(/count\(columns: \[articles_select_column!\], distinct: Boolean\): Int!/);
    expect(sdl).toMatch(/author: authors!/); // NOT NULL foreign key, unfiltered remote: always present
    expect(sdl).toMatch(/update_columns: \[articles_update_column!\]! = \[\]/);
  });

  it('user: hidden columns, presets and permissions shape the types', async () => {
    const { fieldNames, type } = await introspect(sessions.alice);
    expect(fieldNames('authors')).toEqual([
      'id',
      'name',
      'bio',
      'rating',
      'created_at',
      'articles',
      'articles_aggregate',
    ]);
    expect(fieldNames('authors_bool_exp')).not.toContain('user_id');
    expect(type('authors_select_column')?.enumValues?.map((v) => v.name)).toEqual([
      'id',
      'name',
      'bio',
      'rating',
      'created_at',
    ]);
    expect(fieldNames('articles_insert_input')).toEqual([
      'author_id',
      'title',
      'body',
      'published',
      'word_count',
      'tags',
      'published_at',
      'author',
    ]);
    expect(fieldNames('authors_insert_input')).toEqual(['name', 'bio', 'rating', 'articles']);
    expect(fieldNames('authors_obj_rel_insert_input')).toEqual(['data', 'on_conflict']);
    expect(fieldNames('articles_arr_rel_insert_input')).toEqual(['data', 'on_conflict']);
    expect(fieldNames('articles_set_input')).toEqual([
      'title',
      'body',
      'published',
      'views',
      'word_count',
      'tags',
      'published_at',
    ]);
    expect(fieldNames('articles_inc_input')).toEqual(['views', 'word_count']);
    expect(fieldNames('mutation_root')).toEqual([
      'delete_articles',
      'delete_articles_by_pk',
      'insert_articles',
      'insert_articles_one',
      'insert_authors',
      'insert_authors_one',
      'update_articles',
      'update_articles_by_pk',
      'update_articles_many',
      'update_authors',
      'update_authors_by_pk',
      'update_authors_many',
    ]);
    // on_conflict exists because the role may also update articles.
    expect(
      type('mutation_root')
        ?.fields?.find((f) => f.name === 'insert_articles')
        ?.args.map((a) => a.name),
    ).toEqual(['objects', 'on_conflict']);
  });

  it('anonymous: limited columns, no by_pk without the pk, no aggregates, no mutation_root', async () => {
    const { schema, fieldNames, type } = await introspect(sessions.anonymous);
    expect(schema.mutationType).toBeNull();
    expect(fieldNames('query_root')).toEqual(['articles', 'articles_by_pk', 'authors']);
    // Relationships work without their columns being selectable (author_id is hidden).
    expect(fieldNames('articles')).toEqual(['id', 'title', 'body', 'published_at', 'author']);
    expect(fieldNames('authors')).toEqual(['name', 'bio', 'articles']);
    expect(type('articles_aggregate')).toBeUndefined();
    expect(fieldNames('articles_order_by')).toEqual(['id', 'title', 'body', 'published_at', 'author']);
    expect(fieldNames('authors_order_by')).toEqual(['name', 'bio']); // no articles_aggregate without aggregations
    const data = await h.data(
      `{ articles(order_by: {title: asc}, limit: 1) { title author { name } } }`,
      sessions.anonymous,
    );
    expect(data.articles).toEqual([{ title: 'Ballad of vacuum', author: { name: 'Carol Clark' } }]);
  });

  it('a role without permissions has no schema and sees no tables', async () => {
    expect(h.engine.schemaFor('nobody')).toBeNull();
    const response = await h.run(`{ articles { id } }`, { role: 'nobody', variables: {} });
    expect(response.errors?.[0]).toEqual({
      message: "field 'articles' not found in type: 'query_root'",
      extensions: { path: '$.selectionSet.articles', code: 'validation-failed' },
    });
  });
});
