// The master key encrypts every data key in the key store. It comes from HUB_MASTER_KEY; the
// embedded default generates one on first start into the data folder, readable by its owner only.
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MASTER_KEY_FILE = 'master.key';

export class SecurityConfigError extends Error {}

/** 32 bytes as base64 (44 characters) or hex (64). The value itself is never echoed. */
export function parseMasterKey(value: string, from: string): Buffer {
  const text = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (!key || key.length !== 32) throw new SecurityConfigError(`${from} must be 32 bytes written as base64 (44 characters) or hex (64)`);
  return key;
}

export interface LoadedMasterKey {
  key: Buffer;
  /** Where it came from; `generated` when this start created it. */
  origin: 'environment' | 'file' | 'generated';
  file?: string;
}

export function loadMasterKey(fromEnv: string | undefined, dataDir: string): LoadedMasterKey {
  if (fromEnv !== undefined) return { key: parseMasterKey(fromEnv, 'HUB_MASTER_KEY'), origin: 'environment' };
  const file = join(dataDir, MASTER_KEY_FILE);
  try {
    return { key: parseMasterKey(readFileSync(file, 'utf8'), file), origin: 'file', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  // Written aside, then linked into place: of two processes starting at once, one links the file
  // and the other finds it complete.
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, `${key.toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(aside, file);
    return { key, origin: 'generated', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: parseMasterKey(readFileSync(file, 'utf8'), file), origin: 'file', file };
  } finally {
    unlinkSync(aside);
  }
}
