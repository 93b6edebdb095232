// `npm run start:judicial`: the judicial office alone, on its own event store (distributed topology).
import 'reflect-metadata';
import { OfficeAppModule, runApp } from '@hub/office-kit';
import { JudicialModule } from './judicial.module';

runApp('Dispute hub: judicial office', 3004, (config) => OfficeAppModule.forOffice('judicial', JudicialModule, config.dataDir));
