/** The match worker on real stores: the seed case, idempotence, withdrawal, and two workers at once. */
import type { Job } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchHandler } from '../../workers/match.ts';
import type { WorkerDeps } from '../../workers/deps.ts';
import type { Claim } from '../../src/domain/claim.ts';
import { createRedis } from '../../src/queue/redis.ts';
import { JobQueues, type HandlerContext } from '../../src/queue/runtime.ts';
import { insertExtractedClaim } from '../../src/store/claims.ts';
import { upsertPost } from '../../src/store/posts.ts';
import { dropRedisPrefix, isolatedStore, REDIS_URL, STORE_FLAVOURS, uniqueName } from '../support/services.ts';

const log = pino({ level: 'silent' });
const ctx = (): HandlerContext => ({ log, jobId: 't', attempt: 1, signal: new AbortController().signal, job: {} as Job });

const asad = { name: 'Al Asad Air Base', country: 'IQ', lat: 33.7857, lon: 42.4411, kind: 'base' as const, role: 'target' as const };
const coalition: Claim = {
  event_type: 'rocket_attack',
  quantities: [{ what: 'rocket', group: 'unspecified', value: 10, min: null, max: null, qualifier: 'exact', mention: '10 IDF rockets' }],
  event_time: { mention: 'at approx 7:20 a.m. (Iraqi time)', local: '2021-03-03T07:20', tz: 'Asia/Baghdad', utc: '2021-03-03T04:20Z', precision: 'minute', approximate: true },
  locations: [{ ...asad, mention: 'Al Asad Airbase' }],
};
const news: Claim = {
  event_type: 'rocket_attack',
  quantities: [{ what: 'rocket', group: 'unspecified', value: null, min: 10, max: null, qualifier: 'at_least', mention: 'at least ten rockets' }],
  event_time: { mention: 'on March 3', local: '2021-03-03', tz: 'Asia/Baghdad', utc: null, precision: 'day', approximate: false },
  locations: [{ ...asad, mention: 'Ain Al-Asad base' }],
};
const otherDay: Claim = { ...coalition, event_time: { ...coalition.event_time!, local: '2021-04-20T07:20', utc: '2021-04-20T04:20Z' } };

