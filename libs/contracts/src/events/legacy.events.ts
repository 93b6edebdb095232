// Earlier versions of published events. The hub no longer writes them, but reads them forever:
// upcast.ts turns each into its current version before anything folds it.
import type { Occurred } from '../common';

/** hub.judicial.InterimMeasureTaken.v1: the measure as free text, without its kind. */
export interface InterimMeasureTakenV1Data extends Occurred {
  measure: string;
}

export type LegacyEvent = { type: 'hub.judicial.InterimMeasureTaken.v1'; data: InterimMeasureTakenV1Data };
export type LegacyEventType = LegacyEvent['type'];
