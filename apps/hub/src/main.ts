// `npm start`: the whole hub on its embedded default, port 3000, data under ./data.
import 'reflect-metadata';
import { runApp } from '@hub/office-kit';
import { HubModule } from './hub.module';

runApp('Dispute hub', 3000, (config) => HubModule.forRoot(config.dataDir));
