import type { PostContext } from '../domain/claim.ts';

/** What every rule may know besides the text. Built once per post by extractClaim. */
export interface ExtractContext extends PostContext {
  /** IANA zone of the event's place when the text names one (for clock times without a zone). */
  zoneHint: string | null;
}
