import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { EVENT_TYPES, LEGACY_CATALOG } from '../src/catalog';
import { dataSchemaUri, parseEventType } from '../src/envelope';

export function buildEventSchemas(): Record<string, object> {
  const generator = createGenerator({
    path: join(__dirname, '../src/events/*.events.ts'),
    tsconfig: join(__dirname, '../../../tsconfig.json'),
    expose: 'none',
    topRef: false,
    skipTypeCheck: true,
    jsDoc: 'extended',
  });
  const schemas: Record<string, object> = {};
  for (const type of EVENT_TYPES) {
    const { name } = parseEventType(type)!;
    schemas[type] = { $id: dataSchemaUri(type), title: type, ...generator.createSchema(`${name}Data`) };
  }
  // Earlier versions keep their schemas: old events stay readable, and checkable, forever.
  for (const type of Object.keys(LEGACY_CATALOG)) {
    const { name, version } = parseEventType(type)!;
    schemas[type] = { $id: dataSchemaUri(type), title: type, ...generator.createSchema(`${name}V${version}Data`) };
  }
  return schemas;
}
