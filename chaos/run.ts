/**
 * `npm run chaos [-- --kills=20 --subscribers=20 --jobs=20 --only=kill,api,nats,neo4j]`: every
 * chaos scenario on real processes over loopback (the machine's NATS, or NATS_URL; a throw-away
 * Neo4j, or NEO4J_URI; the Neo4j scenario always launches its own). Prints the counts and each
 * violated guarantee; exits 1 if any. Bounded: each scenario has its own timeouts.
 */
import { benchServices } from '../bench/support/services.js';
import { killActorsMidJob, restartApiWithSubscribers, restartNatsWithQueuedJobs, stopNeo4j, type ChaosReport } from './scenarios.js';

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const only = onlyArg ? new Set(onlyArg.split(',')) : null;

const svc = await benchServices();
const reports: ChaosReport[] = [];
const scenarios: Array<[string, () => Promise<ChaosReport>]> = [
  ['kill', () => killActorsMidJob(svc, arg('kills', 20))],
  ['api', () => restartApiWithSubscribers(svc, arg('subscribers', 20))],
  ['nats', () => restartNatsWithQueuedJobs(svc, arg('jobs', 20))],
  ['neo4j', () => stopNeo4j(svc)],
];
try {
  for (const [name, fn] of scenarios.filter(([n]) => !only || only.has(n))) {
    const t0 = Date.now();
    process.stderr.write(`chaos: ${name}...\n`);
    try {
      reports.push(await fn());
    } catch (err) {
      reports.push({ scenario: name, counts: {}, violations: [`crashed: ${(err as Error).stack ?? String(err)}`] });
    }
    process.stderr.write(`chaos: ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
} finally {
  await svc.release();
}
console.table(reports.map((r) => ({ scenario: r.scenario, ...r.counts, violations: r.violations.length })));
for (const r of reports) for (const v of r.violations) console.error(`VIOLATION [${r.scenario}] ${v}`);
process.exit(reports.some((r) => r.violations.length) ? 1 : 0);
