// Validation of event data against the JSON schemas generated from the contracts' types.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { KnownEventType } from './catalog';
import schemas from './generated/event-schemas.json';

export const EVENT_SCHEMAS = schemas as unknown as Record<KnownEventType, object>;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

function validatorFor(type: KnownEventType): ValidateFunction {
  let validate = validators.get(type);
  if (!validate) {
    validate = ajv.compile(EVENT_SCHEMAS[type]);
    validators.set(type, validate);
  }
  return validate;
}

/** The schema violations of `data` for `type`, as "path: message" lines; empty when valid. */
export function eventDataErrors(type: KnownEventType, data: unknown): string[] {
  const validate = validatorFor(type);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
