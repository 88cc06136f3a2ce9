/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Boolean expression to compare columns of type "Boolean". All fields are combined with logical 'AND'. */
export type Boolean_Comparison_Exp = {
  _eq?: boolean | null | undefined;
  _gt?: boolean | null | undefined;
  _gte?: boolean | null | undefined;
  _in?: Array<boolean> | null | undefined;
  _is_null?: boolean | null | undefined;
  _lt?: boolean | null | undefined;
  _lte?: boolean | null | undefined;
  _neq?: boolean | null | undefined;
  _nin?: Array<boolean> | null | undefined;
};

/** Boolean expression to compare columns of type "Int". All fields are combined with logical 'AND'. */
export type Int_Comparison_Exp = {
  _eq?: number | null | undefined;
  _gt?: number | null | undefined;
  _gte?: number | null | undefined;
  _in?: Array<number> | null | undefined;
  _is_null?: boolean | null | undefined;
  _lt?: number | null | undefined;
  _lte?: number | null | undefined;
  _neq?: number | null | undefined;
  _nin?: Array<number> | null | undefined;
};

/** Boolean expression to compare columns of type "String". All fields are combined with logical 'AND'. */
export type String_Comparison_Exp = {
  _eq?: string | null | undefined;
  _gt?: string | null | undefined;
  _gte?: string | null | undefined;
  _ilike?: string | null | undefined;
  _in?: Array<string> | null | undefined;
  _iregex?: string | null | undefined;
  _is_null?: boolean | null | undefined;
  _like?: string | null | undefined;
  _lt?: string | null | undefined;
  _lte?: string | null | undefined;
  _neq?: string | null | undefined;
  _nilike?: string | null | undefined;
  _nin?: Array<string> | null | undefined;
  _niregex?: string | null | undefined;
  _nlike?: string | null | undefined;
  _nregex?: string | null | undefined;
  _nsimilar?: string | null | undefined;
  _regex?: string | null | undefined;
  _similar?: string | null | undefined;
};

export type Book_Reviews_Aggregate_Bool_Exp = {
  count?: Book_Reviews_Aggregate_Bool_Exp_Count | null | undefined;
};

export type Book_Reviews_Aggregate_Bool_Exp_Count = {
  arguments?: Array<Book_Reviews_Select_Column> | null | undefined;
  distinct?: boolean | null | undefined;
  filter?: Book_Reviews_Bool_Exp | null | undefined;
  predicate: Int_Comparison_Exp;
};

/** order by aggregate values of table "book_reviews" */
export type Book_Reviews_Aggregate_Order_By = {
  avg?: Book_Reviews_Avg_Order_By | null | undefined;
  count?: Order_By | null | undefined;
  max?: Book_Reviews_Max_Order_By | null | undefined;
  min?: Book_Reviews_Min_Order_By | null | undefined;
  stddev?: Book_Reviews_Stddev_Order_By | null | undefined;
  stddev_pop?: Book_Reviews_Stddev_Pop_Order_By | null | undefined;
  stddev_samp?: Book_Reviews_Stddev_Samp_Order_By | null | undefined;
  sum?: Book_Reviews_Sum_Order_By | null | undefined;
  var_pop?: Book_Reviews_Var_Pop_Order_By | null | undefined;
  var_samp?: Book_Reviews_Var_Samp_Order_By | null | undefined;
  variance?: Book_Reviews_Variance_Order_By | null | undefined;
};

/** order by avg() on columns of table "book_reviews" */
export type Book_Reviews_Avg_Order_By = {
  rating?: Order_By | null | undefined;
};

/** Boolean expression to filter rows from the table "book_reviews". All fields are combined with a logical 'AND'. */
export type Book_Reviews_Bool_Exp = {
  _and?: Array<Book_Reviews_Bool_Exp> | null | undefined;
  _not?: Book_Reviews_Bool_Exp | null | undefined;
  _or?: Array<Book_Reviews_Bool_Exp> | null | undefined;
  book_id?: Uuid_Comparison_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  note?: String_Comparison_Exp | null | undefined;
  rating?: Int_Comparison_Exp | null | undefined;
  reviewer_image_url?: String_Comparison_Exp | null | undefined;
  reviewer_name?: String_Comparison_Exp | null | undefined;
  updated_at?: Timestamptz_Comparison_Exp | null | undefined;
};

