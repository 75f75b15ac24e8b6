/**
 * docker-compose.yml, the Prometheus scrape config and the Dockerfile agree with each other and
 * with the code (no Docker engine on the dev machines, so this is what can be checked here):
 * profiles, the port the actors serve metrics on, DNS discovery of engine replicas, mounted
 * files that exist, healthchecks, and the config variables compose sets being real ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadEngineConfig } from '../../../engine/config.js';
import { REPO_ROOT } from '../../../scripts/local-services.js';
import { loadConfig } from '../../../src/config.js';

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  environment?: Record<string, unknown>;
  volumes?: string[];
  healthcheck?: { test?: unknown; disable?: boolean };
  expose?: string[];
}
const compose = parseYaml(readFileSync(resolve(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const prometheus = parseYaml(readFileSync(resolve(REPO_ROOT, 'grafana/prometheus/prometheus.yml'), 'utf8')) as {
  rule_files: string[];
  scrape_configs: { job_name: string; dns_sd_configs?: { names: string[]; type: string; port: number }[] }[];
};
const services = compose.services;

describe('docker-compose.yml', () => {
  it('default profile = neo4j, nats, api, engine; monitoring profile = prometheus, grafana, jaeger', () => {
    const byProfile = (p?: string) => Object.keys(services).filter((s) => (p ? services[s]!.profiles?.includes(p) : !services[s]!.profiles)).sort();
    expect(byProfile()).toEqual(['api', 'engine', 'nats', 'neo4j']);
    expect(byProfile('monitoring')).toEqual(['grafana', 'jaeger', 'prometheus']);
  });

  it('every long-running service except the trace store has a healthcheck; named volumes are declared', () => {
    for (const name of ['neo4j', 'nats', 'engine', 'prometheus', 'grafana']) expect(services[name]!.healthcheck?.test, name).toBeDefined();
    expect(services.engine!.healthcheck?.disable).toBeUndefined();
    for (const [name, s] of Object.entries(services)) {
      for (const v of s.volumes ?? []) {
        const src = v.split(':')[0]!;
        if (src.startsWith('./')) expect(existsSync(resolve(REPO_ROOT, src)), `${name}: ${src}`).toBe(true);
        else expect(compose.volumes, `${name}: volume ${src}`).toHaveProperty(src);
      }
    }
  });

  it('the environment compose gives the api and the engine is valid for their config loaders', () => {
    const plain = (env: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 'x'.repeat(32))]));
    // Required values (${VAR:?...}) stand for what .env provides.
    const api = loadConfig(plain(services.api!.environment));
    expect(api.METRICS_ENABLED).toBe(true);
    const engine = loadEngineConfig(plain(services.engine!.environment));
    expect(engine.METRICS_HOST).toBe('0.0.0.0');
    // Prometheus scrapes each engine replica on the port the actors listen on.
    const job = prometheus.scrape_configs.find((j) => j.job_name === 'engine')!;
    expect(job.dns_sd_configs?.[0]).toMatchObject({ names: ['engine'], type: 'A', port: engine.METRICS_PORT });
    expect(services.engine!.expose).toContain(String(engine.METRICS_PORT));
    expect(prometheus.scrape_configs.find((j) => j.job_name === 'api')!.dns_sd_configs?.[0]).toMatchObject({ names: ['api'], port: 4000 });
  });

  it('prometheus loads the alert rules file that compose mounts', () => {
    const mounts = services.prometheus!.volumes!.map((v) => v.split(':'));
    for (const rule of prometheus.rule_files) expect(mounts.some(([src, dst]) => dst === rule && existsSync(resolve(REPO_ROOT, src!)))).toBe(true);
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(resolve(REPO_ROOT, 'Dockerfile'), 'utf8');
  it('is multi-stage, runs as a non-root user, has a healthcheck and installs production dependencies only', () => {
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^HEALTHCHECK /m);
    expect(text).toMatch(/npm ci --omit=dev/);
    expect(text).toMatch(/^EXPOSE .*\b9464\b/m);
  });
});
