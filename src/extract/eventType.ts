import type { EventType, Quantity, Span } from '../domain/claim.ts';
import type { ExtractContext } from './context.ts';
import type { PreparedText } from './prepare.ts';

export interface EventReading {
  event_type: EventType;
  confidence: number;
  span?: Span;
  acronyms: Record<string, string>;
  hedges: string[];
  correction: boolean;
}

export function classifyEvent(_p: PreparedText, _ctx: ExtractContext, _quantities: Quantity[]): EventReading {
  return { event_type: 'other', confidence: 0.1, acronyms: {}, hedges: [], correction: false };
}
