/**
 * Every GraphQL document the app sends to Hasura. `npm run codegen` turns them into TypedDocumentNodes in
 * `app/gql/`, checked against `graphql/schema.graphql` (the schema Hasura shows the `user` role).
 * Used on the server (loaders, actions) and, for QuickRate, in the browser.
 */
import { graphql } from '~/gql';

export const CatalogBookFields = graphql(`
  fragment CatalogBookFields on books {
    id
    title
    author
    published_year
    genre
  }
`);

/**
 * Catalog page for anyone (the `anonymous` role has no shelf_entries relationship). Variables come from
 * `catalogPageVariables` (app/books/catalog.ts): keyset paging, and `books_aggregate(limit:)` counts at most
 * `countLimit` matches (Hasura applies an aggregate's `limit` before counting).
 */
export const CatalogPageQuery = graphql(`
  query CatalogPage(
    $where: books_bool_exp!
    $rowsWhere: books_bool_exp!
    $rowsOrder: [books_order_by!]!
    $rowsLimit: Int!
    $countLimit: Int!
    $hasCursor: Boolean!
    $behindWhere: books_bool_exp!
    $behindOrder: [books_order_by!]!
  ) {
    books(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {
      ...CatalogBookFields
    }
    behind: books(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {
      id
    }
    books_aggregate(where: $where, limit: $countLimit) {
      aggregate {
        count
      }
    }
    genres(order_by: [{ name: asc }]) {
      name
    }
  }
`);

/** The same page for a signed-in user: each book's shelf entries, filtered by permissions to the user's own. */
export const CatalogPageWithShelfQuery = graphql(`
  query CatalogPageWithShelf(
    $where: books_bool_exp!
    $rowsWhere: books_bool_exp!
    $rowsOrder: [books_order_by!]!
    $rowsLimit: Int!
    $countLimit: Int!
    $hasCursor: Boolean!
    $behindWhere: books_bool_exp!
    $behindOrder: [books_order_by!]!
  ) {
    books(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {
      ...CatalogBookFields
      shelf_entries {
        id
        status
      }
    }
    behind: books(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {
      id
    }
    books_aggregate(where: $where, limit: $countLimit) {
      aggregate {
        count
      }
    }
    genres(order_by: [{ name: asc }]) {
      name
    }
  }
`);

/**
 * A catalog search for anyone: `book_words` rows of the search's words (see `searchPageVariables` in
 * app/books/catalog.ts) in (title, book_id) order, each with its book; paging and the capped count as above.
 */
export const CatalogSearchQuery = graphql(`
  query CatalogSearch(
    $where: book_words_bool_exp!
    $rowsWhere: book_words_bool_exp!
    $rowsOrder: [book_words_order_by!]!
    $rowsLimit: Int!
    $countLimit: Int!
    $hasCursor: Boolean!
    $behindWhere: book_words_bool_exp!
    $behindOrder: [book_words_order_by!]!
  ) {
    matches: book_words(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {
      book {
        ...CatalogBookFields
      }
    }
    behind: book_words(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {
      book_id
    }
    book_words_aggregate(where: $where, limit: $countLimit) {
      aggregate {
        count
      }
    }
    genres(order_by: [{ name: asc }]) {
      name
    }
  }
`);

/** The same search for a signed-in user, with each book's shelf entries (the user's own, by permissions). */
export const CatalogSearchWithShelfQuery = graphql(`
  query CatalogSearchWithShelf(
    $where: book_words_bool_exp!
    $rowsWhere: book_words_bool_exp!
    $rowsOrder: [book_words_order_by!]!
    $rowsLimit: Int!
    $countLimit: Int!
    $hasCursor: Boolean!
    $behindWhere: book_words_bool_exp!
    $behindOrder: [book_words_order_by!]!
  ) {
    matches: book_words(where: $rowsWhere, order_by: $rowsOrder, limit: $rowsLimit) {
      book {
        ...CatalogBookFields
        shelf_entries {
          id
          status
        }
      }
    }
    behind: book_words(where: $behindWhere, order_by: $behindOrder, limit: 1) @include(if: $hasCursor) {
      book_id
    }
    book_words_aggregate(where: $where, limit: $countLimit) {
      aggregate {
        count
      }
    }
    genres(order_by: [{ name: asc }]) {
      name
    }
  }
`);

export const BookFields = graphql(`
  fragment BookFields on books {
    id
    title
    author
    published_year
    genre
    pages
    description
  }
`);

/**
 * The shared reviews of a book, for everyone (the `book_reviews` view holds only entries their owners shared), and
 * their average rating (`ratings` counts the reviews that have one).
 */
export const BookReviewsFields = graphql(`
  fragment BookReviewsFields on books {
    reviews(order_by: [{ updated_at: desc }, { id: asc }], limit: 50) {
      id
      rating
      note
      updated_at
      reviewer_name
      reviewer_image_url
    }
    reviews_aggregate {
      aggregate {
        count
        ratings: count(columns: [rating])
        avg {
          rating
        }
      }
    }
  }
`);

export const BookQuery = graphql(`
  query Book($id: uuid!) {
    books_by_pk(id: $id) {
      ...BookFields
      ...BookReviewsFields
    }
  }
`);

export const BookWithShelfQuery = graphql(`
  query BookWithShelf($id: uuid!) {
    books_by_pk(id: $id) {
      ...BookFields
      ...BookReviewsFields
      shelf_entries {
        id
        status
        rating
        note
        shared
      }
    }
  }
`);

/** Insert, or update the user's existing entry for the book (the unique (user_id, book_id) constraint). */
export const AddToShelfMutation = graphql(`
  mutation AddToShelf($object: shelf_entries_insert_input!) {
    insert_shelf_entries_one(
      object: $object
      on_conflict: { constraint: shelf_entries_user_id_book_id_key, update_columns: [status, rating, note, shared] }
    ) {
      id
    }
  }
`);

/**
 * Update / remove by entry id AND book: an id from another book's form (or another user's, which permissions
 * already hide) matches no row, so nothing changes.
 */
export const UpdateShelfEntryMutation = graphql(`
  mutation UpdateShelfEntry($id: uuid!, $bookId: uuid!, $set: shelf_entries_set_input!) {
    update_shelf_entries(where: { id: { _eq: $id }, book_id: { _eq: $bookId } }, _set: $set) {
      affected_rows
    }
  }
`);

export const RemoveShelfEntryMutation = graphql(`
  mutation RemoveShelfEntry($id: uuid!, $bookId: uuid!) {
    delete_shelf_entries(where: { id: { _eq: $id }, book_id: { _eq: $bookId } }) {
      affected_rows
    }
  }
`);

export const MyShelfQuery = graphql(`
  query MyShelf($where: shelf_entries_bool_exp!) {
    shelf_entries(where: $where, order_by: [{ updated_at: desc }, { id: asc }]) {
      id
      status
      rating
      note
      updated_at
      book {
        id
        title
        author
      }
    }
  }
`);

/** Sent from the browser by the QuickRate control on /shelf. */
export const QuickRateMutation = graphql(`
  mutation QuickRate($id: uuid!, $rating: Int) {
    update_shelf_entries_by_pk(pk_columns: { id: $id }, _set: { rating: $rating }) {
      id
      rating
    }
  }
`);

/** What /status runs with the visitor's token: the types of the schema Hasura shows their role. */
export const SchemaTypesQuery = graphql(`
  query SchemaTypes {
    __schema {
      types {
        name
      }
    }
  }
`);
