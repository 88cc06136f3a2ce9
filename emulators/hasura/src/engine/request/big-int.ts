/**
 * Hasura's 64-bit integer parser (`bigInt`), which reads `offset` although the schema names its type `Int`: an
 * integer literal or JSON number within 64 bits, or a string of decimal digits (no sign, no spaces; a longer one
 * wraps around 64 bits, as Haskell's `decimal` does for `Int64`). graphql-js would hold such arguments to `Int`, so
 * its check of literals is relaxed for them and variables used only there are read here instead.
 */
import {
  Kind,
  TypeInfo,
  ValuesOfCorrectTypeRule,
  visit,
  visitWithTypeInfo,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLSchema,
  type StringValueNode,
  type IntValueNode,
  type ValidationContext,
  type ValueNode,
  type VariableNode,
} from 'graphql';
import type { HasuraError } from '../../types.js';
import { describeFound, hasuraError, outOfBounds, typeMismatch } from '../errors.js';
import { isBigIntArgument } from '../schema/plans.js';

const DECIMAL = /^[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The 64-bit value of a string of decimal digits, wrapped around as Haskell's `decimal` does. Read 15 digits at a
 * time, modulo 2^64: `BigInt()` of the whole string takes time quadratic in its length, seconds for a few megabytes
 * that one request may send.
 */
function fromDecimal(digits: string): string {
  let value = 0n;
  for (let at = 0; at < digits.length; at += 15) {
    const chunk = digits.slice(at, at + 15);
    value = BigInt.asUintN(64, value * 10n ** BigInt(chunk.length) + BigInt(chunk));
  }
  return BigInt.asIntN(64, value).toString();
}

/** An integer literal's digits within 64 bits (a longer text is not converted at all, for the same reason). */
function fitsInt64(literal: string): boolean {
  if (literal.length > 20) return false;
  const value = BigInt(literal);
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** `ValuesOfCorrectTypeRule`, except that a big-int argument also takes a 64-bit integer or a decimal string. */
export function BigIntValuesOfCorrectTypeRule(context: ValidationContext): ASTVisitor {
  const rule = ValuesOfCorrectTypeRule(context) as ASTVisitor & {
    IntValue: (node: IntValueNode) => void;
    StringValue: (node: StringValueNode) => void;
  };
  const atBigInt = () => isBigIntArgument(context.getArgument());
  return {
    ...rule,
    IntValue: (node) => (atBigInt() && fitsInt64(node.value) ? undefined : rule.IntValue(node)),
    StringValue: (node) => (atBigInt() && DECIMAL.test(node.value) ? undefined : rule.StringValue(node)),
  };
}

/** A validated big-int literal as decimal text (null for `null`). */
export function bigIntLiteral(node: ValueNode): string | null {
  if (node.kind === Kind.INT) return BigInt(node.value).toString();
  if (node.kind === Kind.STRING) return fromDecimal(node.value);
  return null;
}

/** A variable's JSON value read by the big-int parser: its decimal text, or Hasura's error at `path`. */
export function bigIntVariable(
  value: unknown,
  path: string,
): { ok: true; value: string } | { ok: false; error: HasuraError } {
  if (typeof value === 'number') {
    const digits = Number.isInteger(value) ? BigInt(value).toString() : undefined;
    if (digits !== undefined && fitsInt64(digits)) return { ok: true, value: digits };
    return { ok: false, error: hasuraError('parse-failed', outOfBounds(value), path) };
  }
  if (typeof value === 'string' && DECIMAL.test(value)) return { ok: true, value: fromDecimal(value) };
  return { ok: false, error: hasuraError('validation-failed', typeMismatch('Int', path, describeFound(value)), path) };
}

/** The variable references of `document` that are the whole value of a big-int argument. */
export function bigIntVariableNodes(schema: GraphQLSchema, document: DocumentNode): Set<VariableNode> {
  const found = new Set<VariableNode>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        if (node.value.kind === Kind.VARIABLE && isBigIntArgument(typeInfo.getArgument())) found.add(node.value);
      },
    }),
  );
  return found;
}
