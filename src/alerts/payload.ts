/**
 * The webhook (and stream) body, versioned and kept under 20 kB:
 *   { "type": "claim.created", "timestamp": ISO, "version": 1, "event_id": "...", "data": { ...event payload } }
 * When the full payload is too large, bulky fields (post text, raw data, mentions, spans, details) are
 * dropped and `data.truncated` / `data.href` point at GET /api/v1/events/{id} for the whole event; if even
 * that is too large, `data` becomes a stub with the ids and the link.
 */

export const WEBHOOK_PAYLOAD_VERSION = 1;
/** Under 20 kB, as the issue asks; Svix-style receivers often cap bodies near there. */
export const MAX_PAYLOAD_BYTES = 20_000;

export interface BodyEvent {
  id: string;
  type: string;
  subject: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

export interface WebhookBody {
  type: string;
  timestamp: string;
  version: typeof WEBHOOK_PAYLOAD_VERSION;
  event_id: string;
  data: Record<string, unknown>;
}

export interface ShapedBody {
  body: string;
  bytes: number;
  shape: 'full' | 'trimmed' | 'stub';
}

export function eventHref(eventId: string): string {
  return `/api/v1/events/${encodeURIComponent(eventId)}`;
}

const BULKY_KEYS = new Set(['text', 'raw', 'mention', 'span', 'event_type_span', 'detail', 'acronyms', 'hedges']);

function trim(value: unknown, depth = 0): unknown {
  if (depth > 20) return null;
  if (Array.isArray(value)) return value.map((v) => trim(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!BULKY_KEYS.has(k)) out[k] = trim(v, depth + 1);
    return out;
  }
  return value;
}

const bytesOf = (s: string) => Buffer.byteLength(s, 'utf8');

/** Serialises an event for delivery, trimming it under `maxBytes`. Deterministic for a given event. */
export function shapeBody(e: BodyEvent, maxBytes = MAX_PAYLOAD_BYTES): ShapedBody {
  const envelope = (data: Record<string, unknown>): string =>
    JSON.stringify({ type: e.type, timestamp: e.occurredAt.toISOString(), version: WEBHOOK_PAYLOAD_VERSION, event_id: e.id, data } satisfies WebhookBody);
  const full = envelope(e.payload);
  if (bytesOf(full) <= maxBytes) return { body: full, bytes: bytesOf(full), shape: 'full' };
  const trimmed = envelope({ ...(trim(e.payload) as Record<string, unknown>), truncated: true, href: eventHref(e.id) });
  if (bytesOf(trimmed) <= maxBytes) return { body: trimmed, bytes: bytesOf(trimmed), shape: 'trimmed' };
  const p = e.payload;
  const pick = (k: string) => (typeof p[k] === 'string' || typeof p[k] === 'number' ? { [k]: p[k] } : {});
  const stub = envelope({
    ...('version' in p ? { version: p.version } : {}),
    ...pick('claim_id'),
    ...pick('incident_id'),
    ...pick('status'),
    subject: e.subject.slice(0, 200),
    truncated: true,
    href: eventHref(e.id),
  });
  return { body: stub, bytes: bytesOf(stub), shape: 'stub' };
}
