import type { EventTime } from '../domain/claim.ts';
import type { ExtractContext } from './context.ts';
import type { PreparedText } from './prepare.ts';

/** The event's time (not the statement's); spans are offsets into `p.text`. */
export function extractEventTime(_p: PreparedText, _ctx: ExtractContext): EventTime | null {
  return null;
}
