/**
 * The AsyncIterator behind the job subscriptions, written by hand instead of as an `async function*`.
 *
 * Why: graphql-ws calls `return()` on the client's `complete` (and on socket close). An async
 * generator suspended in `await source.next()` queues that `return()` behind the pending `next()`,
 * so the listener (a JetStream consumer or a NATS subscription) lived until the NEXT event arrived —
 * possibly never — and that event was still sent after the client had completed. Here `return()`
 * and `throw()` release the source at once and settle every pending `next()` with `{ done: true }`.
 */

/** What the iterator pulls from: the progress hub's queues satisfy it. */
export interface EventSource<S> {
  next(): Promise<IteratorResult<S>>;
  return(): Promise<unknown>;
}

export interface EventStreamSpec<S, T> {
  /**
   * Runs on the first `next()` (so its errors reach the client exactly as an event error would):
   * the values to send before the live ones, and the live source (null: end after `first`).
   */
  open(): Promise<{ readonly first?: readonly T[]; readonly source: EventSource<S> | null }>;
  /** Source event → payload. */
  map(event: S): T;
  /** The stream ends after sending a value for which this is true (a terminal job event). */
  isLast?(value: T): boolean;
}

const DONE: IteratorResult<never> = Object.freeze({ value: undefined, done: true });

interface Waiter<T> {
  resolve(r: IteratorResult<T>): void;
  reject(err: unknown): void;
}

export class EventIterator<S, T> implements AsyncIterableIterator<T> {
  private opened = false;
  private finished = false;
  private source: EventSource<S> | null = null;
  private readonly ready: T[] = [];
  /** next() calls not yet settled; return()/throw() settle them all with DONE. */
  private readonly waiters = new Set<Waiter<T>>();
  /** Pulls run one after another, so concurrent next() calls keep the events in order. */
  private pulls: Promise<unknown> = Promise.resolve();

  constructor(private readonly spec: EventStreamSpec<S, T>) {}

  next(): Promise<IteratorResult<T>> {
    if (this.finished) return Promise.resolve(DONE);
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      const waiter: Waiter<T> = { resolve, reject };
      this.waiters.add(waiter);
      this.pulls = this.pulls.then(() => this.pull()).then(
        (r) => {
          if (this.waiters.delete(waiter)) resolve(r);
        },
        (err: unknown) => {
          this.release();
          if (this.waiters.delete(waiter)) reject(err);
        },
      );
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.stop();
    return Promise.resolve(DONE);
  }

  throw(err?: unknown): Promise<IteratorResult<T>> {
    this.stop();
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Number of next() calls still waiting (for tests). */
  get pending(): number {
    return this.waiters.size;
  }

  private stop(): void {
    this.release();
    for (const w of this.waiters) w.resolve(DONE);
    this.waiters.clear();
  }

  /** Ends the stream and lets go of the source; never waits on it (that wait is the bug fixed here). */
  private release(): void {
    if (this.finished) return;
    this.finished = true;
    this.ready.length = 0;
    const source = this.source;
    this.source = null;
    // The hub's queues detach synchronously inside return(); a failure to detach has no reader.
    if (source) void source.return().catch(() => {});
  }

  private async pull(): Promise<IteratorResult<T>> {
    if (this.finished) return DONE;
    if (!this.opened) {
      this.opened = true;
      const { first = [], source } = await this.spec.open();
      if (this.finished) {
        // return() came while opening: the source was never ours to hand out.
        if (source) void source.return().catch(() => {});
        return DONE;
      }
      this.ready.push(...first);
      this.source = source;
    }
    let value: T;
    if (this.ready.length) {
      value = this.ready.shift()!;
    } else {
      if (!this.source) return this.end();
      const r = await this.source.next();
      if (this.finished) return DONE;
      if (r.done) return this.end();
      value = this.spec.map(r.value);
    }
    if (this.spec.isLast?.(value)) this.release();
    return { value, done: false };
  }

  private end(): IteratorResult<T> {
    this.release();
    return DONE;
  }
}

/** The subscription resolvers' entry point: `subscribe: (...) => eventStream({ open, map, isLast })`. */
export function eventStream<S, T>(spec: EventStreamSpec<S, T>): EventIterator<S, T> {
  return new EventIterator(spec);
}