/** order by max() on columns of table "book_reviews" */
export type Book_Reviews_Max_Order_By = {
  note?: Order_By | null | undefined;
  rating?: Order_By | null | undefined;
  reviewer_image_url?: Order_By | null | undefined;
  reviewer_name?: Order_By | null | undefined;
  updated_at?: Order_By | null | undefined;
};

/** order by min() on columns of table "book_reviews" */
export type Book_Reviews_Min_Order_By = {
  note?: Order_By | null | undefined;
  rating?: Order_By | null | undefined;
  reviewer_image_url?: Order_By | null | undefined;
  reviewer_name?: Order_By | null | undefined;
  updated_at?: Order_By | null | undefined;
};

/** select columns of table "book_reviews" */
export type Book_Reviews_Select_Column =
  /** column name */
  | 'book_id'
  /** column name */
  | 'id'
  /** column name */
  | 'note'
  /** column name */
  | 'rating'
  /** column name */
  | 'reviewer_image_url'
  /** column name */
  | 'reviewer_name'
  /** column name */
  | 'updated_at';

/** order by stddev() on columns of table "book_reviews" */
export type Book_Reviews_Stddev_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by stddev_pop() on columns of table "book_reviews" */
export type Book_Reviews_Stddev_Pop_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by stddev_samp() on columns of table "book_reviews" */
export type Book_Reviews_Stddev_Samp_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by sum() on columns of table "book_reviews" */
export type Book_Reviews_Sum_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by var_pop() on columns of table "book_reviews" */
export type Book_Reviews_Var_Pop_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by var_samp() on columns of table "book_reviews" */
export type Book_Reviews_Var_Samp_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by variance() on columns of table "book_reviews" */
export type Book_Reviews_Variance_Order_By = {
  rating?: Order_By | null | undefined;
};

export type Book_Words_Aggregate_Bool_Exp = {
  count?: Book_Words_Aggregate_Bool_Exp_Count | null | undefined;
};

export type Book_Words_Aggregate_Bool_Exp_Count = {
  arguments?: Array<Book_Words_Select_Column> | null | undefined;
  distinct?: boolean | null | undefined;
  filter?: Book_Words_Bool_Exp | null | undefined;
  predicate: Int_Comparison_Exp;
};

/** order by aggregate values of table "book_words" */
export type Book_Words_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
  max?: Book_Words_Max_Order_By | null | undefined;
  min?: Book_Words_Min_Order_By | null | undefined;
};

/** Boolean expression to filter rows from the table "book_words". All fields are combined with a logical 'AND'. */
export type Book_Words_Bool_Exp = {
  _and?: Array<Book_Words_Bool_Exp> | null | undefined;
  _not?: Book_Words_Bool_Exp | null | undefined;
  _or?: Array<Book_Words_Bool_Exp> | null | undefined;
  book?: Books_Bool_Exp | null | undefined;
  book_id?: Uuid_Comparison_Exp | null | undefined;
  title?: String_Comparison_Exp | null | undefined;
  word?: String_Comparison_Exp | null | undefined;
  words_of_book?: Book_Words_Bool_Exp | null | undefined;
  words_of_book_aggregate?: Book_Words_Aggregate_Bool_Exp | null | undefined;
};

/** order by max() on columns of table "book_words" */
export type Book_Words_Max_Order_By = {
  title?: Order_By | null | undefined;
  word?: Order_By | null | undefined;
};

/** order by min() on columns of table "book_words" */
export type Book_Words_Min_Order_By = {
  title?: Order_By | null | undefined;
  word?: Order_By | null | undefined;
};

/** Ordering options when selecting data from "book_words". */
export type Book_Words_Order_By = {
  book?: Books_Order_By | null | undefined;
  book_id?: Order_By | null | undefined;
  title?: Order_By | null | undefined;
  word?: Order_By | null | undefined;
  words_of_book_aggregate?: Book_Words_Aggregate_Order_By | null | undefined;
};

