/** Output of every job computation: a small summary (on the Job node, in the terminal event) and the full result. */
export interface JobOutput {
  readonly summary: Record<string, unknown>;
  readonly result: unknown;
}
