/**
 * Raw driver spelling → driver id, given what the graph already knows. Pure; the importer loads
 * the lookups once per import (src/racing/write/lookups.ts) and records every raw spelling it
 * resolved as an (:Alias {kind:'driver', raw})-[:REFERS_TO]->(:Driver) row of the mapping table.
 *
 * Order (most to least trustworthy):
 *   1. an existing alias for this exact raw spelling (includes admin overrides),
 *   2. the NASCAR driver id, when the file has one and a driver carries it,
 *   3. the normalised key (`nameKey`), through KNOWN_DRIVER_ALIASES, matching an existing driver,
 *   4. otherwise a NEW driver whose id is that key.
 */
import { KNOWN_DRIVER_ALIASES, cleanName, nameKey } from './normalise.js';

export interface DriverLookups {
  /** Raw spelling → driver id (the graph's alias table). */
  readonly aliases: ReadonlyMap<string, string>;
  /** NASCAR id → driver id. */
  readonly byNascarId: ReadonlyMap<number, string>;
  /** Existing driver ids. */
  readonly ids: ReadonlySet<string>;
}

export type ResolveMethod = 'alias' | 'nascar-id' | 'normalised' | 'known-alias' | 'new';

export interface DriverResolution {
  readonly driverId: string;
  readonly raw: string;
  readonly method: ResolveMethod;
}

export const EMPTY_LOOKUPS: DriverLookups = { aliases: new Map(), byNascarId: new Map(), ids: new Set() };

/**
 * Stateful per import: drivers created earlier in the same file are found again, so one new
 * driver spelled two ways in one file still becomes ONE driver.
 */
export class DriverResolver {
  private readonly created = new Set<string>();
  private readonly nascar = new Map<number, string>();

  constructor(private readonly lookups: DriverLookups) {}

  resolve(rawName: string, nascarId: number | null = null): DriverResolution {
    const raw = cleanName(rawName);
    const alias = this.lookups.aliases.get(raw);
    if (alias) return { driverId: alias, raw, method: 'alias' };
    if (nascarId !== null) {
      const byId = this.lookups.byNascarId.get(nascarId) ?? this.nascar.get(nascarId);
      if (byId) return { driverId: byId, raw, method: 'nascar-id' };
    }
    const key = nameKey(raw);
    const known = KNOWN_DRIVER_ALIASES.get(key);
    const id = known ?? key;
    if (nascarId !== null) this.nascar.set(nascarId, id);
    if (this.lookups.ids.has(id) || this.created.has(id)) return { driverId: id, raw, method: known ? 'known-alias' : 'normalised' };
    this.created.add(id);
    return { driverId: id, raw, method: known ? 'known-alias' : 'new' };
  }

  /** Ids this resolver decided to create (not in the graph before this import). */
  newDriverIds(): string[] {
    return [...this.created].sort();
  }
}
