// Data subjects: who a piece of personal data is about. A citizen known by an ID-card number or
// a phone gets the same subject id in every event and office, so one erasure reaches all their
// data; the id is a keyed hash (HMAC-SHA-256 with the key store's index key), so it reveals
// nothing and cannot be recomputed from a phone number without the key store. A person named
// without either (a party in a grid check) is a subject of that one event.
import { createHmac } from 'node:crypto';

export interface PersonLike {
  name?: unknown;
  phone?: unknown;
  idNumber?: unknown;
}

/** 138 0000 0000, +86 13800000000 and 8613800000000 are one number; landlines keep their area code. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return /^86(1\d{10})$/.test(digits) ? digits.slice(2) : digits;
}

export function normaliseIdNumber(id: string): string {
  return id.trim().toUpperCase();
}

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/** `sub_` and 128 bits of the keyed hash: stable, opaque, safe in logs and URLs. */
function subjectIdOf(key: Buffer, basis: string): string {
  return `sub_${mac(key, `subject|${basis}`).subarray(0, 16).toString('hex')}`;
}

export function subjectIdFor(key: Buffer, person: PersonLike, eventId: string, path: string): string {
  if (typeof person.idNumber === 'string' && person.idNumber) return subjectIdOf(key, `id:${normaliseIdNumber(person.idNumber)}`);
  if (typeof person.phone === 'string' && person.phone) return subjectIdOf(key, `phone:${normalisePhone(person.phone)}`);
  return subjectIdOf(key, `event:${eventId}${path}`);
}

export type LookupKind = 'phone' | 'idNumber';

/** The keyed hash an administrator's search by phone or ID number is matched on. */
export function lookupOf(key: Buffer, kind: LookupKind, value: string): string {
  const basis = kind === 'phone' ? `phone:${normalisePhone(value)}` : `id:${normaliseIdNumber(value)}`;
  return mac(key, `lookup|${basis}`).toString('hex');
}

export function lookupsOf(key: Buffer, person: PersonLike): string[] {
  return [
    ...(typeof person.phone === 'string' && person.phone ? [lookupOf(key, 'phone', person.phone)] : []),
    ...(typeof person.idNumber === 'string' && person.idNumber ? [lookupOf(key, 'idNumber', person.idNumber)] : []),
  ];
}
