import { issueKey, keyOfRequest, parseKey, secretMatches } from './api-key';
import { routePolicy } from './access.guard';
import { defaultScopes, grantableScopes, missingScopes, type Principal } from './scopes';
import { normalisePhone, subjectIdFor, lookupOf } from './subjects';

describe('API keys', () => {
  it('are random, parse back to their id, and match only their own hash', () => {
    const a = issueKey();
    const b = issueKey();
    expect(a.token).toMatch(/^hub_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    const parsed = parseKey(a.token)!;
    expect(parsed.keyId).toBe(a.keyId);
    expect(secretMatches(parsed.secret, a.secretHash)).toBe(true);
    expect(secretMatches(parsed.secret, b.secretHash)).toBe(false);
    expect(a.secretHash).not.toContain(parsed.secret);
    expect(parseKey(`${a.token}x`)).toBeUndefined();
  });

  it('come as a bearer token or an X-API-Key header', () => {
    expect(keyOfRequest({ authorization: 'Bearer hub_k' })).toBe('hub_k');
    expect(keyOfRequest({ authorization: 'Basic abc', 'x-api-key': ' hub_k ' })).toBe('hub_k');
    expect(keyOfRequest({})).toBeUndefined();
  });
});

describe('route policies', () => {
  it('an office route needs its office; a declared route its scopes; anything else is closed', () => {
    expect(routePolicy(false, undefined, 'v1/judicial')).toEqual({ kind: 'office', office: 'judicial' });
    expect(routePolicy(false, undefined, '/v1/hotline/x')).toEqual({ kind: 'office', office: 'hotline' });
    expect(routePolicy(false, ['ledger:read'], 'v1/ledger')).toEqual({ kind: 'scopes', scopes: ['ledger:read'] });
    expect(routePolicy(false, undefined, 'v1/ledger')).toEqual({ kind: 'undeclared' });
    expect(routePolicy(false, undefined, 'v1/hotlines')).toEqual({ kind: 'undeclared' });
    expect(routePolicy(true, undefined, 'health')).toEqual({ kind: 'public' });
  });

  it('no role may be given another office’s write scope, and only offices write', () => {
    expect(grantableScopes('office', 'hotline').filter((s) => s.endsWith(':write') && s !== 'subscriptions:write')).toEqual(['hotline:write']);
    for (const role of ['analyst', 'admin'] as const) expect(grantableScopes(role).some((s) => /^(hotline|petition|governance|judicial):/.test(s))).toBe(false);
    const office: Principal = { id: 'office:hotline', keyId: 'k', role: 'office', office: 'hotline', scopes: defaultScopes('office', 'hotline') };
    expect(missingScopes(office, ['ledger:read', 'pii:read', 'judicial:write'])).toEqual(['pii:read', 'judicial:write']);
  });
});

describe('data subjects', () => {
  const key = Buffer.alloc(32, 7);
  it('one citizen is one subject whichever way the phone is written; an ID number wins over a phone', () => {
    const ids = ['13800000000', '+8613800000000', '8613800000000', '138 0000 0000'].map((phone) => subjectIdFor(key, { name: '李龙', phone }, 'e1', '/caller'));
    expect(new Set(ids).size).toBe(1);
    expect(normalisePhone('+86 138-0000-0000')).toBe('13800000000');
    const withId = subjectIdFor(key, { name: '李龙', phone: '13800000000', idNumber: '37152519800101001x' }, 'e1', '/caller');
    expect(withId).toBe(subjectIdFor(key, { name: '李龙', idNumber: '37152519800101001X' }, 'e2', '/parties/0'));
    expect(withId).not.toBe(ids[0]);
  });

  it('a person known by name only is a subject of that one event; ids depend on the key', () => {
    expect(subjectIdFor(key, { name: '李龙' }, 'e1', '/parties/0')).not.toBe(subjectIdFor(key, { name: '李龙' }, 'e2', '/parties/0'));
    expect(subjectIdFor(Buffer.alloc(32, 8), { phone: '13800000000' }, 'e', '/c')).not.toBe(subjectIdFor(key, { phone: '13800000000' }, 'e', '/c'));
    expect(lookupOf(key, 'phone', '+8613800000000')).toBe(lookupOf(key, 'phone', '13800000000'));
    expect(subjectIdFor(key, { phone: '13800000000' }, 'e', '/c')).toMatch(/^sub_[0-9a-f]{32}$/);
  });
});
