// The security settings, from the environment: none is needed for the embedded default.
// A bad value stops the start with a message naming the variable (never echoing a secret).
import { resolve } from 'node:path';
import { SecurityConfigError } from './master-key';

export const SECURITY_OPTIONS = Symbol('SECURITY_OPTIONS');

export interface SecurityOptions {
  /** Where the key store (security.db), the generated master key and the first keys live. */
  dataDir: string;
  /** HUB_MASTER_KEY as given; when absent, a key is generated into the data folder. */
  masterKey?: string;
  /** HUB_CORS_ORIGINS: the browser origins allowed to call the API; none means CORS is off. */
  corsOrigins: string[];
  /** HUB_WRITES_PER_MINUTE: office commands one key may send per minute. */
  writesPerMinute: number;
  now: () => string;
}

export const DEFAULT_WRITES_PER_MINUTE = 120;

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

export function corsOriginsOf(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  const origins = value.split(',').map((o) => o.trim());
  const bad = origins.filter((o) => !ORIGIN.test(o));
  if (bad.length > 0) throw new SecurityConfigError(`HUB_CORS_ORIGINS must be a comma-separated list of origins like https://hub.example.gov.cn; not ${JSON.stringify(bad)}`);
  return origins;
}

export function securityFromEnv(env: NodeJS.ProcessEnv): Pick<SecurityOptions, 'masterKey' | 'corsOrigins' | 'writesPerMinute'> & { dataDir?: string } {
  const rate = env.HUB_WRITES_PER_MINUTE;
  if (rate !== undefined && !/^[1-9]\d{0,5}$/.test(rate)) throw new SecurityConfigError(`HUB_WRITES_PER_MINUTE must be a whole number from 1 to 999999; not ${JSON.stringify(rate)}`);
  if (env.HUB_KEY_STORE !== undefined && env.HUB_KEY_STORE !== 'sqlite') throw new SecurityConfigError('HUB_KEY_STORE must be sqlite in this build');
  return {
    // Processes that share this folder share the key store (the embedded default: the data folder).
    ...(env.HUB_SECURITY_DIR ? { dataDir: resolve(env.HUB_SECURITY_DIR) } : {}),
    ...(env.HUB_MASTER_KEY !== undefined ? { masterKey: env.HUB_MASTER_KEY } : {}),
    corsOrigins: corsOriginsOf(env.HUB_CORS_ORIGINS),
    writesPerMinute: rate === undefined ? DEFAULT_WRITES_PER_MINUTE : Number(rate),
  };
}
