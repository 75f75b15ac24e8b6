/**
 * The tutorial path through the CLI, as child processes on a real stack: `dfs import` the real
 * 2024 Cup results and the real Bristol 2026 DraftKings slate, `dfs submit pipeline` (small sizes
 * so it fits CI), then `dfs lineups` and `dfs export -o`: the exported upload CSV names only
 * DraftKings player ids from the imported salary file, one valid lineup per row.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/local-services.js';
import { BRISTOL_2026, bristolDkSalariesCsv, realResultsCsv } from '../../scripts/seed-sources.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let token: string;
const dir = mkdtempSync(join(tmpdir(), 'dfs-cli-pipeline-'));

function dfs(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DFS_URL: stack.url, DFS_TOKEN: token, DFS_API_KEY: undefined };
  return new Promise((res) => {
    execFile(process.execPath, [resolve(REPO_ROOT, 'bin/dfs.js'), ...args], { env, timeout: 280_000, maxBuffer: 8 << 20 }, (err, stdout, stderr) => res({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

beforeAll(async () => {
  stack = await startStack({ actors: 1, env: { MAX_BODY_BYTES: String(10 * 1024 * 1024) } });
  token = await stack.token(`cli-admin-${stack.prefix}`, { roles: ['user', 'admin'], ttlSeconds: 3600 });
}, 120_000);
afterAll(() => stack?.stop());

describe('dfs: import → pipeline → lineups → export', () => {
  it('produces an upload CSV of the imported slate', async () => {
    const results = join(dir, 'results-2024.csv');
    const salaries = join(dir, 'DKSalaries.csv');
    writeFileSync(results, realResultsCsv([2024]));
    const salaryCsv = bristolDkSalariesCsv();
    writeFileSync(salaries, salaryCsv);
    const r1 = await dfs(['import', 'results', results]);
    expect(r1.stderr).toBe('');
    expect(r1.stdout).toMatch(/^imported RESULTS: (\d+)\/\1 rows/);
    const b = BRISTOL_2026;
    const r2 = await dfs(['import', 'dk-salaries', salaries, '--race', `${b.season}:${b.round}:${b.date}:${b.track}:${b.laps}`]);
    expect(r2.stdout).toMatch(/slate dk-cup-2026-08/);

    const calibration = JSON.stringify({ from: '2024-01-01', through: '2024-12-31', trainThrough: '2024-09-30', chains: 2, warmup: 150, draws: 100, evalSimsPerRace: 100 });
    const p = await dfs(['submit', 'pipeline', '--slate', 'dk-cup-2026-08', '--calibration-input', calibration, '--scenarios', '2000', '--lineups', '3']);
    expect(p.stderr).not.toMatch(/^dfs: /m);
    expect(p.code).toBe(0);
    const pipelineId = p.stdout.split('\n')[0]!;
    expect(p.stdout).toContain(`SUCCEEDED ${pipelineId}`);
    expect(p.stdout).toMatch(/optimize\s+[0-9a-f-]{36}/);
    expect(p.stderr).toMatch(/pipeline .*\] 100% .*SUCCEEDED/);

    const l = await dfs(['lineups', pipelineId]);
    expect(l.code).toBe(0);
    const rows = l.stdout.split('\n').filter((x) => /^\s*\d+\s{2}/.test(x));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/\$\d{2},\d{3}\s+\d+%\s+\d+\.\d ± \d+\.\d$/);

    const out = join(dir, 'lineups.csv');
    const e = await dfs(['export', pipelineId, '-o', out]);
    expect(e.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('D,D,D,D,D,D');
    expect(lines).toHaveLength(4);
    const salaryById = new Map(salaryCsv.split('\n').slice(1).map((x) => x.split(',')).map((f) => [f[3]!, Number(f[5])]));
    for (const line of lines.slice(1)) {
      const ids = line.split(',');
      expect(new Set(ids).size).toBe(6);
      for (const id of ids) expect(salaryById.has(id)).toBe(true);
      expect(ids.reduce((a, id) => a + salaryById.get(id)!, 0)).toBeLessThanOrEqual(50_000);
    }
  }, 300_000);
});
