// A consumer group member whose read model owns the offsets: each partition batch is handed to
// `apply`, which stores the batch's effect and the next offset in ONE transaction. Kafka's own
// commits are never made nor read: on every (re)assignment the member seeks each partition to the
// offset the read model stored, and a batch that would skip past that offset is refused. A crash
// anywhere re-delivers at most what was not yet stored (at-least-once in, exactly-once effect).
import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { Admin, Batch, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { offsetCheckpoint } from './topics';

export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
  /** The offset to read next once this batch is stored: what `apply` must save with it. */
  next: string;
}

export interface TopicFollowerOptions {
  groupId: string;
  topics: readonly string[];
  /** Next offset to read per checkpoint name (`kafka:<topic>:<partition>`), as the read model stored it. */
  storedOffsets(): Promise<Record<string, string>>;
  /** Stores the batch's effect and `next` under offsetCheckpoint(topic, partition), all or nothing. */
  apply(batch: PartitionBatch): Promise<void>;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Next offset the read model will read; null before it stored any. */
  next: string | null;
  /** The partition's high watermark. */
  end: string;
  lag: number;
}

export type FollowerState = 'stopped' | 'joining' | 'running' | 'crashed';

const big = (offset: string) => BigInt(offset);

export class TopicFollower {
  private readonly logger: Logger;
  private readonly consumer: Consumer;
  private readonly admin: Admin;
  private readonly next = new Map<string, string>();
  private readonly progress = new EventEmitter().setMaxListeners(0);
  private state: FollowerState = 'stopped';
  private lastError: string | null = null;
  private endsInFlight?: Promise<Map<string, { low: string; high: string }>>;
  private endsQueued?: Promise<Map<string, { low: string; high: string }>>;

  constructor(
    kafka: Kafka,
    private readonly options: TopicFollowerOptions,
    name: string,
  ) {
    this.logger = new Logger(name);
    // A short session: a member killed with -9 is replaced after seconds, not half a minute.
    this.consumer = kafka.consumer({ groupId: options.groupId, sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 500 });
    this.admin = kafka.admin({ retry: { retries: 0 } });
    const { GROUP_JOIN, CRASH, STOP } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, ({ payload }) => this.seekAssigned(payload.memberAssignment));
    this.consumer.on(CRASH, ({ payload }) => {
      this.lastError = payload.error.message;
      this.state = payload.restart ? 'joining' : 'crashed';
      this.logger.error(`consumer failed${payload.restart ? ', restarting' : ''}: ${payload.error.message}`);
    });
    this.consumer.on(STOP, () => {
      if (this.state !== 'crashed') this.state = 'stopped';
    });
  }

  async start(): Promise<void> {
    for (const [name, value] of Object.entries(await this.options.storedOffsets())) this.next.set(name, value);
    this.state = 'joining';
    await this.admin.connect();
    await this.consumer.connect();
    // Partitions the read model has never read start at the beginning of the log.
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: ({ batch, resolveOffset, heartbeat, isStale }) => this.onBatch(batch, resolveOffset, heartbeat, isStale),
    });
  }

  // Runs synchronously inside the join, before the first fetch of the new assignment.
  private seekAssigned(assignment: Record<string, number[]>): void {
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        const offset = this.next.get(offsetCheckpoint(topic, partition));
        if (offset !== undefined) this.consumer.seek({ topic, partition, offset });
      }
    }
    this.state = 'running';
    this.lastError = null;
  }

  private async onBatch(batch: Batch, resolveOffset: (offset: string) => void, heartbeat: () => Promise<void>, isStale: () => boolean): Promise<void> {
    const { topic, partition } = batch;
    const name = offsetCheckpoint(topic, partition);
    const expected = this.next.get(name);
    let messages = batch.messages;
    if (expected !== undefined && messages.length > 0) {
      // Already stored: dropped. Past the stored offset: a gap, unless retention made it.
      messages = messages.filter((m) => big(m.offset) >= big(expected));
      const first = messages[0]?.offset;
      if (first === undefined || (big(first) > big(expected) && !(await this.goneBefore(topic, partition, first)))) {
        this.logger.warn(`${name}: fetched from ${batch.firstOffset()}, the stored offset is ${expected}; seeking to it`);
        this.consumer.seek({ topic, partition, offset: expected });
        return;
      }
    }
    if (messages.length === 0 || isStale()) return;
    const last = messages[messages.length - 1].offset;
    const next = String(big(last) + 1n);
    await this.options.apply({ topic, partition, messages, next });
    this.next.set(name, next);
    resolveOffset(last);
    this.progress.emit('applied');
    await heartbeat();
  }

  /** True when the messages before `offset` are no longer on the broker (retention): nothing to wait for. */
  private async goneBefore(topic: string, partition: number, offset: string): Promise<boolean> {
    const ends = await this.admin.fetchTopicOffsets(topic);
    const low = ends.find((p) => p.partition === partition)?.low;
    if (low !== undefined && big(low) >= big(offset)) {
      this.logger.error(`${offsetCheckpoint(topic, partition)}: messages before ${low} were deleted by retention before they were read`);
      return true;
    }
    return false;
  }

  private async readEnds(): Promise<Map<string, { low: string; high: string }>> {
    const ends = new Map<string, { low: string; high: string }>();
    await Promise.all(
      this.options.topics.map(async (topic) => {
        for (const p of await this.admin.fetchTopicOffsets(topic)) ends.set(offsetCheckpoint(topic, p.partition), { low: p.low, high: p.high });
      }),
    );
    return ends;
  }

  /** The partitions' ends as the broker has them now: a read that began before the call is not reused. */
  private freshEnds(): Promise<Map<string, { low: string; high: string }>> {
    if (!this.endsInFlight) {
      this.endsInFlight = this.readEnds().finally(() => (this.endsInFlight = undefined));
      return this.endsInFlight;
    }
    this.endsQueued ??= this.endsInFlight
      .catch(() => undefined)
      .then(() => {
        this.endsQueued = undefined;
        return this.freshEnds();
      });
    return this.endsQueued;
  }

  private behind(ends: Map<string, { low: string; high: string }>): boolean {
    for (const [name, { low, high }] of ends) {
      const next = this.next.get(name) ?? low;
      if (big(next) < big(high)) return true;
    }
    return false;
  }

  /**
   * Waits until the read model holds everything that was on the topics when called. False when
   * the broker cannot say (unreachable) or `timeoutMs` passed first.
   */
  async caughtUp(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let ends: Map<string, { low: string; high: string }>;
    try {
      ends = await this.freshEnds();
    } catch {
      return false;
    }
    while (this.behind(ends)) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.progress.off('applied', done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 250));
        this.progress.on('applied', done);
      });
    }
    return true;
  }

  async lag(): Promise<PartitionLag[]> {
    const ends = await this.readEnds();
    return [...ends].map(([name, { low, high }]) => {
      const [, topic, partition] = /^kafka:(.+):(\d+)$/.exec(name)!;
      const next = this.next.get(name) ?? null;
      return { topic, partition: Number(partition), next, end: high, lag: Number(big(high) - big(next ?? low)) };
    }).sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  status(): { state: FollowerState; lastError: string | null } {
    return { state: this.state, lastError: this.lastError };
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.admin.disconnect();
    this.state = 'stopped';
  }
}
