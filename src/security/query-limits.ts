/**
 * Query protection that does not depend on who is asking: depth, alias count and estimated cost.
 * Depth and aliases are static validation rules (cached with the document by Apollo); cost needs
 * the variables (`first: $n`), so it runs once per operation after parsing (see query-cost.ts).
 * Introspection fields (`__schema`, `__type`, `__typename`) are not counted: whether
 * introspection is allowed at all is the INTROSPECTION policy's job.
 */
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { ErrorCode } from '../errors.js';
import { DEFAULT_MAX_ALIASES, DEFAULT_MAX_QUERY_DEPTH } from './defaults.js';


export type QueryLimit = 'depth' | 'aliases' | 'cost';

export function queryLimitError(limit: QueryLimit, max: number, actual: number): GraphQLError {
  return new GraphQLError(`Query ${limit} ${actual} exceeds the limit of ${max}`, {
    extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, limit, max, actual, http: { status: 400 } },
  });
}

/** Depth of the deepest field path (a root field is depth 1), through fragments. */
export function selectionDepth(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen: ReadonlySet<string> = new Set()): number {
  if (!set) return 0;
  let deepest = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + selectionDepth(sel.selectionSet, fragments, seen));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(sel.selectionSet, fragments, seen));
    } else {
      const name = sel.name.value;
      const frag = fragments[name];
      if (!frag || seen.has(name)) continue; // unknown/cyclic fragments are reported by the spec rules
      deepest = Math.max(deepest, selectionDepth(frag.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

function fragmentsOf(ctx: ValidationContext): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = {};
  for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) out[d.name.value] = d;
  return out;
}

export function depthLimitRule(maxDepth = DEFAULT_MAX_QUERY_DEPTH): ValidationRule {
  return (ctx: ValidationContext): ASTVisitor => ({
    OperationDefinition(op) {
      const depth = selectionDepth(op.selectionSet, fragmentsOf(ctx));
      if (depth > maxDepth) ctx.reportError(queryLimitError('depth', maxDepth, depth));
    },
  });
}

/**
 * Aliases in the whole document. Aliases are how one request repeats an expensive field
 * (`a: submitPing b: submitPing ...`) or brute-forces ids, so they are capped.
 */
export function aliasLimitRule(maxAliases = DEFAULT_MAX_ALIASES): ValidationRule {
  return (ctx: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias && node.alias.value !== node.name.value) aliases++;
      },
      Document: {
        leave() {
          if (aliases > maxAliases) ctx.reportError(queryLimitError('aliases', maxAliases, aliases));
        },
      },
    };
  };
}
