/**
 * The live-stream fan-out message: the alert worker publishes every event it has matched on one Redis
 * pub/sub channel; each API process decodes it and runs its open streams' filters. Pure encode/decode.
 */

export function streamChannel(prefix: string): string {
  return `${prefix}:alerts:events`;
}

/** What a published event carries (the outbox row, with the time as ISO text). */
export interface StreamSource {
  id: string;
  type: string;
  subject: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

export function encodeStreamMessage(e: StreamSource): string {
  return JSON.stringify({ v: 1, id: e.id, type: e.type, subject: e.subject, occurred_at: e.occurredAt.toISOString(), payload: e.payload });
}

/** The event in a message, or null for anything malformed (never throws). */
export function decodeStreamMessage(raw: string): StreamSource | null {
  try {
    const m = JSON.parse(raw) as Record<string, unknown>;
    if (m.v !== 1 || typeof m.id !== 'string' || typeof m.type !== 'string' || typeof m.occurred_at !== 'string') return null;
    const occurredAt = new Date(m.occurred_at);
    if (Number.isNaN(occurredAt.getTime())) return null;
    const payload = m.payload && typeof m.payload === 'object' && !Array.isArray(m.payload) ? (m.payload as Record<string, unknown>) : {};
    return { id: m.id, type: m.type, subject: typeof m.subject === 'string' ? m.subject : '', payload, occurredAt };
  } catch {
    return null;
  }
}
