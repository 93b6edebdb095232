import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEALED_PERSONAL_SCHEMA } from '@hub/security';
import { buildAsyncApi } from './asyncapi';
import { EVENT_TYPES } from './catalog';

describe('AsyncAPI document', () => {
  it('is a valid AsyncAPI 3 document with every event type on its office topic', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(buildAsyncApi({ personalSchema: SEALED_PERSONAL_SCHEMA })));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    const names = document!.allMessages().all().map((m) => m.name());
    expect(names.sort()).toEqual([...EVENT_TYPES].sort());
    expect(document!.channels().all().map((c) => c.address()).sort()).toEqual(
      ['hub.governance.events', 'hub.hotline.events', 'hub.judicial.events', 'hub.petition.events'],
    );
  });

  it('docs/asyncapi.json is the one generated from the contracts (run `npm run asyncapi`)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '../../../docs/asyncapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildAsyncApi({ personalSchema: SEALED_PERSONAL_SCHEMA }))));
  });
});
