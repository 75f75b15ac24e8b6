/**
 * Builds the entity lists of a write batch (tracks, teams, manufacturers, drivers and the alias
 * rows of the mapping table) from resolved names, deduplicated. Pure; values that are null are
 * left out of property maps (see write/statements.ts).
 */
import neo4j from 'neo4j-driver';
import { entityKey, nameKey } from '../names/normalise.js';
import type { DriverResolution } from '../names/resolve-driver.js';
import type { TrackConfig } from '../tracks/track-catalog.js';
import type { AliasRow, DriverRow, EntityParams, NodeRow } from '../write/graph-writer.js';

/** Drops null/undefined values so Cypher `+=`/`=` and equality checks see only real values. */
export function props(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * JS numbers travel to Neo4j as floats; whole-number properties (positions, laps, salaries) are
 * sent as Cypher integers so they are stored as the Int the API declares.
 */
export function int(n: number | null | undefined) {
  return n === null || n === undefined ? null : neo4j.int(n);
}

/** 'YYYY-MM-DD' → a Cypher Date parameter (what @neo4j/graphql's Date scalar reads). */
export function cypherDate(iso: string) {
  const [y, m, d] = iso.split('-').map(Number);
  return new neo4j.types.Date(y!, m!, d!);
}

/** ISO instant → a Cypher DateTime in UTC (offset 0, so equal instants compare equal). */
export function cypherDateTime(iso: string) {
  const t = new Date(iso);
  return new neo4j.types.DateTime(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCMilliseconds() * 1_000_000, 0);
}

export class EntityCollector {
  private readonly tracks = new Map<string, NodeRow>();
  private readonly trackAliases = new Map<string, AliasRow>();
  private readonly teams = new Map<string, { id: string; name: string }>();
  private readonly makers = new Map<string, { id: string; name: string }>();
  private readonly drivers = new Map<string, { id: string; name: string; nascarId: number | null }>();
  private readonly driverAliases = new Map<string, AliasRow>();
  private readonly races = new Map<string, NodeRow & { trackId: string }>();

  constructor(private readonly source: string) {}

  track(t: TrackConfig, raw: string | null): string {
    if (!this.tracks.has(t.id)) this.tracks.set(t.id, { id: t.id, props: { name: t.name, configuration: t.configuration, lengthMiles: t.lengthMiles, type: t.type, surface: t.surface, family: t.family } });
    if (raw) {
      // Track spellings map per configuration: 'Atlanta Motor Speedway' meant two layouts.
      const id = `track|${raw}|${t.id}`;
      if (!this.trackAliases.has(id)) this.trackAliases.set(id, { id, targetId: t.id, props: { kind: 'track', raw, key: nameKey(raw), source: this.source } });
    }
    return t.id;
  }

  team(raw: string | null): string | null {
    if (!raw) return null;
    const id = entityKey(raw);
    if (!id) return null;
    if (!this.teams.has(id)) this.teams.set(id, { id, name: raw });
    return id;
  }

  manufacturer(raw: string | null): string | null {
    if (!raw) return null;
    const id = entityKey(raw);
    if (!id) return null;
    if (!this.makers.has(id)) this.makers.set(id, { id, name: raw.length <= 3 ? raw.toUpperCase() : raw[0]!.toUpperCase() + raw.slice(1) });
    return id;
  }

  driver(r: DriverResolution, nascarId: number | null = null): string {
    const prev = this.drivers.get(r.driverId);
    if (!prev || (prev.nascarId === null && nascarId !== null)) this.drivers.set(r.driverId, { id: r.driverId, name: prev?.name ?? r.raw, nascarId: nascarId ?? prev?.nascarId ?? null });
    const id = `driver|${r.raw}`;
    if (r.method !== 'alias' && !this.driverAliases.has(id)) this.driverAliases.set(id, { id, targetId: r.driverId, props: { kind: 'driver', raw: r.raw, key: nameKey(r.raw), source: this.source, method: r.method } });
    return r.driverId;
  }

  race(id: string, trackId: string, p: Record<string, unknown>): void {
    this.races.set(id, { id, trackId, props: props(p) });
  }

  params(): EntityParams {
    return {
      tracks: [...this.tracks.values()],
      trackAliases: [...this.trackAliases.values()],
      teams: [...this.teams.values()],
      manufacturers: [...this.makers.values()],
      drivers: [...this.drivers.values()].map((d): DriverRow => ({ ...d, nascarId: int(d.nascarId) })),
      driverAliases: [...this.driverAliases.values()],
      races: [...this.races.values()],
    };
  }
}
