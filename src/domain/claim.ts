/**
 * The claim format shared with other tools (fixed by ../shared/eval/README.md): one normalized claim per post.
 * Extra fields (spans, confidence, hedges) are additions; the named fields and vocabularies must not change.
 */
import { z } from 'zod';

export const EVENT_TYPES = [
  'rocket_attack',
  'missile_attack',
  'drone_attack',
  'airstrike',
  'ied',
  'small_arms',
  'interception_report',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const QUALIFIERS = [
  'exact',
  'approximately',
  'at_least',
  'more_than',
  'at_most',
  'fewer_than',
  'range',
  'vague',
] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export const PRECISIONS = ['minute', 'hour', 'part_of_day', 'day', 'month'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const PLACE_KINDS = ['base', 'city', 'province', 'country', 'region', 'site'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const LOCATION_ROLES = ['target', 'origin', 'reference'] as const;
export type LocationRole = (typeof LOCATION_ROLES)[number];

/** Half-open character range [start, end) into the post's original text. */
export const spanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type Span = z.infer<typeof spanSchema>;

const confidence = z.number().min(0).max(1);

export const quantitySchema = z.object({
  /** What is counted: rocket, drone, missile, killed, injured, intercepted, ... (eval/README.md). */
  what: z.string().min(1),
  /** civilian | military | contractor | combatant | ... for people; munition type for outcomes; else unspecified. */
  group: z.string().min(1),
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  qualifier: z.enum(QUALIFIERS),
  mention: z.string(),
  detail: z.string().optional(),
  span: spanSchema.optional(),
  confidence: confidence.optional(),
});
export type Quantity = z.infer<typeof quantitySchema>;

export const eventTimeSchema = z.object({
  mention: z.string(),
  /** Wall-clock time at the zone: YYYY-MM-DDTHH:MM, YYYY-MM-DD or YYYY-MM; null when unresolvable. */
  local: z.string().nullable(),
  /** IANA zone, e.g. Asia/Baghdad. */
  tz: z.string().nullable(),
  /** Filled only for minute/hour precision with a known zone: YYYY-MM-DDTHH:MMZ. */
  utc: z.string().nullable(),
  precision: z.enum(PRECISIONS).nullable(),
  approximate: z.boolean(),
  local_end: z.string().nullable().optional(),
  utc_end: z.string().nullable().optional(),
  span: spanSchema.optional(),
  confidence: confidence.optional(),
});
export type EventTime = z.infer<typeof eventTimeSchema>;

export const locationSchema = z.object({
  mention: z.string(),
  name: z.string(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  kind: z.enum(PLACE_KINDS),
  role: z.enum(LOCATION_ROLES).optional(),
  /** Gazetteer id, so corrections and clustering can use the place hierarchy. */
  place_id: z.string().optional(),
  span: spanSchema.optional(),
  confidence: confidence.optional(),
});
export type Location = z.infer<typeof locationSchema>;

export const claimSchema = z.object({
  event_type: z.enum(EVENT_TYPES),
  quantities: z.array(quantitySchema),
  event_time: eventTimeSchema.nullable(),
  locations: z.array(locationSchema),
  /** Hedges such as "Initial report", "preliminary", "no immediate reports". */
  hedges: z.array(z.string()).optional(),
  /** True when the post corrects or updates an earlier figure ("update:", "correction:"). */
  correction: z.boolean().optional(),
  /** How ambiguous acronyms were read, e.g. { IDF: 'indirect_fire' }. */
  acronyms: z.record(z.string(), z.string()).optional(),
  event_type_confidence: confidence.optional(),
  event_type_span: spanSchema.optional(),
  extractor_version: z.string().optional(),
  /** Set when the text was longer than the analysed window. */
  truncated: z.boolean().optional(),
});
export type Claim = z.infer<typeof claimSchema>;

export const SOURCE_KINDS = ['social', 'news', 'official_release'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** What extraction needs to know about a post besides its text. */
export interface PostContext {
  /** ISO date or date-time; relative expressions ("last night") resolve against it. */
  postedAt: string;
  source?: { kind?: SourceKind | string; name?: string; account?: string } | undefined;
}
