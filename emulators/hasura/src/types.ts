/**
 * Contracts shared by the engine's parts: the database handle, the Postgres catalog the schema is built from,
 * the Hasura metadata (v3, after `!include` resolution), the request session and the GraphQL wire shapes.
 */

// ---------- database ----------
export interface QueryResult<R> {
  rows: R[];
}

export interface Queryable {
  /** Runs one SQL statement with positional parameters ($1, $2, …). */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
}

export interface Database extends Queryable {
  /** `postgres` for a server reached through `pg`, `pglite` for the embedded engine. */
  readonly kind: 'postgres' | 'pglite';
  /** A human-readable description for logs, with any password removed. */
  readonly description: string;
  /** Runs a multi-statement SQL script (migrations, seeds); no parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Runs one statement outside any transaction as a prepared statement, kept per SQL text (as Hasura does by
   * default, HASURA_GRAPHQL_USE_PREPARED_STATEMENTS), and answers its first row's columns as text.
   */
  preparedRow(sql: string, params: Array<string | null>): Promise<Array<string | null> | undefined>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// ---------- catalog (read from the database) ----------
export interface ColumnInfo {
  name: string;
  /** Postgres type name as in pg_type.typname: int4, int8, text, varchar, uuid, timestamptz, jsonb, numeric, bool, _text … */
  pgType: string;
  nullable: boolean;
  hasDefault: boolean;
}

export interface ConstraintInfo {
  name: string;
  columns: string[];
}

export interface ForeignKeyInfo extends ConstraintInfo {
  refSchema: string;
  refTable: string;
  refColumns: string[];
}

export interface TableInfo {
  schema: string;
  name: string;
  columns: ColumnInfo[];
  primaryKey: ConstraintInfo | null;
  /** Unique constraints and the primary key (all usable in on_conflict). */
  uniqueConstraints: ConstraintInfo[];
  foreignKeys: ForeignKeyInfo[];
}

export interface Catalog {
  tables: TableInfo[];
}

// ---------- metadata (Hasura CLI project, config v3) ----------
export interface QualifiedTable {
  schema: string;
  name: string;
}

/** A boolean expression as written in metadata (filter / check), e.g. `{ user_id: { _eq: "X-Hasura-User-Id" } }`. */
export type BoolExp = Record<string, unknown>;

export interface RelationshipMetadata {
  name: string;
  using:
    | {
        foreign_key_constraint_on:
          string | string[] | { column?: string; columns?: string[]; table: QualifiedTable | string };
      }
    | { manual_configuration: { remote_table: QualifiedTable | string; column_mapping: Record<string, string> } };
}

export interface SelectPermission {
  columns: string[] | '*';
  filter?: BoolExp;
  limit?: number;
  allow_aggregations?: boolean;
}
export interface InsertPermission {
  check?: BoolExp;
  set?: Record<string, unknown>;
  columns: string[] | '*';
}
export interface UpdatePermission {
  columns: string[] | '*';
  filter?: BoolExp;
  check?: BoolExp | null;
  set?: Record<string, unknown>;
}
export interface DeletePermission {
  filter?: BoolExp;
}
export interface RolePermission<P> {
  role: string;
  permission: P;
}

/** `configuration` of a tracked table: GraphQL names that differ from the Postgres ones. */
export interface TableConfiguration {
  custom_name?: string;
  /** Keys: select, select_by_pk, select_aggregate, insert, insert_one, update, update_by_pk, update_many, delete, delete_by_pk. */
  custom_root_fields?: Record<string, string | { name?: string | null; comment?: string | null } | null>;
  column_config?: Record<string, { custom_name?: string; comment?: string }>;
}

export interface TableMetadata {
  table: QualifiedTable;
  configuration?: TableConfiguration;
  object_relationships?: RelationshipMetadata[];
  array_relationships?: RelationshipMetadata[];
  select_permissions?: RolePermission<SelectPermission>[];
  insert_permissions?: RolePermission<InsertPermission>[];
  update_permissions?: RolePermission<UpdatePermission>[];
  delete_permissions?: RolePermission<DeletePermission>[];
}

export interface SourceMetadata {
  name: string;
  kind: 'postgres';
  tables: TableMetadata[];
}

export interface Metadata {
  version: 3;
  sources: SourceMetadata[];
}

// ---------- request session ----------
export interface Session {
  /** The role the request runs as; `admin` bypasses permissions. */
  role: string;
  /** Session variables, keys lower-cased (`x-hasura-user-id`), values strings. */
  variables: Record<string, string>;
  /**
   * The request may use `backend_only` permissions: it was authorised by the admin secret (or no secret is
   * configured) and sent `x-hasura-use-backend-only-permissions: true`, as in Hasura. Never set from a JWT.
   */
  backendOnly?: boolean;
  /** When the JWT the session came from expires (ms since the epoch); websockets close then. */
  expiresAt?: number;
}

// ---------- GraphQL over HTTP ----------
export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  /** `extensions.persistedQuery` of the request (Automatic Persisted Queries), refused as by Hasura CE. */
  persistedQuery?: unknown;
}

