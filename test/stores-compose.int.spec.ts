// docker/compose.yml runs PostgreSQL and KurrentDB beside Kafka; the addresses it hands the hub's
// services point at them, and pass the hub's own configuration checks for every store choice.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '@hub/office-kit';

interface Service {
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const COMPOSE = path.resolve(__dirname, '..', 'docker', 'compose.yml');
const APPS = ['ledger', 'hotline', 'petition', 'governance', 'judicial'];

/** What `docker compose` does to `${NAME:-default}` with nothing set. */
const withDefaults = (env: Record<string, string>) =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));

describe('docker/compose.yml, the stores', () => {
  const { services } = parse(readFileSync(COMPOSE, 'utf8'), { merge: true }) as { services: Record<string, Service> };

  it('runs PostgreSQL and KurrentDB with health checks the services wait for', () => {
    expect(services.postgres.image).toMatch(/^postgres:\d+/);
    expect(services.kurrentdb.image).toMatch(/^kurrentplatform\/kurrentdb:/);
    for (const app of APPS) {
      expect(services[app].depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, kurrentdb: { condition: 'service_healthy' } });
    }
    expect(services.postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(services.kurrentdb.healthcheck?.test.join(' ')).toContain('/health/live');
  });

  it.each(APPS)('hands %s addresses of those servers that pass the hub\'s configuration for every store choice', (app) => {
    const env = withDefaults(services[app].environment!);
    const db = withDefaults(services.postgres.environment!);
    expect(env.DATABASE_URL).toBe(`postgres://${db.POSTGRES_USER}:${db.POSTGRES_PASSWORD}@postgres:5432/${db.POSTGRES_DB}`);
    expect(env.ESDB_CONNECTION_STRING).toBe('esdb://kurrentdb:2113?tls=false');
    expect(loadConfig(env, 0).stores).toMatchObject({ eventStore: 'sqlite', ledgerStore: 'sqlite' });
    for (const choice of [{ HUB_EVENT_STORE: 'postgres', HUB_LEDGER_STORE: 'postgres' }, { HUB_EVENT_STORE: 'esdb', HUB_LEDGER_STORE: 'postgres' }]) {
      expect(loadConfig({ ...env, ...choice }, 0).stores).toMatchObject({ eventStore: choice.HUB_EVENT_STORE, ledgerStore: 'postgres' });
    }
  });
});
