/**
 * `dfs` (see cli/main.ts): the command line of the DFS platform, built on the typed SDK (client/). Run through
 * bin/dfs.js (tsx). Global options: --url / DFS_URL, --api-key / DFS_API_KEY, --token / DFS_TOKEN.
 * Exit codes: 0 ok, 1 failed (API error, job failed, file rejected), 2 usage.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_URL, DfsClient } from '../client/index.js';
import { cancelCommand, jobCommand, jobsCommand, watchCommand } from './commands/jobs.js';
import { importCommand } from './commands/import.js';
import { exportCommand, lineupsCommand } from './commands/portfolio.js';
import { submitCommand } from './commands/submit.js';
import { UsageError, type CommandContext } from './context.js';
import { oneLine } from './errors.js';

export const USAGE = `usage: dfs <command> [options]

  import results|dk-salaries|fd-salaries|payouts <file> [--lenient] [--dry-run]
         salaries: --race-id <id> | --race <season>:<round>:<YYYY-MM-DD>:<track>[:<laps>] [--slate-id] [--lock-time]
         payouts:  [--format csv|json] [--contest-id] [--slate-id] [--name] [--entry-fee] [--field-size] [--max-entries]
  submit ping      [--chunks N] [--samples N]
  submit calibrate [--draws N] [--warmup N] [--chains N] [--from D] [--through D] [--train-through D]
  submit pipeline  --slate <id> [--contest <id>] [--calibration <jobId>] [--scenarios N] [--lineups N] [--optimize JSON]
  submit simulate  --slate <id> --calibration <jobId> [--scenarios N]
  submit ownership --slate <id> --simulation <jobId>
  submit optimize  --slate <id> --simulation <jobId> [--ownership <jobId>] [--lineups N] [--objective MEAN|CVAR|...]
         every submit: [--seed N] [--priority HIGH|NORMAL|LOW] [--no-cache] [--no-wait]
  jobs [--status QUEUED|RUNNING|SUCCEEDED|FAILED|CANCELLED] [--kind K] [--first N]
  job <id> [--json]        watch <id>        cancel <id>
  lineups <optimizeJobId|pipelineJobId>
  export <optimizeJobId|pipelineJobId> [-o file.csv]

  --url <url>        GraphQL endpoint (default $DFS_URL or ${DEFAULT_URL})
  --api-key <key>    API key (default $DFS_API_KEY; \`npm start\` prints a dev admin key)
  --token <jwt>      bearer token instead of a key (default $DFS_TOKEN)`;

const COMMANDS: Record<string, (ctx: CommandContext) => Promise<number>> = {
  import: importCommand,
  submit: submitCommand,
  jobs: jobsCommand,
  job: jobCommand,
  watch: watchCommand,
  cancel: cancelCommand,
  export: exportCommand,
  lineups: lineupsCommand,
};

const s = { type: 'string' } as const;
const b = { type: 'boolean' } as const;
const OPTIONS = {
  url: s, 'api-key': s, token: s, help: { type: 'boolean', short: 'h' }, json: b,
  lenient: b, 'dry-run': b, 'race-id': s, race: s, 'slate-id': s, 'lock-time': s, format: s, 'contest-id': s, name: s, 'entry-fee': s, 'field-size': s, 'max-entries': s,
  chunks: s, samples: s, draws: s, warmup: s, chains: s, from: s, through: s, 'train-through': s,
  slate: s, contest: s, calibration: s, 'calibration-input': s, simulation: s, ownership: s, scenarios: s, lineups: s, objective: s, optimize: s, constraints: s,
  seed: s, priority: s, 'no-cache': b, 'no-wait': b, status: s, kind: s, first: s, output: { type: 'string', short: 'o' },
} as const;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let url = env.DFS_URL ?? DEFAULT_URL;
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    url = values.url ?? url;
    const [name, ...args] = positionals;
    if (values.help || !name) {
      (name || values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
      return values.help ? 0 : 2;
    }
    const run = COMMANDS[name];
    if (!run) throw new UsageError(`unknown command "${name}" (dfs --help)`);
    const client = new DfsClient({ url, apiKey: values['api-key'] ?? env.DFS_API_KEY, token: values.token ?? env.DFS_TOKEN });
    return await run({ client, flags: values, args });
  } catch (err) {
    // parseArgs throws TypeErrors with code ERR_PARSE_ARGS_* for unknown/malformed options.
    const usage = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? new UsageError(`${(err as Error).message} (dfs --help)`) : err;
    const { line, code } = oneLine(usage, url);
    process.stderr.write(`${line}\n`);
    return code;
  }
}
