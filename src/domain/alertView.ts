/**
 * The alert view: the one shape subscription filters read, whatever the event type. Alerts never look
 * into raw event payloads; they look at the `AlertView` derived from an event here. New event types
 * (incident.*) join alerting by carrying an `alert` object of `alertFieldsSchema` in their payload, which
 * `incidentAlertFields` builds from the incident's member claims.
 *
 * Versioned: `ALERT_VIEW_VERSION` changes only when a field changes meaning; adding a field is not a change.
 */
import { z } from 'zod';
import type { Claim } from './claim.ts';
import { EVENT_TYPES as CLAIM_EVENT_TYPES } from './claim.ts';
import type { EventType } from './events.ts';

export const ALERT_VIEW_VERSION = 1;

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const INCIDENT_STATUSES = ['single_source', 'corroborated', 'disputed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

const placeSchema = z.object({
  name: z.string(),
  /** ISO 3166-1 alpha-2, upper case. */
  country: z.string().nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  place_id: z.string().nullable(),
});
export type AlertPlace = z.infer<typeof placeSchema>;

const quantitySchema = z.object({
  /** rocket, drone, killed, injured, ... (the claim vocabulary). */
  what: z.string(),
  group: z.string(),
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  qualifier: z.string(),
});
export type AlertQuantity = z.infer<typeof quantitySchema>;

/**
 * What an event says about the world, as alerting sees it. Producers of incident events put this
 * (under the key `alert`) into the payload; claim events need not, it is derived from the claim.
 */
export const alertFieldsSchema = z.object({
  /** Accounts (handles without "@", lower case) whose posts the event rests on. */
  accounts: z.array(z.string()),
  countries: z.array(z.string()),
  places: z.array(placeSchema),
  /** The claim vocabulary's event type (rocket_attack, drone_attack, ...); null when unknown. */
  claim_event_type: z.enum(CLAIM_EVENT_TYPES).nullable(),
  quantities: z.array(quantitySchema),
  /**
   * Moderation state. For a claim its status; for an incident "approved" when at least one member claim
   * is approved, "rejected" when all are, else "pending". Null when the event has none.
   */
  review_status: z.enum(REVIEW_STATUSES).nullable(),
  incident_status: z.enum(INCIDENT_STATUSES).nullable(),
  /** True when sources disagree (the incident is disputed). */
  disputed: z.boolean(),
});
export type AlertFields = z.infer<typeof alertFieldsSchema>;

export interface AlertView extends AlertFields {
  version: typeof ALERT_VIEW_VERSION;
  event_id: string;
  event_type: EventType | string;
  subject: string;
}

/** The minimum of an event the view needs; the outbox row (`StoredEvent`) fits. */
export interface ViewableEvent {
  id: string;
  type: string;
  subject?: string;
  payload: Record<string, unknown>;
}

const EMPTY_FIELDS: AlertFields = {
  accounts: [],
  countries: [],
  places: [],
  claim_event_type: null,
  quantities: [],
  review_status: null,
  incident_status: null,
  disputed: false,
};

function normHandle(h: string): string {
  return h.trim().replace(/^@/, '').toLowerCase();
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function finiteOrNull(n: unknown): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** The alert fields of one claim; tolerant of partial or malformed claims (they yield fewer fields). */
export function claimAlertFields(claim: Partial<Claim> | null | undefined, extra: { author?: string | null | undefined; status?: unknown; incidentStatus?: unknown } = {}): AlertFields {
  const c = (claim && typeof claim === 'object' ? claim : {}) as Partial<Claim>;
  const locations = Array.isArray(c.locations) ? c.locations.filter((l) => l && typeof l === 'object') : [];
  const places: AlertPlace[] = locations.map((l) => {
    const lat = finiteOrNull(l.lat);
    const lon = finiteOrNull(l.lon);
    const ok = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
    return {
      name: typeof l.name === 'string' ? l.name : '',
      country: typeof l.country === 'string' && l.country ? l.country.toUpperCase() : null,
      lat: ok ? lat : null,
      lon: ok ? lon : null,
      place_id: typeof l.place_id === 'string' ? l.place_id : null,
    };
  });
  const quantities: AlertQuantity[] = (Array.isArray(c.quantities) ? c.quantities : [])
    .filter((q) => q && typeof q === 'object' && typeof q.what === 'string')
    .map((q) => ({
      what: q.what,
      group: typeof q.group === 'string' ? q.group : 'unspecified',
      value: finiteOrNull(q.value),
      min: finiteOrNull(q.min),
      max: finiteOrNull(q.max),
      qualifier: typeof q.qualifier === 'string' ? q.qualifier : 'vague',
    }));
  const status = REVIEW_STATUSES.find((s) => s === extra.status) ?? null;
  const incidentStatus = INCIDENT_STATUSES.find((s) => s === extra.incidentStatus) ?? null;
  const eventType = CLAIM_EVENT_TYPES.find((t) => t === c.event_type) ?? null;
  return {
    accounts: extra.author ? [normHandle(extra.author)] : [],
    countries: uniq(places.map((p) => p.country).filter((x): x is string => !!x)),
    places,
    claim_event_type: eventType,
    quantities,
    review_status: status,
    incident_status: incidentStatus,
    disputed: incidentStatus === 'disputed',
  };
}

/**
 * The alert fields of an incident from its member claims: the union of accounts, countries, places and
 * quantities; the event type when members agree on one (else the first); review status as documented
 * on `alertFieldsSchema`. Incident producers call this and put the result under `payload.alert`.
 */
export function incidentAlertFields(input: {
  status: IncidentStatus;
  claims: { claim: Partial<Claim>; author?: string | null; status?: ReviewStatus }[];
}): AlertFields {
  const members = input.claims.map((m) => claimAlertFields(m.claim, { author: m.author, status: m.status }));
  const types = uniq(members.map((m) => m.claim_event_type).filter((t): t is NonNullable<typeof t> => !!t));
  const statuses = members.map((m) => m.review_status);
  const review: ReviewStatus | null = !statuses.length
    ? null
    : statuses.includes('approved')
      ? 'approved'
      : statuses.every((s) => s === 'rejected')
        ? 'rejected'
        : 'pending';
  return {
    accounts: uniq(members.flatMap((m) => m.accounts)),
    countries: uniq(members.flatMap((m) => m.countries)),
    places: members.flatMap((m) => m.places),
    claim_event_type: types[0] ?? null,
    quantities: members.flatMap((m) => m.quantities),
    review_status: review,
    incident_status: input.status,
    disputed: input.status === 'disputed',
  };
}

/**
 * Derives the view of any event. Order: an explicit `payload.alert` (validated) wins; claim.* events are
 * read as `ClaimEventPayload`; anything else gets an empty view (it still matches filters that only name
 * event types). Never throws.
 */
export function alertViewOf(e: ViewableEvent): AlertView {
  const base = { version: ALERT_VIEW_VERSION, event_id: e.id, event_type: e.type, subject: e.subject ?? '' } as const;
  const p = e.payload && typeof e.payload === 'object' ? e.payload : {};
  const explicit = alertFieldsSchema.safeParse((p as { alert?: unknown }).alert);
  if (explicit.success) {
    const f = explicit.data;
    return { ...base, ...f, accounts: uniq(f.accounts.map(normHandle)), countries: uniq(f.countries.map((c) => c.toUpperCase())) };
  }
  if (e.type.startsWith('claim.')) {
    const cp = p as { claim?: Partial<Claim>; post?: { author?: unknown }; status?: unknown; incident_status?: unknown };
    const author = typeof cp.post?.author === 'string' ? cp.post.author : null;
    return { ...base, ...claimAlertFields(cp.claim, { author, status: cp.status, incidentStatus: cp.incident_status }) };
  }
  if (e.type.startsWith('incident.')) {
    const status = INCIDENT_STATUSES.find((s) => s === (p as { status?: unknown }).status) ?? null;
    return { ...base, ...EMPTY_FIELDS, incident_status: status, disputed: status === 'disputed' || e.type === 'incident.disputed' };
  }
  return { ...base, ...EMPTY_FIELDS };
}
