// `npm run start:petition`: the petition office alone, on its own event store (distributed topology).
import 'reflect-metadata';
import { OfficeAppModule, runApp } from '@hub/office-kit';
import { PetitionModule } from './petition.module';

runApp('Dispute hub: petition office', 3002, (config) => OfficeAppModule.forOffice('petition', PetitionModule, config.dataDir));
