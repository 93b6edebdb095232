import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { eventDataErrors } from '@hub/contracts';
import { complaintReceived, gridCheckReported } from '@hub/testing';
import { TamperedCiphertextError } from './aead';
import { SqliteKeyVault } from './key-vault';
import { isSealed, PersonalDataCipher, type SealedPersonal } from './personal-data';
import { storedEventDataErrors } from './stored-event-schemas';

const now = () => '2024-01-01T00:00:00.000Z';

function cipher() {
  const vault = new SqliteKeyVault(new Database(':memory:'), randomBytes(32));
  return { vault, personal: new PersonalDataCipher(vault, now) };
}

describe('sealing personal data (a real key store in memory)', () => {
  const event = { id: 'e-1', ...complaintReceived() };
  const check = { id: 'e-2', ...gridCheckReported() };

  it('seals each person apart, opens back to what was written, and fits the stored schema only', async () => {
    const { personal } = cipher();
    const sealed = await personal.sealEvent(event);
    const p = sealed.data.personal as unknown as SealedPersonal;
    expect(isSealed(p)).toBe(true);
    expect(p.parts.map((x) => x.path)).toEqual(['/caller', '/address']);
    expect(p.parts[0].subject).toBe(p.parts[1].subject);
    expect(JSON.stringify(sealed)).not.toContain('李龙');
    expect(JSON.stringify(sealed)).not.toContain('13800000000');
    expect(await personal.openEvent(sealed)).toEqual(event);
    expect(storedEventDataErrors(sealed.type, sealed.data)).toEqual([]);
    expect(eventDataErrors(sealed.type, sealed.data)).not.toEqual([]);
    expect(storedEventDataErrors(event.type, event.data)).toEqual(expect.arrayContaining(['/personal: must NOT have additional properties']));
  });

  it('each party of a grid check is a subject of its own', async () => {
    const { personal } = cipher();
    const sealed = await personal.sealEvent(check);
    const parts = (sealed.data.personal as unknown as SealedPersonal).parts;
    expect(parts.map((x) => x.path)).toEqual(['/parties/0', '/parties/1', '/address']);
    expect(new Set(parts.map((x) => x.subject)).size).toBe(2);
    expect(await personal.openEvent(sealed)).toEqual(check);
  });

  it('a ciphertext moved to another event or field does not open', async () => {
    const { personal } = cipher();
    const a = await personal.sealEvent(event);
    const moved = { ...a, id: 'e-other' };
    await expect(personal.openParts(moved)).rejects.toBeInstanceOf(TamperedCiphertextError);
    const p = a.data.personal as unknown as SealedPersonal;
    const swapped = { ...a, data: { ...a.data, personal: { ...p, parts: [{ ...p.parts[0], data: p.parts[1].data }, p.parts[1]] } } };
    await expect(personal.openParts(swapped)).rejects.toBeInstanceOf(TamperedCiphertextError);
  });

  it('after erasure the subject opens as erased; the same citizen met again gets a new key', async () => {
    const { vault, personal } = cipher();
    const sealed = await personal.sealEvent(event);
    const subject = (sealed.data.personal as unknown as SealedPersonal).parts[0].subject;
    expect(await vault.erase(subject, 'admin:root', 'request', now())).toMatchObject({ subjectId: subject });
    expect(await personal.openParts(sealed)).toEqual([
      { path: '/caller', subjectId: subject, erased: true },
      { path: '/address', subjectId: subject, erased: true },
    ]);
    expect((await personal.openEvent(sealed)).data.personal).toEqual({ caller: null, address: null });
    const again = await personal.sealEvent({ ...event, id: 'e-3' });
    expect((again.data.personal as unknown as SealedPersonal).parts[0].subject).toBe(subject);
    expect((await personal.openEvent(again)).data.personal).toEqual(event.data.personal);
    expect(await personal.openParts(sealed)).toEqual(expect.arrayContaining([expect.objectContaining({ erased: true })]));
    expect(await vault.erase('sub_00000000000000000000000000000000', 'a', 'r', now())).toBeUndefined();
  });
});
