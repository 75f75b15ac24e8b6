/** Canonical JSON (sorted keys) and its SHA-256: identical specs hash identically. */
import { createHash } from 'node:crypto';

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function specHash(kind: string, spec: unknown, dataVersion = ''): string {
  return createHash('sha256').update(`${kind}\n${dataVersion}\n${canonicalJson(spec)}`).digest('hex');
}
