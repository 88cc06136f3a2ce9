/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment CatalogBookFields on books {\n    id\n    title\n    author\n    published_year\n    genre\n  }\n": typeof types.CatalogBookFieldsFragmentDoc,
    "\n  query CatalogPage(\n    $where: books_bool_exp!\n    $rowsWhere: books_bool_exp!\n    $rowsOrder: [books_order_by!]!\n    $rowsLimit: Int!\n    $countLimit: Int!\n    $hasCursor: Boolean!\n    $behindWhere: books_bool_exp!\n    $behindOrder: [books_order_by!]!\n  ) {\n    books(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {\n      ...CatalogBookFields\n    }\n    behind: books(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {\n      id\n    }\n    books_aggregate(where: $where, limit: $countLimit) {\n      aggregate {\n        count\n      }\n    }\n    genres(order_by: [{ name: asc }]) {\n      name\n    }\n  }\n": typeof types.CatalogPageDocument,
    "\n  query CatalogPageWithShelf(\n    $where: books_bool_exp!\n    $rowsWhere: books_bool_exp!\n    $rowsOrder: [books_order_by!]!\n    $rowsLimit: Int!\n    $countLimit: Int!\n    $hasCursor: Boolean!\n    $behindWhere: books_bool_exp!\n    $behindOrder: [books_order_by!]!\n  ) {\n    books(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {\n      ...CatalogBookFields\n      shelf_entries {\n        id\n        status\n      }\n    }\n    behind: books(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {\n      id\n    }\n    books_aggregate(where: $where, limit: $countLimit) {\n      aggregate {\n        count\n      }\n    }\n    genres(order_by: [{ name: asc }]) {\n      name\n    }\n  }\n": typeof types.CatalogPageWithShelfDocument,
    "\n  fragment BookFields on books {\n    id\n    title\n    author\n    published_year\n    genre\n    pages\n    description\n  }\n": typeof types.BookFieldsFragmentDoc,
    "\n  fragment BookReviewsFields on books {\n    reviews(order_by: [{ updated_at: desc }, { id: asc }], limit: 50) {\n      id\n      rating\n      note\n      updated_at\n      reviewer_name\n      reviewer_image_url\n    }\n    reviews_aggregate {\n      aggregate {\n        count\n        ratings: count(columns: [rating])\n        avg {\n          rating\n        }\n      }\n    }\n  }\n": typeof types.BookReviewsFieldsFragmentDoc,
    "\n  query Book($id: uuid!) {\n    books_by_pk(id: $id) {\n      ...BookFields\n      ...BookReviewsFields\n    }\n  }\n": typeof types.BookDocument,
    "\n  query BookWithShelf($id: uuid!) {\n    books_by_pk(id: $id) {\n      ...BookFields\n      ...BookReviewsFields\n      shelf_entries {\n        id\n        status\n        rating\n        note\n        shared\n      }\n    }\n  }\n": typeof types.BookWithShelfDocument,
    "\n  mutation AddToShelf($object: shelf_entries_insert_input!) {\n    insert_shelf_entries_one(\n      object: $object\n      on_conflict: { constraint: shelf_entries_user_id_book_id_key, update_columns: [status, rating, note, shared] }\n    ) {\n      id\n    }\n  }\n": typeof types.AddToShelfDocument,
    "\n  mutation UpdateShelfEntry($id: uuid!, $bookId: uuid!, $set: shelf_entries_set_input!) {\n    update_shelf_entries(where: { id: { _eq: $id }, book_id: { _eq: $bookId } }, _set: $set) {\n      affected_rows\n    }\n  }\n": typeof types.UpdateShelfEntryDocument,
    "\n  mutation RemoveShelfEntry($id: uuid!, $bookId: uuid!) {\n    delete_shelf_entries(where: { id: { _eq: $id }, book_id: { _eq: $bookId } }) {\n      affected_rows\n    }\n  }\n": typeof types.RemoveShelfEntryDocument,
    "\n  query MyShelf($where: shelf_entries_bool_exp!) {\n    shelf_entries(where: $where, order_by: [{ updated_at: desc }, { id: asc }]) {\n      id\n      status\n      rating\n      note\n      updated_at\n      book {\n        id\n        title\n        author\n      }\n    }\n  }\n": typeof types.MyShelfDocument,
    "\n  mutation QuickRate($id: uuid!, $rating: Int) {\n    update_shelf_entries_by_pk(pk_columns: { id: $id }, _set: { rating: $rating }) {\n      id\n      rating\n    }\n  }\n": typeof types.QuickRateDocument,
    "\n  query SchemaTypes {\n    __schema {\n      types {\n        name\n      }\n    }\n  }\n": typeof types.SchemaTypesDocument,
    "\n  subscription LiveShelf {\n    shelf_entries_aggregate {\n      aggregate {\n        count\n      }\n      nodes {\n        id\n        status\n        rating\n        note\n        updated_at\n      }\n    }\n  }\n": typeof types.LiveShelfDocument,
};
const documents: Documents = {
    "\n  fragment CatalogBookFields on books {\n    id\n    title\n    author\n    published_year\n    genre\n  }\n": types.CatalogBookFieldsFragmentDoc,
    "\n  query CatalogPage(\n    $where: books_bool_exp!\n    $rowsWhere: books_bool_exp!\n    $rowsOrder: [books_order_by!]!\n    $rowsLimit: Int!\n    $countLimit: Int!\n    $hasCursor: Boolean!\n    $behindWhere: books_bool_exp!\n    $behindOrder: [books_order_by!]!\n  ) {\n    books(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {\n      ...CatalogBookFields\n    }\n    behind: books(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {\n      id\n    }\n    books_aggregate(where: $where, limit: $countLimit) {\n      aggregate {\n        count\n      }\n    }\n    genres(order_by: [{ name: asc }]) {\n      name\n    }\n  }\n": types.CatalogPageDocument,
    "\n  query CatalogPageWithShelf(\n    $where: books_bool_exp!\n    $rowsWhere: books_bool_exp!\n    $rowsOrder: [books_order_by!]!\n    $rowsLimit: Int!\n    $countLimit: Int!\n    $hasCursor: Boolean!\n    $behindWhere: books_bool_exp!\n    $behindOrder: [books_order_by!]!\n  ) {\n    books(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {\n      ...CatalogBookFields\n      shelf_entries {\n        id\n        status\n      }\n    }\n    behind: books(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {\n      id\n    }\n    books_aggregate(where: $where, limit: $countLimit) {\n      aggregate {\n        count\n      }\n    }\n    genres(order_by: [{ name: asc }]) {\n      name\n    }\n  }\n": types.CatalogPageWithShelfDocument,
    "\n  fragment BookFields on books {\n    id\n    title\n    author\n    published_year\n    genre\n    pages\n    description\n  }\n": types.BookFieldsFragmentDoc,
    "\n  fragment BookReviewsFields on books {\n    reviews(order_by: [{ updated_at: desc }, { id: asc }], limit: 50) {\n      id\n      rating\n      note\n      updated_at\n      reviewer_name\n      reviewer_image_url\n    }\n    reviews_aggregate {\n      aggregate {\n        count\n        ratings: count(columns: [rating])\n        avg {\n          rating\n        }\n      }\n    }\n  }\n": types.BookReviewsFieldsFragmentDoc,
    "\n  query Book($id: uuid!) {\n    books_by_pk(id: $id) {\n      ...BookFields\n      ...BookReviewsFields\n    }\n  }\n": types.BookDocument,
    "\n  query BookWithShelf($id: uuid!) {\n    books_by_pk(id: $id) {\n      ...BookFields\n      ...BookReviewsFields\n      shelf_entries {\n        id\n        status\n        rating\n        note\n        shared\n      }\n    }\n  }\n": types.BookWithShelfDocument,
    "\n  mutation AddToShelf($object: shelf_entries_insert_input!) {\n    insert_shelf_entries_one(\n      object: $object\n      on_conflict: { constraint: shelf_entries_user_id_book_id_key, update_columns: [status, rating, note, shared] }\n    ) {\n      id\n    }\n  }\n": types.AddToShelfDocument,
    "\n  mutation UpdateShelfEntry($id: uuid!, $bookId: uuid!, $set: shelf_entries_set_input!) {\n    update_shelf_entries(where: { id: { _eq: $id }, book_id: { _eq: $bookId } }, _set: $set) {\n      affected_rows\n    }\n  }\n": types.UpdateShelfEntryDocument,
    "\n  mutation RemoveShelfEntry($id: uuid!, $bookId: uuid!) {\n    delete_shelf_entries(where: { id: { _eq: $id }, book_id: { _eq: $bookId } }) {\n      affected_rows\n    }\n  }\n": types.RemoveShelfEntryDocument,
    "\n  query MyShelf($where: shelf_entries_bool_exp!) {\n    shelf_entries(where: $where, order_by: [{ updated_at: desc }, { id: asc }]) {\n      id\n      status\n      rating\n      note\n      updated_at\n      book {\n        id\n        title\n        author\n      }\n    }\n  }\n": types.MyShelfDocument,
    "\n  mutation QuickRate($id: uuid!, $rating: Int) {\n    update_shelf_entries_by_pk(pk_columns: { id: $id }, _set: { rating: $rating }) {\n      id\n      rating\n    }\n  }\n": types.QuickRateDocument,
    "\n  query SchemaTypes {\n    __schema {\n      types {\n        name\n      }\n    }\n  }\n": types.SchemaTypesDocument,
    "\n  subscription LiveShelf {\n    shelf_entries_aggregate {\n      aggregate {\n        count\n      }\n      nodes {\n        id\n        status\n        rating\n        note\n        updated_at\n      }\n    }\n  }\n": types.LiveShelfDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CatalogBookFields on books {\n    id\n    title\n    author\n    published_year\n    genre\n  }\n"): (typeof documents)["\n  fragment CatalogBookFields on books {\n    id\n    title\n    author\n    published_year\n    genre\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogPage(\n    $where: books_bool_exp!\n    $rowsWhere: books_bool_exp!\n    $rowsOrder: [books_order_by!]!\n    $rowsLimit: Int!\n    $countLimit: Int!\n    $hasCursor: Boolean!\n    $behindWhere: books_bool_exp!\n    $behindOrder: [books_order_by!]!\n  ) {\n    books(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {\n      ...CatalogBookFields\n    }\n    behind: books(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {\n      id\n    }\n    books_aggregate(where: $where, limit: $countLimit) {\n      aggregate {\n        count\n      }\n    }\n    genres(order_by: [{ name: asc }]) {\n      name\n    }\n  }\n"): (typeof documents)["\n  query CatalogPage(\n    $where: books_bool_exp!\n    $rowsWhere: books_bool_exp!\n    $rowsOrder: [books_order_by!]!\n    $rowsLimit: Int!\n    $countLimit: Int!\n    $hasCursor: Boolean!\n    $behindWhere: books_bool_exp!\n    $behindOrder: [books_order_by!]!\n  ) {\n    books(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {\n      ...CatalogBookFields\n    }\n    behind: books(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {\n      id\n    }\n    books_aggregate(where: $where, limit: $countLimit) {\n      aggregate {\n        count\n      }\n    }\n    genres(order_by: [{ name: asc }]) {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogPageWithShelf(\n    $where: books_bool_exp!\n    $rowsWhere: books_bool_exp!\n    $rowsOrder: [books_order_by!]!\n    $rowsLimit: Int!\n    $countLimit: Int!\n    $hasCursor: Boolean!\n    $behindWhere: books_bool_exp!\n    $behindOrder: [books_order_by!]!\n  ) {\n    books(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {\n      ...CatalogBookFields\n      shelf_entries {\n        id\n        status\n      }\n    }\n    behind: books(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {\n      id\n    }\n    books_aggregate(where: $where, limit: $countLimit) {\n      aggregate {\n        count\n      }\n    }\n    genres(order_by: [{ name: asc }]) {\n      name\n    }\n  }\n"): (typeof documents)["\n  query CatalogPageWithShelf(\n    $where: books_bool_exp!\n    $rowsWhere: books_bool_exp!\n    $rowsOrder: [books_order_by!]!\n    $rowsLimit: Int!\n    $countLimit: Int!\n    $hasCursor: Boolean!\n    $behindWhere: books_bool_exp!\n    $behindOrder: [books_order_by!]!\n  ) {\n    books(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {\n      ...CatalogBookFields\n      shelf_entries {\n        id\n        status\n      }\n    }\n    behind: books(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {\n      id\n    }\n    books_aggregate(where: $where, limit: $countLimit) {\n      aggregate {\n        count\n      }\n    }\n    genres(order_by: [{ name: asc }]) {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookFields on books {\n    id\n    title\n    author\n    published_year\n    genre\n    pages\n    description\n  }\n"): (typeof documents)["\n  fragment BookFields on books {\n    id\n    title\n    author\n    published_year\n    genre\n    pages\n    description\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookReviewsFields on books {\n    reviews(order_by: [{ updated_at: desc }, { id: asc }], limit: 50) {\n      id\n      rating\n      note\n      updated_at\n      reviewer_name\n      reviewer_image_url\n    }\n    reviews_aggregate {\n      aggregate {\n        count\n        ratings: count(columns: [rating])\n        avg {\n          rating\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment BookReviewsFields on books {\n    reviews(order_by: [{ updated_at: desc }, { id: asc }], limit: 50) {\n      id\n      rating\n      note\n      updated_at\n      reviewer_name\n      reviewer_image_url\n    }\n    reviews_aggregate {\n      aggregate {\n        count\n        ratings: count(columns: [rating])\n        avg {\n          rating\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Book($id: uuid!) {\n    books_by_pk(id: $id) {\n      ...BookFields\n      ...BookReviewsFields\n    }\n  }\n"): (typeof documents)["\n  query Book($id: uuid!) {\n    books_by_pk(id: $id) {\n      ...BookFields\n      ...BookReviewsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookWithShelf($id: uuid!) {\n    books_by_pk(id: $id) {\n      ...BookFields\n      ...BookReviewsFields\n      shelf_entries {\n        id\n        status\n        rating\n        note\n        shared\n      }\n    }\n  }\n"): (typeof documents)["\n  query BookWithShelf($id: uuid!) {\n    books_by_pk(id: $id) {\n      ...BookFields\n      ...BookReviewsFields\n      shelf_entries {\n        id\n        status\n        rating\n        note\n        shared\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToShelf($object: shelf_entries_insert_input!) {\n    insert_shelf_entries_one(\n      object: $object\n      on_conflict: { constraint: shelf_entries_user_id_book_id_key, update_columns: [status, rating, note, shared] }\n    ) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddToShelf($object: shelf_entries_insert_input!) {\n    insert_shelf_entries_one(\n      object: $object\n      on_conflict: { constraint: shelf_entries_user_id_book_id_key, update_columns: [status, rating, note, shared] }\n    ) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateShelfEntry($id: uuid!, $bookId: uuid!, $set: shelf_entries_set_input!) {\n    update_shelf_entries(where: { id: { _eq: $id }, book_id: { _eq: $bookId } }, _set: $set) {\n      affected_rows\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateShelfEntry($id: uuid!, $bookId: uuid!, $set: shelf_entries_set_input!) {\n    update_shelf_entries(where: { id: { _eq: $id }, book_id: { _eq: $bookId } }, _set: $set) {\n      affected_rows\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveShelfEntry($id: uuid!, $bookId: uuid!) {\n    delete_shelf_entries(where: { id: { _eq: $id }, book_id: { _eq: $bookId } }) {\n      affected_rows\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveShelfEntry($id: uuid!, $bookId: uuid!) {\n    delete_shelf_entries(where: { id: { _eq: $id }, book_id: { _eq: $bookId } }) {\n      affected_rows\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyShelf($where: shelf_entries_bool_exp!) {\n    shelf_entries(where: $where, order_by: [{ updated_at: desc }, { id: asc }]) {\n      id\n      status\n      rating\n      note\n      updated_at\n      book {\n        id\n        title\n        author\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyShelf($where: shelf_entries_bool_exp!) {\n    shelf_entries(where: $where, order_by: [{ updated_at: desc }, { id: asc }]) {\n      id\n      status\n      rating\n      note\n      updated_at\n      book {\n        id\n        title\n        author\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QuickRate($id: uuid!, $rating: Int) {\n    update_shelf_entries_by_pk(pk_columns: { id: $id }, _set: { rating: $rating }) {\n      id\n      rating\n    }\n  }\n"): (typeof documents)["\n  mutation QuickRate($id: uuid!, $rating: Int) {\n    update_shelf_entries_by_pk(pk_columns: { id: $id }, _set: { rating: $rating }) {\n      id\n      rating\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchemaTypes {\n    __schema {\n      types {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query SchemaTypes {\n    __schema {\n      types {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveShelf {\n    shelf_entries_aggregate {\n      aggregate {\n        count\n      }\n      nodes {\n        id\n        status\n        rating\n        note\n        updated_at\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription LiveShelf {\n    shelf_entries_aggregate {\n      aggregate {\n        count\n      }\n      nodes {\n        id\n        status\n        rating\n        note\n        updated_at\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;