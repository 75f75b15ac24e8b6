/**
 * `npm run import -- <results|dk-salaries|fd-salaries|payouts> <file> [options]`
 * Sends the file to the running API's import mutation (never to Neo4j) and prints the report,
 * or every bad line when the file is rejected. Exit codes: 0 imported, 1 rejected or failed,
 * 2 usage. Credentials: --api-key / DFS_API_KEY (x-api-key) or --token / DFS_TOKEN (Bearer);
 * `npm start` prints a development admin key.
 *
 *   npm run import -- results ../shared/data/combined_cup_2015_2025/cup_driver_races_2015_2025.csv --lenient
 *   npm run import -- dk-salaries DKSalaries.csv --race-id cup-2026-08
 *   npm run import -- payouts seed/example-contest.json
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_API_URL, IMPORT_COMMANDS, ImportCallError, ImportRejectedError, importOverGraphql, type ImportCall, type ImportCommand, type ImportReport } from './import-client.js';

const USAGE = `usage: npm run import -- <${IMPORT_COMMANDS.join('|')}> <file> [options]
  --url <url>            GraphQL endpoint (default ${DEFAULT_API_URL})
  --api-key <key>        API key (default $DFS_API_KEY); or --token <jwt> (default $DFS_TOKEN)
  --lenient              skip bad lines instead of rejecting the file
  --dry-run              validate only
 salaries:  --race-id <id> | --race <season>:<round>:<YYYY-MM-DD>:<track>[:<laps>]  --slate-id <id>  --lock-time <ISO>
 payouts:   --format csv|json (default from the extension)  --contest-id --slate-id --name --entry-fee --field-size --max-entries`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function printReport(r: ImportReport): void {
  const what = [r.raceIds.length ? `${r.raceIds.length} race(s)` : '', r.slateId ? `slate ${r.slateId}` : '', r.contestId ? `contest ${r.contestId}` : ''].filter(Boolean).join(', ');
  console.log(`${r.dryRun ? 'validated (dry run)' : 'imported'} ${r.kind}: ${r.accepted}/${r.rows} rows${what ? ` → ${what}` : ''} in ${(r.durationMs / 1000).toFixed(1)} s`);
  console.log(`  created ${r.nodesCreated} nodes, ${r.relationshipsCreated} relationships; updated ${r.updated}; deleted ${r.nodesDeleted} nodes, ${r.relationshipsDeleted} relationships; ${r.batches} transaction(s)`);
  if (r.newDrivers.length) console.log(`  new drivers: ${r.newDrivers.join(', ')}`);
  for (const i of r.issues) console.log(`  skipped line ${i.line}${i.column ? ` [${i.column}]` : ''}: ${i.reason}`);
  if (r.issueCount > r.issues.length) console.log(`  ... and ${r.issueCount - r.issues.length} more issue(s)`);
  for (const w of r.warnings) console.log(`  warning line ${w.line}${w.column ? ` [${w.column}]` : ''}: ${w.reason}`);
}

async function main(): Promise<void> {
  const { values: o, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      'api-key': { type: 'string' },
      token: { type: 'string' },
      lenient: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'race-id': { type: 'string' },
      race: { type: 'string' },
      'slate-id': { type: 'string' },
      'lock-time': { type: 'string' },
      format: { type: 'string' },
      'contest-id': { type: 'string' },
      name: { type: 'string' },
      'entry-fee': { type: 'string' },
      'field-size': { type: 'string' },
      'max-entries': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (o.help) fail(USAGE, 0);
  const [command, file] = positionals;
  if (!IMPORT_COMMANDS.includes(command as ImportCommand) || !file) fail(USAGE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    fail(`cannot read ${file}: ${(err as Error).message}`, 1);
  }
  const num = (v: string | undefined, flag: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) fail(`--${flag} must be a number`);
    return n;
  };
  let race: NonNullable<ImportCall['slate']>['race'];
  if (o.race) {
    const [season, round, date, track, laps] = o.race.split(':');
    if (!season || !round || !date || !track) fail('--race must be <season>:<round>:<YYYY-MM-DD>:<track>[:<laps>]');
    race = { season: Number(season), round: Number(round), date, track, laps: laps ? Number(laps) : null };
  }
  const format = (o.format ?? (extname(file).toLowerCase() === '.json' ? 'json' : 'csv')).toUpperCase();
  if (format !== 'CSV' && format !== 'JSON') fail('--format must be csv or json');
  const call: ImportCall = {
    command: command as ImportCommand,
    text,
    lenient: o.lenient,
    dryRun: o['dry-run'],
    slate: { raceId: o['race-id'], race, slateId: o['slate-id'], lockTime: o['lock-time'] },
    payouts: { format, contestId: o['contest-id'], slateId: o['slate-id'], name: o.name, entryFee: num(o['entry-fee'], 'entry-fee'), fieldSize: num(o['field-size'], 'field-size'), maxEntries: num(o['max-entries'], 'max-entries') },
  };
  try {
    printReport(await importOverGraphql(call, { url: o.url ?? DEFAULT_API_URL, apiKey: o['api-key'] ?? process.env.DFS_API_KEY, token: o.token ?? process.env.DFS_TOKEN }));
  } catch (err) {
    if (err instanceof ImportRejectedError) {
      console.error(`${err.message}`);
      for (const i of err.issues) console.error(`  line ${i.line}${i.column ? ` [${i.column}]` : ''}: ${i.reason}`);
      if (err.issueCount > err.issues.length) console.error(`  ... and ${err.issueCount - err.issues.length} more`);
      process.exit(1);
    }
    if (err instanceof ImportCallError) fail(`import failed (${err.code}): ${err.message}`, 1);
    throw err;
  }
}

void main();
