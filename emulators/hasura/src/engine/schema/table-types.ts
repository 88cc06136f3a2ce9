/**
 * The per-role GraphQL types of a table: object type, bool_exp, order_by, select_column, aggregate types and the
 * `<Scalar>_comparison_exp` inputs. Only what the role may select appears; types are created once per name.
 */
import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLOutputType,
} from 'graphql';
import type { ColumnInfo } from '../../types.js';
import { fieldOf, rootFieldName, type Model, type RelationshipModel, type TableModel } from '../metadata/model.js';
import { tablePermissions, type SelectRule, type TablePermissions } from '../metadata/role.js';
import { isJsonType, isNumericType, isOrderedType, isTextType, scalarName, ScalarRegistry } from '../scalars.js';
import { BIG_INT_ARGUMENT, type AggregateFunction, type FieldPlan } from './plans.js';

const list = <T extends GraphQLOutputType | GraphQLInputObjectType | GraphQLEnumType>(type: T) =>
  new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)));
const plan = (hasura: FieldPlan) => ({ hasura });

const NUMERIC_FUNCTIONS: AggregateFunction[] = [
  'avg',
  'stddev',
  'stddev_pop',
  'stddev_samp',
  'sum',
  'var_pop',
  'var_samp',
  'variance',
];
const ORDER_FUNCTIONS: AggregateFunction[] = ['max', 'min'];

export class TableTypes {
  readonly scalars = new ScalarRegistry();
  private readonly cache = new Map<string, unknown>();
  private readonly permissionCache = new Map<TableModel, TablePermissions>();

  constructor(
    readonly role: string,
    /** Every tracked table (permission `_exists` may name any of them). */
    readonly model: Model,
    /** The request may use `backend_only` permissions. */
    readonly backendOnly = false,
  ) {}

  permissions(table: TableModel): TablePermissions {
    let permissions = this.permissionCache.get(table);
    if (!permissions) {
      permissions = tablePermissions(table, this.role, this.backendOnly);
      this.permissionCache.set(table, permissions);
    }
    return permissions;
  }

  select(table: TableModel): SelectRule | undefined {
    return this.permissions(table).select;
  }

  /** Selectable columns in table order. */
  selectColumns(table: TableModel): ColumnInfo[] {
    const rule = this.select(table);
    return rule ? table.info.columns.filter((c) => rule.columns.has(c.name)) : [];
  }

  /** Relationships whose remote table the role may select. */
  visibleRelationships(table: TableModel): RelationshipModel[] {
    return table.relationships.filter((rel) => this.select(rel.remote));
  }

  private once<T>(name: string, make: () => T): T {
    if (!this.cache.has(name)) this.cache.set(name, make());
    return this.cache.get(name) as T;
  }

  orderByEnum(): GraphQLEnumType {
    return this.once(
      'order_by',
      () =>
        new GraphQLEnumType({
          name: 'order_by',
          description: 'column ordering options',
          values: {
            asc: { value: 'asc', description: 'in ascending order, nulls last' },
            asc_nulls_first: { value: 'asc_nulls_first', description: 'in ascending order, nulls first' },
            asc_nulls_last: { value: 'asc_nulls_last', description: 'in ascending order, nulls last' },
            desc: { value: 'desc', description: 'in descending order, nulls first' },
            desc_nulls_first: { value: 'desc_nulls_first', description: 'in descending order, nulls first' },
            desc_nulls_last: { value: 'desc_nulls_last', description: 'in descending order, nulls last' },
          },
        }),
    );
  }

  comparisonExp(pgType: string): GraphQLInputObjectType {
    const name = `${scalarName(pgType)}_comparison_exp`;
    return this.once(name, () => {
      const scalar = this.scalars.get(pgType);
      const fields: GraphQLInputFieldConfigMap = {
        _eq: { type: scalar },
        _gt: { type: scalar },
        _gte: { type: scalar },
        _in: { type: new GraphQLList(new GraphQLNonNull(scalar)) },
        _is_null: { type: GraphQLBoolean },
        _lt: { type: scalar },
        _lte: { type: scalar },
        _neq: { type: scalar },
        _nin: { type: new GraphQLList(new GraphQLNonNull(scalar)) },
      };
      if (isTextType(pgType)) {
        for (const op of [
          '_ilike',
          '_iregex',
          '_like',
          '_nilike',
          '_niregex',
          '_nlike',
          '_nregex',
          '_nsimilar',
          '_regex',
          '_similar',
        ]) {
          fields[op] = { type: GraphQLString };
        }
      }
      if (isJsonType(pgType) && pgType === 'jsonb') {
        fields._contained_in = { type: scalar, description: 'is the column contained in the given json value' };
        fields._contains = {
          type: scalar,
          description: 'does the column contain the given json value at the top level',
        };
        fields._has_key = {
          type: GraphQLString,
          description: 'does the string exist as a top-level key in the column',
        };
        fields._has_keys_all = {
          type: new GraphQLList(new GraphQLNonNull(GraphQLString)),
          description: 'do all of these strings exist as top-level keys in the column',
        };
        fields._has_keys_any = {
          type: new GraphQLList(new GraphQLNonNull(GraphQLString)),
          description: 'do any of these strings exist as top-level keys in the column',
        };
      }
      const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
      return new GraphQLInputObjectType({
        name,
        description: `Boolean expression to compare columns of type "${scalarName(pgType)}". All fields are combined with logical 'AND'.`,
        fields: sorted,
      });
    });
  }

