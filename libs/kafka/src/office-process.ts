// An office's own process: alone on its store, and on the Kafka backbone when KAFKA_BROKERS is set.
import type { DynamicModule, Type } from '@nestjs/common';
import type { Office } from '@hub/contracts';
import { OfficeAppModule, officeStoreFile, type HubConfig } from '@hub/office-kit';
import { OfficeKafkaModule } from './office-kafka.module';

export function officeProcess(office: Office, officeModule: Type<unknown>, config: HubConfig): DynamicModule {
  const backbone = config.kafka
    ? [OfficeKafkaModule.forOffice({ office, kafka: config.kafka, file: officeStoreFile(config.dataDir, office) })]
    : [];
  return OfficeAppModule.forOffice(office, officeModule, config.dataDir, backbone);
}
