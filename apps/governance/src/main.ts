// `npm run start:governance`: the governance office alone, on its own event store (distributed topology).
import 'reflect-metadata';
import { OfficeAppModule, runApp } from '@hub/office-kit';
import { GovernanceModule } from './governance.module';

runApp('Dispute hub: governance office', 3003, (config) => OfficeAppModule.forOffice('governance', GovernanceModule, config.dataDir));
