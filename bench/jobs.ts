/**
 * Job platform benchmark: submit → first event latency, jobs/s throughput, and subscription
 * fan-out (N graphql-ws clients on one job: delivery lag of each event = receive time − event
 * time). Real API + actor processes + NATS + Neo4j on loopback.
 */
import { JobProgressDocument, SubmitPingDocument } from '../client/__generated__/operations.js';
import { collect, gql, wsClient } from '../test/support/graphql-client.js';
import { launchStack } from '../test/support/stack-core.js';
import { waitFor } from '../test/support/wait.js';
import { benchServices } from './support/services.js';
import { nowMs, summarize } from './support/stats.js';
import type { BenchRow, BenchSuite } from './types.js';

export const run: BenchSuite = async ({ quick }) => {
  const svc = await benchServices();
  const stack = await launchStack({ natsUrl: svc.natsUrl, neo4jUri: svc.neo4jUri, actors: 1, env: { LOG_LEVEL: 'error', ACTOR_CONCURRENCY: '2', PROGRESS_INTERVAL_MS: '50' } });
  const rows: BenchRow[] = [];
  try {
    // 1. submit → first event (the STATE event is synthetic, so wait for the actor's STARTED/PROGRESS).
    const latencies: number[] = [];
    for (let i = 0; i < (quick ? 10 : 50); i++) {
      const client = wsClient(stack.wsUrl);
      const t0 = nowMs();
      const id = (await gql(stack.url, SubmitPingDocument, { input: { samples: 1_000 } })).data!.submitPing.id;
      let first = 0;
      await collect(client, JobProgressDocument, { jobId: id }, (e) => {
        if (!first && e.jobProgress.type !== 'STATE') first = nowMs();
      });
      latencies.push(first - t0);
      await client.dispose();
    }
    const lat = summarize(latencies);
    const setup = '1 actor (concurrency 2), ping 1k samples, sequential, loopback';
    rows.push({ suite: 'jobs', case: 'submit → first actor event', metric: 'p50', value: lat.p50, unit: 'ms', setup });
    rows.push({ suite: 'jobs', case: 'submit → first actor event', metric: 'p99', value: lat.p99, unit: 'ms', setup });

    // 2. throughput: N tiny jobs submitted at once, until all SUCCEEDED.
    const n = quick ? 30 : 200;
    const t0 = nowMs();
    const ids = await Promise.all(Array.from({ length: n }, () => gql(stack.url, SubmitPingDocument, { input: { samples: 1_000 } }).then((r) => r.data!.submitPing.id)));
    await waitFor(async () => {
      const { records } = await stack.api.driver.executeQuery(`MATCH (j:Job) WHERE j.id IN $ids AND j.status = 'SUCCEEDED' RETURN count(j) AS n`, { ids });
      return Number(records[0]!.get('n')) === n;
    }, 'all jobs', 300_000, 50);
    rows.push({ suite: 'jobs', case: `${n} ping jobs submitted at once`, metric: 'throughput', value: n / ((nowMs() - t0) / 1000), unit: 'jobs/s', setup: '1 actor process, concurrency 2 (2 long-lived job threads)' });

    // 3. fan-out: C clients watch one job with ~40 progress events.
    const clients = quick ? 100 : 1000;
    const id = (await gql(stack.url, SubmitPingDocument, { input: { samples: 30_000_000, chunks: 400 } })).data!.submitPing.id;
    const lags: number[] = [];
    const subs = Array.from({ length: clients }, () => {
      const c = wsClient(stack.wsUrl);
      return collect(c, JobProgressDocument, { jobId: id }, (e) => {
        if (e.jobProgress.type === 'PROGRESS') lags.push(Date.now() - Date.parse(e.jobProgress.at));
      }).finally(() => void c.dispose());
    });
    await Promise.all(subs);
    const lag = summarize(lags);
    rows.push({ suite: 'jobs', case: `fan-out: ${clients} subscribers on one job`, metric: 'p99 lag', value: lag.p99, unit: 'ms', setup: `${lag.n} progress deliveries; lag = receive − event time` });
    rows.push({ suite: 'jobs', case: `fan-out: ${clients} subscribers on one job`, metric: 'p50 lag', value: lag.p50, unit: 'ms' });
  } finally {
    await stack.stop();
    await svc.release();
  }
  return rows;
};
