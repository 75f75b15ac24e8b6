/** One printed benchmark figure. `setup` says what was measured so numbers are reproducible. */
export interface BenchRow {
  readonly suite: string; // e.g. 'mcmc', 'race-sim', 'lineup', 'api'
  readonly case: string; // e.g. 'PL 40x30, 4 chains x (1000+1000)'
  readonly metric: string; // e.g. 'wall', 'ESS/s', 'scenarios/s/core'
  readonly value: number;
  readonly unit: string; // 's', 'ms', '/s', 'ratio', ''
  readonly target?: string; // e.g. '< 1 s'
  readonly pass?: boolean; // target met (when there is a target)
  readonly setup?: string;
}

/** A bench module exports `run(): Promise<BenchRow[]>`. `quick` shrinks sizes for CI smoke runs. */
export type BenchSuite = (opts: { quick: boolean }) => Promise<BenchRow[]>;
