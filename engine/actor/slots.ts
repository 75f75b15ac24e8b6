/**
 * Concurrency slots with priority hand-off: when a slot frees, the highest-priority waiter gets
 * it (pullers of every priority may each hold one fetched message while they wait).
 */
import type { JobPriority } from '../contract/job-protocol.js';

const RANK: Record<JobPriority, number> = { high: 0, normal: 1, low: 2 };

export class Slots {
  private waiters: Array<{ rank: number; resolve: () => void }> = [];
  private idleWaiters: Array<() => void> = [];
  private inUse = 0;

  constructor(readonly capacity: number) {}

  get busy(): number {
    return this.inUse;
  }

  hasFree(): boolean {
    return this.inUse < this.capacity;
  }

  /** Resolves when some slot is free (does not take it). */
  async waitForFree(): Promise<void> {
    if (this.hasFree()) return;
    await new Promise<void>((r) => this.idleWaiters.push(r));
  }

  async acquire(priority: JobPriority): Promise<void> {
    if (this.inUse < this.capacity && this.waiters.length === 0) {
      this.inUse++;
      return;
    }
    await new Promise<void>((resolve) => {
      this.waiters.push({ rank: RANK[priority], resolve });
      this.waiters.sort((a, b) => a.rank - b.rank);
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) return next.resolve(); // slot passes straight to the waiter
    this.inUse--;
    for (const r of this.idleWaiters.splice(0)) r();
  }
}
