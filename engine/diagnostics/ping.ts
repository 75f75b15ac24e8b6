/**
 * The `ping` job: a small but real seeded Monte-Carlo computation (estimate π) with progress and
 * cancellation, used to prove the job path end to end and to measure platform latency without
 * depending on data. Same seed → same estimate, whatever the machine.
 */
import type { PingSpec } from '../contract/job-specs.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { EngineError } from '../contract/engine-error.js';
import { substreams } from '../rng/index.js';

export interface PingResult {
  readonly estimate: number;
  readonly samples: number;
  readonly standardError: number;
}

export function runPing(spec: PingSpec, ctx: EngineRunContext): PingResult {
  if (spec.failAttempts > 0 && (ctx.attempt ?? 1) <= spec.failAttempts) {
    throw new EngineError(spec.failType, `injected ${spec.failType} fault on attempt ${ctx.attempt ?? 1} of ${spec.failAttempts}`);
  }
  const per = Math.floor(spec.samples / spec.chunks);
  const streams = substreams(ctx.seed, spec.chunks);
  let inside = 0;
  let drawn = 0;
  for (let c = 0; c < spec.chunks; c++) {
    if (ctx.isCancelled()) throw new EngineError('CANCELLED', 'ping cancelled');
    const rng = streams[c]!;
    const n = c === spec.chunks - 1 ? spec.samples - drawn : per;
    for (let i = 0; i < n; i++) {
      const x = rng.nextDouble();
      const y = rng.nextDouble();
      if (x * x + y * y < 1) inside++;
    }
    drawn += n;
    ctx.progress({ phase: 'sampling', done: drawn, total: spec.samples, metrics: { estimate: (4 * inside) / drawn } });
  }
  const p = inside / drawn;
  return { estimate: 4 * p, samples: drawn, standardError: 4 * Math.sqrt((p * (1 - p)) / drawn) };
}
