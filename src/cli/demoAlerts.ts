/**
 * The demo's researcher: a user, a subscription to incidents that become corroborated or disputed, and a
 * reader of the app's own live stream that prints each alert as one line, so a new user sees the whole
 * flow (posts -> claims -> incidents -> alerts) in the terminal.
 */
import type { App } from '../app.ts';
import { createSubscription } from '../store/subscriptions.ts';
import { createUser, issueApiKey } from '../store/users.ts';

export const DEMO_LOGIN = { name: 'demo', password: 'claimwatch-demo' };

interface Statement {
  source?: string;
  value?: string;
}

/** One line for an alert body (the webhook/stream envelope); pure, so it is tested on its own. */
export function describeAlert(type: string, body: unknown): string {
  const b = body as { data?: Record<string, unknown> } | null;
  const d = b?.data ?? {};
  const inc = typeof d.incident_id === 'string' || typeof d.incident_id === 'number' ? `incident ${String(d.incident_id)}` : 'incident';
  const says = (xs: unknown): string =>
    (Array.isArray(xs) ? (xs as Statement[]) : []).map((s) => `${s.source ?? '?'} says ${s.value ?? '?'}`).join(', ');
  if (type === 'incident.disputed') {
    const ds = (Array.isArray(d.discrepancies) ? d.discrepancies : []) as { label?: string; a?: unknown; b?: unknown }[];
    const what = ds.map((x) => `${x.label ?? 'a field'}: ${says(x.a)} vs ${says(x.b)}`).join('; ');
    return `${inc} disputed: ${what || 'sources disagree'}`;
  }
  if (type === 'incident.corroborated') {
    const ag = (Array.isArray(d.agreements) ? d.agreements : []) as { label?: string }[];
    const sources = Array.isArray(d.sources) ? (d.sources as string[]) : [];
    return `${inc} corroborated by ${sources.join(', ') || 'two sources'}${ag.length ? ` on ${ag.map((a) => a.label).join(', ')}` : ''}`;
  }
  return `${type} ${inc}`;
}

/** Splits an SSE byte stream into events; comments and heartbeats are skipped. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string; id?: string }> {
  const decoder = new TextDecoder();
  let buf = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const frame = buf.slice(0, end);
      buf = buf.slice(end + 2);
      let event = 'message';
      let id: string | undefined;
      const data: string[] = [];
      for (const line of frame.split('\n')) {
        if (line.startsWith(':')) continue;
        const [k, ...rest] = line.split(':');
        const v = rest.join(':').replace(/^ /, '');
        if (k === 'event') event = v;
        else if (k === 'data') data.push(v);
        else if (k === 'id') id = v;
      }
      if (data.length) yield { event, data: data.join('\n'), ...(id ? { id } : {}) };
    }
  }
}

/** Creates the demo user and subscription and prints alerts until `signal` aborts. Returns a count getter. */
export async function followDemoAlerts(app: App, signal: AbortSignal, print: (line: string) => void): Promise<() => number> {
  const db = app.store.db;
  const userId = await createUser(db, { name: DEMO_LOGIN.name, role: 'moderator', password: DEMO_LOGIN.password });
  const { key } = await issueApiKey(db, userId, 'demo stream');
  const sub = await createSubscription(db, {
    owner: userId,
    name: 'Incidents that sources corroborate or dispute',
    filter: { event_types: ['incident.corroborated', 'incident.disputed'] },
    webhookUrl: null,
    webhookSecret: null,
  });
  let seen = 0;
  const res = await fetch(`${app.url}/api/v1/stream?subscription=${sub.id}`, { headers: { authorization: `Bearer ${key}` }, signal });
  if (!res.ok || !res.body) throw new Error(`the demo could not open its alert stream (HTTP ${res.status})`);
  const body = res.body;
  void (async () => {
    try {
      for await (const e of readSse(body)) {
        seen++;
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(e.data);
        } catch {
          // shown as the bare type
        }
        print(`alert: ${describeAlert(e.event, parsed)}`);
      }
    } catch {
      // the stream ends when the demo stops
    }
  })();
  return () => seen;
}
