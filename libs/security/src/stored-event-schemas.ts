// Events as they are stored and travel (on Kafka, in the ledger's journal) carry their `personal`
// part sealed, so the contracts' schemas (written for the plain data an office decides on) do not
// fit them. These are the same schemas with `personal` replaced by the sealed form: a reader of
// stored events checks them with `storedEventDataErrors`, and refuses personal data in the clear.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EVENT_SCHEMAS, type EventType } from '@hub/contracts';
import { SEALED_FORMAT } from './personal-data';

export const SEALED_PERSONAL_SCHEMA = {
  type: 'object',
  description: 'The personal part, encrypted per data subject (AES-256-GCM); see docs/security.md.',
  properties: {
    sealed: { const: SEALED_FORMAT },
    parts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          path: { type: 'string', pattern: '^(/[A-Za-z0-9_~-]+)+$' },
          subject: { type: 'string', pattern: '^sub_[0-9a-f]{32}$' },
          key: { type: 'string', pattern: '^[0-9a-f]{16}$' },
          data: { type: 'string', contentEncoding: 'base64', pattern: '^[A-Za-z0-9+/]+={0,2}$' },
        },
        required: ['path', 'subject', 'key', 'data'],
        additionalProperties: false,
      },
    },
  },
  required: ['sealed', 'parts'],
  additionalProperties: false,
} as const;

type Schema = { $id?: string; properties?: Record<string, unknown> } & Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

function storedSchemaOf(type: EventType): Schema {
  const schema = EVENT_SCHEMAS[type] as Schema;
  if (!schema.properties?.personal) return { ...schema, $id: `${schema.$id}#stored` };
  return { ...schema, $id: `${schema.$id}#stored`, properties: { ...schema.properties, personal: SEALED_PERSONAL_SCHEMA } };
}

/** The schema violations of a stored event's data, as "path: message" lines; empty when valid. */
export function storedEventDataErrors(type: EventType, data: unknown): string[] {
  let validate = validators.get(type);
  if (!validate) {
    validate = ajv.compile(storedSchemaOf(type));
    validators.set(type, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
