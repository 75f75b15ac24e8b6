/**
 * importPayouts: a contest (entry fee, field size, max entries) and its payout table, bound to a
 * slate. Metadata comes from the JSON document and/or the mutation input (input wins). One
 * transaction; tiers dropped from a corrected table are deleted.
 */
import { UserInputError } from '../../errors.js';
import { IssueLog } from '../import/issues.js';
import { checkPayoutTable, readPayoutCsv, readPayoutJson, type ContestMeta } from '../import/payout-file.js';
import { nameKey } from '../names/normalise.js';
import { slateSite } from '../read/race-lookup.js';
import { RacingGraphWriter } from '../write/graph-writer.js';
import { emptyStats } from '../write/write-stats.js';
import { int } from './entity-params.js';
import { checkSize, makeReport, rejectIfNeeded, type ImportOptions, type ImportReport } from './import-report.js';
import type { ImportDeps } from './results-import.js';

export interface PayoutsInput extends ContestMeta {
  readonly format: 'CSV' | 'JSON';
  readonly text: string;
}

const ID = /^[a-z0-9][a-z0-9_-]{0,99}$/;

export async function importPayouts(deps: ImportDeps, input: PayoutsInput, opts: ImportOptions = {}): Promise<ImportReport> {
  const startedAt = Date.now();
  checkSize(input.text, 'input.text');
  const issues = new IssueLog();
  const warnings = new IssueLog();
  const json = input.format === 'JSON';
  const file = json ? readPayoutJson(input.text, issues) : readPayoutCsv(input.text, issues);
  const pick = <K extends keyof ContestMeta>(k: K) => input[k] ?? file.meta[k] ?? null;
  const meta = { contestId: pick('contestId'), name: pick('name'), slateId: pick('slateId'), entryFee: pick('entryFee'), fieldSize: pick('fieldSize'), maxEntries: pick('maxEntries') };

  if (!meta.slateId) throw new UserInputError('slateId is required (in the input or the JSON document)', 'input.slateId');
  if (!meta.name && !meta.contestId) throw new UserInputError('name or contestId is required', 'input.name');
  if (meta.entryFee === null || !(meta.entryFee >= 0) || meta.entryFee > 100_000) throw new UserInputError('entryFee must be a number of dollars, 0..100,000', 'input.entryFee');
  if (meta.fieldSize === null || !Number.isInteger(meta.fieldSize) || meta.fieldSize < 2 || meta.fieldSize > 10_000_000) throw new UserInputError('fieldSize must be a whole number, 2..10,000,000', 'input.fieldSize');
  if (meta.maxEntries === null || !Number.isInteger(meta.maxEntries) || meta.maxEntries < 1 || meta.maxEntries > meta.fieldSize) throw new UserInputError(`maxEntries must be a whole number, 1..fieldSize (${meta.fieldSize})`, 'input.maxEntries');
  const contestId = meta.contestId ?? `${meta.slateId}-${nameKey(meta.name!)}`;
  if (!ID.test(contestId)) throw new UserInputError(`contestId '${contestId}' must be lower-case letters, digits, '-' or '_'`, 'input.contestId');
  const site = await slateSite(deps.driver, deps.database, meta.slateId);
  if (!site) throw new UserInputError(`slate '${meta.slateId}' not found: import its salaries first`, 'input.slateId');

  const tiers = checkPayoutTable(file, meta.fieldSize, meta.entryFee, issues, warnings, json);
  rejectIfNeeded('PAYOUTS', 'input.text', issues, { lenient: opts.lenient ?? false, rows: file.total, accepted: file.total - issues.badLines, allOrNothing: true });

  const contest = { id: contestId, props: { name: meta.name ?? contestId, site, entryFee: meta.entryFee, fieldSize: int(meta.fieldSize), maxEntries: int(meta.maxEntries) } };
  const tierRows = tiers.map((t) => ({ id: `${contestId}#${t.fromRank}`, props: { fromRank: int(t.fromRank), toRank: int(t.toRank), prize: t.prize } }));
  const stats = opts.dryRun ? emptyStats() : await new RacingGraphWriter(deps.driver, deps.database).writeContest({ contest, slateId: meta.slateId, tiers: tierRows });
  return makeReport('PAYOUTS', { opts, rows: file.total, accepted: tiers.length, issues, warnings, stats, batches: opts.dryRun ? 0 : 1, slateId: meta.slateId, contestId, startedAt });
}
