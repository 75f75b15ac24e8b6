/**
 * The outcome of an import, and the strict/lenient decision. Strict (the default): any bad line
 * rejects the whole file with every bad line listed and NOTHING written. Lenient: bad lines are
 * skipped and listed in the report; the good ones are written. Either way a batch is one
 * transaction, so nothing is ever half-written.
 */
import { UserInputError } from '../../errors.js';
import type { ImportIssue, IssueLog } from '../import/issues.js';
import type { WriteStats } from '../write/write-stats.js';

export type ImportKind = 'RESULTS' | 'DK_SALARIES' | 'FD_SALARIES' | 'PAYOUTS';

export interface ImportOptions {
  /** Skip bad lines instead of rejecting the file. @default false */
  readonly lenient?: boolean;
  /** Validate and resolve names, write nothing. @default false */
  readonly dryRun?: boolean;
  /** Rows per write transaction (results; races are never split). @default DEFAULT_BATCH_ROWS */
  readonly batchRows?: number;
}

export const DEFAULT_BATCH_ROWS = 2_000; // ≈ 50 races of 40 cars per transaction
/** Largest import text accepted (bytes of UTF-8). 10 seasons of the combined table are ≈ 3.3 MB. */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

export interface ImportReport {
  readonly kind: ImportKind;
  readonly lenient: boolean;
  readonly dryRun: boolean;
  /** Data lines read (header excluded). */
  readonly rows: number;
  readonly accepted: number;
  readonly skipped: number;
  /** Bad lines (lenient mode), at most MAX_REPORTED_ISSUES of them; `issueCount` counts all. */
  readonly issues: readonly ImportIssue[];
  readonly issueCount: number;
  readonly warnings: readonly ImportIssue[];
  readonly nodesCreated: number;
  readonly nodesDeleted: number;
  readonly relationshipsCreated: number;
  readonly relationshipsDeleted: number;
  /** Existing nodes/relationships whose properties changed. 0 on a re-import of the same file. */
  readonly updated: number;
  readonly batches: number;
  readonly raceIds: readonly string[];
  readonly slateId: string | null;
  readonly contestId: string | null;
  /** Drivers this import created (ids), e.g. rookies or spellings nothing else matched. */
  readonly newDrivers: readonly string[];
  readonly durationMs: number;
}

/** The name codegen maps the GraphQL ImportReport to (a distinct name avoids an import clash). */
export type ImportReportRecord = ImportReport;

const LABEL: Record<ImportKind, string> = { RESULTS: 'results CSV', DK_SALARIES: 'DraftKings salary CSV', FD_SALARIES: 'FanDuel salary CSV', PAYOUTS: 'payout table' };

/**
 * Throws BAD_USER_INPUT (every issue in `extensions.issues`) when the file must be rejected:
 * strict mode with any issue, or any mode when nothing usable is left.
 */
export function rejectIfNeeded(kind: ImportKind, field: string, issues: IssueLog, opts: { lenient: boolean; rows: number; accepted: number; allOrNothing?: boolean }): void {
  if (issues.total === 0) return;
  const fatal = !opts.lenient || opts.accepted === 0 || opts.allOrNothing === true;
  if (!fatal) return;
  const why = opts.lenient && opts.allOrNothing ? ' (a payout table cannot skip tiers, even in lenient mode)' : opts.lenient ? ' (no usable line left)' : '';
  throw new UserInputError(`${LABEL[kind]} rejected: ${issues.badLines} bad line(s)${why}; nothing was written`, field, { issues: issues.items(), issueCount: issues.total, rows: opts.rows });
}

export function checkSize(text: string, field: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_IMPORT_BYTES) throw new UserInputError(`import text is ${(bytes / 1048576).toFixed(1)} MiB, more than the ${MAX_IMPORT_BYTES / 1048576} MiB limit; split the file (e.g. by season)`, field, { bytes, limit: MAX_IMPORT_BYTES });
}

export function makeReport(kind: ImportKind, p: { opts: ImportOptions; rows: number; accepted: number; issues: IssueLog; warnings: IssueLog; stats: WriteStats; batches: number; raceIds?: readonly string[]; slateId?: string | null; contestId?: string | null; newDrivers?: readonly string[]; startedAt: number }): ImportReport {
  return {
    kind,
    lenient: p.opts.lenient ?? false,
    dryRun: p.opts.dryRun ?? false,
    rows: p.rows,
    accepted: p.accepted,
    skipped: p.rows - p.accepted,
    issues: p.issues.items(),
    issueCount: p.issues.total,
    warnings: p.warnings.items(),
    nodesCreated: p.stats.nodesCreated,
    nodesDeleted: p.stats.nodesDeleted,
    relationshipsCreated: p.stats.relationshipsCreated,
    relationshipsDeleted: p.stats.relationshipsDeleted,
    updated: p.stats.updated,
    batches: p.batches,
    raceIds: p.raceIds ?? [],
    slateId: p.slateId ?? null,
    contestId: p.contestId ?? null,
    newDrivers: p.newDrivers ?? [],
    durationMs: Date.now() - p.startedAt,
  };
}
