// A minimal Server-Sent Events client over fetch, for tests: reads events until told to stop.
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseReader {
  events: SseEvent[];
  /** Resolves once `n` events have arrived (or rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Cuts the connection, as a network failure would. */
  cut(): void;
  status: number;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseReader> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const settle = () => {
    for (const w of [...waiters]) {
      if (events.length < w.n) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  if (res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event: SseEvent = { data: '' };
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue;
              const [field, ...rest] = line.split(':');
              const value = rest.join(':').replace(/^ /, '');
              if (field === 'id') event.id = value;
              else if (field === 'event') event.event = value;
              else if (field === 'data') data.push(value);
            }
            if (data.length === 0) continue;
            event.data = data.join('\n');
            events.push(event);
            settle();
          }
        }
      } catch {
        // aborted: the test cut the connection
      }
    })();
  }
  return {
    events,
    status: res.status,
    waitFor(n, timeoutMs = 10_000) {
      if (events.length >= n) return Promise.resolve(events.slice(0, n));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${events.length} of ${n} events arrived`)), timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(events.slice(0, n));
          },
        });
      });
    },
    cut: () => controller.abort(),
  };
}
