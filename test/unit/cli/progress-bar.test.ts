import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../client/index.js';
import { ProgressBar, formatDuration, renderBar } from '../../../cli/progress-bar.js';

const ev = (fraction: number, over: Partial<JobEvent> = {}): JobEvent => ({ jobId: 'j', type: 'PROGRESS', status: 'RUNNING', terminal: false, at: '2026-01-01T00:00:00Z', progress: { phase: 'sample', done: fraction * 100, total: 100, fraction }, ...over });

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 120, write: (s: string) => writes.push(s) } };
}

describe('renderBar', () => {
  it('fills proportionally, clamps out-of-range and non-finite fractions', () => {
    expect(renderBar(0.5, 10)).toBe('[█████░░░░░]  50%');
    expect(renderBar(1.7, 4)).toBe('[████] 100%');
    expect(renderBar(Number.NaN, 4)).toBe('[░░░░]   0%');
  });
  it('formats durations as s / m:ss', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(125_000)).toBe('2m05s');
  });
});

describe('ProgressBar', () => {
  it('on a pipe prints one line per 10 % step and the terminal line, never carriage returns', () => {
    const { writes, stream } = sink(false);
    const bar = new ProgressBar('ping 1234', stream);
    for (let i = 1; i <= 40; i++) bar.update(ev(i / 40));
    bar.update(ev(1, { type: 'COMPLETED', status: 'SUCCEEDED', terminal: true }));
    expect(writes.every((w) => w.endsWith('\n') && !w.includes('\r'))).toBe(true);
    expect(writes.length).toBeLessThanOrEqual(12);
    expect(writes.length).toBeGreaterThanOrEqual(10);
    expect(writes.at(-1)).toMatch(/^ping 1234 \[█+\] 100% sample SUCCEEDED/);
  });
  it('on a terminal redraws in place and ends the line at the terminal event', () => {
    const { writes, stream } = sink(true);
    const bar = new ProgressBar('x', stream);
    bar.update(ev(0.25));
    bar.update(ev(0.5));
    bar.update(ev(0.5, { type: 'FAILED', status: 'FAILED', terminal: true }));
    expect(writes.slice(0, 3).every((w) => w.startsWith('\r\x1b[2K'))).toBe(true);
    expect(writes[1]).toContain(' 50%');
    expect(writes.at(-1)).toBe('\n');
  });
});
