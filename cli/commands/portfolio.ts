/**
 * `dfs export <jobId> [-o file.csv]` writes the portfolio's site upload CSV (stdout without -o);
 * `dfs lineups <jobId>` prints the lineups as a table. Both accept an optimize job id or a
 * pipeline job id (its optimize stage is looked up), since the tutorial only knows the pipeline.
 */
import { writeFileSync } from 'node:fs';
import type { Portfolio } from '../../client/index.js';
import { estimate, money, table } from '../format.js';
import { UsageError, str, type CommandContext } from '../context.js';

async function loadPortfolio(ctx: CommandContext, what: string): Promise<Portfolio> {
  const id = ctx.args[0];
  if (!id) throw new UsageError(`dfs ${what} <optimizeJobId|pipelineJobId>`);
  let optimizeId = id;
  const job = await ctx.client.job(id);
  if (!job) throw new UsageError(`no job ${id} (or it is not yours)`);
  if (job.kind === 'PIPELINE') {
    const stage = (job.result as { stages?: Record<string, string> } | null)?.stages?.optimize;
    if (!stage) throw new UsageError(`pipeline ${id} has no optimize stage result yet (status ${job.status}); wait with: dfs watch ${id}`);
    optimizeId = stage;
  } else if (job.kind !== 'OPTIMIZE') throw new UsageError(`job ${id} is a ${job.kind.toLowerCase()} job; pass an optimize or pipeline job id`);
  const p = await ctx.client.portfolio(optimizeId);
  if (!p) throw new UsageError(`job ${optimizeId} has no portfolio (status ${job.status})`);
  return p;
}

export async function exportCommand(ctx: CommandContext): Promise<number> {
  const p = await loadPortfolio(ctx, 'export');
  const out = str(ctx.flags, 'output');
  const csv = p.uploadCsv.endsWith('\n') ? p.uploadCsv : `${p.uploadCsv}\n`;
  if (!out) {
    process.stdout.write(csv);
    return 0;
  }
  writeFileSync(out, csv);
  process.stderr.write(`wrote ${p.lineups.length} ${p.site} lineup(s) of slate ${p.slateId} to ${out}\n`);
  return 0;
}

export async function lineupsCommand(ctx: CommandContext): Promise<number> {
  const p = await loadPortfolio(ctx, 'lineups');
  const rows = p.lineups.map((l, i) => {
    const h = (l.heldOut ?? {}) as Record<string, unknown>;
    return [String(i + 1), l.names.join(', '), money(l.salary), `${(l.totalOwnership * 100).toFixed(0)}%`, estimate(h.mean)];
  });
  process.stdout.write(`${p.site} slate ${p.slateId}: ${p.lineups.length} lineup(s) (optimize job ${p.jobId})\n`);
  process.stdout.write(`${table(['#', 'DRIVERS', 'SALARY', 'OWN Σ', 'HELD-OUT MEAN ± SE'], rows, ['r', 'l', 'r', 'r', 'r'])}\n`);
  return 0;
}
