import type { Quantity } from '../domain/claim.ts';
import type { ExtractContext } from './context.ts';
import type { PreparedText } from './prepare.ts';

/** Counts with qualifiers; spans are offsets into `p.text`. */
export function extractQuantities(_p: PreparedText, _ctx: ExtractContext): Quantity[] {
  return [];
}
