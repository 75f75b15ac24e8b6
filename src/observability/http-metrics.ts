/**
 * HTTP RED metrics (rate, errors, duration) for every request Express sees. Labels are bounded:
 * `route` is one of the API's few fixed paths or 'other' (never the raw URL), `method` is a
 * standard verb or 'OTHER', and the status is reduced to its class (2xx..5xx).
 * WebSocket upgrades bypass Express; ws-metrics.ts counts those.
 */
import type { RequestHandler } from 'express';
import { Gauge, Histogram, type Registry } from 'prom-client';

/** Seconds: 2.5 ms .. 30 s (the request timeout). */
export const HTTP_DURATION_BUCKETS_S = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);

/** Map a request path to a bounded route label. */
export function routeLabel(path: string, graphqlPath: string): string {
  if (path === graphqlPath || path === `${graphqlPath}/`) return graphqlPath;
  if (path === '/health' || path === '/ready' || path === '/metrics') return path;
  if (path === '/ide' || path.startsWith('/ide/')) return '/ide';
  return 'other';
}

export function statusClass(code: number): string {
  return code >= 100 && code < 600 ? `${Math.floor(code / 100)}xx` : 'other';
}

export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly inFlight: Gauge<'route'>;

  constructor(
    registry: Registry,
    private readonly graphqlPath: string,
  ) {
    this.duration = new Histogram({
      name: 'dfs_http_request_duration_seconds',
      help: 'HTTP requests by method, bounded route and status class; _count is the request rate.',
      labelNames: ['method', 'route', 'status_class'],
      buckets: HTTP_DURATION_BUCKETS_S,
      registers: [registry],
    });
    this.inFlight = new Gauge({ name: 'dfs_http_requests_in_flight', help: 'HTTP requests being served.', labelNames: ['route'], registers: [registry] });
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const t0 = process.hrtime.bigint();
      const route = routeLabel(req.path, this.graphqlPath);
      const method = METHODS.has(req.method) ? req.method : 'OTHER';
      this.inFlight.inc({ route });
      // 'close' fires once, after 'finish' or when the client went away mid-response.
      res.once('close', () => {
        this.inFlight.dec({ route });
        const status = res.writableFinished ? statusClass(res.statusCode) : 'aborted';
        this.duration.observe({ method, route, status_class: status }, Number(process.hrtime.bigint() - t0) / 1e9);
      });
      next();
    };
  }
}
