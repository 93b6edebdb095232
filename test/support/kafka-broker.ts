// A real Apache Kafka broker for integration tests, started and stopped by the tests themselves.
//
// Where the broker comes from, first match wins:
//   1. KAFKA_BROKERS=host:port[,host:port] — a broker someone else runs (CI service, dev box).
//   2. A Docker engine answers — @testcontainers/kafka (skip with KAFKA_NO_DOCKER=1).
//   3. Otherwise a single-node KRaft broker run from the Apache Kafka jars, which
//      tools/kafka/fetch.sh resolves from Maven Central into .cache/kafka/<version>/libs.
//      Needs only Java 17+ and Maven, so it works on machines without Docker.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

// 3.9.x: the last line that keeps the old protocol versions kafkajs 2.2.4 speaks (4.0 dropped them).
// Keep in step with tools/kafka/pom.xml and tools/kafka/fetch.sh.
export const KAFKA_VERSION = '3.9.2';
// Confluent Platform 7.9 ships Apache Kafka 3.9, so both kinds run the same broker version.
const KAFKA_IMAGE = process.env.KAFKA_IMAGE ?? 'confluentinc/cp-kafka:7.9.0';

const ROOT = path.resolve(__dirname, '..', '..');
const LIBS = path.join(ROOT, '.cache', 'kafka', KAFKA_VERSION, 'libs');
const CLASSPATH = `${LIBS}/*`;
const FETCH_SCRIPT = path.join(ROOT, 'tools', 'kafka', 'fetch.sh');
// The machine has 2 shared cores: a small heap, the serial collector and no C2 compiler keep the
// JVM cheap; test traffic is far too small for any of that to matter for throughput.
const JVM_OPTS = ['-Xms64m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'];
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 30_000;

export interface KafkaHandle {
  /** Bootstrap servers for kafkajs, e.g. ['127.0.0.1:40123']. */
  brokers: string[];
  /** Stops the broker and deletes its data. Safe to call twice. */
  stop(): Promise<void>;
  /** Graceful stop and start on the same ports and data; resolves when it serves requests again. */
  restart(): Promise<void>;
  /** Hard crash (SIGKILL). restart() brings it back on the same data; stop() still cleans up. */
  kill(): void;
  /** True when the broker is not ours to stop (KAFKA_BROKERS). */
  external: boolean;
  kind: 'env' | 'testcontainers' | 'kraft';
}