/** select columns of table "book_words" */
export type Book_Words_Select_Column =
  /** column name */
  | 'book_id'
  /** column name */
  | 'title'
  /** column name */
  | 'word';

/** Boolean expression to filter rows from the table "books". All fields are combined with a logical 'AND'. */
export type Books_Bool_Exp = {
  _and?: Array<Books_Bool_Exp> | null | undefined;
  _not?: Books_Bool_Exp | null | undefined;
  _or?: Array<Books_Bool_Exp> | null | undefined;
  author?: String_Comparison_Exp | null | undefined;
  description?: String_Comparison_Exp | null | undefined;
  genre?: String_Comparison_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  pages?: Int_Comparison_Exp | null | undefined;
  published_year?: Int_Comparison_Exp | null | undefined;
  reviews?: Book_Reviews_Bool_Exp | null | undefined;
  reviews_aggregate?: Book_Reviews_Aggregate_Bool_Exp | null | undefined;
  shelf_entries?: Shelf_Entries_Bool_Exp | null | undefined;
  shelf_entries_aggregate?: Shelf_Entries_Aggregate_Bool_Exp | null | undefined;
  title?: String_Comparison_Exp | null | undefined;
};

/** Ordering options when selecting data from "books". */
export type Books_Order_By = {
  author?: Order_By | null | undefined;
  description?: Order_By | null | undefined;
  genre?: Order_By | null | undefined;
  id?: Order_By | null | undefined;
  pages?: Order_By | null | undefined;
  published_year?: Order_By | null | undefined;
  reviews_aggregate?: Book_Reviews_Aggregate_Order_By | null | undefined;
  shelf_entries_aggregate?: Shelf_Entries_Aggregate_Order_By | null | undefined;
  title?: Order_By | null | undefined;
};

/** column ordering options */
export type Order_By =
  /** in ascending order, nulls last */
  | 'asc'
  /** in ascending order, nulls first */
  | 'asc_nulls_first'
  /** in ascending order, nulls last */
  | 'asc_nulls_last'
  /** in descending order, nulls first */
  | 'desc'
  /** in descending order, nulls first */
  | 'desc_nulls_first'
  /** in descending order, nulls last */
  | 'desc_nulls_last';

export type Shelf_Entries_Aggregate_Bool_Exp = {
  bool_and?: Shelf_Entries_Aggregate_Bool_Exp_Bool_And | null | undefined;
  bool_or?: Shelf_Entries_Aggregate_Bool_Exp_Bool_Or | null | undefined;
  count?: Shelf_Entries_Aggregate_Bool_Exp_Count | null | undefined;
};

export type Shelf_Entries_Aggregate_Bool_Exp_Bool_And = {
  arguments: Shelf_Entries_Select_Column_Shelf_Entries_Aggregate_Bool_Exp_Bool_And_Arguments_Columns;
  distinct?: boolean | null | undefined;
  filter?: Shelf_Entries_Bool_Exp | null | undefined;
  predicate: Boolean_Comparison_Exp;
};

export type Shelf_Entries_Aggregate_Bool_Exp_Bool_Or = {
  arguments: Shelf_Entries_Select_Column_Shelf_Entries_Aggregate_Bool_Exp_Bool_Or_Arguments_Columns;
  distinct?: boolean | null | undefined;
  filter?: Shelf_Entries_Bool_Exp | null | undefined;
  predicate: Boolean_Comparison_Exp;
};

export type Shelf_Entries_Aggregate_Bool_Exp_Count = {
  arguments?: Array<Shelf_Entries_Select_Column> | null | undefined;
  distinct?: boolean | null | undefined;
  filter?: Shelf_Entries_Bool_Exp | null | undefined;
  predicate: Int_Comparison_Exp;
};