  objectType(table: TableModel): GraphQLObjectType {
    return this.once(
      table.gqlName,
      () =>
        new GraphQLObjectType({
          name: table.gqlName,
          description: `columns and relationships of "${table.info.name}"`,
          fields: () => {
            const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
            for (const column of this.selectColumns(table)) {
              const scalar = this.scalars.get(column.pgType);
              fields[fieldOf(table, column.name)] = {
                type: column.nullable ? scalar : new GraphQLNonNull(scalar),
                args: isJsonType(column.pgType)
                  ? { path: { type: GraphQLString, description: 'JSON select path' } }
                  : undefined,
                extensions: plan({ kind: 'column', column }),
              };
            }
            for (const rel of this.visibleRelationships(table)) {
              const remote = this.objectType(rel.remote);
              if (rel.kind === 'object') {
                const present = rel.alwaysPresent && Object.keys(this.select(rel.remote)!.filter).length === 0;
                fields[rel.name] = {
                  type: present ? new GraphQLNonNull(remote) : remote,
                  description: 'An object relationship',
                  extensions: plan({ kind: 'object_relationship', relationship: rel }),
                };
              } else {
                fields[rel.name] = {
                  type: list(remote),
                  description: 'An array relationship',
                  args: this.selectArgs(rel.remote),
                  extensions: plan({ kind: 'array_relationship', relationship: rel }),
                };
                if (this.select(rel.remote)!.allowAggregations) {
                  fields[`${rel.name}_aggregate`] = {
                    type: new GraphQLNonNull(this.aggregateType(rel.remote)),
                    description: 'An aggregate relationship',
                    args: this.selectArgs(rel.remote),
                    extensions: plan({ kind: 'aggregate_relationship', relationship: rel }),
                  };
                }
              }
            }
            return fields;
          },
        }),
    );
  }

  selectArgs(table: TableModel): GraphQLFieldConfigArgumentMap {
    return {
      distinct_on: {
        type: new GraphQLList(new GraphQLNonNull(this.selectColumnEnum(table))),
        description: 'distinct select on columns',
      },
      limit: { type: GraphQLInt, description: 'limit the number of rows returned' },
      offset: {
        type: GraphQLInt,
        description: 'skip the first n rows. Use only with order_by',
        extensions: BIG_INT_ARGUMENT,
      },
      order_by: {
        type: new GraphQLList(new GraphQLNonNull(this.orderByType(table))),
        description: 'sort the rows by one or more columns',
      },
      where: { type: this.boolExp(table), description: 'filter the rows returned' },
    };
  }

  selectColumnEnum(table: TableModel): GraphQLEnumType {
    return this.once(
      `${table.gqlName}_select_column`,
      () =>
        new GraphQLEnumType({
          name: `${table.gqlName}_select_column`,
          description: `select columns of table "${table.info.name}"`,
          values: Object.fromEntries(
            this.selectColumns(table).map((c) => [
              fieldOf(table, c.name),
              { value: c.name, description: 'column name' },
            ]),
          ),
        }),
    );
  }

  boolExp(table: TableModel): GraphQLInputObjectType {
    const name = `${table.gqlName}_bool_exp`;
    return this.once(
      name,
      (): GraphQLInputObjectType =>
        new GraphQLInputObjectType({
          name,
          description: `Boolean expression to filter rows from the table "${table.info.name}". All fields are combined with a logical 'AND'.`,
          fields: () => {
            const self = this.boolExp(table);
            const fields: GraphQLInputFieldConfigMap = {
              _and: { type: new GraphQLList(new GraphQLNonNull(self)) },
              _not: { type: self },
              _or: { type: new GraphQLList(new GraphQLNonNull(self)) },
            };
            for (const column of this.selectColumns(table))
              fields[fieldOf(table, column.name)] = { type: this.comparisonExp(column.pgType) };
            for (const rel of this.visibleRelationships(table)) {
              fields[rel.name] = { type: this.boolExp(rel.remote) };
              if (rel.kind === 'array' && this.select(rel.remote)!.allowAggregations) {
                fields[`${rel.name}_aggregate`] = { type: this.aggregateBoolExp(rel.remote) };
              }
            }
            return fields;
          },
        }),
    );
  }

