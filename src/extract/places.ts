import type { Location } from '../domain/claim.ts';
import type { ExtractContext } from './context.ts';
import type { PreparedText } from './prepare.ts';

/** Places that locate the event, its origin or a reference point; spans are offsets into `p.text`. */
export function extractLocations(_p: PreparedText, _ctx: Omit<ExtractContext, 'zoneHint'>): Location[] {
  return [];
}

/** IANA zone for the event's place, used by time extraction for clock times without a zone. */
export function zoneForLocations(_locations: Location[]): string | null {
  return null;
}
