// The one error a server-backed store gives when it cannot be used at start: the server does not
// answer, refuses the credentials, or holds a schema this build does not know. The message names
// the server (never its password) and the cause, so that an operator can act on it.
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
}

/** A connection URL with its password left out, for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${u.protocol}//${user}${u.host}${u.pathname}`;
  } catch {
    // Not a URL to Node (several hosts, say): leave out what stands between "//" and "@" after a ":".
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@').split('?')[0];
  }
}
