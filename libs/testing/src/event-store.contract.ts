// The event store contract: every adapter runs this same suite unchanged.
import { randomUUID } from 'node:crypto';
import type { HubCloudEvent } from '@hub/contracts';
import {
  ConcurrencyConflictError,
  subscribeToAll,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@hub/event-store';

export interface StoreFactory {
  /** A fresh, empty store; called once per test. */
  create(): Promise<EventStore>;
  /** Another connection to the same store as the last `create` (a second writer). */
  connectAgain(): Promise<EventStore>;
  /** Drops what `create` made. */
  destroy(): Promise<void>;
}

export function newEvent(subject: string, n = 0, type: HubCloudEvent['type'] = 'hub.judicial.InterimMeasureTaken.v2'): NewEvent {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/offices/judicial',
    type,
    subject,
    time: new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString(),
    datacontenttype: 'application/json',
    dataschema: `urn:dispute-hub:schema:${type}`,
    correlationid: 'corr',
    causationid: 'cause',
    actor: 'test',
    data: { occurredAt: '2024-01-01T08:00:00+08:00', kind: 'other', measure: `measure ${n}` },
  } as NewEvent;
}

export function eventStoreContract(name: string, factory: StoreFactory): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    const opened: EventStore[] = [];
    const again = async () => {
      const s = await factory.connectAgain();
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await store.close();
      await factory.destroy();
    });

    it('appends to a new stream and reads it back with revisions and CloudEvents attributes', async () => {
      const a = newEvent('d1', 1);
      const b = newEvent('d1', 2);
      const result = await store.append('judicial-d1', [a, b], 'no_stream');
      expect(result.revision).toBe(1);
      const read = await store.readStream('judicial-d1');
      expect(read.map((e) => e.revision)).toEqual([0, 1]);
      expect(read[0].event).toEqual({ ...a, sequence: '0' });
      expect(read[1].event.sequence).toBe('1');
      expect(await store.readStream('judicial-nothing')).toEqual([]);
    });

    it('gives back an event\'s data as it was written, keys in the order written', async () => {
      const e = { ...newEvent('d', 1), data: { occurredAt: '2024-01-01T08:00:00+08:00', measure: '先行充值', place: { district: '冠县', street: '崇文街道', community: '文苑社区' } } } as NewEvent;
      await store.append('order', [e], 'no_stream');
      const [fromStream] = await store.readStream('order');
      const [fromAll] = await store.readAll(0, 1);
      expect(JSON.stringify(fromStream.event.data)).toBe(JSON.stringify(e.data));
      expect(JSON.stringify(fromAll.event.data)).toBe(JSON.stringify(e.data));
    });

    it('rejects a stale writer with a conflict and writes nothing', async () => {
      await store.append('s', [newEvent('d', 1)], 'no_stream');
      await expect(store.append('s', [newEvent('d', 2)], 'no_stream')).rejects.toBeInstanceOf(ConcurrencyConflictError);
      await expect(store.append('s', [newEvent('d', 2), newEvent('d', 3)], 5)).rejects.toMatchObject({
        code: 'CONCURRENCY_CONFLICT',
        actual: 0,
      });
      await expect(store.append('t', [newEvent('d', 2)], 0)).rejects.toMatchObject({ actual: 'no_stream' });
      expect(await store.readStream('s')).toHaveLength(1);
      expect(await store.headPosition()).toBe((await store.readAll(0, 10))[0].position);
      await store.append('s', [newEvent('d', 4)], 'any');
      expect(await store.readStream('s')).toHaveLength(2);
    });

    it('a batch is all or nothing: a duplicate event id rejects the whole batch', async () => {
      const first = newEvent('d', 1);
      await store.append('s', [first], 'no_stream');
      // Matched on its message: a driver's error class may come from another test file's realm.
      await expect(store.append('s', [newEvent('d', 2), first], 0)).rejects.toHaveProperty('message', expect.stringMatching(/.+/));
      expect(await store.readStream('s')).toHaveLength(1);
    });

    it('concurrent writers on separate connections never lose an update', async () => {
      const writers = [store, await again(), await again()];
      const perWriter = 15;
      let conflicts = 0;
      const write = async (w: EventStore, k: number) => {
        for (let i = 0; i < perWriter; i++) {
          for (;;) {
            const current = await w.readStream('shared');
            const expected = current.length === 0 ? 'no_stream' : current[current.length - 1].revision;
            await new Promise((r) => setImmediate(r));
            try {
              await w.append('shared', [newEvent(`w${k}`, i)], expected);
              break;
            } catch (e) {
              if (!(e instanceof ConcurrencyConflictError)) throw e;
              conflicts++;
            }
          }
        }
      };
      await Promise.all(writers.map((w, k) => write(w, k)));
      const events = await store.readStream('shared');
      expect(events).toHaveLength(writers.length * perWriter);
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      for (let k = 0; k < writers.length; k++) {
        expect(events.filter((e) => e.event.subject === `w${k}`)).toHaveLength(perWriter);
      }
      expect(conflicts).toBeGreaterThan(0);
    });

    it('reads everything in global order from a position', async () => {
      await store.append('a', [newEvent('a', 1)], 'no_stream');
      await store.append('b', [newEvent('b', 2), newEvent('b', 3)], 'no_stream');
      await store.append('a', [newEvent('a', 4)], 0);
      const all = await store.readAll(0, 100);
      expect(all.map((e) => `${e.streamId}@${e.revision}`)).toEqual(['a@0', 'b@0', 'b@1', 'a@1']);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      expect(new Set(positions).size).toBe(4);
      const rest = await store.readAll(all[1].position, 100);
      expect(rest.map((e) => e.event.id)).toEqual(all.slice(2).map((e) => e.event.id));
      expect(await store.readAll(all[0].position, 2)).toHaveLength(2);
      expect(await store.headPosition()).toBe(all[3].position);
    });

    it('a subscription catches up from a checkpoint, then follows live appends, each event once', async () => {
      for (let i = 0; i < 5; i++) await store.append(`s${i}`, [newEvent('x', i)], 'no_stream');
      const checkpoint = (await store.readAll(0, 2))[1].position;
      const seen: StoredEvent[] = [];
      const sub = subscribeToAll(store, checkpoint, (batch) => void seen.push(...batch), { batchSize: 2, pollMs: 50 });
      await sub.caughtUpTo(await store.headPosition());
      expect(seen.map((e) => e.event.data)).toEqual([2, 3, 4].map((i) => expect.objectContaining({ measure: `measure ${i}` })));
      const writer = await again();
      for (let i = 5; i < 12; i++) await (i % 2 ? writer : store).append(`s${i}`, [newEvent('x', i)], 'no_stream');
      await sub.caughtUpTo(await store.headPosition());
      await sub.stop();
      expect(seen.map((e) => (e.event.data as { measure: string }).measure)).toEqual(
        Array.from({ length: 10 }, (_, i) => `measure ${i + 2}`),
      );
    });

    it('a handler that fails gets the same batch again, and nothing is skipped', async () => {
      for (let i = 0; i < 4; i++) await store.append(`s${i}`, [newEvent('x', i)], 'no_stream');
      const seen: number[] = [];
      let failures = 0;
      const sub = subscribeToAll(
        store,
        0,
        (batch) => {
          if (failures < 2) {
            failures++;
            throw new Error('read model unavailable');
          }
          seen.push(...batch.map((e) => e.position));
        },
        { retryMs: 10, pollMs: 50 },
      );
      await sub.caughtUpTo(await store.headPosition());
      await sub.stop();
      expect(seen).toEqual((await store.readAll(0, 10)).map((e) => e.position));
    });

    it('gap test: a live subscriber sees every event of many concurrent writers exactly once, in position order', async () => {
      const writers = [store, ...(await Promise.all(Array.from({ length: 5 }, () => again())))];
      const seen: StoredEvent[] = [];
      const sub = subscribeToAll(store, 0, (batch) => void seen.push(...batch), { batchSize: 7, pollMs: 20 });
      const written: string[] = [];
      await Promise.all(
        writers.map(async (w, k) => {
          for (let i = 0; i < 15; i++) {
            const batch = Array.from({ length: 1 + ((i + k) % 3) }, (_, j) => newEvent(`gap-${k}`, i * 3 + j));
            await w.append(`gap-${k}-${i}`, batch, 'no_stream');
            written.push(...batch.map((e) => e.id));
          }
        }),
      );
      await sub.caughtUpTo(await store.headPosition());
      await sub.stop();
      const ids = seen.map((e) => e.event.id);
      expect(ids).toHaveLength(written.length);
      expect([...ids].sort()).toEqual([...written].sort());
      const positions = seen.map((e) => e.position);
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
    });
  });
}