/** order by aggregate values of table "shelf_entries" */
export type Shelf_Entries_Aggregate_Order_By = {
  avg?: Shelf_Entries_Avg_Order_By | null | undefined;
  count?: Order_By | null | undefined;
  max?: Shelf_Entries_Max_Order_By | null | undefined;
  min?: Shelf_Entries_Min_Order_By | null | undefined;
  stddev?: Shelf_Entries_Stddev_Order_By | null | undefined;
  stddev_pop?: Shelf_Entries_Stddev_Pop_Order_By | null | undefined;
  stddev_samp?: Shelf_Entries_Stddev_Samp_Order_By | null | undefined;
  sum?: Shelf_Entries_Sum_Order_By | null | undefined;
  var_pop?: Shelf_Entries_Var_Pop_Order_By | null | undefined;
  var_samp?: Shelf_Entries_Var_Samp_Order_By | null | undefined;
  variance?: Shelf_Entries_Variance_Order_By | null | undefined;
};

/** order by avg() on columns of table "shelf_entries" */
export type Shelf_Entries_Avg_Order_By = {
  rating?: Order_By | null | undefined;
};

/** Boolean expression to filter rows from the table "shelf_entries". All fields are combined with a logical 'AND'. */
export type Shelf_Entries_Bool_Exp = {
  _and?: Array<Shelf_Entries_Bool_Exp> | null | undefined;
  _not?: Shelf_Entries_Bool_Exp | null | undefined;
  _or?: Array<Shelf_Entries_Bool_Exp> | null | undefined;
  book?: Books_Bool_Exp | null | undefined;
  book_id?: Uuid_Comparison_Exp | null | undefined;
  created_at?: Timestamptz_Comparison_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  note?: String_Comparison_Exp | null | undefined;
  rating?: Int_Comparison_Exp | null | undefined;
  shared?: Boolean_Comparison_Exp | null | undefined;
  status?: String_Comparison_Exp | null | undefined;
  updated_at?: Timestamptz_Comparison_Exp | null | undefined;
  user_id?: String_Comparison_Exp | null | undefined;
};

/** input type for inserting data into table "shelf_entries" */
export type Shelf_Entries_Insert_Input = {
  book_id?: string | null | undefined;
  note?: string | null | undefined;
  rating?: number | null | undefined;
  shared?: boolean | null | undefined;
  status?: string | null | undefined;
};

/** order by max() on columns of table "shelf_entries" */
export type Shelf_Entries_Max_Order_By = {
  created_at?: Order_By | null | undefined;
  note?: Order_By | null | undefined;
  rating?: Order_By | null | undefined;
  status?: Order_By | null | undefined;
  updated_at?: Order_By | null | undefined;
  user_id?: Order_By | null | undefined;
};

/** order by min() on columns of table "shelf_entries" */
export type Shelf_Entries_Min_Order_By = {
  created_at?: Order_By | null | undefined;
  note?: Order_By | null | undefined;
  rating?: Order_By | null | undefined;
  status?: Order_By | null | undefined;
  updated_at?: Order_By | null | undefined;
  user_id?: Order_By | null | undefined;
};

/** select columns of table "shelf_entries" */
export type Shelf_Entries_Select_Column =
  /** column name */
  | 'book_id'
  /** column name */
  | 'created_at'
  /** column name */
  | 'id'
  /** column name */
  | 'note'
  /** column name */
  | 'rating'
  /** column name */
  | 'shared'
  /** column name */
  | 'status'
  /** column name */
  | 'updated_at'
  /** column name */
  | 'user_id';

/** select "shelf_entries_aggregate_bool_exp_bool_and_arguments_columns" columns of table "shelf_entries" */
export type Shelf_Entries_Select_Column_Shelf_Entries_Aggregate_Bool_Exp_Bool_And_Arguments_Columns =
  /** column name */
  | 'shared';

/** select "shelf_entries_aggregate_bool_exp_bool_or_arguments_columns" columns of table "shelf_entries" */
export type Shelf_Entries_Select_Column_Shelf_Entries_Aggregate_Bool_Exp_Bool_Or_Arguments_Columns =
  /** column name */
  | 'shared';

/** input type for updating data in table "shelf_entries" */
export type Shelf_Entries_Set_Input = {
  note?: string | null | undefined;
  rating?: number | null | undefined;
  shared?: boolean | null | undefined;
  status?: string | null | undefined;
};

