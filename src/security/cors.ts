/**
 * CORS from an allow-list (CORS_ORIGINS, comma separated exact origins like
 * `https://app.example.com`; `*` only outside production, rejected at config load there).
 * No credentials mode: the API authenticates with headers, never cookies, so browsers are not
 * asked to send cookies cross-origin. Requests from origins not on the list get no CORS headers
 * (the browser blocks them); non-browser clients send no Origin and are unaffected.
 */
import type { RequestHandler } from 'express';

export const CORS_ALLOWED_HEADERS = 'authorization, content-type, x-api-key, x-request-id, apollo-require-preflight, x-apollo-operation-name';
export const CORS_MAX_AGE_S = 600; // browsers may cache a preflight for 10 min

export function parseOrigins(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

export function originAllowed(origin: string | undefined, allowList: readonly string[]): boolean {
  if (!origin) return false;
  return allowList.includes('*') || allowList.includes(origin);
}

export function corsMiddleware(allowList: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (origin && originAllowed(origin, allowList)) {
      res.set('Access-Control-Allow-Origin', allowList.includes('*') ? '*' : origin);
      res.set('Access-Control-Expose-Headers', 'retry-after, www-authenticate');
      if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
        res.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.set('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
        res.set('Access-Control-Max-Age', String(CORS_MAX_AGE_S));
        res.status(204).end();
        return;
      }
    } else if (origin && req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      res.status(403).end(); // preflight from an origin not on the list
      return;
    }
    next();
  };
}
