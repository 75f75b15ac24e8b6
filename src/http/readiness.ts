/**
 * /health: the process is alive. /ready: Neo4j answers, NATS is connected and JetStream answers,
 * and at least one engine actor has heartbeated within its TTL. 503 with a JSON body naming
 * each failing dependency otherwise.
 */
import type { Request, Response } from 'express';

export interface DependencyCheck {
  readonly name: string;
  check(): Promise<Record<string, unknown> | void>;
}

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly info?: Record<string, unknown>;
}

export async function runChecks(checks: readonly DependencyCheck[], timeoutMs: number): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const info = await Promise.race([
          c.check(),
          new Promise<never>((_, rej) => {
            timer = setTimeout(() => rej(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return { name: c.name, ok: true, ...(info ? { info } : {}) };
      } catch (err) {
        return { name: c.name, ok: false, error: err instanceof Error ? err.message : String(err) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

export function readyHandler(checks: readonly DependencyCheck[], timeoutMs: number, isDraining: () => boolean) {
  return async (_req: Request, res: Response) => {
    if (isDraining()) return void res.status(503).json({ status: 'draining', failing: ['api'], checks: [] });
    const results = await runChecks(checks, timeoutMs);
    const failing = results.filter((r) => !r.ok).map((r) => r.name);
    res.status(failing.length ? 503 : 200).json({ status: failing.length ? 'unavailable' : 'ready', failing, checks: results });
  };
}
