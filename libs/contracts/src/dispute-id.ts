// A dispute's id follows from the document that first reported it (a ticket, a petition, a check,
// a walk-in), so the same push always lands on the same dispute, in any office's process.
import { v5 as uuidv5 } from 'uuid';

const DISPUTE_NAMESPACE = '5b1c3a8e-6f0e-4f43-9d61-2f3e9a1c7d20';

export type SourceDocument = 'ticket' | 'petition' | 'grid_check' | 'walk_in';

export function disputeIdFor(kind: SourceDocument, number: string): string {
  return uuidv5(`${kind}:${number}`, DISPUTE_NAMESPACE);
}
