// `npm run start:distributed`: the launcher starts the ledger and the four offices as five
// processes linked by Kafka, and stops them together.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { waterCardComplaint } from '../../apps/hub/demo/water-card.scenario';
import { startKafka, type KafkaHandle } from '../support/kafka-broker';
import { freePort } from './support/processes';
import { apiKeys, eventually, tempDir } from './support/topology';

const ROOT = path.resolve(__dirname, '..', '..');
const APPS = ['ledger', 'hotline', 'petition', 'governance', 'judicial'] as const;

interface Launched {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(env: Record<string, string | undefined>): Launched {
  let output = '';
  const { KAFKA_BROKERS: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/hub/src/distributed.ts'], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const status = (url: string) => fetch(url).then((r) => r.status, () => 0);

describe('the distributed launcher', () => {
  it('refuses to start without KAFKA_BROKERS, naming it', async () => {
    const launched = launch({});
    expect(await launched.exited).toBe(1);
    expect(launched.output()).toContain('KAFKA_BROKERS is required');
  });

  describe('with a broker', () => {
    let kafka: KafkaHandle;
    let dir: string;
    let running: Launched | undefined;

    beforeAll(async () => {
      kafka = await startKafka({ name: 'launcher' });
      dir = tempDir('hub-launcher-');
    }, 120_000);

    afterAll(async () => {
      running?.child.kill('SIGKILL');
      await kafka?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** Launches the five on free ports and waits until all are healthy; answers their health URLs and pids. */
    async function launchHealthy(): Promise<{ ports: Record<string, number>; urls: string[]; pids: number[] }> {
      const ports = Object.fromEntries(await Promise.all(APPS.map(async (app) => [app, await freePort()] as const)));
      const launched = launch({
        KAFKA_BROKERS: kafka.brokers.join(','),
        HUB_DATA_DIR: dir,
        HUB_LOG_FORMAT: 'text',
        ...Object.fromEntries(APPS.map((app) => [`${app.toUpperCase()}_PORT`, String(ports[app])])),
      });
      running = launched;
      const urls = APPS.map((app) => `http://127.0.0.1:${ports[app]}/health`);
      let healthy = false;
      const died = launched.exited.then((code) => {
        if (!healthy) throw new Error(`the launcher exited (${code}):\n${launched.output().slice(-3000)}`);
      });
      await Promise.race([eventually('all five healthy', () => Promise.all(urls.map(status)), (all) => all.every((s) => s === 200), 150_000), died]);
      healthy = true;
      const pids = APPS.map((app) => Number(new RegExp(`${app}: pid (\\d+)`).exec(launched.output())?.[1]));
      expect(pids.every((pid) => pid > 0)).toBe(true);
      return { ports, urls, pids };
    }

    it('starts five processes linked by Kafka on their ports, and stops all of them on SIGTERM', async () => {
      const { ports, urls, pids } = await launchHealthy();

      const keys = apiKeys(dir);
      const pushed = await fetch(`http://127.0.0.1:${ports.hotline}/v1/hotline/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.hotline}` },
        body: JSON.stringify(waterCardComplaint),
      });
      expect(pushed.status).toBe(202);
      const { disputeId } = (await pushed.json()) as { disputeId: string };
      const record = await fetch(`http://127.0.0.1:${ports.ledger}/v1/ledger/disputes/${disputeId}?after=1`, { headers: { authorization: `Bearer ${keys.admin}` } });
      expect(record.status).toBe(200);
      expect(await record.json()).toMatchObject({ id: disputeId, status: 'reported' });

      running!.child.kill('SIGTERM');
      expect(await running!.exited).toBe(0);
      running = undefined;
      expect(await Promise.all(urls.map(status))).toEqual([0, 0, 0, 0, 0]);
      expect(pids.filter(alive)).toEqual([]);
    }, 240_000);

    it('when one of the five dies, stops the other four and exits with an error', async () => {
      const { urls, pids } = await launchHealthy();
      process.kill(pids[APPS.indexOf('judicial')], 'SIGKILL');
      expect(await running!.exited).toBe(1);
      expect(running!.output()).toContain('judicial exited (SIGKILL); stopping the others');
      running = undefined;
      expect(await Promise.all(urls.map(status))).toEqual([0, 0, 0, 0, 0]);
      expect(pids.filter(alive)).toEqual([]);
    }, 240_000);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
