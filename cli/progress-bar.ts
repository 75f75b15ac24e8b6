/**
 * A live progress bar on stderr fed by job events (plain ANSI, no dependency). On a terminal it
 * redraws one line in place; when stderr is a pipe or file (CI, tests) it prints a line per
 * 10 % step instead, so logs stay readable and the progress is still visible.
 */
import type { JobEvent } from '../client/index.js';

export interface BarStream {
  write(s: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const WIDTH = 28;

export function renderBar(fraction: number, width = WIDTH): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${(f * 100).toFixed(0).padStart(3)}%`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export class ProgressBar {
  private lastStep = -1;
  private drawn = false;
  private readonly t0 = Date.now();

  constructor(
    private readonly label: string,
    private readonly out: BarStream = process.stderr,
  ) {}

  update(e: JobEvent): void {
    const fraction = e.terminal && e.status === 'SUCCEEDED' ? 1 : (e.progress?.fraction ?? 0);
    const phase = e.progress?.phase ?? e.status.toLowerCase();
    const line = `${this.label} ${renderBar(fraction)} ${phase} ${e.status} ${formatDuration(Date.now() - this.t0)}`;
    if (this.out.isTTY) {
      const max = (this.out.columns ?? 100) - 1;
      this.out.write(`\r\x1b[2K${line.slice(0, max)}`);
      this.drawn = true;
      if (e.terminal) this.done();
      return;
    }
    const step = Math.floor(fraction * 10);
    if (step > this.lastStep || e.terminal || e.type === 'STARTED') {
      this.lastStep = Math.max(this.lastStep, step);
      this.out.write(`${line}\n`);
    }
  }

  note(text: string): void {
    if (this.drawn) this.out.write('\r\x1b[2K');
    this.out.write(`${text}\n`);
  }

  done(): void {
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}
