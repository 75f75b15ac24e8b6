/**
 * `dfs submit ping|calibrate|pipeline|simulate|ownership|optimize`: submit a job, then follow it
 * with a live progress bar on stderr (fed by the jobProgress subscription) unless --no-wait.
 * stdout gets only the job id (so `id=$(dfs submit ping)` works) and, at the end, its outcome.
 */
import type { Job, JobEvent } from '../../client/index.js';
import type { JobOptions, OptimizeObjective } from '../../client/__generated__/operations.js';
import { ProgressBar } from '../progress-bar.js';
import { UsageError, int, json, num, str, type CommandContext } from '../context.js';

export const SUBMIT_KINDS = ['ping', 'calibrate', 'simulate', 'ownership', 'optimize', 'pipeline'] as const;

function need(ctx: CommandContext, flag: string): string {
  const v = str(ctx.flags, flag);
  if (!v) throw new UsageError(`--${flag} is required`);
  return v;
}

async function submit(kind: string, ctx: CommandContext, options: JobOptions): Promise<Job> {
  const { client, flags } = ctx;
  switch (kind) {
    case 'ping':
      return client.submitPing({ chunks: int(flags, 'chunks'), samples: int(flags, 'samples') }, options);
    case 'calibrate':
      return client.submitCalibration({ draws: int(flags, 'draws'), warmup: int(flags, 'warmup'), chains: int(flags, 'chains'), from: str(flags, 'from'), through: str(flags, 'through'), trainThrough: str(flags, 'train-through') }, options);
    case 'simulate':
      return client.submitSimulation({ slateId: need(ctx, 'slate'), calibrationJobId: need(ctx, 'calibration'), scenarios: int(flags, 'scenarios') }, options);
    case 'ownership':
      return client.submitOwnership({ slateId: need(ctx, 'slate'), simulationJobId: need(ctx, 'simulation') }, options);
    case 'optimize':
      return client.submitOptimization({ slateId: need(ctx, 'slate'), simulationJobId: need(ctx, 'simulation'), ownershipJobId: str(flags, 'ownership'), contestId: str(flags, 'contest'), lineups: int(flags, 'lineups'), objective: str(flags, 'objective')?.toUpperCase() as OptimizeObjective | undefined, constraints: json(flags, 'constraints') }, options);
    case 'pipeline': {
      const lineups = int(flags, 'lineups');
      const optimize = { ...json(flags, 'optimize'), ...(lineups !== undefined ? { lineups } : {}) };
      const scenarios = int(flags, 'scenarios');
      return client.submitPipeline(
        {
          slateId: need(ctx, 'slate'),
          contestId: str(flags, 'contest'),
          calibrationJobId: str(flags, 'calibration'),
          calibration: json(flags, 'calibration-input'),
          simulation: scenarios !== undefined ? { scenarios } : undefined,
          optimize: Object.keys(optimize).length ? optimize : undefined,
        },
        options,
      );
    }
    default:
      throw new UsageError(`unknown job kind "${kind}" (one of ${SUBMIT_KINDS.join(', ')})`);
  }
}

/** Exit code: 0 succeeded, 1 failed or cancelled. */
export async function submitCommand(ctx: CommandContext): Promise<number> {
  const kind = ctx.args[0];
  if (!kind) throw new UsageError(`dfs submit <${SUBMIT_KINDS.join('|')}> [options]`);
  const priority = str(ctx.flags, 'priority')?.toUpperCase() as JobOptions['priority'];
  const job = await submit(kind, ctx, { seed: num(ctx.flags, 'seed'), priority, noCache: ctx.flags['no-cache'] === true });
  process.stdout.write(`${job.id}\n`);
  if (ctx.flags['no-wait']) return 0;
  return followJob(ctx, job.id, `${job.kind.toLowerCase()} ${job.id.slice(0, 8)}`);
}

/** Watch a job with the progress bar; prints its outcome. Shared by `dfs watch`. */
export async function followJob(ctx: CommandContext, jobId: string, label: string): Promise<number> {
  const bar = new ProgressBar(label);
  const last: JobEvent = await ctx.client.watchJob(jobId, (e) => bar.update(e), { onReconnect: (n, why) => bar.note(`connection lost (${why}); reconnecting (#${n})…`) });
  bar.done();
  if (last.status === 'SUCCEEDED') {
    const stages = (last.result as { stages?: Record<string, string> } | null)?.stages;
    process.stdout.write(`SUCCEEDED ${jobId}\n`);
    if (stages) for (const [name, id] of Object.entries(stages)) process.stdout.write(`  ${name.padEnd(10)} ${id}\n`);
    if (stages?.optimize) process.stdout.write(`next: dfs lineups ${jobId}   |   dfs export ${jobId} -o lineups.csv\n`);
    return 0;
  }
  process.stdout.write(`${last.status} ${jobId}${last.error ? `: ${last.error.type}: ${last.error.message}` : ''}\n`);
  return 1;
}
