// `npm run start:hotline`: the hotline office alone, on its own event store (distributed topology);
// with KAFKA_BROKERS set it also runs its outbox relay and its replica of the other offices.
import 'reflect-metadata';
import { officeProcess } from '@hub/kafka';
import { runApp } from '@hub/office-kit';
import { HotlineModule } from './hotline.module';

runApp('Dispute hub: hotline office', 3001, (config) => officeProcess('hotline', HotlineModule, config));
