/**
 * Test/bench helper: the one real DraftKings Cup salary slate in shared data (Bristol, 2026-04-12,
 * 37 drivers, $4,500-$11,500), read from ../shared/data relative to the repo root. File reading
 * lives here, never in engine/. Fails loudly when the file is missing (nothing skipped silently).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SlateSpec } from '../../../engine/contract/models.js';
import { createRng } from '../../../engine/rng/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BRISTOL_SALARIES_CSV = path.resolve(repoRoot, '../shared/data/nascar_dfs_hub_crummypicks/dk_salaries.csv');

/** The Bristol 2026 Cup DK slate ($50k cap, 6 drivers), deduplicated by driver, salary descending. */
export function bristolDkSlate(): SlateSpec {
  if (!existsSync(BRISTOL_SALARIES_CSV)) {
    throw new Error(`Real DK salary file not found at ${BRISTOL_SALARIES_CSV}; the shared data folder must sit beside the repo (see shared/data/README.md).`);
  }
  const lines = readFileSync(BRISTOL_SALARIES_CSV, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name: string): number => header.indexOf(name);
  const seen = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    if (f[col('series')] !== 'cup' || f[col('platform')] !== 'DraftKings') continue;
    seen.set(f[col('driver')], Number(f[col('salary')]));
  }
  const players = [...seen.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, salary], i) => ({ driverId: name.toLowerCase().replace(/[^a-z]+/g, '-'), name, salary, siteId: `dk-${i}` }));
  return { site: 'DK', salaryCap: 50_000, rosterSize: 6, players };
}

/**
 * Synthetic projections for a slate: DK salary is itself a market projection, so mean points
 * rise with salary (about 5.5 points per $1k up to ~58 at $11.5k) and fall away below $6k
 * (backmarkers project ~11-17 points), the usual shape of public NASCAR DK projections, plus
 * seeded driver noise.
 */
export function salaryProjections(slate: SlateSpec, seed: number, noiseSd = 6): { driverId: string; mean: number }[] {
  const rng = createRng(seed);
  return slate.players.map((p) => ({ driverId: p.driverId, mean: -5 + 5.5 * (p.salary / 1000) - 6 * Math.max(0, 6 - p.salary / 1000) + noiseSd * rng.nextNormal() }));
}
