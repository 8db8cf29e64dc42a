/**
 * Subscription filters, matched against an event's `AlertView` by pure code. A filter with no conditions
 * matches every event; each condition present must hold (AND); the values listed inside one condition are
 * alternatives (OR), except quantity thresholds, which are ANDed unless `quantities_match` is "any".
 *
 * Filter format v1 (stored as JSON on the subscription):
 *   event_types        ["claim.created", "incident.disputed", ...]     domain event types
 *   claim_event_types  ["rocket_attack", "drone_attack", ...]         the claim vocabulary's event_type
 *   accounts           ["CJTFOIR", "@other"]                          handles, "@" optional, any case
 *   countries          ["IQ", "SY"]                                   ISO 3166-1 alpha-2 of any place
 *   near               [{ lat, lon, radius_km, label? }]              any place with coordinates within a circle
 *   quantities         [{ what: "killed", group?: "civilian", op: ">=", value: 1 }]
 *   quantities_match   "all" (default) | "any"
 *   review_status      ["approved"]                                   moderation state
 *   only_disputed      true                                           only when sources disagree
 */
import { z } from 'zod';
import { EVENT_TYPES as CLAIM_EVENT_TYPES } from '../domain/claim.ts';
import { EVENT_TYPES } from '../domain/events.ts';
import { REVIEW_STATUSES, type AlertQuantity, type AlertView } from '../domain/alertView.ts';
import { distanceKm } from './geo.ts';

export const FILTER_VERSION = 1;

const circleSchema = z
  .object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    radius_km: z.number().positive('radius_km must be above 0').max(20_040, 'radius_km must be at most 20040 (half the Earth)'),
    label: z.string().max(200).optional(),
  })
  .strict();
export type Circle = z.infer<typeof circleSchema>;

export const THRESHOLD_OPS = ['>=', '>', '<=', '<', '='] as const;
export type ThresholdOp = (typeof THRESHOLD_OPS)[number];

const thresholdSchema = z
  .object({
    what: z.string().trim().min(1).max(40).toLowerCase(),
    group: z.string().trim().min(1).max(40).toLowerCase().optional(),
    op: z.enum(THRESHOLD_OPS),
    value: z.number().finite(),
  })
  .strict();
export type Threshold = z.infer<typeof thresholdSchema>;

const handleSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^@/, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9_.-]{1,100}$/, 'accounts are handles such as CJTFOIR or @CJTFOIR'));

export const subscriptionFilterSchema = z
  .object({
    event_types: z.array(z.enum(EVENT_TYPES)).min(1).max(EVENT_TYPES.length).optional(),
    claim_event_types: z.array(z.enum(CLAIM_EVENT_TYPES)).min(1).max(CLAIM_EVENT_TYPES.length).optional(),
    accounts: z.array(handleSchema).min(1).max(500).optional(),
    countries: z
      .array(z.string().trim().toUpperCase().pipe(z.string().regex(/^[A-Z]{2}$/, 'countries are ISO 3166-1 alpha-2 codes such as IQ')))
      .min(1)
      .max(250)
      .optional(),
    // One circle or a list of them (any may contain a place).
    near: z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? [v] : v), z.array(circleSchema).min(1).max(50)).optional(),
    quantities: z.array(thresholdSchema).min(1).max(20).optional(),
    quantities_match: z.enum(['all', 'any']).optional(),
    review_status: z.array(z.enum(REVIEW_STATUSES)).min(1).max(REVIEW_STATUSES.length).optional(),
    only_disputed: z.boolean().optional(),
  })
  .strict();
export type SubscriptionFilter = z.infer<typeof subscriptionFilterSchema>;

/** The conditions a filter may hold, in the order they are checked. */
export type FilterCondition = 'event_types' | 'claim_event_types' | 'accounts' | 'countries' | 'near' | 'quantities' | 'review_status' | 'only_disputed';

/**
 * A count as an interval. Exact and approximate figures are points; "at least N" has no upper bound, "up
 * to N" is bounded below by 0; vague figures ("several") have no bounds and never satisfy a threshold.
 */
export interface Bounds {
  lo: number | null;
  loOpen: boolean;
  hi: number | null;
  hiOpen: boolean;
}

