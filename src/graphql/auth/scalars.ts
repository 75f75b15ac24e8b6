/**
 * Boundary scalars (schema/scalars.graphql): range-checked while variables and literals are
 * coerced, so a bad value never reaches a resolver. graphql-js prefixes the message with the
 * argument path (`... at "options.seed"; Seed must be ...`); the error is BAD_USER_INPUT.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from '../../errors.js';

export const SEED_MAX = 0xffff_ffff;
export const MONEY_MAX = 1_000_000_000; // dollars
export const PERCENT_MAX = 100;

function bad(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

function numericLiteral(ast: ValueNode, name: string): number {
  if (ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) throw bad(`${name} must be a number`);
  return Number(ast.value);
}

/** A number scalar with a check; `check` returns an error message or null. */
function numberScalar(name: string, description: string, check: (v: number) => string | null): GraphQLScalarType<number, number> {
  const parse = (v: unknown): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`${name} must be a number`);
    const problem = check(v);
    if (problem) throw bad(`${name} ${problem}`);
    return v;
  };
  return new GraphQLScalarType<number, number>({
    name,
    description,
    serialize: (v) => parse(typeof v === 'string' ? Number(v) : v),
    parseValue: parse,
    parseLiteral: (ast) => parse(numericLiteral(ast, name)),
  });
}

export const SeedScalar = numberScalar('Seed', 'Random seed: an integer in [0, 4294967295].', (v) => (Number.isInteger(v) && v >= 0 && v <= SEED_MAX ? null : `must be an integer in [0, ${SEED_MAX}]`));

export const MoneyScalar = numberScalar('Money', 'Dollars: ≥ 0, ≤ 1e9, at most 2 decimals.', (v) => {
  if (v < 0 || v > MONEY_MAX) return `must be in [0, ${MONEY_MAX}]`;
  // Cents: compare in integer cents to dodge binary-float noise (0.1 + 0.2).
  return Math.abs(Math.round(v * 100) - v * 100) < 1e-6 ? null : 'must have at most 2 decimal places (cents)';
});

export const PercentScalar = numberScalar('Percent', 'A percentage in [0, 100].', (v) => (v >= 0 && v <= PERCENT_MAX ? null : `must be in [0, ${PERCENT_MAX}]`));
