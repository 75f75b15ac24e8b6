/**
 * Starts a worker thread from a module URL, whether the code runs as compiled JS or as
 * TypeScript through tsx (dev, tests, `npm start`). Node does not pass `--import tsx` loader
 * hooks on to worker threads, so for a .ts entry we boot the worker with a tiny script that
 * registers tsx's ESM hooks inside the worker first, then imports the real entry.
 * Every engine module that needs threads (actor jobs, MCMC chains, contest sims) uses this.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function spawnWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); }).catch((e) => { throw e; });`;
  return new Worker(boot, { ...options, eval: true });
}

/** `entry` resolved next to `importMetaUrl`, choosing .ts or .js like the caller itself. */
export function siblingModule(importMetaUrl: string, baseName: string): URL {
  return new URL(`./${baseName}${importMetaUrl.endsWith('.ts') ? '.ts' : '.js'}`, importMetaUrl);
}

/**
 * Pools keep idle workers: one that dies while no run listens must not crash the process with an
 * unhandled 'error', and the next run must not pick it. Removes `w` from `list` when it errors or exits.
 */
export function dropWhenGone(list: Worker[], w: Worker): void {
  const drop = () => {
    const at = list.indexOf(w);
    if (at >= 0) list.splice(at, 1);
  };
  w.on('error', drop);
  w.on('exit', drop);
}
