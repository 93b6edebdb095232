// In the distributed topology an office answers a write once its events are on the broker, so
// that whatever the client does next, at another office or at the ledger, sees it. If the broker
// is away the answer still comes after a bound: the events wait in the store (the outbox) and
// are published when it is back.
import { Inject, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { mergeMap, type Observable } from 'rxjs';
import { OfficeKafka } from './office-kafka';

const PUBLISH_WAIT_MS = 5000;

@Injectable()
export class PublishedWriteInterceptor implements NestInterceptor {
  private readonly logger = new Logger('relay');

  constructor(@Inject(OfficeKafka) private readonly kafka: OfficeKafka) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const position = (body as { position?: unknown } | undefined)?.position;
        if (typeof position === 'number' && position > 0 && !(await this.kafka.relay.publishedUpTo(position, PUBLISH_WAIT_MS))) {
          this.logger.warn(`position ${position} is stored but not yet on the broker; answering anyway, the relay will publish it`);
        }
        return body;
      }),
    );
  }
}