export async function startKafka(opts: { name?: string } = {}): Promise<KafkaHandle> {
  const fromEnv = (process.env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (fromEnv.length > 0) return envHandle(fromEnv);
  if (process.env.KAFKA_NO_DOCKER !== '1' && (await dockerAnswers())) {
    const handle = await startContainer();
    if (handle) return handle;
  }
  return startKraft(opts.name ?? 'test');
}

/**
 * Reads a topic with Apache Kafka's own console consumer: an independent client to cross-check
 * what kafkajs wrote (headers, keys, values). Output lines are "headers<TAB>key<TAB>value".
 * Works for every kind, as long as Java can run the cached jars and reach the brokers.
 */
export async function consoleConsume(
  handle: KafkaHandle,
  topic: string,
  opts: { maxMessages: number; timeoutMs?: number; printHeaders?: boolean },
): Promise<string> {
  await ensureJars();
  const timeoutMs = opts.timeoutMs ?? 30_000;
  // Tools log to stdout by default, which would mix log lines into the records.
  const log4j = path.join(LIBS, '..', 'tools-log4j.properties');
  fs.writeFileSync(log4j, 'log4j.rootLogger=ERROR, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\n'
    + 'log4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n'
    + 'log4j.appender.stderr.layout.ConversionPattern=%p %m (%c)%n\n');
  const result = await run('java', [
    ...JVM_OPTS, '-Xmx256m', `-Dlog4j.configuration=file:${log4j}`, '-cp', CLASSPATH,
    'org.apache.kafka.tools.consumer.ConsoleConsumer',
    '--bootstrap-server', handle.brokers.join(','), '--topic', topic, '--from-beginning',
    '--max-messages', String(opts.maxMessages), '--timeout-ms', String(timeoutMs),
    '--property', 'print.key=true', '--property', `print.headers=${opts.printHeaders ?? true}`,
  ], timeoutMs + 30_000);
  // Hitting --timeout-ms before --max-messages is not an error here: the caller checks the records.
  if (result.code !== 0 && !/TimeoutException/.test(result.stderr)) {
    throw new Error(`console consumer exited with ${result.code}:\n${result.stderr.slice(-4000)}`);
  }
  return result.stdout;
}

// ---------------------------------------------------------------------------------------------

function envHandle(brokers: string[]): KafkaHandle {
  const notOurs = (what: string) => new Error(`${what}() is impossible on a broker given by KAFKA_BROKERS (${brokers.join(',')}): it is not ours to control`);
  return {
    brokers, external: true, kind: 'env',
    stop: async () => undefined,
    restart: async () => { throw notOurs('restart'); },
    kill: () => { throw notOurs('kill'); },
  };
}

// A 2-second ping of the Docker API, so machines without an engine fall through quickly and
// never load testcontainers at all.
function dockerAnswers(): Promise<boolean> {
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  let target: http.RequestOptions;
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    if (!fs.existsSync(socketPath)) return Promise.resolve(false);
    target = { socketPath };
  } else if (host.startsWith('tcp://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    target = { host: url.hostname, port: url.port || 2375 };
  } else {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const req = http.get({ ...target, path: '/_ping', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

// Not exercised on the machine this was written on (no Docker engine). Returns undefined when
// testcontainers cannot even be loaded, e.g. testcontainers 12 needs Node >= 22.
async function startContainer(): Promise<KafkaHandle | undefined> {
  let tc: typeof import('@testcontainers/kafka');
  try {
    tc = await import('@testcontainers/kafka');
  } catch (err) {
    process.stderr.write(`kafka-broker: Docker answers but @testcontainers/kafka failed to load on Node ${process.version} (${(err as Error).message}); using the local KRaft broker instead\n`);
    return undefined;
  }
  const container = await new tc.KafkaContainer(KAFKA_IMAGE)
    .withKraft()
    .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' }) // same as the KRaft kind
    .start();
  const port = container.getMappedPort(9093);
  const brokers = [`${container.getHost()}:${port}`];
  let killed: Promise<unknown> = Promise.resolve();
  return {
    brokers, external: false, kind: 'testcontainers',
    async stop() {
      await killed;
      await container.stop();
    },
    async restart() {
      await killed;
      await container.restart();
      // The advertised listener was written with the first mapped port; a new one would break clients.
      if (container.getMappedPort(9093) !== port) {
        throw new Error(`Docker mapped Kafka to a new port after restart (${port} -> ${container.getMappedPort(9093)})`);
      }
      await waitUntilReady(brokers, () => undefined);
    },
    kill() {
      killed = container.stop({ timeout: 0, remove: false }).catch(() => undefined);
    },
  };
}

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  watchdog: ChildProcess;
}

// Brokers alive in this process, killed if a plain Node script exits without stop(). Under jest
// this hook never fires (test files see a sandboxed `process`): the watchdog below covers that.
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

async function startKraft(name: string): Promise<KafkaHandle> {
  await ensureJars();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kafka-${name.replace(/[^\w.-]/g, '_')}-`));
  const [port, controllerPort] = await freePorts(2);
  const brokers = [`127.0.0.1:${port}`];
  const config = path.join(dir, 'server.properties');
  const log4j = path.join(dir, 'log4j.properties');
  fs.writeFileSync(config, [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${path.join(dir, 'data')}`,
    // One node: every internal topic must live with a single replica.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    // Fewer internal partitions make the first consumer group and transaction start faster.
    'offsets.topic.num.partitions=1',
    'transaction.state.log.num.partitions=1',
    // Tests should not wait 3 s for a group to settle.
    'group.initial.rebalance.delay.ms=0',
    // After kill() the controller refuses the new broker incarnation until the old one's session
    // expires (9 s by default): a short session keeps crash-restart tests quick.
    'broker.session.timeout.ms=3000',
    'broker.heartbeat.interval.ms=500',
    // Topics must be created on purpose, as in production.
    'auto.create.topics.enable=false',
    // Sized for a shared 2-core machine; the cleaner buffer (default 128 MB) would eat the heap.
    'num.network.threads=2',
    'num.io.threads=2',
    'background.threads=2',
    'log.cleaner.threads=1',
    'log.cleaner.dedupe.buffer.size=16777216',
    '',
  ].join('\n'));
  fs.writeFileSync(log4j, [
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.FileAppender',
    `log4j.appender.file.File=${path.join(dir, 'broker.log')}`,
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    '',
  ].join('\n'));
  const java = [...JVM_OPTS, `-Dlog4j.configuration=file:${log4j}`, '-cp', CLASSPATH];

  const format = await run('java', [...java, '-Xmx256m', 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', config], 60_000);
  if (format.code !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`kafka StorageTool format failed (exit ${format.code}):\n${format.stdout}${format.stderr}`);
  }

  const launch = async (): Promise<Running> => {
    const out = fs.openSync(path.join(dir, 'broker.out'), 'a');
    const child = spawn('java', [...java, '-Xmx512m', 'kafka.Kafka', config], { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    // A forgotten stop() must not keep jest alive; the exit hook and the watchdog clean up.
    child.unref();
    live.add(child);
    void exited.then(() => live.delete(child));
    // The exit hook does not run when this process is SIGKILLed (jest killing a stuck worker):
    // a detached shell then kills the broker and deletes its data once we are gone.
    const watchdog = spawn('sh', ['-c', 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null; rm -rf "$3"',
      'kafka-watchdog', String(process.pid), String(child.pid), dir], { detached: true, stdio: 'ignore' });
    watchdog.unref();
    const running = { child, exited, watchdog };
    try {
      await waitUntilReady(brokers, () => (child.exitCode !== null || child.signalCode !== null ? `the broker exited (${child.exitCode ?? child.signalCode})` : undefined));
    } catch (err) {
      await terminate(running);
      throw new Error(`${(err as Error).message}\n--- broker log tail (${dir}) ---\n${tail(dir)}`);
    }
    return running;
  };

  let running: Running | undefined;
  try {
    running = await launch();
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    brokers, external: false, kind: 'kraft',
    async stop() {
      if (!running) return;
      const r = running;
      running = undefined;
      await terminate(r);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      if (!running) throw new Error('restart() after stop(): the broker data is gone');
      await terminate(running);
      running = await launch();
    },
    kill() {
      running?.child.kill('SIGKILL');
    },
  };
}

// SIGTERM lets Kafka flush and close its logs, so a restart finds clean data; SIGKILL if it hangs.
async function terminate({ child, exited, watchdog }: Running): Promise<void> {
  watchdog.kill('SIGKILL');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

// "Port open" is not enough: a KRaft broker accepts connections before it is unfenced.
// describeCluster answering is what a test client needs.
async function waitUntilReady(brokers: string[], dead: () => string | undefined): Promise<void> {
  const kafka = new Kafka({
    clientId: 'kafka-broker-probe', brokers, logLevel: logLevel.NOTHING,
    connectionTimeout: 1000, requestTimeout: 2000, retry: { retries: 0 },
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = 'no attempt made';
  for (;;) {
    const reason = dead();
    if (reason) throw new Error(`Kafka at ${brokers.join(',')} never became ready: ${reason}`);
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0) return;
      lastError = 'no broker registered yet';
    } catch (err) {
      lastError = (err as Error).message;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      throw new Error(`Kafka at ${brokers.join(',')} not ready after ${READY_TIMEOUT_MS / 1000}s: ${lastError}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Java is checked once per process; fetch.sh is idempotent and safe to race from parallel workers.
let toolchain: Promise<void> | undefined;
function ensureJars(): Promise<void> {
  toolchain ??= (async () => {
    const java = await run('java', ['-version'], 30_000).catch(() => undefined);
    if (!java || java.code !== 0) {
      throw new Error('The local Kafka broker needs Java 17+ on PATH (e.g. apt-get install openjdk-17-jre-headless), '
        + 'or set KAFKA_BROKERS=host:port to use a running broker');
    }
    if (fs.existsSync(path.join(LIBS, '.complete'))) return;
    const fetch = await run('bash', [FETCH_SCRIPT], 15 * 60_000);
    if (fetch.code !== 0) throw new Error(`tools/kafka/fetch.sh failed (exit ${fetch.code}):\n${fetch.stderr.slice(-4000)}`);
  })();
  // A failure is not cached, so a later test can retry after the cause is fixed.
  toolchain.catch(() => { toolchain = undefined; });
  return toolchain;
}

function run(cmd: string, args: string[], killAfterMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('error', (err) => { clearTimeout(timer); reject(new Error(`cannot run ${cmd}: ${err.message}`)); });
    child.once('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

// Two ports held open at once so they differ; the broker binds them a moment later. A race
// with another process is possible but rare enough on a test machine.
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

// Kafka cluster ids are 16 random bytes in URL-safe base64. One starting with '-' would be read
// as a command-line option by StorageTool, hence the retry.
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function tail(dir: string, lines = 40): string {
  return ['broker.out', 'broker.log'].map((file) => {
    try {
      return `[${file}]\n${fs.readFileSync(path.join(dir, file), 'utf8').split('\n').slice(-lines).join('\n')}`;
    } catch {
      return `[${file}] (missing)`;
    }
  }).join('\n');
}
