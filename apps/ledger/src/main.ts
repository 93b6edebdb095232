// `npm run start:ledger`: the ledger alone, following the embedded hub's store file.
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { join } from 'node:path';
import { HealthController, HubStoreModule, runApp } from '@hub/office-kit';
import { LedgerModule } from './ledger.module';

@Module({})
class LedgerAppModule {
  static forRoot(dataDir: string): DynamicModule {
    const file = join(dataDir, 'hub.db');
    return { module: LedgerAppModule, imports: [HubStoreModule.forRoot({ file }), LedgerModule.embedded(join(dataDir, 'ledger.db'))], controllers: [HealthController] };
  }
}

runApp('Dispute hub: ledger', 3000, (config) => LedgerAppModule.forRoot(config.dataDir));
