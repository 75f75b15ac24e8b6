/**
 * Feed track name (+ season and date) → track configuration id. Pure: the importers call it per
 * row; the mapping each raw spelling resolved to is then stored as an (:Alias) in the graph.
 * Examples:
 *   ('Atlanta Motor Speedway', 2021) → atlanta_pre_2022   ('Atlanta Motor Speedway', 2022) → atlanta_post_2022
 *   ('Phoenix Raceway', 2018, '2018-03-11') → phoenix_pre_2018f   (…, '2018-11-11') → phoenix_post_2018f
 *   ('Circuit of the Americas', 2025) → cota_short           ('Bristol Motor Speedway Dirt Track', 2022) → bristol_dirt
 */
import { nameKey } from '../names/normalise.js';
import { TRACK_NAMES, TRACKS_BY_ID, type TrackConfig, type TrackEra } from './track-catalog.js';

const ERAS_BY_KEY: ReadonlyMap<string, readonly TrackEra[]> = new Map(TRACK_NAMES.map(([name, eras]) => [nameKey(name), eras]));

export type TrackResolution = { readonly ok: true; readonly track: TrackConfig } | { readonly ok: false; readonly reason: string };

function inEra(e: TrackEra, season: number, date: string | null): boolean {
  if (e.fromSeason !== undefined && season < e.fromSeason) return false;
  if (e.toSeason !== undefined && season > e.toSeason) return false;
  // Date splits need the date; without one, the later era wins only when the season is past it.
  if (e.fromDate !== undefined && (date ? date < e.fromDate : season <= Number(e.fromDate.slice(0, 4)))) return false;
  if (e.toDate !== undefined && (date ? date > e.toDate : season > Number(e.toDate.slice(0, 4)))) return false;
  return true;
}

/**
 * Resolves a track. An explicit configuration id (the `track_config_id` column) wins when it is
 * known; a name is looked up by its normalised key and era.
 */
export function resolveTrack(input: { name: string; season: number; date: string | null; configId?: string | null }): TrackResolution {
  if (input.configId) {
    const t = TRACKS_BY_ID.get(input.configId);
    return t ? { ok: true, track: t } : { ok: false, reason: `unknown track configuration '${input.configId}'` };
  }
  const eras = ERAS_BY_KEY.get(nameKey(input.name));
  if (!eras) return { ok: false, reason: `unknown track '${input.name}' (not in the track catalogue; pass track_config_id)` };
  const era = eras.find((e) => inEra(e, input.season, input.date));
  if (!era) return { ok: false, reason: `track '${input.name}' has no configuration for season ${input.season}` };
  return { ok: true, track: TRACKS_BY_ID.get(era.trackId)! };
}
