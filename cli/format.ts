/** Plain-text tables and value formatting for the CLI's stdout (no colours: output is often piped). */

export function table(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A held-out metric as "mean ± se": the API stores either {value, se} estimates or plain numbers. */
export function estimate(v: unknown, digits = 1): string {
  if (typeof v === 'number') return v.toFixed(digits);
  if (v && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'number') {
    const e = v as { value: number; se?: number };
    return typeof e.se === 'number' ? `${e.value.toFixed(digits)} ± ${e.se.toFixed(digits)}` : e.value.toFixed(digits);
  }
  return '-';
}

export function money(n: number): string {
  return `$${n.toLocaleString('en-US')}`;
}

export function shortTime(iso: string | null | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '-';
}
