// API keys: `hub_<key id>_<secret>`, with a 256-bit random secret. The hub keeps only the
// SHA-256 of the secret. A slow password hash (scrypt, argon2) exists to make guessing LOW-entropy
// secrets expensive; a 256-bit random secret cannot be guessed either way, and a fast hash keeps
// the check on every request in microseconds.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN = /^hub_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  keyId: string;
  /** The whole key, shown once to whoever receives it; never stored. */
  token: string;
  secretHash: string;
}

export function issueKey(): IssuedKey {
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, token: `hub_${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function parseKey(token: string): { keyId: string; secret: string } | undefined {
  const m = TOKEN.exec(token);
  return m ? { keyId: m[1], secret: m[2] } : undefined;
}

/** Compares in constant time, so response timing tells nothing about a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The key a request carries: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function keyOfRequest(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers['authorization'];
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const key = headers['x-api-key'];
  return typeof key === 'string' ? key.trim() : undefined;
}
