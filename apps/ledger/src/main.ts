// `npm run start:ledger`: the ledger alone, following the embedded hub's store file; with
// KAFKA_BROKERS set, consuming the offices' topics into its own file (the distributed topology).
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { join } from 'node:path';
import { HealthController, HubStoreModule, runApp, type KafkaConfig } from '@hub/office-kit';
import { LedgerModule } from './ledger.module';

@Module({})
class LedgerAppModule {
  static forRoot(dataDir: string, kafka?: KafkaConfig): DynamicModule {
    if (kafka) return { module: LedgerAppModule, imports: [LedgerModule.kafka(join(dataDir, 'ledger.db'), kafka)], controllers: [HealthController] };
    const file = join(dataDir, 'hub.db');
    return { module: LedgerAppModule, imports: [HubStoreModule.forRoot({ file }), LedgerModule.embedded(join(dataDir, 'ledger.db'))], controllers: [HealthController] };
  }
}

runApp('Dispute hub: ledger', 3000, (config) => LedgerAppModule.forRoot(config.dataDir, config.kafka));
