// The embedded default's first start: one key per office plus an administrator's key, written
// once to a file in the data folder that only its owner can read, in the `NAME=value` form a
// shell can source (`set -a; . data/api-keys.env; set +a`). The hub itself keeps only hashes.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OFFICES } from '@hub/contracts';
import type { ApiKeyStore } from './api-key.store';
import { defaultScopes, principalIdOf } from './scopes';

export const API_KEY_FILE = 'api-keys.env';

export const apiKeyVariable = (holder: string) => `HUB_API_KEY_${holder.toUpperCase()}`;

/** Issues the first keys when the store has none; answers the file they were written to. */
export async function issueFirstKeys(keys: ApiKeyStore, dataDir: string, now: string): Promise<string | undefined> {
  if ((await keys.count()) > 0) return undefined;
  const lines: string[] = [];
  for (const office of OFFICES) {
    const { token } = await keys.create({ principal: principalIdOf('office', office), role: 'office', office, scopes: defaultScopes('office', office), createdBy: 'first-start' }, now);
    lines.push(`${apiKeyVariable(office)}=${token}`);
  }
  const { token } = await keys.create({ principal: principalIdOf('admin', 'root'), role: 'admin', scopes: defaultScopes('admin'), createdBy: 'first-start' }, now);
  lines.push(`${apiKeyVariable('admin')}=${token}`);
  const file = join(dataDir, API_KEY_FILE);
  const text = [
    `# Dispute hub API keys issued at first start (${now}).`,
    '# Give each office its own key, keep the admin key, then delete this file: the hub stores only',
    '# hashes and cannot show a key again (an administrator can rotate any key).',
    ...lines,
    '',
  ].join('\n');
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/** The keys of a key file, by holder: `{ hotline: 'hub_…', …, admin: 'hub_…' }`. */
export function readApiKeyFile(file: string): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^HUB_API_KEY_([A-Z]+)=(\S+)$/.exec(line.trim());
    if (m) keys[m[1].toLowerCase()] = m[2];
  }
  return keys;
}
