// Encryption of an event's `personal` part (DESIGN rule 5). Each citizen in it (a caller, a
// petitioner, each party) is encrypted apart with the key of their data subject; the fields that
// are not a person (the street address) go with the first person. A stored event carries only:
//   personal: { sealed: 'aes-256-gcm/v1', parts: [{ path: '/caller', subject, key, data }, ...] }
// Once a subject's key is erased, their parts open as `erased` everywhere, for ever.
import { open, seal } from './aead';
import type { KeyVault } from './key-vault';
import { lookupsOf, subjectIdFor, type PersonLike } from './subjects';

export const PERSONAL_DATA = Symbol('PERSONAL_DATA');
export const SEALED_FORMAT = 'aes-256-gcm/v1';

export interface SealedPart {
  /** JSON pointer of the field inside `personal`, e.g. `/caller`, `/parties/1`, `/address`. */
  path: string;
  subject: string;
  /** Which of the subject's keys: a subject erased and met again gets a new one. */
  key: string;
  /** base64 of nonce || ciphertext || tag */
  data: string;
}

export interface SealedPersonal {
  sealed: typeof SEALED_FORMAT;
  parts: SealedPart[];
}

export interface OpenedPart {
  path: string;
  subjectId: string;
  /** The field's value; absent when erased. */
  value?: unknown;
  erased: boolean;
}

interface EventLike {
  id: string;
  data: unknown;
}

interface Piece {
  path: string;
  value: unknown;
  person?: PersonLike;
}

export function isSealed(personal: unknown): personal is SealedPersonal {
  return typeof personal === 'object' && personal !== null && (personal as SealedPersonal).sealed === SEALED_FORMAT && Array.isArray((personal as SealedPersonal).parts);
}

const pointer = (...tokens: (string | number)[]) => tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
const tokens = (path: string) => path.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The pieces of a `personal` part: persons first (in key order), then everything else. */
function piecesOf(personal: Record<string, unknown>): Piece[] {
  const persons: Piece[] = [];
  const rest: Piece[] = [];
  for (const key of Object.keys(personal).sort()) {
    const value = personal[key];
    if (Array.isArray(value)) {
      value.forEach((v, i) => (isObject(v) ? persons : rest).push({ path: pointer(key, i), value: v, ...(isObject(v) ? { person: v } : {}) }));
    } else if (isObject(value)) {
      persons.push({ path: pointer(key), value, person: value });
    } else if (value !== undefined) {
      rest.push({ path: pointer(key), value });
    }
  }
  return [...persons, ...rest];
}

/** Puts opened pieces back where they were; an erased piece becomes null. */
function assemble(parts: readonly OpenedPart[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    const [key, index] = tokens(part.path);
    const value = part.erased ? null : part.value;
    if (index === undefined) out[key] = value;
    else ((out[key] ??= []) as unknown[])[Number(index)] = value;
  }
  return out;
}

const aad = (eventId: string, p: Pick<SealedPart, 'path' | 'subject' | 'key'>) => `hub-personal/v1|${eventId}|${p.path}|${p.subject}|${p.key}`;

export class PersonalDataCipher {
  constructor(
    private readonly vault: KeyVault,
    private readonly now: () => string,
  ) {}

  /** The event with its `personal` part sealed; events without one are returned as they are. */
  async sealEvent<E extends EventLike>(event: E): Promise<E> {
    const data = event.data as Record<string, unknown>;
    if (!isObject(data) || !isObject(data.personal) || isSealed(data.personal)) return event;
    const index = await this.vault.indexKey();
    const pieces = piecesOf(data.personal);
    const first = pieces.find((p) => p.person);
    const parts: SealedPart[] = [];
    for (const piece of pieces) {
      const owner = piece.person ? piece : (first ?? piece);
      const subject = subjectIdFor(index, owner.person ?? {}, event.id, owner.path);
      const { keyId, key } = await this.vault.subjectKey(subject, this.now(), piece.person ? lookupsOf(index, piece.person) : []);
      const part = { path: piece.path, subject, key: keyId };
      parts.push({ ...part, data: seal(key, Buffer.from(JSON.stringify(piece.value), 'utf8'), aad(event.id, part)).toString('base64') });
    }
    const personal: SealedPersonal = { sealed: SEALED_FORMAT, parts };
    return { ...event, data: { ...data, personal } };
  }

  /** The opened pieces of the event's `personal` part, or undefined when it has none. */
  async openParts(event: EventLike): Promise<OpenedPart[] | undefined> {
    const personal = isObject(event.data) ? event.data.personal : undefined;
    if (!isObject(personal)) return undefined;
    if (!isSealed(personal)) {
      // Written before personal data was sealed: shown (masked) like any other, but not erasable.
      return piecesOf(personal).map((p) => ({ path: p.path, subjectId: '', value: p.value, erased: false }));
    }
    const opened: OpenedPart[] = [];
    for (const part of personal.parts) {
      const key = await this.vault.findSubjectKey(part.subject, part.key);
      opened.push(
        key
          ? { path: part.path, subjectId: part.subject, value: JSON.parse(open(key, Buffer.from(part.data, 'base64'), aad(event.id, part)).toString('utf8')), erased: false }
          : { path: part.path, subjectId: part.subject, erased: true },
      );
    }
    return opened;
  }

  /** The event as its office wrote it, for deciding on it; erased persons are null. */
  async openEvent<E extends EventLike>(event: E): Promise<E> {
    const parts = await this.openParts(event);
    if (!parts || !isSealed((event.data as Record<string, unknown>).personal)) return event;
    return { ...event, data: { ...(event.data as object), personal: assemble(parts) } };
  }
}
