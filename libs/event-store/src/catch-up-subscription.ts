// Catch-up-then-live subscription over any EventStore: reads the global order from a checkpoint
// in batches, then waits for appends. The handler stores its own checkpoint with its read model,
// so a batch that throws is simply read again: nothing is lost, and idempotent handlers double nothing.
import type { EventStore, StoredEvent } from './event-store.port';

export interface SubscriptionOptions {
  batchSize?: number;
  /** Upper bound on how long a live subscription waits before looking again (other processes' appends). */
  pollMs?: number;
  /** Pause after a failing batch before it is retried. */
  retryMs?: number;
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Position of the last event the handler accepted. */
  readonly position: number;
  /** Resolves once the subscription has delivered everything up to `position`. */
  caughtUpTo(position: number): Promise<void>;
  stop(): Promise<void>;
}

export function subscribeToAll(
  store: EventStore,
  after: number,
  handler: (batch: StoredEvent[]) => Promise<void> | void,
  options: SubscriptionOptions = {},
): Subscription {
  const { batchSize = 500, pollMs = 500, retryMs = 1000, onError = () => undefined } = options;
  let position = after;
  let stopped = false;
  const waiters: { target: number; resolve: () => void }[] = [];

  const settleWaiters = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].target <= position) waiters.splice(i, 1)[0].resolve();
    }
  };

  const loop = async () => {
    while (!stopped) {
      try {
        const batch = await store.readAll(position, batchSize);
        if (batch.length === 0) {
          settleWaiters();
          await store.waitForAppend(pollMs);
          continue;
        }
        await handler(batch);
        position = batch[batch.length - 1].position;
        settleWaiters();
      } catch (error) {
        if (stopped) break;
        onError(error);
        await new Promise((r) => setTimeout(r, retryMs));
      }
    }
  };
  const running = loop();

  return {
    get position() {
      return position;
    },
    caughtUpTo(target: number) {
      if (target <= position) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ target, resolve }));
    },
    async stop() {
      stopped = true;
      await running;
      for (const w of waiters.splice(0)) w.resolve();
    },
  };
}
