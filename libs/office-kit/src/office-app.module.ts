// One office alone, on its own event store file: the distributed topology's office process.
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { join } from 'node:path';
import type { Office } from '@hub/contracts';
import { HealthController } from './health.controller';
import { HubStoreModule } from './hub-store.module';

@Module({})
export class OfficeAppModule {
  static forOffice(office: Office, officeModule: Type<unknown>, dataDir: string): DynamicModule {
    return {
      module: OfficeAppModule,
      imports: [HubStoreModule.forRoot({ file: join(dataDir, `${office}.db`) }), officeModule],
      controllers: [HealthController],
    };
  }
}
