// The parties of a dispute as a reader may see them, built at query time from the opened
// `personal` parts of its reports. The stored ledger record holds no personal data at all, not
// even masked: once a citizen's key is erased, nothing of them is left to show.
import { maskIdNumber, maskName, maskPhone } from './masking';

/** One opened piece of an event's `personal` part (see @hub/security). */
export interface PersonalPart {
  /** JSON pointer inside `personal`: `/caller`, `/petitioner`, `/parties/0`, `/address`. */
  path: string;
  value?: unknown;
  erased: boolean;
}

export interface PersonalSource {
  eventId: string;
  parts: readonly PersonalPart[];
}

export type PartyRole = 'caller' | 'petitioner' | 'party';

export interface PartyView {
  role: PartyRole;
  name?: string;
  phone?: string;
  idNumber?: string;
  /** Only in the clear: a masked view leaves the address out. */
  address?: string;
  /** The citizen's data was erased. */
  erased?: true;
}

export interface PartiesView {
  parties: PartyView[];
  /** What was shown in the clear, e.g. `caller.name`, `address`: what an access record names. */
  fields: string[];
}

const PERSON_FIELDS = ['name', 'phone', 'idNumber'] as const;
const MASKS: Record<(typeof PERSON_FIELDS)[number], (v: string) => string> = { name: maskName, phone: maskPhone, idNumber: maskIdNumber };

/** The role of a citizen named at this place of an event's personal part (`/caller`, `/parties/0`, ...). */
export function roleOf(path: string): PartyRole | undefined {
  const key = path.split('/')[1];
  if (key === 'caller' || key === 'petitioner') return key;
  return key === 'parties' ? 'party' : undefined;
}

export function partiesView(sources: readonly PersonalSource[], reveal: boolean): PartiesView {
  const parties: PartyView[] = [];
  const fields = new Set<string>();
  for (const source of sources) {
    const first = parties.length;
    for (const part of source.parts) {
      const role = roleOf(part.path);
      if (!role) continue;
      if (part.erased) {
        parties.push({ role, erased: true });
        continue;
      }
      const person = (part.value ?? {}) as Record<string, unknown>;
      const view: PartyView = { role };
      for (const f of PERSON_FIELDS) {
        const v = person[f];
        if (typeof v !== 'string' || !v) continue;
        view[f] = reveal ? v : MASKS[f](v);
        if (reveal) fields.add(`${role}.${f}`);
      }
      parties.push(view);
    }
    const address = source.parts.find((p) => p.path === '/address');
    const owner = parties[first];
    if (reveal && address && !address.erased && typeof address.value === 'string' && owner && !owner.erased) {
      owner.address = address.value;
      fields.add('address');
    }
  }
  return { parties, fields: [...fields].sort() };
}
