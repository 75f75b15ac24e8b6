import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { dropWhenGone } from '../../../engine/worker/spawn-worker.js';

describe('dropWhenGone', () => {
  it('removes an idle worker that throws or exits, without an unhandled error', async () => {
    const crashing = new Worker('throw new Error("boom")', { eval: true });
    const exiting = new Worker('process.exit(3)', { eval: true });
    const idle = new Worker('setInterval(() => {}, 1000)', { eval: true });
    const list = [crashing, exiting, idle];
    for (const w of list.slice()) dropWhenGone(list, w);
    await Promise.all([new Promise((r) => crashing.once('exit', r)), new Promise((r) => exiting.once('exit', r))]);
    expect(list).toEqual([idle]);
    await idle.terminate();
    expect(list).toEqual([]);
  });
});
