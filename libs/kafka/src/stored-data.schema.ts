// What event data looks like as the offices store and publish it: the contract's schema, except
// that the `personal` part is usually sealed (encrypted per data subject, see @hub/security), so it
// is checked as a sealed envelope; plain personal data (events from before sealing) is checked
// against the contract as it is.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EVENT_SCHEMAS, eventDataErrors, type EventType } from '@hub/contracts';
import { SEALED_FORMAT, isSealed } from '@hub/security';

const SEALED_PERSONAL = {
  type: 'object',
  required: ['sealed', 'parts'],
  additionalProperties: false,
  properties: {
    sealed: { const: SEALED_FORMAT },
    parts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['path', 'subject', 'key', 'data'],
        additionalProperties: false,
        properties: {
          path: { type: 'string', pattern: '^/' },
          subject: { type: 'string', minLength: 1 },
          key: { type: 'string', minLength: 1 },
          data: { type: 'string', contentEncoding: 'base64', minLength: 1 },
        },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const sealedValidators = new Map<EventType, ValidateFunction>();

function sealedValidator(type: EventType): ValidateFunction {
  let validate = sealedValidators.get(type);
  if (!validate) {
    const schema = EVENT_SCHEMAS[type] as { $id?: string; properties?: Record<string, unknown> };
    const { $id: _id, ...rest } = schema;
    validate = ajv.compile({ ...rest, properties: { ...rest.properties, personal: SEALED_PERSONAL } });
    sealedValidators.set(type, validate);
  }
  return validate;
}

/** The schema violations of stored event data, as "path: message" lines; empty when valid. */
export function storedDataErrors(type: EventType, data: unknown): string[] {
  const personal = (data as { personal?: unknown } | null)?.personal;
  if (!isSealed(personal)) return eventDataErrors(type, data);
  const validate = sealedValidator(type);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
