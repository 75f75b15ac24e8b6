/**
 * What an engine computation receives from whoever runs it (actor, test, bench, CLI).
 * Engine functions are synchronous or async maths; they report progress through `progress`
 * (the runner throttles — call it as often as convenient, e.g. every iteration batch) and
 * poll `isCancelled()` between steps, throwing EngineError('CANCELLED') when it is true.
 */

export interface ProgressUpdate {
  /** Phase name, e.g. 'warmup' | 'sampling' | 'simulating' | 'enumerating' | 'portfolio'. */
  readonly phase: string;
  readonly done: number;
  readonly total: number;
  /** Small numeric metrics worth streaming (running R-hat, best score so far, chain index...). */
  readonly metrics?: Readonly<Record<string, number>>;
}

export interface EngineRunContext {
  /** The stored seed of this run. Derive every random stream from it (engine/rng). */
  readonly seed: number;
  /** Delivery attempt (1 = first). Results must not depend on it; used for fault injection/logs. */
  readonly attempt?: number;
  progress(update: ProgressUpdate): void;
  isCancelled(): boolean;
}

/** A context for tests, benches and the CLI: no progress sink, never cancelled. */
export function quietContext(seed: number, onProgress?: (u: ProgressUpdate) => void): EngineRunContext {
  return { seed, progress: onProgress ?? (() => {}), isCancelled: () => false };
}
