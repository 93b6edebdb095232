// The embedded default: the four offices and the ledger in one process on one SQLite file, the
// ledger following the store's global order directly (no Kafka). Same modules, other adapters.
import { Module, type DynamicModule } from '@nestjs/common';
import { join } from 'node:path';
import { GovernanceModule } from '../../governance/src/governance.module';
import { HotlineModule } from '../../hotline/src/hotline.module';
import { JudicialModule } from '../../judicial/src/judicial.module';
import { LedgerModule } from '../../ledger/src/ledger.module';
import { PetitionModule } from '../../petition/src/petition.module';
import { HealthController, HubStoreModule, type HubStoreOptions } from '@hub/office-kit';
import { ApiKeysController } from './api-keys.controller';
import { PrivacyController } from './privacy.controller';

export const HUB_DB = 'hub.db';

@Module({})
export class HubModule {
  static forRoot(dataDir: string, overrides: Omit<HubStoreOptions, 'file'> = {}): DynamicModule {
    const file = join(dataDir, HUB_DB);
    return {
      module: HubModule,
      imports: [
        HubStoreModule.forRoot({ file, ...overrides }),
        HotlineModule,
        PetitionModule,
        GovernanceModule,
        JudicialModule,
        LedgerModule.embedded(file),
      ],
      controllers: [HealthController, ApiKeysController, PrivacyController],
    };
  }
}
