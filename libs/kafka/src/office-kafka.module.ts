// Puts one office process on the Kafka backbone: relay, replica of the other offices (feeding
// the office's dispute history), readiness for /health, and writes answered once published.
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { PEER_EVENTS, READINESS } from '@hub/office-kit';
import { OFFICE_KAFKA_OPTIONS, OfficeKafka, type OfficeKafkaOptions } from './office-kafka';
import { PublishedWriteInterceptor } from './published-write.interceptor';

// Global: the office kit's store module takes PEER_EVENTS for the dispute history.
@Global()
@Module({})
export class OfficeKafkaModule {
  static forOffice(options: OfficeKafkaOptions): DynamicModule {
    return {
      module: OfficeKafkaModule,
      providers: [
        { provide: OFFICE_KAFKA_OPTIONS, useValue: options },
        OfficeKafka,
        { provide: PEER_EVENTS, useExisting: OfficeKafka },
        { provide: READINESS, useExisting: OfficeKafka },
        { provide: APP_INTERCEPTOR, useClass: PublishedWriteInterceptor },
      ],
      exports: [PEER_EVENTS, READINESS, OfficeKafka],
    };
  }
}
