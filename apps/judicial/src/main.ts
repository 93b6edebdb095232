// `npm run start:judicial`: the judicial office alone, on its own event store (distributed topology);
// with KAFKA_BROKERS set it also runs its outbox relay and its replica of the other offices.
import 'reflect-metadata';
import { officeProcess } from '@hub/kafka';
import { runApp } from '@hub/office-kit';
import { JudicialModule } from './judicial.module';

runApp('Dispute hub: judicial office', 3004, (config) => officeProcess('judicial', JudicialModule, config));