/** order by stddev() on columns of table "shelf_entries" */
export type Shelf_Entries_Stddev_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by stddev_pop() on columns of table "shelf_entries" */
export type Shelf_Entries_Stddev_Pop_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by stddev_samp() on columns of table "shelf_entries" */
export type Shelf_Entries_Stddev_Samp_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by sum() on columns of table "shelf_entries" */
export type Shelf_Entries_Sum_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by var_pop() on columns of table "shelf_entries" */
export type Shelf_Entries_Var_Pop_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by var_samp() on columns of table "shelf_entries" */
export type Shelf_Entries_Var_Samp_Order_By = {
  rating?: Order_By | null | undefined;
};

/** order by variance() on columns of table "shelf_entries" */
export type Shelf_Entries_Variance_Order_By = {
  rating?: Order_By | null | undefined;
};

/** Boolean expression to compare columns of type "timestamptz". All fields are combined with logical 'AND'. */
export type Timestamptz_Comparison_Exp = {
  _eq?: string | null | undefined;
  _gt?: string | null | undefined;
  _gte?: string | null | undefined;
  _in?: Array<string> | null | undefined;
  _is_null?: boolean | null | undefined;
  _lt?: string | null | undefined;
  _lte?: string | null | undefined;
  _neq?: string | null | undefined;
  _nin?: Array<string> | null | undefined;
};

/** Boolean expression to compare columns of type "uuid". All fields are combined with logical 'AND'. */
export type Uuid_Comparison_Exp = {
  _eq?: string | null | undefined;
  _gt?: string | null | undefined;
  _gte?: string | null | undefined;
  _in?: Array<string> | null | undefined;
  _is_null?: boolean | null | undefined;
  _lt?: string | null | undefined;
  _lte?: string | null | undefined;
  _neq?: string | null | undefined;
  _nin?: Array<string> | null | undefined;
};

export type CatalogBookFieldsFragment = { id: string, title: string, author: string, published_year: number | null, genre: string };

export type CatalogPageQueryVariables = Exact<{
  where: Books_Bool_Exp;
  rowsWhere: Books_Bool_Exp;
  rowsOrder: Array<Books_Order_By> | Books_Order_By;
  rowsLimit: number;
  countLimit: number;
  hasCursor: boolean;
  behindWhere: Books_Bool_Exp;
  behindOrder: Array<Books_Order_By> | Books_Order_By;
}>;


export type CatalogPageQuery = { books: Array<{ id: string, title: string, author: string, published_year: number | null, genre: string }>, behind?: Array<{ id: string }>, books_aggregate: { aggregate: { count: number } | null }, genres: Array<{ name: string }> };

export type CatalogPageWithShelfQueryVariables = Exact<{
  where: Books_Bool_Exp;
  rowsWhere: Books_Bool_Exp;
  rowsOrder: Array<Books_Order_By> | Books_Order_By;
  rowsLimit: number;
  countLimit: number;
  hasCursor: boolean;
  behindWhere: Books_Bool_Exp;
  behindOrder: Array<Books_Order_By> | Books_Order_By;
}>;


export type CatalogPageWithShelfQuery = { books: Array<{ id: string, title: string, author: string, published_year: number | null, genre: string, shelf_entries: Array<{ id: string, status: string }> }>, behind?: Array<{ id: string }>, books_aggregate: { aggregate: { count: number } | null }, genres: Array<{ name: string }> };

export type CatalogSearchQueryVariables = Exact<{
  where: Book_Words_Bool_Exp;
  rowsWhere: Book_Words_Bool_Exp;
  rowsOrder: Array<Book_Words_Order_By> | Book_Words_Order_By;
  rowsLimit: number;
  countLimit: number;
  hasCursor: boolean;
  behindWhere: Book_Words_Bool_Exp;
  behindOrder: Array<Book_Words_Order_By> | Book_Words_Order_By;
}>;


