// The distributed topology as real operating-system processes: each office and the ledger started
// from its own entry point (apps/<app>/src/main.ts, compiled on the fly by swc), so a test can
// SIGKILL one of them and start it again on the same files.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export type App = 'hotline' | 'petition' | 'governance' | 'judicial' | 'ledger';

export interface HubProcess {
  app: App;
  url: string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed beyond what was committed. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
  /** Starts the app again on the same port and data; resolves when /health answers 200. */
  start(): Promise<void>;
}

export interface ProcessOptions {
  dataDir: string;
  brokers: string[];
  env?: Record<string, string>;
}

// Children alive in this worker, killed if it goes away without stopping them (see kafka-broker.ts).
const live = new Set<ChildProcess>();

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startProcess(app: App, options: ProcessOptions): Promise<HubProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = path.join(options.dataDir, `${app}.log`);
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async () => {
    const out = fs.openSync(log, 'a');
    child = spawn(process.execPath, ['-r', '@swc-node/register', path.join('apps', app, 'src', 'main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HUB_DATA_DIR: options.dataDir,
        KAFKA_BROKERS: options.brokers.join(','),
        KAFKA_CLIENT_ID: `test-${app}`,
        HUB_LOG_FORMAT: 'json',
        ...options.env,
      },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    const current = child;
    live.add(current);
    // A detached watchdog kills the child if this worker is killed before it stops the child;
    // it goes as soon as the child does, so it never outlives it to hit a reused pid.
    const watchdog = spawn('sh', ['-c', 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null', 'hub-watchdog', String(process.pid), String(current.pid)], {
      detached: true,
      stdio: 'ignore',
    });
    watchdog.unref();
    exited = new Promise((resolve) => current.once('exit', () => resolve()));
    void exited.then(() => {
      live.delete(current);
      watchdog.kill('SIGKILL');
    });
    await untilHealthy(url, () => current.exitCode !== null || current.signalCode !== null, log);
  };

  await launch();
  return {
    app,
    url,
    async kill() {
      child?.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child?.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
    start: launch,
  };
}

async function untilHealthy(url: string, dead: () => boolean, log: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (dead()) throw new Error(`${url} exited before it was healthy; log tail:\n${tail(log)}`);
    const status = await fetch(`${url}/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} not healthy after ${timeoutMs} ms (last status ${status}); log tail:\n${tail(log)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Kills whatever this worker started and did not stop (an afterAll safety net). */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}
