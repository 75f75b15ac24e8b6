/**
 * `npm run seed [-- --url <graphql url> --api-key <key> --data <shared data dir>]`
 * Loads a realistic sample into the running API (start it with `npm start`): Cup results
 * 2022–2025 (one import per season, so each season is one file with its own report), the real
 * DraftKings Bristol 2026 slate, and the example contest payout table of seed/example-contest.json.
 * Everything goes through the GraphQL import mutations, so the seed is idempotent: running it
 * again changes nothing. The data is read from ../shared/data (its licences forbid bundling it);
 * when that folder is absent the seed says so and exits 1 without writing anything.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_API_URL, ImportCallError, ImportRejectedError, importOverGraphql, type ClientOptions, type ImportCall } from './import-client.js';
import { REPO_ROOT } from './local-services.js';
import { BRISTOL_2026, MissingDataError, SHARED_DATA, bristolDkSalariesCsv, realResultsCsv } from './seed-sources.js';

const SEED_SEASONS = [2022, 2023, 2024, 2025] as const;
const EXAMPLE_CONTEST = resolve(REPO_ROOT, 'seed/example-contest.json');

const { values: o } = parseArgs({ options: { url: { type: 'string' }, 'api-key': { type: 'string' }, token: { type: 'string' }, data: { type: 'string' } } });
const client: ClientOptions = { url: o.url ?? DEFAULT_API_URL, apiKey: o['api-key'] ?? process.env.DFS_API_KEY, token: o.token ?? process.env.DFS_TOKEN };
const root = o.data ? resolve(o.data) : SHARED_DATA;

async function step(label: string, call: () => ImportCall): Promise<void> {
  const t0 = Date.now();
  const r = await importOverGraphql(call(), client);
  console.log(`[seed] ${label}: ${r.accepted}/${r.rows} rows, +${r.nodesCreated} nodes, +${r.relationshipsCreated} relationships, ${r.updated} updated (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

async function main(): Promise<void> {
  try {
    // Read every source first: a missing file stops the seed before anything is written.
    const results = SEED_SEASONS.map((s) => [s, realResultsCsv([s], root)] as const);
    const dk = bristolDkSalariesCsv(root);
    const contest = readFileSync(EXAMPLE_CONTEST, 'utf8');
    console.log(`[seed] loading Cup ${SEED_SEASONS[0]}–${SEED_SEASONS.at(-1)}, the DraftKings Bristol 2026 slate and an example contest into ${client.url}`);
    for (const [season, csv] of results) await step(`results ${season}`, () => ({ command: 'results', text: csv }));
    await step('DraftKings slate dk-cup-2026-08 (Bristol, 2026-04-12)', () => ({ command: 'dk-salaries', text: dk, slate: { race: { ...BRISTOL_2026 } } }));
    await step('example contest on dk-cup-2026-08', () => ({ command: 'payouts', text: contest, payouts: { format: 'JSON' } }));
    console.log(`[seed] done. Try the IDE at ${client.url!.replace(/\/graphql$/, '/ide/')}: slate(id: "dk-cup-2026-08"), racesConnection, drivers.`);
  } catch (err) {
    if (err instanceof MissingDataError) {
      console.error(`[seed] ${err.message}.\n[seed] The real racing data is not shipped with the product (its licences do not allow it). Put the shared data folder at ${root} (or pass --data <dir>), or import your own files with \`npm run import\`.`);
    } else if (err instanceof ImportRejectedError) {
      console.error(`[seed] ${err.message}`);
      for (const i of err.issues.slice(0, 20)) console.error(`  line ${i.line}${i.column ? ` [${i.column}]` : ''}: ${i.reason}`);
    } else if (err instanceof ImportCallError) {
      console.error(`[seed] ${err.message}${err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN' ? ' (the seed needs an admin: pass --api-key, or set DFS_API_KEY; `npm start` prints a development admin key)' : ''}`);
    } else throw err;
    process.exit(1);
  }
}

void main();
