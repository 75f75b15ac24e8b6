/** `dfs jobs [--status S] [--kind K] [--first N]`, `dfs job <id>`, `dfs cancel <id>`, `dfs watch <id>`. */
import type { Job } from '../../client/index.js';
import type { JobKind, JobStatus } from '../../client/__generated__/operations.js';
import { shortTime, table } from '../format.js';
import { UsageError, int, str, type CommandContext } from '../context.js';
import { followJob } from './submit.js';

const STATUSES: readonly JobStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

function progressText(j: Job): string {
  if (j.status === 'SUCCEEDED') return '100%';
  return j.progress ? `${(j.progress.fraction * 100).toFixed(0)}% ${j.progress.phase}` : '-';
}

export async function jobsCommand(ctx: CommandContext): Promise<number> {
  const status = str(ctx.flags, 'status')?.toUpperCase();
  if (status && !STATUSES.includes(status as JobStatus)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
  const kind = str(ctx.flags, 'kind')?.toUpperCase() as JobKind | undefined;
  const page = await ctx.client.myJobs({ status: status as JobStatus | undefined, kind }, int(ctx.flags, 'first') ?? 20);
  if (!page.nodes.length) {
    process.stdout.write('no jobs\n');
    return 0;
  }
  const rows = page.nodes.map((j) => [j.id, j.kind, j.status, progressText(j), shortTime(j.createdAt), j.error ? `${j.error.type}: ${j.error.message}`.slice(0, 60) : '']);
  process.stdout.write(`${table(['ID', 'KIND', 'STATUS', 'PROGRESS', 'CREATED', 'ERROR'], rows)}\n`);
  if (page.hasNextPage) process.stdout.write(`(more: --first ${(int(ctx.flags, 'first') ?? 20) * 2})\n`);
  return 0;
}

function needId(ctx: CommandContext, what: string): string {
  const id = ctx.args[0];
  if (!id) throw new UsageError(`dfs ${what} <jobId>`);
  return id;
}

export async function jobCommand(ctx: CommandContext): Promise<number> {
  const id = needId(ctx, 'job');
  const j = await ctx.client.job(id);
  if (!j) {
    process.stderr.write(`no job ${id} (or it is not yours)\n`);
    return 1;
  }
  if (ctx.flags.json) {
    process.stdout.write(`${JSON.stringify(j, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `job      ${j.id}`,
    `kind     ${j.kind}   priority ${j.priority}   seed ${j.seed}   attempt ${j.attempt}`,
    `status   ${j.status}   progress ${progressText(j)}`,
    `created  ${shortTime(j.createdAt)}   started ${shortTime(j.startedAt)}   finished ${shortTime(j.finishedAt)}`,
    ...(j.cachedFrom ? [`cached   from ${j.cachedFrom}`] : []),
    ...(j.error ? [`error    ${j.error.type}: ${j.error.message}${j.error.retryable ? ' (retryable)' : ''}`] : []),
    `spec     ${JSON.stringify(j.spec)}`,
    ...(j.result !== null && j.result !== undefined ? [`result   ${JSON.stringify(j.result).slice(0, 400)}`] : []),
    'history',
    ...j.history.map((h) => `  ${shortTime(h.at)}  ${h.status.padEnd(9)} attempt ${h.attempt}${h.note ? `  ${h.note}` : ''}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export async function cancelCommand(ctx: CommandContext): Promise<number> {
  const j = await ctx.client.cancelJob(needId(ctx, 'cancel'));
  process.stdout.write(`${j.id} ${j.status}\n`);
  return 0;
}

export async function watchCommand(ctx: CommandContext): Promise<number> {
  const id = needId(ctx, 'watch');
  return followJob(ctx, id, id.slice(0, 8));
}
