/**
 * A stack loaded with the real data the engine tests run on: 2024 Cup results, the real Bristol
 * 2026 DraftKings slate and the example contest's payouts, imported over GraphQL as an admin.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importOverGraphql } from '../../scripts/import-client.js';
import { REPO_ROOT } from '../../scripts/local-services.js';
import { BRISTOL_2026, bristolDkSalariesCsv, realResultsCsv } from '../../scripts/seed-sources.js';
import { startStack, type Stack } from './stack.js';

/** The slate id the Bristol 2026 import creates. */
export const BRISTOL_SLATE = 'dk-cup-2026-08';

export async function startStackWithRealSlate(actors: number): Promise<{ stack: Stack; contestId: string }> {
  const stack = await startStack({ actors, env: { MAX_BODY_BYTES: String(10 * 1024 * 1024) } });
  const client = { url: stack.url, token: await stack.token(`admin-${stack.prefix}`, { roles: ['user', 'admin'] }) };
  await importOverGraphql({ command: 'results', text: realResultsCsv([2024]) }, client);
  await importOverGraphql({ command: 'dk-salaries', text: bristolDkSalariesCsv(), slate: { race: { ...BRISTOL_2026 } } }, client);
  const contest = await importOverGraphql({ command: 'payouts', text: readFileSync(resolve(REPO_ROOT, 'seed/example-contest.json'), 'utf8'), payouts: { format: 'JSON' } }, client);
  return { stack, contestId: contest.contestId! };
}
