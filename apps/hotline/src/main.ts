// `npm run start:hotline`: the hotline office alone, on its own event store (distributed topology).
import 'reflect-metadata';
import { OfficeAppModule, runApp } from '@hub/office-kit';
import { HotlineModule } from './hotline.module';

runApp('Dispute hub: hotline office', 3001, (config) => OfficeAppModule.forOffice('hotline', HotlineModule, config.dataDir));
