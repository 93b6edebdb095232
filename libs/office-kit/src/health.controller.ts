import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@hub/event-store';
import { Public } from '@hub/security';

/** What a process adds to its health answer beyond its store (e.g. its Kafka relay or consumer). */
export interface Readiness {
  check(): Promise<{ ready: boolean; details: Record<string, unknown> }>;
}

export const READINESS = Symbol('READINESS');

@ApiTags('health')
// The one route open without a key: it shows no data, and probes must reach it.
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Optional() @Inject(EVENT_STORE) private readonly store?: EventStore,
    @Optional() @Inject(READINESS) private readonly readiness?: Readiness,
  ) {}

  /** 200 when the process can do its work; 503 with the same body when it cannot (yet). */
  @Get()
  async health() {
    const own = this.store ? { eventStore: { head: await this.store.headPosition() } } : {};
    if (!this.readiness) return { status: 'ok', ...own };
    const { ready, details } = await this.readiness.check();
    const body = { status: ready ? 'ok' : 'unavailable', ...own, ...details };
    if (!ready) throw new ServiceUnavailableException({ statusCode: 503, ...body });
    return body;
  }
}
