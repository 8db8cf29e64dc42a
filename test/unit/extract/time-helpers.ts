/** Shared by the event-time test files: run the time rules alone on a text, and keep the fixed fields. */
import type { EventTime } from '../../../src/domain/claim.ts';
import type { ExtractContext } from '../../../src/extract/context.ts';
import { prepareText } from '../../../src/extract/prepare.ts';
import { extractEventTime } from '../../../src/extract/time.ts';

export function time(text: string, postedAt: string, zoneHint: string | null = null, source?: ExtractContext['source']): EventTime | null {
  return extractEventTime(prepareText(text), { postedAt, zoneHint, source });
}

/** local, tz, utc and precision: what most time tests compare. */
export function core(t: EventTime | null) {
  if (!t) return null;
  const { local, tz, utc, precision } = t;
  return { local, tz, utc, precision };
}
