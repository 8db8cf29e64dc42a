/**
 * Field-level corrections of a claim, as pure functions: validate a moderator's changes against the claim
 * format, apply them, say which fields changed, and which place names the gazetteer could learn.
 */
import { z } from 'zod';
import { claimSchema, type Claim, type Location, type Span } from '../../domain/claim.ts';

/** The fields a moderator may correct; each one given replaces that field whole. */
export const CORRECTABLE_FIELDS = ['event_type', 'quantities', 'event_time', 'locations'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

export const changesSchema = z
  .object({
    event_type: claimSchema.shape.event_type.optional(),
    quantities: claimSchema.shape.quantities.optional(),
    event_time: claimSchema.shape.event_time.optional(),
    locations: claimSchema.shape.locations.optional(),
  })
  .strict()
  .refine((c) => CORRECTABLE_FIELDS.some((f) => c[f] !== undefined), { message: `give at least one of ${CORRECTABLE_FIELDS.join(', ')}` });
export type ClaimChanges = z.infer<typeof changesSchema>;

export interface FieldIssue {
  /** Dotted path from the request body, e.g. "changes.quantities.0.max". */
  path: string;
  message: string;
}

const LOCAL_RE = /^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2})?)?$/;
const UTC_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/;

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function spanIssue(span: Span | undefined, textLength: number, path: string): FieldIssue | undefined {
  if (!span) return undefined;
  if (span.end < span.start) return { path: `${path}.span`, message: 'span end must not be before its start' };
  if (span.end > textLength) return { path: `${path}.span`, message: `span ends at ${span.end}, past the end of the post text (${textLength} characters)` };
  return undefined;
}

/**
 * Parses `changes` (zod schemas of the claim format) and checks what the schemas cannot: quantity bounds
 * that fit their qualifier, well-formed times and zones, coordinates on the globe, spans inside the text.
 * Returns the first problems found, each naming its field.
 */
export function parseChanges(raw: unknown, textLength: number): { ok: true; changes: ClaimChanges } | { ok: false; issues: FieldIssue[] } {
  const r = changesSchema.safeParse(raw);
  if (!r.success) {
    return {
      ok: false,
      issues: r.error.issues.map((i) => ({ path: ['changes', ...i.path.map(String)].join('.'), message: i.message })),
    };
  }
  const c = r.data;
  const issues: FieldIssue[] = [];
  c.quantities?.forEach((q, i) => {
    const p = `changes.quantities.${i}`;
    for (const k of ['value', 'min', 'max'] as const) {
      const v = q[k];
      if (v !== null && (!Number.isFinite(v) || v < 0)) issues.push({ path: `${p}.${k}`, message: 'must be a count of zero or more' });
    }
    if (q.qualifier === 'range') {
      if (q.min === null || q.max === null) issues.push({ path: `${p}.qualifier`, message: 'a range needs both min and max' });
      else if (q.min > q.max) issues.push({ path: `${p}.min`, message: 'min must not exceed max' });
    } else if (q.qualifier !== 'vague' && q.value === null && q.min === null && q.max === null) {
      issues.push({ path: `${p}.value`, message: `a ${q.qualifier} quantity needs a value` });
    }
    const s = spanIssue(q.span, textLength, p);
    if (s) issues.push(s);
  });
  const t = c.event_time;
  if (t) {
    if (t.local !== null && !LOCAL_RE.test(t.local)) issues.push({ path: 'changes.event_time.local', message: 'must be YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM' });
    if (t.utc !== null && !UTC_RE.test(t.utc)) issues.push({ path: 'changes.event_time.utc', message: 'must be YYYY-MM-DDTHH:MMZ' });
    if (t.tz !== null && !validZone(t.tz)) issues.push({ path: 'changes.event_time.tz', message: `"${t.tz}" is not an IANA time zone (e.g. Asia/Baghdad)` });
    const s = spanIssue(t.span, textLength, 'changes.event_time');
    if (s) issues.push(s);
  }
  c.locations?.forEach((l, i) => {
    const p = `changes.locations.${i}`;
    if (!l.name.trim()) issues.push({ path: `${p}.name`, message: 'must not be empty' });
    if (l.country !== null && !/^[A-Z]{2}$/.test(l.country)) issues.push({ path: `${p}.country`, message: 'must be an ISO 3166-1 alpha-2 code such as IQ' });
    if (l.lat !== null && (l.lat < -90 || l.lat > 90)) issues.push({ path: `${p}.lat`, message: 'must be between -90 and 90' });
    if (l.lon !== null && (l.lon < -180 || l.lon > 180)) issues.push({ path: `${p}.lon`, message: 'must be between -180 and 180' });
    if ((l.lat === null) !== (l.lon === null)) issues.push({ path: `${p}.lat`, message: 'give both lat and lon, or neither' });
    const s = spanIssue(l.span, textLength, p);
    if (s) issues.push(s);
  });
  return issues.length ? { ok: false, issues } : { ok: true, changes: c };
}

/** The claim with the given fields replaced; other fields (hedges, acronyms, extractor data) stay. */
export function applyChanges(claim: Claim, changes: ClaimChanges): Claim {
  const next: Claim = { ...claim };
  if (changes.event_type !== undefined) next.event_type = changes.event_type;
  if (changes.quantities !== undefined) next.quantities = changes.quantities;
  if (changes.event_time !== undefined) next.event_time = changes.event_time;
  if (changes.locations !== undefined) next.locations = changes.locations;
  return next;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Correctable fields whose value differs between two claims, in a stable order. */
export function changedFields(before: Claim, after: Claim): CorrectableField[] {
  return CORRECTABLE_FIELDS.filter((f) => !same(before[f] ?? null, after[f] ?? null));
}

/** Before/after of the changed fields only: what an audit row records. */
export function fieldDiff(before: Claim, after: Claim): { before: Partial<Claim>; after: Partial<Claim>; fields: CorrectableField[] } {
  const fields = changedFields(before, after);
  const pick = (c: Claim) => Object.fromEntries(fields.map((f) => [f, c[f] ?? null])) as Partial<Claim>;
  return { before: pick(before), after: pick(after), fields };
}

/** Lower case, NFKC, one space between words: two spellings differing only so are one alias. */
export function aliasKey(alias: string): string {
  return alias.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface AliasProposal {
  alias: string;
  placeId: string | null;
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  kind: Location['kind'];
}

function samePlace(a: Location, b: Location): boolean {
  return a.name === b.name && (a.place_id ?? null) === (b.place_id ?? null) && a.country === b.country && a.lat === b.lat && a.lon === b.lon && a.kind === b.kind;
}

/**
 * Place names a correction teaches: each corrected or added location whose mention occurs in the post
 * text and was not already read as that place. Proposals only; an admin approves them.
 */
export function aliasProposals(before: Claim, after: Claim, postText: string): AliasProposal[] {
  const text = aliasKey(postText);
  const out = new Map<string, AliasProposal>();
  for (const l of after.locations) {
    const alias = l.mention.replace(/\s+/g, ' ').trim();
    if (alias.length < 2 || alias.length > 120 || !l.name.trim()) continue;
    const key = aliasKey(alias);
    if (!text.includes(key)) continue;
    const old = before.locations.find((b) => aliasKey(b.mention) === key);
    if (old && samePlace(old, l)) continue;
    out.set(`${key}|${l.place_id ?? l.name}`, {
      alias,
      placeId: l.place_id ?? null,
      name: l.name.trim(),
      country: l.country,
      lat: l.lat,
      lon: l.lon,
      kind: l.kind,
    });
  }
  return [...out.values()];
}
