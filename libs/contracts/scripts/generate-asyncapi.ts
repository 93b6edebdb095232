// Writes docs/asyncapi.json from the contracts; a unit test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEALED_PERSONAL_SCHEMA } from '@hub/security';
import { buildAsyncApi } from '../src/asyncapi';

const target = join(__dirname, '../../../docs/asyncapi.json');
writeFileSync(target, JSON.stringify(buildAsyncApi({ personalSchema: SEALED_PERSONAL_SCHEMA }), null, 2) + '\n');
console.log(`wrote ${target}`);
