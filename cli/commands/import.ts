/**
 * `dfs import results|dk-salaries|fd-salaries|payouts <file> [--lenient] [--dry-run] ...`: the
 * file goes to the API's import mutation (scripts/import-client.ts, shared with `npm run import`
 * and the seed). A rejected file lists every bad line on stderr, one per line, exit 1.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { IMPORT_COMMANDS, ImportRejectedError, type ImportCall, type ImportCommand, type ImportReport } from '../../scripts/import-client.js';
import { UsageError, num, str, type CommandContext } from '../context.js';

function printReport(r: ImportReport): void {
  const what = [r.raceIds.length ? `${r.raceIds.length} race(s)` : '', r.slateId ? `slate ${r.slateId}` : '', r.contestId ? `contest ${r.contestId}` : ''].filter(Boolean).join(', ');
  const out = [
    `${r.dryRun ? 'validated (dry run)' : 'imported'} ${r.kind}: ${r.accepted}/${r.rows} rows${what ? ` → ${what}` : ''} in ${(r.durationMs / 1000).toFixed(1)} s`,
    `  created ${r.nodesCreated} nodes, ${r.relationshipsCreated} relationships; updated ${r.updated}`,
    ...(r.newDrivers.length ? [`  new drivers: ${r.newDrivers.join(', ')}`] : []),
    ...r.issues.map((i) => `  skipped line ${i.line}${i.column ? ` [${i.column}]` : ''}: ${i.reason}`),
    ...(r.issueCount > r.issues.length ? [`  ... and ${r.issueCount - r.issues.length} more issue(s)`] : []),
    ...r.warnings.map((w) => `  warning line ${w.line}${w.column ? ` [${w.column}]` : ''}: ${w.reason}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

export async function importCommand(ctx: CommandContext): Promise<number> {
  const [command, file] = ctx.args;
  if (!IMPORT_COMMANDS.includes(command as ImportCommand) || !file) throw new UsageError(`dfs import <${IMPORT_COMMANDS.join('|')}> <file> [--lenient] [--dry-run]`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const f = ctx.flags;
  let race: NonNullable<ImportCall['slate']>['race'];
  const raceFlag = str(f, 'race');
  if (raceFlag) {
    const [season, round, date, track, laps] = raceFlag.split(':');
    if (!season || !round || !date || !track) throw new UsageError('--race must be <season>:<round>:<YYYY-MM-DD>:<track>[:<laps>]');
    race = { season: Number(season), round: Number(round), date, track, laps: laps ? Number(laps) : null };
  }
  const format = (str(f, 'format') ?? (extname(file).toLowerCase() === '.json' ? 'json' : 'csv')).toUpperCase();
  if (format !== 'CSV' && format !== 'JSON') throw new UsageError('--format must be csv or json');
  const call: ImportCall = {
    command: command as ImportCommand,
    text,
    lenient: f.lenient === true,
    dryRun: f['dry-run'] === true,
    slate: { raceId: str(f, 'race-id'), race, slateId: str(f, 'slate-id'), lockTime: str(f, 'lock-time') },
    payouts: { format, contestId: str(f, 'contest-id'), slateId: str(f, 'slate-id'), name: str(f, 'name'), entryFee: num(f, 'entry-fee'), fieldSize: num(f, 'field-size'), maxEntries: num(f, 'max-entries') },
  };
  try {
    printReport(await ctx.client.imports(call));
    return 0;
  } catch (err) {
    if (!(err instanceof ImportRejectedError)) throw err;
    const lines = [`${file}: ${err.message}`, ...err.issues.map((i) => `  line ${i.line}${i.column ? ` [${i.column}]` : ''}: ${i.reason}`)];
    if (err.issueCount > err.issues.length) lines.push(`  ... and ${err.issueCount - err.issues.length} more`);
    if (!call.lenient) lines.push('  (nothing was written; fix these lines, or pass --lenient to skip them)');
    process.stderr.write(`${lines.join('\n')}\n`);
    return 1;
  }
}
