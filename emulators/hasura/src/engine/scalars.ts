/**
 * Postgres types as Hasura exposes them in GraphQL: int4 → Int, text → String, bool → Boolean, float4 → Float,
 * int8 → bigint, int2 → smallint, anything else under its own name (uuid, numeric, timestamptz, jsonb, …).
 */
import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLInt,
  GraphQLScalarType,
  GraphQLString,
  valueFromASTUntyped,
} from 'graphql';

const RENAMED: Record<string, string> = {
  int4: 'Int',
  int2: 'smallint',
  int8: 'bigint',
  float4: 'Float',
  text: 'String',
  varchar: 'String',
  bool: 'Boolean',
};

const NUMERIC = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'money']);
const TEXT = new Set(['text', 'varchar', 'bpchar', 'citext', 'name']);
const ORDERED = new Set([...NUMERIC, ...TEXT, 'date', 'time', 'timetz', 'timestamp', 'timestamptz', 'interval']);
/** bigint, numeric and double precision: emitted as strings under HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES. */
const BIG_NUMERIC = new Set(['int8', 'numeric', 'money', 'float8']);

export const isNumericType = (pgType: string) => NUMERIC.has(pgType);
export const isTextType = (pgType: string) => TEXT.has(pgType);
export const isOrderedType = (pgType: string) => ORDERED.has(pgType);
export const isBigNumericType = (pgType: string) => BIG_NUMERIC.has(pgType);
export const isJsonType = (pgType: string) => pgType === 'json' || pgType === 'jsonb';

export function scalarName(pgType: string): string {
  return RENAMED[pgType] ?? pgType;
}

const DESCRIPTIONS: Record<string, string> = {
  bigint: 'Int8 (64-bit integer)',
};

/** One registry per schema: graphql-js requires a single instance per type name. */
export class ScalarRegistry {
  private readonly custom = new Map<string, GraphQLScalarType>();

  get(pgType: string): GraphQLScalarType {
    const name = scalarName(pgType);
    if (name === 'Int') return GraphQLInt;
    if (name === 'Float') return GraphQLFloat;
    if (name === 'String') return GraphQLString;
    if (name === 'Boolean') return GraphQLBoolean;
    let scalar = this.custom.get(name);
    if (!scalar) {
      // Values pass through untouched: Postgres parses and validates them (a bad uuid is a data-exception).
      scalar = new GraphQLScalarType({
        name,
        description: DESCRIPTIONS[name],
        serialize: (value) => value,
        parseValue: (value) => value,
        parseLiteral: (node, variables) => valueFromASTUntyped(node, variables),
      });
      this.custom.set(name, scalar);
    }
    return scalar;
  }
}

/** Aggregate functions Hasura offers on columns (`sum avg …`). */
export type AggregateFunction =
  'sum' | 'avg' | 'max' | 'min' | 'stddev' | 'stddev_pop' | 'stddev_samp' | 'var_pop' | 'var_samp' | 'variance';
