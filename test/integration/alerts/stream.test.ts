/**
 * The live stream (Server-Sent Events) read by a real HTTP client: filtering, heartbeats, resume with
 * Last-Event-ID without gaps or repeats, ownership, and fan-out from a worker process to a separate API
 * process through Redis pub/sub (two apps sharing one PostgreSQL schema and one queue prefix).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../src/app.ts';
import { ROUTE_MODULES } from '../../../src/api/server.ts';
import { makeStreamRoutes, streamRoutes } from '../../../src/api/routes/stream.ts';
import type { Claim } from '../../../src/domain/claim.ts';
import { recordEvent } from '../../../src/store/events.ts';
import { createUser, issueApiKey } from '../../../src/store/users.ts';
import { claim, claimEvent } from '../../unit/alerts/fixtures.ts';
import { dropRedisPrefix, PG_URL, tempDir, testConfig, uniqueName, waitFor } from '../../support/services.ts';

interface Frame {
  id?: string;
  event?: string;
  data?: string;
  comments: string[];
}

function parseBlock(block: string): Frame {
  const f: Frame = { comments: [] };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) f.comments.push(line.slice(1).trim());
    else if (line.startsWith('id: ')) f.id = line.slice(4);
    else if (line.startsWith('event: ')) f.event = line.slice(7);
    else if (line.startsWith('data: ')) f.data = (f.data === undefined ? '' : `${f.data}\n`) + line.slice(6);
  }
  return f;
}

/** A minimal SSE client over fetch: collects frames until closed. */
async function openStream(base: string, path: string, key: string, headers: Record<string, string> = {}) {
  const ac = new AbortController();
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream', ...headers }, signal: ac.signal });
  const frames: Frame[] = [];
  let ended = false;
  if (res.ok && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += decoder.decode(value, { stream: true });
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            frames.push(parseBlock(buf.slice(0, i)));
            buf = buf.slice(i + 2);
          }
        }
      } catch {
        // aborted
      } finally {
        ended = true;
      }
    })();
  }
  return {
    res,
    frames,
    events: () => frames.filter((f) => f.id !== undefined),
    ended: () => ended,
    close: () => ac.abort(),
  };
}

const syria = (): Claim => claim({ locations: [{ mention: 'Deir ez-Zor', name: 'Deir ez-Zor', country: 'SY', lat: 35.336, lon: 40.14, kind: 'city' }] });