export function quantityBounds(q: AlertQuantity): Bounds | null {
  switch (q.qualifier) {
    case 'exact':
    case 'approximately':
      return q.value === null ? null : { lo: q.value, loOpen: false, hi: q.value, hiOpen: false };
    case 'at_least':
      return q.min === null ? null : { lo: q.min, loOpen: false, hi: null, hiOpen: false };
    case 'more_than':
      return q.min === null ? null : { lo: q.min, loOpen: true, hi: null, hiOpen: false };
    case 'at_most':
      return q.max === null ? null : { lo: 0, loOpen: false, hi: q.max, hiOpen: false };
    case 'fewer_than':
      return q.max === null ? null : { lo: 0, loOpen: false, hi: q.max, hiOpen: true };
    case 'range':
      return q.min === null && q.max === null ? null : { lo: q.min ?? 0, loOpen: false, hi: q.max, hiOpen: false };
    default:
      // Unknown qualifier with a plain value: read it as a point; otherwise nothing is known.
      return q.value === null ? null : { lo: q.value, loOpen: false, hi: q.value, hiOpen: false };
  }
}

/** Counts of things are whole numbers, so "more than 9" is "at least 10"; percentages are not. */
function tighten(b: Bounds, what: string): Bounds {
  if (what.endsWith('_pct')) return b;
  const out = { ...b };
  if (out.lo !== null && out.loOpen && Number.isInteger(out.lo)) out.lo += 1;
  if (out.hi !== null && out.hiOpen && Number.isInteger(out.hi)) out.hi -= 1;
  if (out.lo !== null && Number.isInteger(out.lo)) out.loOpen = false;
  if (out.hi !== null && Number.isInteger(out.hi)) out.hiOpen = false;
  return out;
}

/**
 * True when the stated figure guarantees the threshold: "at least 10 rockets" satisfies rockets >= 10 but
 * not rockets >= 11; "up to 5 injured" satisfies injured <= 5 but not injured >= 1.
 */
export function satisfies(b: Bounds, op: ThresholdOp, v: number): boolean {
  const { lo, loOpen, hi, hiOpen } = b;
  switch (op) {
    case '>=':
      return lo !== null && lo >= v;
    case '>':
      return lo !== null && (lo > v || (lo === v && loOpen));
    case '<=':
      return hi !== null && hi <= v;
    case '<':
      return hi !== null && (hi < v || (hi === v && hiOpen));
    case '=':
      return lo !== null && hi !== null && lo === v && hi === v && !loOpen && !hiOpen;
  }
}

function thresholdHolds(t: Threshold, quantities: readonly AlertQuantity[]): boolean {
  return quantities.some((q) => {
    if (q.what.toLowerCase() !== t.what) return false;
    if (t.group && q.group.toLowerCase() !== t.group) return false;
    const b = quantityBounds(q);
    return b !== null && satisfies(tighten(b, t.what), t.op, t.value);
  });
}

/** The first condition of `filter` the event fails, or null when it matches. */
export function mismatch(filter: SubscriptionFilter, view: AlertView): FilterCondition | null {
  if (filter.event_types && !filter.event_types.some((t) => t === view.event_type)) return 'event_types';
  if (filter.claim_event_types && !(view.claim_event_type && filter.claim_event_types.includes(view.claim_event_type))) return 'claim_event_types';
  if (filter.accounts) {
    const want = filter.accounts;
    if (!view.accounts.some((a) => want.includes(a.toLowerCase()))) return 'accounts';
  }
  if (filter.countries) {
    const want = filter.countries;
    if (!view.countries.some((c) => want.includes(c.toUpperCase()))) return 'countries';
  }
  if (filter.near) {
    const circles = filter.near;
    const inside = view.places.some(
      (p) => p.lat !== null && p.lon !== null && circles.some((c) => distanceKm(c.lat, c.lon, p.lat!, p.lon!) <= c.radius_km),
    );
    if (!inside) return 'near';
  }
  if (filter.quantities) {
    const holds = filter.quantities.map((t) => thresholdHolds(t, view.quantities));
    const ok = filter.quantities_match === 'any' ? holds.some(Boolean) : holds.every(Boolean);
    if (!ok) return 'quantities';
  }
  if (filter.review_status && !(view.review_status && filter.review_status.includes(view.review_status))) return 'review_status';
  if (filter.only_disputed && !view.disputed) return 'only_disputed';
  return null;
}

export function matchesFilter(filter: SubscriptionFilter, view: AlertView): boolean {
  return mismatch(filter, view) === null;
}

/** Parses a stored or submitted filter; `error` is one line naming the field. */
export function parseFilter(raw: unknown): { ok: true; filter: SubscriptionFilter } | { ok: false; error: string } {
  const r = subscriptionFilterSchema.safeParse(raw ?? {});
  if (r.success) return { ok: true, filter: r.data };
  const i = r.error.issues[0];
  return { ok: false, error: `filter.${i?.path.join('.') || ''}: ${i?.message ?? 'invalid'}`.replace('filter.:', 'filter:') };
}
