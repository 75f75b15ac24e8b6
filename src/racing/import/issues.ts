/**
 * What an import reports about bad input: every problem names its line (1-based, the header is
 * line 1), the column when one is to blame, and a reason a person can act on.
 */

export interface ImportIssue {
  readonly line: number;
  /** Column name as written in the file's header (null for whole-line or whole-file problems). */
  readonly column: string | null;
  readonly reason: string;
}

/**
 * Responses list at most this many issues (a 6 MB file of garbage would otherwise produce a
 * response larger than the file); `total` still counts all of them.
 */
export const MAX_REPORTED_ISSUES = 1_000;

export class IssueLog {
  private readonly list: ImportIssue[] = [];
  private readonly lines = new Set<number>();
  private count = 0;

  constructor(private readonly max = MAX_REPORTED_ISSUES) {}

  add(line: number, column: string | null, reason: string): void {
    this.count++;
    this.lines.add(line);
    if (this.list.length < this.max) this.list.push({ line, column, reason });
  }

  /** True when `line` has at least one issue (the row is bad). */
  has(line: number): boolean {
    return this.lines.has(line);
  }

  get total(): number {
    return this.count;
  }

  /** Number of distinct bad lines. */
  get badLines(): number {
    return this.lines.size;
  }

  /** Sorted by line, then column, for stable reports. */
  items(): ImportIssue[] {
    return [...this.list].sort((a, b) => a.line - b.line || (a.column ?? '').localeCompare(b.column ?? ''));
  }
}
