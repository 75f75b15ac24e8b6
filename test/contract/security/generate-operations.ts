/**
 * Builds one minimal, valid operation per root field straight from the schema (issue 8 tests:
 * "generate the list from the schema so new operations cannot slip through"). Required
 * arguments get type-correct placeholder values, `overrides` set chosen ones (e.g. another
 * user's job id), and the selection is `__typename` so any return type works.
 */
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLField, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import type { RootType } from '../../../src/security/policy.js';

export interface GeneratedOperation {
  readonly root: RootType;
  readonly field: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

const SCALAR_PLACEHOLDERS: Record<string, unknown> = { ID: 'x-placeholder', String: 'x', Int: 1, Float: 1, Boolean: false, JSON: {}, DateTime: '2026-01-01T00:00:00Z', Date: '2026-01-01', Seed: 1, Money: 1, Percent: 1 };

export function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return [placeholder(type.ofType)];
  if (isScalarType(type)) return type.name in SCALAR_PLACEHOLDERS ? SCALAR_PLACEHOLDERS[type.name] : 'x';
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = placeholder(f.type);
    return out;
  }
  throw new Error(`no placeholder for ${String(type)}`);
}

export function rootFields(schema: GraphQLSchema): { root: RootType; field: GraphQLField<unknown, unknown> }[] {
  const out: { root: RootType; field: GraphQLField<unknown, unknown> }[] = [];
  for (const [root, type] of [['Query', schema.getQueryType()], ['Mutation', schema.getMutationType()], ['Subscription', schema.getSubscriptionType()]] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) out.push({ root, field });
  }
  return out;
}

export function operationFor(root: RootType, field: GraphQLField<unknown, unknown>, overrides: Record<string, unknown> = {}): GeneratedOperation {
  const defs: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const a of field.args) {
    const required = isNonNullType(a.type) && a.defaultValue === undefined;
    if (!required && !(a.name in overrides)) continue;
    defs.push(`$${a.name}: ${String(a.type)}`);
    args.push(`${a.name}: $${a.name}`);
    variables[a.name] = a.name in overrides ? overrides[a.name] : placeholder(a.type);
  }
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  const keyword = root === 'Query' ? 'query' : root === 'Mutation' ? 'mutation' : 'subscription';
  const query = `${keyword} Generated${defs.length ? `(${defs.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
  return { root, field: field.name, query, variables };
}
