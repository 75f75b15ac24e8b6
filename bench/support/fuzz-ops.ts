/**
 * Schema-aware random GraphQL requests for the fuzz test (issue 11), from a seeded xoshiro stream
 * so any failure replays from its printed seed. Each request is a raw HTTP body: mostly operations
 * built from the served schema (valid shapes with random, often wrong, argument values), plus
 * unknown fields, deep nesting, malformed JSON and malformed CSVs for the import mutations.
 */
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType, type GraphQLField, type GraphQLInputType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { nextInt, type RandomGenerator } from '../../engine/rng/index.js';

export interface FuzzRequest {
  readonly kind: string;
  readonly body: string;
}

const pick = <T>(rng: RandomGenerator, xs: readonly T[]): T => xs[nextInt(rng, xs.length)]!;
const chance = (rng: RandomGenerator, p: number) => rng.nextDouble() < p;
const WEIRD = [null, '', 'x'.repeat(5000), -1, 0, 2 ** 31, 1e308, -1e308, 3.7, true, [], {}, '\u0000\u202e', 'NaN', '9'.repeat(40), '../../etc/passwd', "' OR 1=1 //"];

/** A value for `type`: usually well-typed with edge values, sometimes any JSON (wrong type). */
export function randomValue(rng: RandomGenerator, type: GraphQLInputType, depth = 0): unknown {
  if (chance(rng, 0.12)) return pick(rng, WEIRD);
  if (isNonNullType(type)) return randomValue(rng, type.ofType, depth);
  if (isListType(type)) return depth > 3 ? [] : Array.from({ length: nextInt(rng, 4) }, () => randomValue(rng, type.ofType, depth + 1));
  if (isEnumType(type)) return chance(rng, 0.9) ? pick(rng, type.getValues()).name : 'NOT_A_VALUE';
  if (isInputObjectType(type)) {
    if (depth > 4) return {};
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type) || chance(rng, 0.4)) out[f.name] = randomValue(rng, f.type, depth + 1);
    if (chance(rng, 0.1)) out.notAField = 1;
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return pick(rng, [0, 1, 7, 100, -5, 2 ** 31 - 1, 2 ** 31, 1e15]);
      case 'Float':
        return pick(rng, [0, 0.5, -1e9, 1e300, 42.42]);
      case 'Boolean':
        return chance(rng, 0.5);
      default:
        return pick(rng, ['fuzz', 'a', '0', '2026-04-12', '2026-04-12T19:00:00Z', 'bristol_concrete', 'x'.repeat(300), 'ümlaut-☃']);
    }
  }
  return null;
}

/** A selection set of `type`: scalars plus (while depth allows) nested objects. */
function selection(rng: RandomGenerator, type: GraphQLObjectType, depth: number, maxDepth: number): string {
  const fields = Object.values(type.getFields());
  const picked = fields.filter(() => chance(rng, 0.35)).slice(0, 6);
  const parts: string[] = ['__typename'];
  for (const f of picked) {
    const named = getNamedType(f.type);
    if (isObjectType(named)) {
      if (depth < maxDepth) parts.push(`${f.name}${inlineArgs(rng, f)} { ${selection(rng, named, depth + 1, maxDepth)} }`);
    } else if (f.args.every((a) => !isNonNullType(a.type))) parts.push(f.name);
  }
  if (chance(rng, 0.05)) parts.push('fieldThatDoesNotExist');
  return parts.join(' ');
}

function inlineArgs(rng: RandomGenerator, f: GraphQLField<unknown, unknown>): string {
  const args = f.args.filter((a) => isNonNullType(a.type) || chance(rng, 0.3));
  if (!args.length) return '';
  return `(${args.map((a) => `${a.name}: ${JSON.stringify(randomValue(rng, a.type)).replace(/"([A-Za-z_]\w*)":/g, '$1:')}`).join(', ')})`;
}

/** One operation on a random root field, its arguments passed as variables. */
function operation(rng: RandomGenerator, schema: GraphQLSchema, root: 'query' | 'mutation', deny: ReadonlySet<string>): FuzzRequest {
  const type = root === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const field = pick(rng, Object.values(type.getFields()).filter((f) => !deny.has(f.name)));
  const args = field.args.filter((a) => isNonNullType(a.type) || chance(rng, 0.5));
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const named = getNamedType(field.type);
  const sel = isObjectType(named) ? ` { ${selection(rng, named, 0, pick(rng, [1, 2, 3]))} }` : '';
  const variables = Object.fromEntries(args.map((a) => [a.name, randomValue(rng, a.type)]));
  const query = `${root} Fuzz${defs ? `(${defs})` : ''} { ${field.name}${args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''}${sel} }`;
  return { kind: `${root}:${field.name}`, body: JSON.stringify({ query, variables }) };
}

const CSVS = ['', '\n\n\n', 'a,b,c\n1,2', '"unterminated,quote\n1,2,3', 'Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame\nD,x (1),x,1,D,notanumber,bad info,T,abc', '\uFEFFseason,race_num\n2026,1', 'x,'.repeat(2000), 'season,race_num,race_date,track,driver,start,finish,laps,laps_led,status\n99999,-1,not-a-date,,,0,0,-3,1e9,running'];

/** The next fuzz request: 80 % schema operations, the rest hostile bodies and CSVs. */
export function nextRequest(rng: RandomGenerator, schema: GraphQLSchema, deny: ReadonlySet<string>): FuzzRequest {
  const r = rng.nextDouble();
  if (r < 0.55) return operation(rng, schema, 'query', deny);
  if (r < 0.8) return operation(rng, schema, 'mutation', deny);
  if (r < 0.87) {
    const mutation = pick(rng, ['importDkSalaries', 'importFdSalaries', 'importResults']);
    const input: Record<string, unknown> = { csv: pick(rng, CSVS), dryRun: chance(rng, 0.5), lenient: chance(rng, 0.5) };
    const typeName = mutation === 'importResults' ? 'ImportResultsInput' : 'ImportSalariesInput';
    return { kind: `csv:${mutation}`, body: JSON.stringify({ query: `mutation ($input: ${typeName}!) { ${mutation}(input: $input) { __typename } }`, variables: { input } }) };
  }
  if (r < 0.92) return { kind: 'deep-nesting', body: JSON.stringify({ query: `{ ${'myJobs { edges { node { __typename '.repeat(40)}${'} } }'.repeat(40)} }` }) };
  return { kind: 'malformed-body', body: pick(rng, ['{', '{"query": 1}', '[]', 'null', '{"query":"{ __typename }","variables":"nope"}', '{"query":"{ __typename }","operationName":7}', '\u0000\u0001', '{"query":"' + '{'.repeat(5000) + '"}', '{"query":"query { __typename }", "extensions": []}']) };
}
