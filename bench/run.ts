/**
 * `npm run bench [-- --quick] [-- --only suite,suite]`: runs every bench/*.ts suite, prints one
 * table and writes bench/results/<timestamp>.json. Each row names its setup; compare ratios across
 * runs, not absolute times across machines.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice(7) ?? (args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined);
const only = onlyArg ? new Set(onlyArg.split(',')) : null;

const suites = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'types.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => !only || only.has(name));

const all: BenchRow[] = [];
const failures: string[] = [];
for (const name of suites) {
  const t0 = Date.now();
  process.stderr.write(`bench: ${name}${quick ? ' (quick)' : ''}...\n`);
  try {
    const mod = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as { run: BenchSuite };
    const rows = await mod.run({ quick });
    all.push(...rows);
    process.stderr.write(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  } catch (err) {
    failures.push(`${name}: ${(err as Error).stack ?? String(err)}`);
  }
}

const fmt = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toPrecision(3));
console.table(all.map((r) => ({ suite: r.suite, case: r.case, metric: r.metric, value: `${fmt(r.value)} ${r.unit}`, target: r.target ?? '', pass: r.pass === undefined ? '' : r.pass ? 'yes' : 'NO', setup: r.setup ?? '' })));
mkdirSync(join(here, 'results'), { recursive: true });
const file = join(here, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
writeFileSync(file, JSON.stringify({ quick, node: process.version, cpus: (await import('node:os')).cpus().length, rows: all, failures }, null, 2));
console.log(`results: ${file}`);
if (failures.length) {
  console.error(`\n${failures.length} suite(s) failed:\n${failures.join('\n\n')}`);
  process.exit(1);
}
process.exit(0);
