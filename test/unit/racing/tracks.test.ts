import { describe, expect, it } from 'vitest';
import { TRACK_TYPES } from '../../../engine/contract/index.js';
import { resolveTrack } from '../../../src/racing/tracks/resolve-track.js';
import { TRACKS, TRACK_NAMES, TRACKS_BY_ID } from '../../../src/racing/tracks/track-catalog.js';

const id = (name: string, season: number, date: string | null = null) => {
  const r = resolveTrack({ name, season, date });
  return r.ok ? r.track.id : `ERR: ${r.reason}`;
};

describe('track catalogue', () => {
  it('has unique ids, engine track types and positive lengths; every feed name points at a known track', () => {
    expect(new Set(TRACKS.map((t) => t.id)).size).toBe(TRACKS.length);
    for (const t of TRACKS) {
      expect(TRACK_TYPES).toContain(t.type);
      expect(t.lengthMiles).toBeGreaterThan(0.2);
    }
    for (const [, eras] of TRACK_NAMES) for (const e of eras) expect(TRACKS_BY_ID.has(e.trackId)).toBe(true);
  });
});

describe('resolveTrack', () => {
  it('splits eras by season and by date', () => {
    expect(id('Atlanta Motor Speedway', 2021)).toBe('atlanta_pre_2022');
    expect(id('Atlanta Motor Speedway', 2022)).toBe('atlanta_post_2022');
    expect(id('EchoPark Speedway', 2025)).toBe('atlanta_post_2022');
    expect(id('Phoenix Raceway', 2018, '2018-03-11')).toBe('phoenix_pre_2018f');
    expect(id('Phoenix Raceway', 2018, '2018-11-11')).toBe('phoenix_post_2018f');
    expect(id('Sonoma Raceway', 2020)).toBe('sonoma_carousel');
    expect(id('Sonoma Raceway', 2023)).toBe('sonoma_short');
    expect(id('Circuit of the Americas', 2025)).toBe('cota_short');
    expect(id('Charlotte Motor Speedway Road Course', 2024)).toBe('charlotte_roval_v2');
  });

  it('normalises spellings and types the result', () => {
    expect(id('Bristol Motor Speedway Dirt Track', 2022)).toBe('bristol_dirt');
    expect(id('bristol motor speedway', 2026)).toBe('bristol_concrete');
    expect(id('Autódromo Hermanos Rodríguez', 2025)).toBe('mexico_city');
    const t = resolveTrack({ name: 'Talladega Superspeedway', season: 2024, date: null });
    expect(t.ok && t.track.type).toBe('superspeedway');
  });

  it('explains unknown names, unknown config ids and seasons outside every era', () => {
    expect(id('Springfield Mile', 2024)).toMatch(/unknown track 'Springfield Mile'/);
    expect(resolveTrack({ name: 'x', season: 2024, date: null, configId: 'nowhere' })).toEqual({ ok: false, reason: "unknown track configuration 'nowhere'" });
    expect(id('Kentucky Speedway', 2022)).toMatch(/no configuration for season 2022/);
  });
});
