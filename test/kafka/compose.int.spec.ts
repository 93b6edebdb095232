// docker/compose.yml describes the production topology. Its shape is checked here on every run;
// `docker compose config` (which needs a docker client with the compose plugin, not an engine)
// validates it fully where one is installed, and is reported as skipped where not.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const COMPOSE = path.join(ROOT, 'docker', 'compose.yml');
const APPS = { ledger: 3000, hotline: 3001, petition: 3002, governance: 3003, judicial: 3004 } as const;
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

function composeClient(): { ok: true } | { ok: false; reason: string } {
  const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  if (probe.error) return { ok: false, reason: 'no docker client on this machine' };
  if (probe.status !== 0) return { ok: false, reason: `the docker compose plugin is missing (${(probe.stderr || probe.stdout).trim().split('\n')[0]})` };
  return { ok: true };
}

describe('docker/compose.yml, the production topology', () => {
  const compose = parse(readFileSync(COMPOSE, 'utf8'), { merge: true }) as { services: Record<string, Service> };

  it('runs Kafka in KRaft mode, with topics created by the services only', () => {
    const env = compose.services.kafka.environment!;
    expect(compose.services.kafka.image).toMatch(/^apache\/kafka:3\.9\./);
    expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe('1@kafka:9093');
    expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(Buffer.from(env.CLUSTER_ID, 'base64url')).toHaveLength(16);
    expect(Object.keys(compose.services)).not.toContain('zookeeper');
  });

  it.each(Object.entries(APPS))('runs %s as its own service on port %i, on Kafka, from an entry point that exists', (app, port) => {
    const service = compose.services[app];
    expect(service.command).toEqual(['node', `dist/apps/${app}/src/main.js`]);
    expect(existsSync(path.join(ROOT, 'apps', app, 'src', 'main.ts'))).toBe(true);
    expect(existsSync(path.resolve(path.dirname(COMPOSE), service.build!.context, service.build!.dockerfile))).toBe(true);
    expect(service.environment).toMatchObject({ KAFKA_BROKERS: 'kafka:9092', PORT: String(port), HUB_DATA_DIR: '/data', HUB_SECURITY_DIR: '/security' });
    expect(service.ports).toEqual([`${port}:${port}`]);
    expect(service.volumes).toEqual(expect.arrayContaining([`${app}-data:/data`, 'hub-security:/security']));
    expect(service.depends_on).toMatchObject({ kafka: { condition: 'service_healthy' } });
  });

  const client = composeClient();
  const title = 'is a valid compose file for `docker compose config`';
  if (client.ok) {
    it(title, () => {
      const run = spawnSync('docker', ['compose', '-f', COMPOSE, 'config', '--quiet'], { encoding: 'utf8', env: { ...process.env, HUB_MASTER_KEY: MASTER_KEY } });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    });
  } else {
    it.skip(`${title} — skipped: ${client.reason}`, () => undefined);
  }
});
