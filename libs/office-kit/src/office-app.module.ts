// One office alone, on its own event store file: the distributed topology's office process.
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { join } from 'node:path';
import type { Office } from '@hub/contracts';
import { HealthController } from './health.controller';
import { HubStoreModule } from './hub-store.module';

/** The office's own SQLite file. */
export function officeStoreFile(dataDir: string, office: Office): string {
  return join(dataDir, `${office}.db`);
}

@Module({})
export class OfficeAppModule {
  /** `backbone`: what links the office to the others in the distributed topology (its Kafka module). */
  static forOffice(office: Office, officeModule: Type<unknown>, dataDir: string, backbone: DynamicModule[] = []): DynamicModule {
    return {
      module: OfficeAppModule,
      imports: [HubStoreModule.forRoot({ file: officeStoreFile(dataDir, office) }), officeModule, ...backbone],
      controllers: [HealthController],
    };
  }
}
