// Generates the JSON schema of every event type's data from its TypeScript type, into
// src/generated/event-schemas.json. `npm run schemas` rewrites it; a unit test fails when stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEventSchemas } from './build-event-schemas';

const target = join(__dirname, '../src/generated/event-schemas.json');
writeFileSync(target, JSON.stringify(buildEventSchemas(), null, 2) + '\n');
console.log(`wrote ${target}`);
