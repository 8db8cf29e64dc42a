/**
 * Subscription filters, matched against an event by pure code. A filter with no conditions matches
 * every event; each condition present must hold.
 */
import { z } from 'zod';
import { EVENT_TYPES } from '../domain/events.ts';

export const subscriptionFilterSchema = z
  .object({
    event_types: z.array(z.enum(EVENT_TYPES)).optional(),
    accounts: z.array(z.string().min(1)).optional(),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'countries are ISO 3166-1 alpha-2 codes such as IQ')).optional(),
  })
  .strict();
export type SubscriptionFilter = z.infer<typeof subscriptionFilterSchema>;

export interface MatchableEvent {
  type: string;
  payload: Record<string, unknown>;
}

function accountsOf(e: MatchableEvent): string[] {
  const post = e.payload.post as { author?: string } | undefined;
  return post?.author ? [post.author.toLowerCase()] : [];
}

function countriesOf(e: MatchableEvent): string[] {
  const claim = e.payload.claim as { locations?: { country?: string | null }[] } | undefined;
  return (claim?.locations ?? []).map((l) => l.country).filter((c): c is string => !!c);
}

export function matchesFilter(filter: SubscriptionFilter, e: MatchableEvent): boolean {
  if (filter.event_types && !filter.event_types.includes(e.type as (typeof EVENT_TYPES)[number])) return false;
  if (filter.accounts) {
    const want = filter.accounts.map((a) => a.replace(/^@/, '').toLowerCase());
    if (!accountsOf(e).some((a) => want.includes(a))) return false;
  }
  if (filter.countries && !countriesOf(e).some((c) => filter.countries!.includes(c))) return false;
  return true;
}
