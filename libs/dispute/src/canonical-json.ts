// Deterministic JSON (keys sorted) so that the same content always compares equal, whatever
// order a client sent its fields in.
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Fields the hub works out itself (deadlines): a re-push is the same report whatever they came to. */
const DERIVED = new Set(['dueBy', 'workingDays', 'answerWithinDays']);

/** What makes two pushes of a report the same: what the office sent, in any order. */
export function reportFingerprint(data: object): string {
  return canonicalJson(Object.fromEntries(Object.entries(data).filter(([key]) => !DERIVED.has(key))));
}
