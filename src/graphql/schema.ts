/** Loads the SDL modules of schema/ and binds resolvers into one executable schema. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { jobResolvers } from './jobs/resolvers.js';
import { DateTimeScalar, JSONScalar } from './scalars.js';

export const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../schema');

export function loadTypeDefs(dir = SCHEMA_DIR): string[] {
  // base.graphql first so `extend type` in other modules has something to extend.
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  return files.map((f) => readFileSync(join(dir, f), 'utf8'));
}

export function baseResolvers(version: string, startedAt: number): Resolvers {
  return {
    JSON: JSONScalar,
    DateTime: DateTimeScalar,
    Query: {
      health: () => ({ status: 'ok', version, uptimeSeconds: (Date.now() - startedAt) / 1000 }),
    },
  };
}

export function buildSchema(opts: { version: string; startedAt: number; extraResolvers?: Resolvers[] }): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: [baseResolvers(opts.version, opts.startedAt), jobResolvers, ...(opts.extraResolvers ?? [])] as never,
  });
}
