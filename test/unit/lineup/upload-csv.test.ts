import { describe, expect, it } from 'vitest';
import type { SlateSpec } from '../../../engine/contract/models.js';
import { parseUploadCsv, toUploadCsv } from '../../../engine/lineup/index.js';
import { syntheticSlate } from './fixtures.js';

describe('DK / FD upload CSV', () => {
  const dk = syntheticSlate(12, 1, 'DK').slate;
  const fd = syntheticSlate(12, 1, 'FD').slate;

  it('writes the exact DraftKings format: D x6 header, one row of player ids per lineup', () => {
    const csv = toUploadCsv('DK', [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]], dk);
    expect(csv).toBe(['D,D,D,D,D,D', '30000000,30000007,30000014,30000021,30000028,30000035', '30000042,30000049,30000056,30000063,30000070,30000077', ''].join('\n'));
  });

  it('writes the FanDuel format: D x5 header, "slate-player" ids or "ID:Name" cells', () => {
    expect(toUploadCsv('FD', [[0, 1, 2, 3, 4]], fd)).toBe('D,D,D,D,D\n90001-12000,90001-12001,90001-12002,90001-12003,90001-12004\n');
    expect(toUploadCsv('FD', [[0, 1, 2, 3, 4]], fd, { format: 'nameId' }).split('\n')[1]).toBe('90001-12000:Driver 0,90001-12001:Driver 1,90001-12002:Driver 2,90001-12003:Driver 3,90001-12004:Driver 4');
  });

  it('round-trips both sites and cell formats, quoting names with commas', () => {
    const odd: SlateSpec = { ...dk, players: dk.players.map((p, i) => (i === 3 ? { ...p, name: 'Busch, Kyle "Rowdy"' } : p)) };
    const lineups = [
      [0, 3, 5, 7, 9, 11],
      [1, 2, 3, 4, 10, 11],
    ];
    for (const format of ['id', 'nameId'] as const) {
      for (const lineEnding of ['\n', '\r\n'] as const) {
        expect(parseUploadCsv('DK', toUploadCsv('DK', lineups, odd, { format, lineEnding }), odd)).toEqual(lineups);
        expect(parseUploadCsv('FD', toUploadCsv('FD', [[0, 2, 4, 6, 8]], fd, { format, lineEnding }), fd)).toEqual([[0, 2, 4, 6, 8]]);
      }
    }
    expect(toUploadCsv('DK', lineups, odd, { format: 'nameId' })).toContain('"Busch, Kyle ""Rowdy"" (30000021)"');
  });

  it('rejects malformed files and lineups with typed errors naming the place', () => {
    const field = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return (e as { details?: { field?: unknown } }).details?.field;
      }
      return 'no error';
    };
    expect(field(() => parseUploadCsv('DK', 'D,D,D,D,D\n1,2,3,4,5\n', dk))).toBe('csv.header');
    expect(field(() => parseUploadCsv('DK', 'D,D,D,D,D,D\n30000000,30000007,30000014,30000021,30000028,999\n', dk))).toBe('csv.row[1].col[5]');
    expect(field(() => parseUploadCsv('DK', 'D,D,D,D,D,D\n30000000,30000000,30000014,30000021,30000028,30000035\n', dk))).toBe('csv.row[1]');
    expect(field(() => toUploadCsv('DK', [[0, 1, 2, 3, 4]], dk))).toBe('lineups[0]');
    expect(field(() => toUploadCsv('FD', [[0, 1, 2, 3, 4]], dk))).toBe('site');
  });
});