  /**
   * `<arrayrel>_aggregate` inside a bool_exp: a predicate on the count of (filtered) related rows, and on
   * bool_and/bool_or of a boolean column.
   */
  private aggregateBoolExp(table: TableModel): GraphQLInputObjectType {
    const name = `${table.gqlName}_aggregate_bool_exp`;
    const booleans = this.selectColumns(table).filter((c) => c.pgType === 'bool');
    const boolFunction = (fn: 'bool_and' | 'bool_or') => ({
      type: this.once(
        `${name}_${fn}`,
        () =>
          new GraphQLInputObjectType({
            name: `${name}_${fn}`,
            fields: () => ({
              arguments: {
                type: new GraphQLNonNull(
                  new GraphQLEnumType({
                    name: `${table.gqlName}_select_column_${name}_${fn}_arguments_columns`,
                    description: `select "${name}_${fn}_arguments_columns" columns of table "${table.info.name}"`,
                    values: Object.fromEntries(
                      booleans.map((c) => [fieldOf(table, c.name), { value: c.name, description: 'column name' }]),
                    ),
                  }),
                ),
              },
              distinct: { type: GraphQLBoolean },
              filter: { type: this.boolExp(table) },
              predicate: { type: new GraphQLNonNull(this.comparisonExp('bool')) },
            }),
          }),
      ),
    });
    return this.once(
      name,
      () =>
        new GraphQLInputObjectType({
          name,
          fields: () => ({
            ...(booleans.length ? { bool_and: boolFunction('bool_and'), bool_or: boolFunction('bool_or') } : {}),
            count: {
              type: this.once(
                `${name}_count`,
                () =>
                  new GraphQLInputObjectType({
                    name: `${name}_count`,
                    fields: () => ({
                      arguments: { type: new GraphQLList(new GraphQLNonNull(this.selectColumnEnum(table))) },
                      distinct: { type: GraphQLBoolean },
                      filter: { type: this.boolExp(table) },
                      predicate: { type: new GraphQLNonNull(this.comparisonExp('int4')) },
                    }),
                  }),
              ),
            },
          }),
        }),
    );
  }

  orderByType(table: TableModel): GraphQLInputObjectType {
    const name = `${table.gqlName}_order_by`;
    return this.once(
      name,
      () =>
        new GraphQLInputObjectType({
          name,
          description: `Ordering options when selecting data from "${table.info.name}".`,
          fields: () => {
            const fields: GraphQLInputFieldConfigMap = {};
            for (const column of this.selectColumns(table))
              fields[fieldOf(table, column.name)] = { type: this.orderByEnum() };
            for (const rel of this.visibleRelationships(table)) {
              if (rel.kind === 'object') fields[rel.name] = { type: this.orderByType(rel.remote) };
              else if (this.select(rel.remote)!.allowAggregations) {
                fields[`${rel.name}_aggregate`] = { type: this.aggregateOrderBy(rel.remote) };
              }
            }
            return fields;
          },
        }),
    );
  }

  /** Columns each aggregate function applies to. */
  functionColumns(table: TableModel, fn: AggregateFunction): ColumnInfo[] {
    const columns = this.selectColumns(table);
    return ORDER_FUNCTIONS.includes(fn)
      ? columns.filter((c) => isOrderedType(c.pgType))
      : columns.filter((c) => isNumericType(c.pgType));
  }

  private functions(table: TableModel): AggregateFunction[] {
    return ([...NUMERIC_FUNCTIONS, ...ORDER_FUNCTIONS] as AggregateFunction[])
      .filter((fn) => this.functionColumns(table, fn).length > 0)
      .sort();
  }

  aggregateType(table: TableModel): GraphQLObjectType {
    const name = `${table.gqlName}_aggregate`;
    return this.once(
      name,
      () =>
        new GraphQLObjectType({
          name,
          description: `aggregated selection of "${table.info.name}"`,
          fields: () => ({
            aggregate: { type: this.aggregateFields(table), extensions: plan({ kind: 'aggregate' }) },
            nodes: { type: list(this.objectType(table)), extensions: plan({ kind: 'nodes' }) },
          }),
        }),
    );
  }

