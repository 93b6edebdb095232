import { chainHash, GENESIS_HASH, JournalVerifier, type JournalEntry } from './journal-chain';
import { partiesView } from './parties';

function journal(n: number): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const event = { id: `e${seq}`, data: { n: seq } };
    const hash = chainHash(prev, event);
    entries.push({ seq, eventId: event.id, event: JSON.stringify(event), prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

const verify = (entries: JournalEntry[], pageSize = 2) => {
  const v = new JournalVerifier();
  for (let i = 0; i < entries.length; i += pageSize) v.add(entries.slice(i, i + pageSize));
  return v.report();
};

describe('the journal hash chain', () => {
  it('commits to key order-free content and to the previous entry', () => {
    expect(chainHash(GENESIS_HASH, { a: 1, b: 2 })).toBe(chainHash(GENESIS_HASH, { b: 2, a: 1 }));
    expect(chainHash(GENESIS_HASH, { a: 1 })).not.toBe(chainHash('1'.repeat(64), { a: 1 }));
    expect(verify(journal(5))).toMatchObject({ ok: true, entries: 5, head: { seq: 5 }, problems: [] });
  });

  it('names an altered, a removed, an inserted and a re-hashed entry, across pages', () => {
    const altered = journal(5);
    altered[2] = { ...altered[2], event: altered[2].event.replace('3', '4') };
    expect(verify(altered).problems).toEqual([expect.objectContaining({ kind: 'altered', seq: 3, eventId: 'e3' })]);

    const removed = journal(5).filter((e) => e.seq !== 3);
    expect(verify(removed).problems).toEqual([expect.objectContaining({ kind: 'removed', seq: 4 })]);
    expect(verify(journal(5).slice(1)).problems).toEqual([expect.objectContaining({ kind: 'removed', seq: 2 })]);

    const j = journal(5);
    const forgedEvent = { id: 'x', data: {} };
    const forged = { seq: 3, eventId: 'x', event: JSON.stringify(forgedEvent), prevHash: j[1].hash, hash: chainHash(j[1].hash, forgedEvent) };
    const inserted = [j[0], j[1], forged, ...j.slice(2).map((e) => ({ ...e, seq: e.seq + 1 }))];
    expect(verify(inserted).problems).toEqual([expect.objectContaining({ kind: 'inserted', seq: 3, eventId: 'x' })]);

    const rehashed = journal(5);
    const changed = { id: 'e2', data: { n: 99 } };
    rehashed[1] = { ...rehashed[1], event: JSON.stringify(changed), hash: chainHash(rehashed[1].prevHash, changed) };
    expect(verify(rehashed).problems).toEqual([expect.objectContaining({ kind: 'relinked', seq: 3 })]);
  });
});

describe('the parties view', () => {
  const sources = [
    { eventId: 'a', parts: [{ path: '/caller', value: { name: '李龙', phone: '13800000000' }, erased: false }, { path: '/address', value: '3号楼', erased: false }] },
    { eventId: 'b', parts: [{ path: '/parties/0', erased: true }, { path: '/parties/1', value: { name: '欧阳娜娜', idNumber: '37152519800101001X' }, erased: false }] },
  ];

  it('masks by default and leaves the address out; shows all and names the fields when revealed', () => {
    expect(partiesView(sources, false)).toEqual({
      parties: [{ role: 'caller', name: '李*', phone: '138****0000' }, { role: 'party', erased: true }, { role: 'party', name: '欧***', idNumber: '371525********001X' }],
      fields: [],
    });
    expect(partiesView(sources, true)).toEqual({
      parties: [{ role: 'caller', name: '李龙', phone: '13800000000', address: '3号楼' }, { role: 'party', erased: true }, { role: 'party', name: '欧阳娜娜', idNumber: '37152519800101001X' }],
      fields: ['address', 'caller.name', 'caller.phone', 'party.idNumber', 'party.name'],
    });
  });
});