export type CatalogSearchQuery = { matches: Array<{ book: { id: string, title: string, author: string, published_year: number | null, genre: string } | null }>, behind?: Array<{ book_id: string }>, book_words_aggregate: { aggregate: { count: number } | null }, genres: Array<{ name: string }> };

export type CatalogSearchWithShelfQueryVariables = Exact<{
  where: Book_Words_Bool_Exp;
  rowsWhere: Book_Words_Bool_Exp;
  rowsOrder: Array<Book_Words_Order_By> | Book_Words_Order_By;
  rowsLimit: number;
  countLimit: number;
  hasCursor: boolean;
  behindWhere: Book_Words_Bool_Exp;
  behindOrder: Array<Book_Words_Order_By> | Book_Words_Order_By;
}>;


export type CatalogSearchWithShelfQuery = { matches: Array<{ book: { id: string, title: string, author: string, published_year: number | null, genre: string, shelf_entries: Array<{ id: string, status: string }> } | null }>, behind?: Array<{ book_id: string }>, book_words_aggregate: { aggregate: { count: number } | null }, genres: Array<{ name: string }> };

export type BookFieldsFragment = { id: string, title: string, author: string, published_year: number | null, genre: string, pages: number | null, description: string | null };

export type BookReviewsFieldsFragment = { reviews: Array<{ id: string | null, rating: number | null, note: string | null, updated_at: string | null, reviewer_name: string | null, reviewer_image_url: string | null }>, reviews_aggregate: { aggregate: { count: number, ratings: number, avg: { rating: number | null } | null } | null } };

export type BookQueryVariables = Exact<{
  id: string;
}>;


export type BookQuery = { books_by_pk: { id: string, title: string, author: string, published_year: number | null, genre: string, pages: number | null, description: string | null, reviews: Array<{ id: string | null, rating: number | null, note: string | null, updated_at: string | null, reviewer_name: string | null, reviewer_image_url: string | null }>, reviews_aggregate: { aggregate: { count: number, ratings: number, avg: { rating: number | null } | null } | null } } | null };

export type BookWithShelfQueryVariables = Exact<{
  id: string;
}>;


export type BookWithShelfQuery = { books_by_pk: { id: string, title: string, author: string, published_year: number | null, genre: string, pages: number | null, description: string | null, shelf_entries: Array<{ id: string, status: string, rating: number | null, note: string | null, shared: boolean }>, reviews: Array<{ id: string | null, rating: number | null, note: string | null, updated_at: string | null, reviewer_name: string | null, reviewer_image_url: string | null }>, reviews_aggregate: { aggregate: { count: number, ratings: number, avg: { rating: number | null } | null } | null } } | null };

export type AddToShelfMutationVariables = Exact<{
  object: Shelf_Entries_Insert_Input;
}>;


export type AddToShelfMutation = { insert_shelf_entries_one: { id: string } | null };

export type UpdateShelfEntryMutationVariables = Exact<{
  id: string;
  bookId: string;
  set: Shelf_Entries_Set_Input;
}>;


export type UpdateShelfEntryMutation = { update_shelf_entries: { affected_rows: number } | null };

export type RemoveShelfEntryMutationVariables = Exact<{
  id: string;
  bookId: string;
}>;


export type RemoveShelfEntryMutation = { delete_shelf_entries: { affected_rows: number } | null };

export type MyShelfQueryVariables = Exact<{
  where: Shelf_Entries_Bool_Exp;
}>;


export type MyShelfQuery = { shelf_entries: Array<{ id: string, status: string, rating: number | null, note: string | null, updated_at: string, book: { id: string, title: string, author: string } }> };

export type QuickRateMutationVariables = Exact<{
  id: string;
  rating?: number | null | undefined;
}>;


export type QuickRateMutation = { update_shelf_entries_by_pk: { id: string, rating: number | null } | null };

export type SchemaTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type SchemaTypesQuery = { __schema: { types: Array<{ name: string | null }> } };

export type LiveShelfSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type LiveShelfSubscription = { shelf_entries_aggregate: { aggregate: { count: number } | null, nodes: Array<{ id: string, status: string, rating: number | null, note: string | null, updated_at: string }> } };

