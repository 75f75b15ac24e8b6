/**
 * Estimated cost of an operation: every field costs 1 plus its children; a list multiplies its
 * children by its page size (`first`/`last`/`limit` argument, from a literal, a variable or the
 * argument's default), else by DEFAULT_LIST_SIZE. A list directly under a paginated field (a
 * connection's `nodes`/`edges`) is not multiplied again. Fragments on different types are summed
 * (an over-estimate, which is the safe direction).
 *
 * Written here rather than taken from graphql-query-complexity because that package's ESM build
 * imports `graphql/index.mjs`, a second copy of graphql beside the CJS one every other module
 * uses ("Cannot use GraphQLSchema from another module or realm").
 */
import { Kind, getNamedType, getNullableType, isCompositeType, isListType, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema, type SelectionSetNode } from 'graphql';

export const DEFAULT_LIST_SIZE = 10; // assumed length of a list without a page-size argument
const PAGE_ARGS = ['first', 'last', 'limit'];

interface Walk {
  readonly schema: GraphQLSchema;
  readonly fragments: Record<string, FragmentDefinitionNode>;
  readonly variables: Record<string, unknown>;
}

export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> = {}): number {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  if (!op) return 0;
  const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  return setCost({ schema, fragments, variables }, op.selectionSet, root, false, new Set());
}

function setCost(w: Walk, set: SelectionSetNode, type: GraphQLCompositeType, underPage: boolean, seen: ReadonlySet<string>): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      total += fieldCost(w, sel, type, underPage, seen);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const t = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : type;
      if (t && isCompositeType(t)) total += setCost(w, sel.selectionSet, t, underPage, seen);
    } else {
      const frag = w.fragments[sel.name.value];
      const t = frag && w.schema.getType(frag.typeCondition.name.value);
      if (frag && t && isCompositeType(t) && !seen.has(frag.name.value)) total += setCost(w, frag.selectionSet, t, underPage, new Set([...seen, frag.name.value]));
    }
  }
  return total;
}

function fieldCost(w: Walk, node: FieldNode, parent: GraphQLCompositeType, underPage: boolean, seen: ReadonlySet<string>): number {
  if (node.name.value.startsWith('__') || !('getFields' in parent)) return 0;
  const def = parent.getFields()[node.name.value];
  if (!def) return 0; // unknown fields are reported by validation
  const named = getNamedType(def.type);
  const page = pageSize(w, node, def);
  const children = node.selectionSet && isCompositeType(named) ? setCost(w, node.selectionSet, named, page !== null, seen) : 0;
  const isList = isListType(getNullableType(def.type));
  const multiplier = page ?? (isList && !underPage ? DEFAULT_LIST_SIZE : 1);
  return (1 + children) * multiplier;
}

function pageSize(w: Walk, node: FieldNode, def: GraphQLField<unknown, unknown>): number | null {
  for (const name of PAGE_ARGS) {
    const argDef = def.args.find((a) => a.name === name);
    if (!argDef) continue;
    const arg = node.arguments?.find((a) => a.name.value === name);
    let v: unknown = argDef.defaultValue;
    if (arg?.value.kind === Kind.INT) v = Number(arg.value.value);
    else if (arg?.value.kind === Kind.VARIABLE) v = w.variables[arg.value.name.value] ?? argDef.defaultValue;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.max(1, Math.floor(v));
    return DEFAULT_LIST_SIZE;
  }
  return null;
}
