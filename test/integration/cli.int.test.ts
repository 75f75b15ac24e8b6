/**
 * The `dfs` CLI end to end: bin/dfs.js as a child process (exactly what a user runs) against a
 * real stack (API + one engine actor on real NATS/Neo4j). The child must be spawned
 * asynchronously: the API runs in this process and a blocking exec would starve it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/local-services.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let token: string;
const DFS = resolve(REPO_ROOT, 'bin/dfs.js');
const dir = mkdtempSync(join(tmpdir(), 'dfs-cli-'));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `dfs ...args` with DFS_URL / DFS_TOKEN of the test stack unless `env` overrides them. */
function dfs(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const childEnv = { ...process.env, DFS_URL: stack.url, DFS_TOKEN: token, DFS_API_KEY: undefined, ...env };
  return new Promise((res) => {
    execFile(process.execPath, [DFS, ...args], { env: childEnv, cwd: REPO_ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      res({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  stack = await startStack({ actors: 1 });
  token = await stack.token(stack.defaultUserId, { roles: ['user', 'admin'], ttlSeconds: 3600 });
}, 120_000);
afterAll(() => stack?.stop());

describe('dfs CLI against a running stack', () => {
  let jobId = '';

  it('submit ping: prints the job id, a live progress bar on stderr, and SUCCEEDED', async () => {
    const r = await dfs(['submit', 'ping', '--chunks', '10', '--samples', '2000000']);
    expect(r.stderr).not.toMatch(/dfs: /);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    jobId = lines[0]!;
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.at(-1)).toBe(`SUCCEEDED ${jobId}`);
    // Progress lines (non-TTY mode: one per 10 % step), ending at 100 %.
    const bars = r.stderr.split('\n').filter((l) => l.startsWith('ping '));
    expect(bars.length).toBeGreaterThanOrEqual(2);
    expect(bars.at(-1)).toMatch(/\] 100% .*SUCCEEDED/);
  });

  it('jobs lists the job; job <id> shows it; --status filters', async () => {
    const all = await dfs(['jobs']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(new RegExp(`${jobId}\\s+PING\\s+SUCCEEDED\\s+100%`));
    const failed = await dfs(['jobs', '--status', 'failed']);
    expect(failed.code).toBe(0);
    expect(failed.stdout).not.toContain(jobId);
    const one = await dfs(['job', jobId]);
    expect(one.stdout).toContain(`job      ${jobId}`);
    expect(one.stdout).toMatch(/status\s+SUCCEEDED/);
  });

  it('a refused API key → exactly one line naming the fix, exit 1', async () => {
    const r = await dfs(['jobs', '--api-key', 'dfs_this-key-does-not-exist'], { DFS_TOKEN: undefined });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dfs: 401: the API key or token was refused .*--api-key.*createApiKey/);
  });

  it('an unreachable URL → exactly one line "cannot reach … is the API running?", exit 1', async () => {
    const url = 'http://127.0.0.1:59999/graphql';
    const r = await dfs(['jobs', '--url', url]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`dfs: cannot reach ${url}: is the API running? (npm start)`);
    const imp = await dfs(['import', 'results', join(dir, 'missing.csv')], { DFS_URL: url });
    expect(imp.code).toBe(2);
    expect(imp.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('import of a malformed DraftKings salary CSV lists every bad line and writes nothing', async () => {
    const header = 'Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame';
    const game = 'Test 500 @ Bristol 03/11/1999 03:00PM ET';
    const rows = [`D,Ok Driver (1),Ok Driver,1,D,9000,${game},,30.5`, `D,Bad Salary (2),Bad Salary,2,D,lots,${game},,20.5`, `D,Other Driver (3),Other Driver,3,D,8000,${game},,10.5`, `D,No Id (4),No Id,,D,-5,${game},,1.5`];
    const file = join(dir, 'bad-dk.csv');
    writeFileSync(file, [header, ...rows].join('\n'));
    const r = await dfs(['import', 'dk-salaries', file, '--dry-run', '--race', '1999:1:1999-03-11:bristol']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\s+line 3\b.*$/m);
    expect(r.stderr).toMatch(/^\s+line 5\b.*$/m);
    expect(r.stderr).not.toMatch(/^\s+line [24]\b/m);
    expect(r.stderr).toContain('nothing was written');
  });

  it('cancel of a finished job is refused with the API error code in one line', async () => {
    const r = await dfs(['cancel', jobId]);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(1);
    if (r.code !== 0) expect(r.stderr).toMatch(/^dfs: .*\([A-Z_]+\)/);
  });
});