describe.each(STORE_FLAVOURS)('match worker on %s', (flavour) => {
  let store: Awaited<ReturnType<typeof isolatedStore>>;
  let deps: WorkerDeps;
  const prefix = uniqueName('cwmatch');
  const conn = createRedis(REDIS_URL);

  beforeAll(async () => {
    store = await isolatedStore(flavour);
    deps = { store, queues: new JobQueues(conn, prefix), sources: new Map(), now: () => new Date(), log };
  });
  afterAll(async () => {
    await deps.queues.close();
    conn.disconnect();
    await dropRedisPrefix(prefix);
    await store.dispose();
  });

  async function addClaim(id: string, author: string, kind: string, postedAt: string, claim: Claim): Promise<string> {
    const p = await upsertPost(store.db, { platform: 'replay', externalId: id, version: 1, author, sourceKind: kind as 'news', sourceName: author, text: 't', postedAt, kind: 'original' });
    const r = await store.db.transaction().execute((tx) => insertExtractedClaim(tx, { postId: p.id, claim, extractorVersion: 'test/1' }));
    return r.id;
  }
  const incidentOf = async (claimId: string) => (await store.db.selectFrom('claims').select('incident_id').where('id', '=', claimId).executeTakeFirstOrThrow()).incident_id;
  const eventTypes = async () => (await store.db.selectFrom('events').select(['type']).orderBy('id').execute()).map((e) => e.type);

  it('puts the coalition "10 rockets" and the news "at least ten" in one corroborated incident', async () => {
    const match = matchHandler(deps);
    const a = await addClaim('seed-spox', 'OIRSpox', 'social', '2021-03-03T07:12:16Z', coalition);
    const b = await addClaim('seed-news', 'newswire', 'news', '2021-03-03T09:00:00Z', news);
    await match({ claimId: a }, ctx());
    await match({ claimId: b }, ctx());
    const inc = await incidentOf(a);
    expect(inc).not.toBeNull();
    expect(await incidentOf(b)).toBe(inc);
    const row = await store.db.selectFrom('incidents').selectAll().where('id', '=', inc!).executeTakeFirstOrThrow();
    expect(row.status).toBe('corroborated');
    expect(row.summary).toMatchObject({ status: 'corroborated' });
    expect((row.summary as { agreements: { field: string }[] }).agreements.map((x) => x.field)).toEqual(expect.arrayContaining(['quantity', 'place']));
    expect(await eventTypes()).toEqual(expect.arrayContaining(['incident.created', 'incident.corroborated', 'incident.updated']));
    // Incident events carry what alert filters read: accounts, countries, places, figures, statuses.
    const corroborated = await store.db.selectFrom('events').select('payload').where('type', '=', 'incident.corroborated').executeTakeFirstOrThrow();
    expect(corroborated.payload.alert).toMatchObject({ accounts: expect.arrayContaining(['oirspox', 'newswire']), countries: ['IQ'], incident_status: 'corroborated', disputed: false, review_status: 'pending' });
  });

  it('changes nothing when the same match job runs again', async () => {
    const match = matchHandler(deps);
    const b = (await store.db.selectFrom('posts as p').innerJoin('claims as c', 'c.post_id', 'p.id').select('c.id').where('p.external_id', '=', 'seed-news').executeTakeFirstOrThrow()).id;
    const before = await store.db.selectFrom('incidents').select(['id', 'revision']).orderBy('id').execute();
    const eventsBefore = (await eventTypes()).length;
    const out = (await match({ claimId: b }, ctx())) as { action: string };
    expect(out.action).toBe('unchanged');
    expect(await store.db.selectFrom('incidents').select(['id', 'revision']).orderBy('id').execute()).toEqual(before);
    expect((await eventTypes()).length).toBe(eventsBefore);
  });

  it('keeps an attack on another day apart', async () => {
    const match = matchHandler(deps);
    const c = await addClaim('seed-later', 'OIRSpox', 'social', '2021-04-20T06:00:00Z', otherDay);
    await match({ claimId: c }, ctx());
    const first = (await store.db.selectFrom('posts as p').innerJoin('claims as cl', 'cl.post_id', 'p.id').select('cl.id').where('p.external_id', '=', 'seed-spox').executeTakeFirstOrThrow()).id;
    expect(await incidentOf(c)).not.toBe(await incidentOf(first));
  });

  it('takes a rejected claim out of its incident and recomputes the status', async () => {
    const match = matchHandler(deps);
    const b = (await store.db.selectFrom('posts as p').innerJoin('claims as c', 'c.post_id', 'p.id').select(['c.id', 'c.incident_id']).where('p.external_id', '=', 'seed-news').executeTakeFirstOrThrow());
    await store.db.updateTable('claims').set({ status: 'rejected', revision: 2 }).where('id', '=', b.id).execute();
    const out = (await match({ claimId: b.id, revision: 2 }, ctx())) as { action: string };
    expect(out.action).toBe('withdrawn');
    expect(await incidentOf(b.id)).toBeNull();
    const row = await store.db.selectFrom('incidents').select(['status']).where('id', '=', b.incident_id!).executeTakeFirstOrThrow();
    expect(row.status).toBe('single_source');
  });

  it('founds one incident when two workers match two reports of one event at once', async () => {
    const c1 = await addClaim('race-1', 'spox2', 'social', '2022-06-01T10:00:00Z', { ...coalition, event_time: { ...coalition.event_time!, local: '2022-06-01T07:20', utc: '2022-06-01T04:20Z' } });
    const c2 = await addClaim('race-2', 'wire2', 'news', '2022-06-01T11:00:00Z', { ...news, event_time: { ...news.event_time!, local: '2022-06-01' } });
    // Two handlers with their own store connections would race without the advisory lock; on PGlite the single connection serialises anyway.
    await Promise.all([matchHandler(deps)({ claimId: c1 }, ctx()), matchHandler(deps)({ claimId: c2 }, ctx())]);
    expect(await incidentOf(c1)).toBe(await incidentOf(c2));
  });
});
