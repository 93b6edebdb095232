// Who may do what: the scopes a route can require, the roles a key is made for, and the
// principal a request acts as once its key is known. An office speaks only for itself.
import { OFFICES, type Office } from '@hub/contracts';

export const SCOPES = [
  'hotline:write',
  'petition:write',
  'governance:write',
  'judicial:write',
  /** Ledger queries and figures, personal fields masked. */
  'ledger:read',
  /** Verify the ledger journal's hash chain. */
  'ledger:verify',
  /** History: replay, as-of views, exports. */
  'history:read',
  /** Rebuild the ledger from the journal or the stores. */
  'ledger:rebuild',
  /** Create and manage the office's own feed subscriptions. */
  'subscriptions:write',
  /** See personal fields unmasked, with a reason; every such read is recorded. */
  'pii:read',
  /** Find a citizen's data subject ids and erase them. */
  'pii:admin',
  /** Read the record of unmasked reads, look-ups and erasures. */
  'audit:read',
  /** Create, rotate and revoke API keys. */
  'keys:admin',
] as const;
export type Scope = (typeof SCOPES)[number];

export const ROLES = ['office', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who a request acts as: the key's principal, e.g. `office:hotline`, `analyst:wang`, `admin:root`. */
export interface Principal {
  id: string;
  keyId: string;
  role: Role;
  /** Set for office keys: the one office this key speaks for. */
  office?: Office;
  scopes: readonly Scope[];
}

export function writeScopeOf(office: Office): Scope {
  return `${office}:write`;
}

const ANALYST: readonly Scope[] = ['ledger:read', 'history:read', 'ledger:rebuild', 'ledger:verify'];
const ADMIN: readonly Scope[] = [...ANALYST, 'pii:read', 'pii:admin', 'audit:read', 'keys:admin'];

/** What a key of this role holds unless its creator narrows or widens it. */
export function defaultScopes(role: Role, office?: Office): Scope[] {
  switch (role) {
    case 'office':
      return [writeScopeOf(requireOffice(office)), 'ledger:read', 'subscriptions:write'];
    case 'analyst':
      return [...ANALYST];
    case 'admin':
      return [...ADMIN];
    default: {
      const unknown: never = role;
      return unknown;
    }
  }
}

/**
 * What a key of this role may be given at most. No key ever holds another office's write scope,
 * and only office keys write at all: an administrator cannot speak for an office either.
 */
export function grantableScopes(role: Role, office?: Office): Scope[] {
  switch (role) {
    case 'office':
      return [...defaultScopes('office', office), 'pii:read'];
    case 'analyst':
      return [...ANALYST, 'pii:read'];
    case 'admin':
      return [...ADMIN];
    default: {
      const unknown: never = role;
      return unknown;
    }
  }
}

export function principalIdOf(role: Role, nameOrOffice: string): string {
  return `${role}:${nameOrOffice}`;
}

export function isOffice(value: string): value is Office {
  return (OFFICES as readonly string[]).includes(value);
}

function requireOffice(office: Office | undefined): Office {
  if (!office) throw new Error('an office key needs its office');
  return office;
}

/** The scopes of `required` that the principal lacks; empty when it may go ahead. */
export function missingScopes(principal: Principal, required: readonly Scope[]): Scope[] {
  return required.filter((s) => !principal.scopes.includes(s));
}
