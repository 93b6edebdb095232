import { buildEventSchemas } from '../scripts/build-event-schemas';
import { EVENT_TYPES } from './catalog';
import { EVENT_SCHEMAS, eventDataErrors } from './schemas';

describe('event contracts', () => {
  it('the committed JSON schemas are the ones generated from the TypeScript types (run `npm run schemas`)', () => {
    expect(EVENT_SCHEMAS).toEqual(JSON.parse(JSON.stringify(buildEventSchemas())));
  });

  it('every event type has a versioned name and a schema', () => {
    for (const type of EVENT_TYPES) {
      expect(type).toMatch(/^hub\.(hotline|petition|governance|judicial)\.[A-Z][A-Za-z]+\.v\d+$/);
      expect(EVENT_SCHEMAS[type]).toMatchObject({ $id: `urn:dispute-hub:schema:${type}`, type: 'object' });
    }
  });

  it('names each field that breaks a schema, and personal data only fits in `personal`', () => {
    const data = {
      occurredAt: '2023-12-27T09:30:00+08:00',
      ticketNo: 'T-1',
      receivedAt: '2023-12-27T09:30:00+08:00',
      channel: 'phone',
      kind: 'complaint',
      category: 'property',
      place: { district: '冠县', street: '崇文街道', community: '文苑社区' },
      summary: 's',
      workingDays: 13,
      dueBy: '2024-01-15T23:59:59+08:00',
      personal: { caller: { name: '李龙', phone: '13800000000' } },
    };
    expect(eventDataErrors('hub.hotline.ComplaintReceived.v1', data)).toEqual([]);
    expect(eventDataErrors('hub.hotline.ComplaintReceived.v1', { ...data, callerName: '李龙', channel: 'fax' })).toEqual(
      expect.arrayContaining(['/: must NOT have additional properties', '/channel: must be equal to one of the allowed values']),
    );
    expect(eventDataErrors('hub.hotline.ComplaintReceived.v1', { ...data, place: { ...data.place, address: '3号楼' } })).toContain(
      '/place: must NOT have additional properties',
    );
  });
});