  private aggregateFields(table: TableModel): GraphQLObjectType {
    const name = `${table.gqlName}_aggregate_fields`;
    return this.once(
      name,
      () =>
        new GraphQLObjectType({
          name,
          description: `aggregate fields of "${table.info.name}"`,
          fields: () => {
            const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
            for (const fn of this.functions(table)) {
              fields[fn] = {
                type: this.functionFields(table, fn),
                extensions: plan({ kind: 'aggregate_function', fn }),
              };
            }
            fields.count = {
              type: new GraphQLNonNull(GraphQLInt),
              args: {
                columns: { type: new GraphQLList(new GraphQLNonNull(this.selectColumnEnum(table))) },
                distinct: { type: GraphQLBoolean },
              },
              extensions: plan({ kind: 'count' }),
            };
            return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
          },
        }),
    );
  }

  private functionFields(table: TableModel, fn: AggregateFunction): GraphQLObjectType {
    const name = `${table.gqlName}_${fn}_fields`;
    return this.once(
      name,
      () =>
        new GraphQLObjectType({
          name,
          description: `aggregate ${fn} on columns`,
          fields: () => {
            const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
            for (const column of this.functionColumns(table, fn)) {
              // sum/max/min keep the column's type; the statistical functions are Float like in Hasura.
              const type = ['sum', 'max', 'min'].includes(fn) ? this.scalars.get(column.pgType) : GraphQLFloat;
              fields[fieldOf(table, column.name)] = { type, extensions: plan({ kind: 'column', column }) };
            }
            return fields;
          },
        }),
    );
  }

  private aggregateOrderBy(table: TableModel): GraphQLInputObjectType {
    const name = `${table.gqlName}_aggregate_order_by`;
    return this.once(
      name,
      () =>
        new GraphQLInputObjectType({
          name,
          description: `order by aggregate values of table "${table.info.name}"`,
          fields: () => {
            const fields: GraphQLInputFieldConfigMap = { count: { type: this.orderByEnum() } };
            for (const fn of this.functions(table)) {
              fields[fn] = {
                type: this.once(
                  `${table.gqlName}_${fn}_order_by`,
                  () =>
                    new GraphQLInputObjectType({
                      name: `${table.gqlName}_${fn}_order_by`,
                      description: `order by ${fn}() on columns of table "${table.info.name}"`,
                      fields: Object.fromEntries(
                        this.functionColumns(table, fn).map((c) => [
                          fieldOf(table, c.name),
                          { type: this.orderByEnum() },
                        ]),
                      ),
                    }),
                ),
              };
            }
            return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
          },
        }),
    );
  }

  /** Query fields of one table: `t`, `t_aggregate`, `t_by_pk`, as the role may see them. */
  queryFields(table: TableModel): GraphQLFieldConfigMap<unknown, unknown> {
    const rule = this.select(table);
    if (!rule) return {};
    const fields: Record<string, GraphQLFieldConfig<unknown, unknown>> = {
      [rootFieldName(table, 'select')]: {
        type: list(this.objectType(table)),
        description: `fetch data from the table: "${table.info.name}"`,
        args: this.selectArgs(table),
        extensions: plan({ kind: 'root', operation: 'select', table }),
      },
    };
    if (rule.allowAggregations) {
      fields[rootFieldName(table, 'select_aggregate')] = {
        type: new GraphQLNonNull(this.aggregateType(table)),
        description: `fetch aggregated fields from the table: "${table.info.name}"`,
        args: this.selectArgs(table),
        extensions: plan({ kind: 'root', operation: 'select_aggregate', table }),
      };
    }
    const pkArgs = this.primaryKeyArgs(table);
    if (pkArgs) {
      fields[rootFieldName(table, 'select_by_pk')] = {
        type: this.objectType(table),
        description: `fetch data from the table: "${table.info.name}" using primary key columns`,
        args: pkArgs,
        extensions: plan({ kind: 'root', operation: 'select_by_pk', table }),
      };
    }
    return fields;
  }

  /** `<pk>: Type!` arguments, only when every primary-key column is selectable. */
  primaryKeyArgs(table: TableModel): GraphQLFieldConfigArgumentMap | null {
    const pk = table.info.primaryKey;
    const rule = this.select(table);
    if (!pk || !rule || !pk.columns.every((c) => rule.columns.has(c))) return null;
    return Object.fromEntries(
      pk.columns.map((c) => [
        fieldOf(table, c),
        { type: new GraphQLNonNull(this.scalars.get(table.columns.get(c)!.pgType)) },
      ]),
    );
  }
}
