/**
 * Flattens a request's selection sets for one object type: fragments (named and inline) expanded, @skip/@include
 * applied, fields with the same response key merged. Each entry carries its field definition and plan; a meta field
 * (`__typename`, `__schema`, `__type`) has neither.
 */
import {
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { EngineError } from '../errors.js';
import { isBigIntArgument, planOf, type FieldPlan } from '../schema/plans.js';
import { bigIntLiteral } from './big-int.js';

export interface SelectedField {
  /** Response key: the alias, or the field name. */
  key: string;
  name: string;
  nodes: FieldNode[];
  /** Undefined for a meta field. */
  def: GraphQLField<unknown, unknown> | undefined;
  plan: FieldPlan | undefined;
}

/** What collecting fields needs from the request. */
export interface SelectionScope {
  /** Coerced variable values. */
  variables: Record<string, unknown>;
  /** The request's variables as sent. */
  rawVariables: Record<string, unknown>;
  fragments: Record<string, FragmentDefinitionNode>;
}

/** `nodes`: the fields (or the operation) whose selection sets are merged. */
export function collectFields(
  ctx: SelectionScope,
  type: GraphQLObjectType,
  nodes: ReadonlyArray<{ selectionSet?: SelectionSetNode }>,
): SelectedField[] {
  const byKey = new Map<string, SelectedField>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (!included(ctx, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const existing = byKey.get(key);
        if (existing) {
          existing.nodes.push(selection);
          continue;
        }
        const name = selection.name.value;
        const def = type.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
        byKey.set(key, { key, name, nodes: [selection], def, plan: def && planOf(def) });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || selection.typeCondition.name.value === type.name) visit(selection.selectionSet);
      } else {
        const fragment = ctx.fragments[selection.name.value];
        if (fragment && fragment.typeCondition.name.value === type.name) visit(fragment.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return [...byKey.values()];
}

export function argumentsOf(ctx: SelectionScope, field: SelectedField): Record<string, unknown> {
  if (!field.def) return {};
  const bigInt = field.def.args.find(isBigIntArgument);
  const node = bigInt && field.nodes[0].arguments?.find((arg) => arg.name.value === bigInt.name);
  if (!bigInt || !node || node.value.kind === Kind.VARIABLE) {
    return withWrittenOrderBy(ctx, field, getArgumentValues(field.def, field.nodes[0], ctx.variables));
  }
  // A literal graphql-js would hold to `Int` (`offset: "10"`, beyond 32 bits) is read as Hasura's 64-bit parser reads it.
  const args = getArgumentValues(withoutArgument(field.def, bigInt), field.nodes[0], ctx.variables);
  return withWrittenOrderBy(ctx, field, { ...args, [bigInt.name]: bigIntLiteral(node.value) });
}

/** Per field definition: the definition without its big-int argument (a field has at most one). */
const withoutBigInt = new WeakMap<GraphQLField<unknown, unknown>, GraphQLField<unknown, unknown>>();

function withoutArgument(def: GraphQLField<unknown, unknown>, argument: GraphQLArgument) {
  let reduced = withoutBigInt.get(def);
  if (!reduced) withoutBigInt.set(def, (reduced = { ...def, args: def.args.filter((arg) => arg !== argument) }));
  return reduced;
}

/**
 * A row set's `limit` as Hasura's parser takes it: a non-negative 32-bit integer (graphql-js has checked the
 * bounds), anything negative refused with Hasura's words. `path` is the field's path.
 */
export function checkLimit(field: SelectedField, args: { limit?: unknown }, path: string): void {
  if (typeof args.limit !== 'number' || args.limit >= 0) return;
  const written = field.nodes[0].arguments?.find((arg) => arg.name.value === 'limit')?.value.kind;
  const found = written === Kind.VARIABLE ? 'a number' : 'an integer';
  throw new EngineError(
    'validation-failed',
    `expected a non-negative 32-bit integer for type 'Int', but found ${found}`,
    `${path}.args.limit`,
  );
}

/**
 * graphql-js coerces input objects in the type's field order, but `order_by: {title: asc, id: desc}` must sort in
 * the order written, as Hasura does. The written value (validated already) replaces the coerced `order_by`.
 */
export function withWrittenOrderBy(
  ctx: SelectionScope,
  field: SelectedField,
  args: Record<string, unknown>,
): Record<string, unknown> {
  const node = field.nodes[0].arguments?.find((arg) => arg.name.value === 'order_by');
  if (!node || args.order_by == null) return args;
  const written = valueFromASTUntyped(node.value, ctx.rawVariables);
  return written == null ? args : { ...args, order_by: written };
}

function included(ctx: SelectionScope, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, ctx.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, ctx.variables)?.if !== false;
}