export interface HasuraError {
  message: string;
  extensions: { path: string; code: string; internal?: unknown };
}

export interface GraphQLResponse {
  data?: unknown;
  errors?: HasuraError[];
}

/** A metadata object the engine left out, as Hasura's inconsistent metadata lists it. */
export interface InconsistentObject {
  /** table, object_relation, array_relation, select_permission, insert_permission, update_permission, delete_permission */
  type: string;
  /** `schema.table`, `schema.table.relationship` or `schema.table.role` */
  name: string;
  reason: string;
}

/** A parsed, validated operation with its variables, ready to run for a session of the role it was validated for. */
export interface PreparedOperation {
  /** The role schema it was validated against (introspection is answered from it). */
  schema: import('graphql').GraphQLSchema;
  document: import('graphql').DocumentNode;
  operation: import('graphql').OperationDefinitionNode;
  fragments: Record<string, import('graphql').FragmentDefinitionNode>;
  /** Coerced variable values. */
  variables: Record<string, unknown>;
  /** The variables as sent (their object keys keep the client's order). */
  rawVariables: Record<string, unknown>;
  /** A query's `rawVariables` as JSON text, the key of its compiled plan; undefined: not to be remembered. */
  variablesText: string | undefined;
}

/** The compiled engine for one metadata + catalog snapshot. */
/**
 * A query compiled for one session: either its answer already (errors, `__typename`, introspection only), or ONE
 * statement plus what turns its first row, or its failure, into the response body.
 */
export type CompiledQuery =
  | { text: string }
  | {
      sql: string;
      params: Array<string | null>;
      answer(row: Array<string | null> | undefined): string;
      failure(error: unknown): string;
    };

export interface Engine {
  /** What the metadata asked for but could not be served (reported at start-up, like Hasura's inconsistent metadata). */
  readonly inconsistentObjects: InconsistentObject[];
  /** Validates and runs one GraphQL request as `session.role`; never throws for request-level problems. */
  execute(request: GraphQLRequest, session: Session): Promise<GraphQLResponse>;
  /** The same answer as JSON text, for the HTTP body: Postgres' JSON text is passed through, never re-serialised. */
  executeText(request: GraphQLRequest, session: Session): Promise<string>;
  /**
   * The request stage alone: parse, validate against the session's role schema, pick the operation, check and coerce
   * the variables. `ok: false` carries Hasura's error. A transport that runs one operation many times (subscriptions)
   * prepares it once.
   */
  prepare(
    request: GraphQLRequest,
    session: Session,
  ): { ok: true; operation: PreparedOperation } | { ok: false; error: HasuraError };
  /**
   * Runs a prepared operation (query, subscription answered once, or mutation) for `session`, whose role must be the
   * one it was prepared for; answers the response body as JSON text, errors in Hasura's envelope. Never throws for a
   * request's problems.
   */
  executePrepared(operation: PreparedOperation, session: Session): Promise<string>;
  /**
   * A query compiled for `session` without running it: its SQL and parameters, or its answer already. A transport
   * that re-runs one query (live queries) compiles it once and only runs the statement again.
   */
  compile(request: GraphQLRequest, session: Session): CompiledQuery;
  /** The schema the role sees (admin sees everything); null for a role with no permissions at all. */
  schemaFor(role: string): import('graphql').GraphQLSchema | null;
}
