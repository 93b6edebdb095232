// `KAFKA_BROKERS=host:port npm run start:distributed`: the distributed topology on one machine.
// The ledger and the four offices each run as their own process (the same entry points as
// `npm run start:<app>`), on their own files under HUB_DATA_DIR, linked only by Kafka. They are
// started and stopped together: Ctrl-C (or SIGTERM) stops all five; if one exits, the rest stop too.
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError, loadConfig } from '@hub/office-kit';

const APPS = [
  { app: 'ledger', port: 3000 },
  { app: 'hotline', port: 3001 },
  { app: 'petition', port: 3002 },
  { app: 'governance', port: 3003 },
  { app: 'judicial', port: 3004 },
] as const;

const STOP_GRACE_MS = 30_000;

/** Each app's port: `<APP>_PORT` (e.g. LEDGER_PORT=8000), else its default. */
function portsFrom(env: NodeJS.ProcessEnv): Map<string, number> {
  const ports = new Map<string, number>();
  const problems: string[] = [];
  for (const { app, port } of APPS) {
    const name = `${app.toUpperCase()}_PORT`;
    const value = env[name];
    if (value !== undefined && !/^\d{1,5}$/.test(value)) problems.push(`  ${name}=${JSON.stringify(value)}: must be a port number`);
    const chosen = value === undefined ? port : Number(value);
    if (chosen < 1 || chosen > 65535) problems.push(`  ${name}=${JSON.stringify(value)}: must be between 1 and 65535`);
    ports.set(app, chosen);
  }
  if (new Set(ports.values()).size !== ports.size) problems.push(`  the five apps need five different ports, got ${[...ports.values()].join(', ')}`);
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  return ports;
}

function prefixed(app: string, child: ChildProcess): void {
  for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const) {
    if (stream) createInterface({ input: stream }).on('line', (line) => out.write(`[${app}] ${line}\n`));
  }
}

function main(): void {
  let ports: Map<string, number>;
  try {
    const config = loadConfig(process.env, 0);
    if (!config.kafka) throw new ConfigError('KAFKA_BROKERS is required: the distributed topology links its processes through Kafka, e.g. KAFKA_BROKERS=localhost:9092');
    ports = portsFrom(process.env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }

  // Run from source (swc) or from the build alike: the entry points sit beside this file's app.
  const extension = extname(__filename);
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  let exitCode = 0;

  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const child of children.values()) child.kill('SIGTERM');
    setTimeout(() => children.forEach((child) => child.kill('SIGKILL')), STOP_GRACE_MS).unref();
  };

  for (const { app } of APPS) {
    const entry = join(__dirname, '..', '..', app, 'src', `main${extension}`);
    const child = spawn(process.execPath, [...process.execArgv, entry], {
      env: { ...process.env, PORT: String(ports.get(app)) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(app, child);
    prefixed(app, child);
    console.log(`${app}: pid ${child.pid}, http://localhost:${ports.get(app)}`);
    child.once('exit', (code, signal) => {
      children.delete(app);
      if (!stopping) {
        console.error(`${app} exited (${signal ?? code}); stopping the others`);
        stopAll(1);
      }
      if (children.size === 0) process.exit(exitCode);
    });
  }
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
}

main();
