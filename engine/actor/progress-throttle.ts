/**
 * Emits progress at most every `intervalMs` AND only after `minFraction` more work, whichever
 * comes later (STYLE.md #3), except the first update and completion, which always pass.
 */
import type { ProgressUpdate } from '../contract/run-context.js';

export interface ThrottleOptions {
  readonly intervalMs: number;
  readonly minFraction: number;
  readonly now?: () => number;
}

export function progressThrottle(opts: ThrottleOptions, emit: (u: ProgressUpdate & { fraction: number }) => void): (u: ProgressUpdate) => void {
  const now = opts.now ?? Date.now;
  let lastAt = -Infinity;
  let lastFraction = -Infinity;
  let lastPhase = '';
  return (u) => {
    const fraction = u.total > 0 ? Math.min(1, Math.max(0, u.done / u.total)) : 0;
    const t = now();
    const phaseChanged = u.phase !== lastPhase;
    const complete = fraction >= 1 && lastFraction < 1;
    if (!phaseChanged && !complete && (t - lastAt < opts.intervalMs || fraction - lastFraction < opts.minFraction)) return;
    lastAt = t;
    lastFraction = phaseChanged ? fraction : Math.max(lastFraction, fraction);
    lastPhase = u.phase;
    emit({ ...u, fraction });
  };
}