describe('live stream across processes', () => {
  let worker: App;
  let api: App;
  let key: string;
  let otherKey: string;
  const dir = tempDir();
  const schema = uniqueName('sse');

  beforeAll(async () => {
    const prefix = uniqueName('cwsse');
    const cfg = (sub: string) => testConfig('postgres', `${dir.path}/${sub}`, { QUEUE_PREFIX: prefix });
    const routeModules = [...ROUTE_MODULES.filter((m) => m !== streamRoutes), makeStreamRoutes({ heartbeatMs: 200 })];
    worker = await startApp({ config: cfg('w'), sources: [], roles: ['worker'], storeSchema: schema, freshStore: true });
    api = await startApp({ config: cfg('a'), sources: [], roles: ['api'], storeSchema: schema, routeModules });
    const uid = await createUser(api.store.db, { name: 'researcher', role: 'researcher' });
    key = (await issueApiKey(api.store.db, uid)).key;
    const other = await createUser(api.store.db, { name: 'other', role: 'researcher' });
    otherKey = (await issueApiKey(api.store.db, other)).key;
  });
  afterAll(async () => {
    await api.stop();
    await worker.stop();
    await dropRedisPrefix(worker.config.redis.prefix);
    const { sql } = await import('kysely');
    const { openStore } = await import('../../../src/store/db.ts');
    const s = await openStore({ databaseUrl: PG_URL, migrate: false });
    await sql.raw(`drop schema if exists ${schema} cascade`).execute(s.db);
    await s.close();
    dir.remove();
  });

  async function emit(id: string, c: Claim = claim()) {
    await recordEvent(worker.store.db, claimEvent({ id, claim: c }));
    await worker.queues.add('alert', { eventId: id });
  }

  it('streams matching events from the worker process, with heartbeats, and resumes after Last-Event-ID without gaps or repeats', async () => {
    const filter = encodeURIComponent(JSON.stringify({ countries: ['SY'] }));
    const s1 = await openStream(api.url!, `/api/v1/stream?filter=${filter}`, key);
    expect(s1.res.status).toBe(200);
    expect(s1.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await waitFor(async () => s1.frames.some((f) => f.comments.includes('connected')), 'the connected comment');

    await emit('claim.created:sse-iq-1');
    await emit('claim.created:sse-sy-1', syria());
    await emit('claim.created:sse-sy-2', syria());
    await waitFor(async () => s1.events().length === 2, 'two Syrian events on the stream');
    // Live order is the order alert jobs finish (they run concurrently), so compare as a set.
    expect(s1.events().map((f) => [f.id, f.event]).sort()).toEqual([
      ['claim.created:sse-sy-1', 'claim.created'],
      ['claim.created:sse-sy-2', 'claim.created'],
    ]);
    const body = JSON.parse(s1.events().find((f) => f.id === 'claim.created:sse-sy-1')!.data!);
    expect(body).toMatchObject({ type: 'claim.created', version: 1, event_id: 'claim.created:sse-sy-1' });
    expect(body.data.claim.locations[0].country).toBe('SY');
    await waitFor(async () => s1.frames.filter((f) => f.comments.some((c) => c.startsWith('ping '))).length >= 2, 'heartbeats');

    // The client drops and resumes from sy-1 (as if sy-2 never reached it); three more arrive meanwhile, one outside the filter.
    s1.close();
    await emit('claim.created:sse-sy-3', syria());
    await emit('claim.created:sse-iq-2');
    await emit('claim.created:sse-sy-4', syria());
    await waitFor(async () => (await worker.queues.pending(['alert'])) === 0, 'the alert jobs');

    const s2 = await openStream(api.url!, `/api/v1/stream?filter=${filter}`, key, { 'last-event-id': 'claim.created:sse-sy-1' });
    // The replay comes from the events table, in time order.
    await waitFor(async () => s2.events().length === 3, 'the replayed events');
    await emit('claim.created:sse-sy-5', syria());
    await waitFor(async () => s2.events().length === 4, 'a live event after the replay');
    expect(s2.events().map((f) => f.id)).toEqual(['claim.created:sse-sy-2', 'claim.created:sse-sy-3', 'claim.created:sse-sy-4', 'claim.created:sse-sy-5']);
    s2.close();
  });

  it('streams one of the caller\'s subscriptions, and only the caller\'s', async () => {
    const created = await fetch(`${api.url}/api/v1/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'stream only', filter: { quantities: [{ what: 'drone', op: '>=', value: 5 }] } }),
    });
    const sub = (await created.json()) as { id: string };
    expect((await openStream(api.url!, `/api/v1/stream?subscription=${sub.id}`, otherKey)).res.status).toBe(404);
    const s = await openStream(api.url!, `/api/v1/stream?subscription=${sub.id}`, key);
    expect(s.res.status).toBe(200);
    await waitFor(async () => s.frames.some((f) => f.comments.includes('connected')), 'connected');
    await emit('claim.created:sse-few', claim());
    await emit('claim.created:sse-many', claim({ quantities: [{ what: 'drone', group: 'unspecified', value: 12, min: null, max: null, qualifier: 'exact', mention: 'twelve drones' }] }));
    await waitFor(async () => s.events().length === 1, 'the matching event');
    expect(s.events()[0]!.id).toBe('claim.created:sse-many');
    s.close();

    const bad = await fetch(`${api.url}/api/v1/stream?filter=${encodeURIComponent('{"countries":["Syria"]}')}`, { headers: { authorization: `Bearer ${key}` } });
    expect(bad.status).toBe(400);
    expect((await fetch(`${api.url}/api/v1/stream`)).status).toBe(401);
    const ev = await fetch(`${api.url}/api/v1/events/${encodeURIComponent('claim.created:sse-many')}`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await ev.json()) as { type: string }).type).toBe('claim.created');
  });

  it('closes open streams when the API shuts down', async () => {
    const s = await openStream(api.url!, '/api/v1/stream', key);
    await waitFor(async () => s.frames.some((f) => f.comments.includes('connected')), 'connected');
    const started = Date.now();
    await api.stop();
    await waitFor(async () => s.ended(), 'the stream to end');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
