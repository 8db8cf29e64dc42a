/** Working records of place extraction (internal to src/extract/places*). */
import type { LocationRole, PlaceKind } from '../../domain/claim.ts';
import type { AliasHit, PlaceRecord } from '../gazetteer/types.ts';
import type { Governor } from './context.ts';

export type Status = 'keep' | 'fallback' | 'drop';

/** A gazetteer name found on words [start, end) with the readings whose case fits the text. */
export interface Candidate {
  start: number;
  end: number;
  hits: AliasHit[];
  prefixChars: number;
}

/** A candidate after the rules: its place, role, status and the character span of its mention. */
export interface Found {
  start: number;
  end: number;
  place: PlaceRecord | null;
  flags: number;
  gov: Governor;
  status: Status;
  role: LocationRole;
  /** Character span of the mention in the text. */
  from: number;
  to: number;
  confidence: number;
  /** Overrides for places built from a pattern (an unlisted neighbourhood, a town's airport). */
  name?: string;
  kind?: PlaceKind;
  country?: string | null;
  lat?: number | null;
  lon?: number | null;
}

/** Country -> (name key -> place) for names that surely lie in that country. */
export type Votes = Map<string, Map<string, PlaceRecord>>;

export function isSpaceGap(gap: string | undefined): boolean {
  return gap !== undefined && /^\s+$/.test(gap);
}
