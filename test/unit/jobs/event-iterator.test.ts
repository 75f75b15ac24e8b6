import { describe, expect, it } from 'vitest';
import { eventStream, type EventStreamSpec } from '../../../src/graphql/jobs/event-iterator.js';
import { AsyncQueue } from '../../../src/jobs/async-queue.js';

/** A source like the hub's: a queue that counts the listeners attached to it. */
function hubLike() {
  let listeners = 0;
  const queue = () => {
    listeners++;
    let released = false;
    return new AsyncQueue<number>(() => {
      if (!released) listeners--;
      released = true;
    });
  };
  return { queue, listeners: () => listeners };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
type Ev = { n: number; last: boolean };
const spec = (source: AsyncQueue<number> | null, first: Ev[] = []): EventStreamSpec<number, Ev> => ({
  open: async () => ({ first, source }),
  map: (n) => ({ n, last: n < 0 }),
  isLast: (e) => e.last,
});

describe('eventStream (subscription iterator)', () => {
  it('return() while a next() is pending resolves it done and releases the source at once', async () => {
    const hub = hubLike();
    const src = hub.queue();
    const it = eventStream(spec(src, [{ n: 0, last: false }]));
    expect(await it.next()).toEqual({ value: { n: 0, last: false }, done: false });
    const pending = it.next();
    await tick();
    expect(it.pending).toBe(1);
    expect(hub.listeners()).toBe(1);
    // No event ever arrives: return() must not wait for one (the async-generator bug).
    await expect(it.return()).resolves.toEqual({ value: undefined, done: true });
    expect(hub.listeners()).toBe(0);
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    expect(it.pending).toBe(0);
    // An event pushed after return() is never delivered.
    src.push(7);
    await expect(it.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('throw() releases the source too, settles pending next() done, and rejects with the error', async () => {
    const hub = hubLike();
    const it = eventStream(spec(hub.queue()));
    const pending = it.next();
    await tick();
    await expect(it.throw(new Error('boom'))).rejects.toThrow('boom');
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    expect(hub.listeners()).toBe(0);
  });

  it('first values, then mapped live events in order, and ends (releasing the source) after the last one', async () => {
    const hub = hubLike();
    const src = hub.queue();
    const it = eventStream(spec(src, [{ n: 0, last: false }]));
    const a = it.next();
    const b = it.next(); // concurrent next() calls keep the order
    const c = it.next();
    src.push(1);
    src.push(-1); // terminal
    src.push(2); // after terminal: never sent
    expect(await Promise.all([a, b, c])).toEqual([
      { value: { n: 0, last: false }, done: false },
      { value: { n: 1, last: false }, done: false },
      { value: { n: -1, last: true }, done: false },
    ]);
    expect(hub.listeners()).toBe(0);
    await expect(it.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('a terminal first value ends the stream without a source', async () => {
    const it = eventStream(spec(null, [{ n: -5, last: true }]));
    expect([await it.next(), await it.next()]).toEqual([
      { value: { n: -5, last: true }, done: false },
      { value: undefined, done: true },
    ]);
  });

  it('opens lazily on the first next(); an open() error rejects that next() and later ones are done', async () => {
    let opened = 0;
    const it = eventStream<number, Ev>({
      open: async () => {
        opened++;
        throw new Error('NOT_FOUND');
      },
      map: (n) => ({ n, last: false }),
    });
    expect(opened).toBe(0);
    await expect(it.next()).rejects.toThrow('NOT_FOUND');
    await expect(it.next()).resolves.toEqual({ value: undefined, done: true });
    expect(opened).toBe(1);
  });

  it('return() while open() is in flight releases the source open() then hands back', async () => {
    const hub = hubLike();
    let finishOpen!: () => void;
    const gate = new Promise<void>((r) => (finishOpen = r));
    const it = eventStream<number, Ev>({
      open: async () => {
        await gate;
        return { source: hub.queue() };
      },
      map: (n) => ({ n, last: false }),
    });
    const pending = it.next();
    await it.return();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    finishOpen();
    await tick();
    await tick();
    expect(hub.listeners()).toBe(0);
  });

  it('a source error rejects next() and releases the source', async () => {
    const hub = hubLike();
    const src = hub.queue();
    const it = eventStream(spec(src));
    const pending = it.next();
    await tick();
    src.fail(new Error('stream failed'));
    await expect(pending).rejects.toThrow('stream failed');
    expect(hub.listeners()).toBe(0);
  });

  it('many subscribe/complete cycles leave no listener behind', async () => {
    const hub = hubLike();
    let opened = 0;
    for (let i = 0; i < 100; i++) {
      // Like the resolvers: the listener is attached inside open(), on the first next().
      const it = eventStream<number, Ev>({ open: async () => (opened++, { source: hub.queue() }), map: (n) => ({ n, last: false }) });
      const p = it.next();
      if (i % 2) await tick(); // half complete before open() ran, half while waiting for an event
      await it.return();
      await p;
    }
    await tick();
    expect(opened).toBe(50);
    expect(hub.listeners()).toBe(0);
  });
});