export const CatalogBookFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogBookFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"books"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"published_year"}},{"kind":"Field","name":{"kind":"Name","value":"genre"}}]}}]} as unknown as DocumentNode<CatalogBookFieldsFragment, unknown>;
export const BookFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"books"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"published_year"}},{"kind":"Field","name":{"kind":"Name","value":"genre"}},{"kind":"Field","name":{"kind":"Name","value":"pages"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]} as unknown as DocumentNode<BookFieldsFragment, unknown>;
export const BookReviewsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookReviewsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"books"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"updated_at"},"value":{"kind":"EnumValue","value":"desc"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"EnumValue","value":"asc"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"updated_at"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer_name"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer_image_url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviews_aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","alias":{"kind":"Name","value":"ratings"},"name":{"kind":"Name","value":"count"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"columns"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"rating"}]}}]},{"kind":"Field","name":{"kind":"Name","value":"avg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rating"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BookReviewsFieldsFragment, unknown>;
export const CatalogPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CatalogPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"books_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsWhere"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"books_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsOrder"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"books_order_by"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsLimit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"countLimit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hasCursor"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"behindWhere"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"books_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"behindOrder"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"books_order_by"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"books"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsWhere"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsOrder"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsLimit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogBookFields"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"behind"},"name":{"kind":"Name","value":"books"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"behindWhere"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"behindOrder"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"1"}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hasCursor"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"books_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"countLimit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"EnumValue","value":"asc"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogBookFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"books"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"published_year"}},{"kind":"Field","name":{"kind":"Name","value":"genre"}}]}}]} as unknown as DocumentNode<CatalogPageQuery, CatalogPageQueryVariables>;
export const CatalogPageWithShelfDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CatalogPageWithShelf"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"books_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsWhere"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"books_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsOrder"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"books_order_by"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsLimit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"countLimit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hasCursor"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"behindWhere"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"books_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"behindOrder"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"books_order_by"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"books"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsWhere"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsOrder"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsLimit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogBookFields"}},{"kind":"Field","name":{"kind":"Name","value":"shelf_entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"behind"},"name":{"kind":"Name","value":"books"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"behindWhere"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"behindOrder"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"1"}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hasCursor"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"books_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"countLimit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"EnumValue","value":"asc"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogBookFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"books"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"published_year"}},{"kind":"Field","name":{"kind":"Name","value":"genre"}}]}}]} as unknown as DocumentNode<CatalogPageWithShelfQuery, CatalogPageWithShelfQueryVariables>;
export const CatalogSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CatalogSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"book_words_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsWhere"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"book_words_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsOrder"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"book_words_order_by"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsLimit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"countLimit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hasCursor"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"behindWhere"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"book_words_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"behindOrder"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"book_words_order_by"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"matches"},"name":{"kind":"Name","value":"book_words"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsWhere"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsOrder"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsLimit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"book"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogBookFields"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"behind"},"name":{"kind":"Name","value":"book_words"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"behindWhere"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"behindOrder"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"1"}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hasCursor"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"book_id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"book_words_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"countLimit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"EnumValue","value":"asc"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogBookFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"books"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"published_year"}},{"kind":"Field","name":{"kind":"Name","value":"genre"}}]}}]} as unknown as DocumentNode<CatalogSearchQuery, CatalogSearchQueryVariables>;
export const CatalogSearchWithShelfDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CatalogSearchWithShelf"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"book_words_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsWhere"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"book_words_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsOrder"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"book_words_order_by"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rowsLimit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"countLimit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hasCursor"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"behindWhere"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"book_words_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"behindOrder"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"book_words_order_by"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"matches"},"name":{"kind":"Name","value":"book_words"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsWhere"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsOrder"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rowsLimit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"book"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogBookFields"}},{"kind":"Field","name":{"kind":"Name","value":"shelf_entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"behind"},"name":{"kind":"Name","value":"book_words"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"behindWhere"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"behindOrder"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"1"}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hasCursor"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"book_id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"book_words_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"countLimit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"EnumValue","value":"asc"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogBookFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"books"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"published_year"}},{"kind":"Field","name":{"kind":"Name","value":"genre"}}]}}]} as unknown as DocumentNode<CatalogSearchWithShelfQuery, CatalogSearchWithShelfQueryVariables>;
export const BookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Book"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"books_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BookFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"BookReviewsFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"books"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"published_year"}},{"kind":"Field","name":{"kind":"Name","value":"genre"}},{"kind":"Field","name":{"kind":"Name","value":"pages"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookReviewsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"books"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"updated_at"},"value":{"kind":"EnumValue","value":"desc"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"EnumValue","value":"asc"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"updated_at"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer_name"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer_image_url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviews_aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","alias":{"kind":"Name","value":"ratings"},"name":{"kind":"Name","value":"count"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"columns"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"rating"}]}}]},{"kind":"Field","name":{"kind":"Name","value":"avg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rating"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BookQuery, BookQueryVariables>;
export const BookWithShelfDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BookWithShelf"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"books_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BookFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"BookReviewsFields"}},{"kind":"Field","name":{"kind":"Name","value":"shelf_entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"shared"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"books"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"published_year"}},{"kind":"Field","name":{"kind":"Name","value":"genre"}},{"kind":"Field","name":{"kind":"Name","value":"pages"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookReviewsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"books"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"updated_at"},"value":{"kind":"EnumValue","value":"desc"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"EnumValue","value":"asc"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"updated_at"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer_name"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer_image_url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviews_aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","alias":{"kind":"Name","value":"ratings"},"name":{"kind":"Name","value":"count"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"columns"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"rating"}]}}]},{"kind":"Field","name":{"kind":"Name","value":"avg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rating"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BookWithShelfQuery, BookWithShelfQueryVariables>;
export const AddToShelfDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddToShelf"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"object"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"shelf_entries_insert_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insert_shelf_entries_one"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"object"},"value":{"kind":"Variable","name":{"kind":"Name","value":"object"}}},{"kind":"Argument","name":{"kind":"Name","value":"on_conflict"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"constraint"},"value":{"kind":"EnumValue","value":"shelf_entries_user_id_book_id_key"}},{"kind":"ObjectField","name":{"kind":"Name","value":"update_columns"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"status"},{"kind":"EnumValue","value":"rating"},{"kind":"EnumValue","value":"note"},{"kind":"EnumValue","value":"shared"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AddToShelfMutation, AddToShelfMutationVariables>;
export const UpdateShelfEntryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateShelfEntry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bookId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"set"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"shelf_entries_set_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"update_shelf_entries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"book_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bookId"}}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"_set"},"value":{"kind":"Variable","name":{"kind":"Name","value":"set"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"affected_rows"}}]}}]}}]} as unknown as DocumentNode<UpdateShelfEntryMutation, UpdateShelfEntryMutationVariables>;
export const RemoveShelfEntryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveShelfEntry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bookId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"delete_shelf_entries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"book_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bookId"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"affected_rows"}}]}}]}}]} as unknown as DocumentNode<RemoveShelfEntryMutation, RemoveShelfEntryMutationVariables>;
export const MyShelfDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyShelf"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"shelf_entries_bool_exp"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shelf_entries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"updated_at"},"value":{"kind":"EnumValue","value":"desc"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"EnumValue","value":"asc"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"updated_at"}},{"kind":"Field","name":{"kind":"Name","value":"book"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"author"}}]}}]}}]}}]} as unknown as DocumentNode<MyShelfQuery, MyShelfQueryVariables>;
export const QuickRateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"QuickRate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rating"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"update_shelf_entries_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pk_columns"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"_set"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"rating"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rating"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}}]}}]}}]} as unknown as DocumentNode<QuickRateMutation, QuickRateMutationVariables>;
export const SchemaTypesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SchemaTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__schema"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"types"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<SchemaTypesQuery, SchemaTypesQueryVariables>;
export const LiveShelfDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveShelf"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shelf_entries_aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"updated_at"}}]}}]}}]}}]} as unknown as DocumentNode<LiveShelfSubscription, LiveShelfSubscriptionVariables>;