// A stream of office commands sent over HTTP by a few concurrent clients that retry as a real
// client would (a process that is down, a reply lost), and the ledger a run without faults gives:
// the ledger built directly from every event the offices' stores hold.
import Database from 'better-sqlite3';
import type { HubCloudEvent } from '@hub/contracts';
import { SqliteEventStore } from '@hub/event-store';
import { SqliteLedgerStore } from '../../../apps/ledger/src/sqlite-ledger.store';

export interface Job {
  office: 'hotline' | 'petition' | 'governance' | 'judicial';
  path: string;
  body: Record<string, unknown>;
  /** Another office's report may take a moment to reach this office (its publisher was down). */
  retryNotFound?: boolean;
  /** Jobs that may start once this one is accepted. */
  then?: () => Job[];
}

export interface StreamOptions {
  concurrency: number;
  urlOf: (office: Job['office']) => string;
  keyOf: (office: Job['office']) => string;
  /** Called after each accepted job with the number accepted so far. */
  onAccepted?: (accepted: number) => void | Promise<void>;
}

const RETRY_MS = 200;
const GIVE_UP_MS = 90_000;

export async function runStream(jobs: Job[], options: StreamOptions): Promise<number> {
  const queue = [...jobs];
  let accepted = 0;
  let pending = 0;
  const worker = async () => {
    for (;;) {
      const job = queue.shift();
      if (!job) {
        if (pending === 0) return;
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      pending++;
      try {
        await send(job, options);
      } finally {
        pending--;
      }
      accepted++;
      queue.push(...(job.then?.() ?? []));
      await options.onAccepted?.(accepted);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return accepted;
}

async function send(job: Job, options: StreamOptions): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    let status = 0;
    let text = '';
    try {
      const res = await fetch(`${options.urlOf(job.office)}${job.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.keyOf(job.office)}` },
        body: JSON.stringify(job.body),
      });
      status = res.status;
      text = await res.text();
    } catch {
      status = 0; // the process is down or died mid-request: the same request again is safe
    }
    if (status === 202) return;
    const retry = status === 0 || status >= 500 || (status === 404 && job.retryNotFound);
    if (!retry || Date.now() > deadline) throw new Error(`POST ${job.path} answered ${status}: ${text}`);
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}

/** Every event in the given office store files (read-only, the offices may still be running). */
export async function storedEvents(files: string[]): Promise<HubCloudEvent[]> {
  const events: HubCloudEvent[] = [];
  for (const file of files) {
    const store = new SqliteEventStore(new Database(file, { readonly: true }));
    for (let after = 0; ; ) {
      const batch = await store.readAll(after, 5000);
      if (batch.length === 0) break;
      events.push(...batch.map((s) => s.event));
      after = batch[batch.length - 1].position;
    }
    await store.close();
  }
  return events;
}

export interface LedgerState {
  eventIds: string[];
  records: Record<string, unknown>[];
}

function stateOf(db: Database.Database): LedgerState {
  return {
    eventIds: db.prepare<[], { event_id: string }>('SELECT event_id FROM ledger_journal ORDER BY event_id').all().map((r) => r.event_id),
    records: db.prepare<[], { record: string }>('SELECT record FROM ledger_disputes ORDER BY id').all().map((r) => JSON.parse(r.record) as Record<string, unknown>),
  };
}

/** What a ledger file holds (read-only). */
export function ledgerFileState(file: string): LedgerState {
  const db = new Database(file, { readonly: true });
  try {
    return stateOf(db);
  } finally {
    db.close();
  }
}

/** The ledger of a run without faults: every stored event applied once, in store order. */
export async function referenceLedger(events: readonly HubCloudEvent[]): Promise<LedgerState> {
  const db = new Database(':memory:');
  const ledger = new SqliteLedgerStore(db);
  await ledger.apply(events, {});
  const state = stateOf(db);
  await ledger.close();
  return state;
}
