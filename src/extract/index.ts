/**
 * Text -> claim. Pure: no I/O, the post time is passed in, so the same post always gives the same claim.
 */
import type { Claim, PostContext, Span } from '../domain/claim.ts';
import { classifyEvent } from './eventType.ts';
import { extractLocations, zoneForLocations } from './places.ts';
import { prepareText, type PreparedText } from './prepare.ts';
import { extractQuantities } from './quantities.ts';
import { extractEventTime } from './time.ts';

export const EXTRACTOR_VERSION = 'claimwatch-rules/1';

export interface ExtractInput extends PostContext {
  text: string;
}

function mapSpan(p: PreparedText, span: Span | undefined): Span | undefined {
  if (!span) return undefined;
  const start = p.toOriginal(span.start);
  const end = Math.max(start, p.toOriginal(span.end));
  return { start, end };
}

export function extractClaim(input: ExtractInput): Claim {
  const p = prepareText(input.text ?? '');
  const base = { postedAt: input.postedAt, source: input.source };
  const locations = extractLocations(p, base);
  const ctx = { ...base, zoneHint: zoneForLocations(locations) };
  const event_time = extractEventTime(p, ctx);
  const quantities = extractQuantities(p, ctx);
  const reading = classifyEvent(p, ctx, quantities);
  const claim: Claim = {
    event_type: reading.event_type,
    quantities: quantities.map((q) => {
      const span = mapSpan(p, q.span);
      // The mention quotes the post as written (prepare.ts folds Arabic-Indic digits, which the scan reads).
      const written = span && p.original ? p.original.slice(span.start, span.end) : '';
      return { ...q, span, ...(written && written !== q.mention && !q.mention.includes('...') ? { mention: written } : {}) };
    }),
    event_time: event_time ? { ...event_time, span: mapSpan(p, event_time.span) } : null,
    locations: locations.map((l) => ({ ...l, span: mapSpan(p, l.span) })),
    hedges: reading.hedges,
    correction: reading.correction,
    acronyms: reading.acronyms,
    event_type_confidence: reading.confidence,
    event_type_span: mapSpan(p, reading.span),
    extractor_version: EXTRACTOR_VERSION,
  };
  if (p.truncated) claim.truncated = true;
  return claim;
}
