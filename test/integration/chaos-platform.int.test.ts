/**
 * Chaos, small counts (issue 11): the `npm run chaos` scenarios sized for CI — 3 actor SIGKILLs
 * mid-job, an API restart under 4 subscribers, a NATS restart with 5 queued jobs, and a Neo4j
 * stop/start (a private instance). Each returns the guarantees it saw violated; none may be.
 */
import { describe, expect, inject, it } from 'vitest';
import { killActorsMidJob, restartApiWithSubscribers, restartNatsWithQueuedJobs, stopNeo4j } from '../../chaos/scenarios.js';

const svc = () => ({ natsUrl: inject('natsUrl'), neo4jUri: inject('neo4jUri') });

describe('chaos (small counts)', () => {
  it('3 actor SIGKILLs mid-job: every job finishes exactly once', async () => {
    const r = await killActorsMidJob(svc(), 3);
    console.log(`[chaos] ${r.scenario} ${JSON.stringify(r.counts)}`);
    expect(r.violations).toEqual([]);
    expect(r.counts.attempts).toBeGreaterThanOrEqual(6); // each killed job ran at least twice
  }, 240_000);

  it('API restart: connected subscribers resume and see one terminal event', async () => {
    const r = await restartApiWithSubscribers(svc(), 4);
    console.log(`[chaos] ${r.scenario} ${JSON.stringify(r.counts)}`);
    expect(r.violations).toEqual([]);
    expect(r.counts.reconnects).toBeGreaterThanOrEqual(4);
  }, 180_000);

  it('NATS restart with queued jobs loses none', async () => {
    const r = await restartNatsWithQueuedJobs(svc(), 5);
    console.log(`[chaos] ${r.scenario} ${JSON.stringify(r.counts)}`);
    expect(r.violations).toEqual([]);
  }, 180_000);

  it('Neo4j stop: /ready 503 naming neo4j, UNAVAILABLE errors, recovery without an API restart', async () => {
    const r = await stopNeo4j(svc());
    console.log(`[chaos] ${r.scenario} ${JSON.stringify(r.counts)}`);
    expect(r.violations).toEqual([]);
    expect(r.counts.unavailableAnswers).toBe(5);
  }, 600_000);
});
