// `npm run start:governance`: the governance office alone, on its own event store (distributed topology);
// with KAFKA_BROKERS set it also runs its outbox relay and its replica of the other offices.
import 'reflect-metadata';
import { officeProcess } from '@hub/kafka';
import { runApp } from '@hub/office-kit';
import { GovernanceModule } from './governance.module';

runApp('Dispute hub: governance office', 3003, (config) => officeProcess('governance', GovernanceModule, config));
