// `npm run start:petition`: the petition office alone, on its own event store (distributed topology);
// with KAFKA_BROKERS set it also runs its outbox relay and its replica of the other offices.
import 'reflect-metadata';
import { officeProcess } from '@hub/kafka';
import { runApp } from '@hub/office-kit';
import { PetitionModule } from './petition.module';

runApp('Dispute hub: petition office', 3002, (config) => officeProcess('petition', PetitionModule, config));
