/**
 * Loads what a job's maths needs from Neo4j (the actor's I/O side; the maths never does I/O).
 * Kinds without data needs return null.
 */
import type { Driver } from 'neo4j-driver';
import type { JobKind } from '../contract/job-protocol.js';

export type InputLoader = (spec: Record<string, unknown>, db: { driver: Driver; database: string }) => Promise<unknown>;

const loaders: Partial<Record<JobKind, InputLoader>> = {};

export function registerInputLoader(kind: JobKind, loader: InputLoader): void {
  loaders[kind] = loader;
}

export async function loadInputs(kind: JobKind, spec: Record<string, unknown>, db: { driver: Driver; database: string }): Promise<unknown> {
  const l = loaders[kind];
  return l ? l(spec, db) : null;
}
