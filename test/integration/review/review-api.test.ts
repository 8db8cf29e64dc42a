/**
 * The review API on real services (both stores, the local Redis): corrections as revisions with audit rows
 * and claim.reviewed events in one transaction, optimistic concurrency, validation errors naming the
 * field, approve/reject, the queue's order and filters, and alias proposals through admin approval.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../src/app.ts';
import { connectGazetteer, type GazetteerAlias } from '../../../src/api/review/gazetteerAliases.ts';
import { correctClaim } from '../../../src/store/reviews.ts';
import { dropRedisPrefix, STORE_FLAVOURS, tempDir, testConfig, uniqueName } from '../../support/services.ts';
import { seedPostWithClaim, seedUsers, TAJI_TEXT, tajiClaim, type SeededUser } from './fixtures.ts';

type Users = Awaited<ReturnType<typeof seedUsers>>;

describe.each(STORE_FLAVOURS)('review API on %s', (flavour) => {
  let app: App;
  let users: Users;
  const dir = tempDir();

  beforeAll(async () => {
    app = await startApp({ config: testConfig(flavour, dir.path), sources: [], roles: ['api'], storeSchema: uniqueName('review') });
    users = await seedUsers(app.store.db);
  });
  afterAll(async () => {
    await app?.stop();
    await dropRedisPrefix(app.config.redis.prefix);
    dir.remove();
  });

  function call(method: 'GET' | 'POST', url: string, who: SeededUser | null, body?: unknown): Promise<LightMyRequestResponse> {
    return app.server!.inject({ method, url, headers: who ? { authorization: `Bearer ${who.key}` } : {}, ...(body === undefined ? {} : { payload: body as object }) });
  }
  const count = async (table: 'audit_log' | 'claim_revisions' | 'events', claimId: string): Promise<number> => {
    const db = app.store.db;
    const n = (r: { n: string | number | bigint }) => Number(r.n);
    if (table === 'audit_log') return n(await db.selectFrom('audit_log').where('entity', '=', 'claim').where('entity_id', '=', claimId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow());
    if (table === 'claim_revisions') return n(await db.selectFrom('claim_revisions').where('claim_id', '=', claimId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow());
    return n(await db.selectFrom('events').where('subject', '=', `claim:${claimId}`).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow());
  };

  it('stores a correction as a new revision with its audit row, event and jobs', async () => {
    const { claimId } = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    const start = TAJI_TEXT.indexOf('Camp Taji');
    const corrected = [{ mention: 'Camp Taji', name: 'Camp Taji', country: 'IQ', lat: 33.5222, lon: 44.2564, kind: 'base', role: 'target', span: { start, end: start + 9 } }];
    const res = await call('POST', `/api/v1/claims/${claimId}/corrections`, users.moderator, { revision: 1, reason: 'the target is the base, not the city', changes: { locations: corrected } });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ claim_id: claimId, revision: 2, status: 'pending', changed: ['locations'], jobs_enqueued: true, event_id: `claim.reviewed:${claimId}:2` });
    expect(out.proposed_aliases).toHaveLength(1);

    const row = await app.store.db.selectFrom('claims').selectAll().where('id', '=', claimId).executeTakeFirstOrThrow();
    expect(row.revision).toBe(2);
    expect(row.data.locations[0]!.name).toBe('Camp Taji');
    expect(row.data.quantities).toEqual(tajiClaim().quantities); // untouched fields stay
    const rev = await app.store.db.selectFrom('claim_revisions').selectAll().where('claim_id', '=', claimId).where('revision', '=', 2).executeTakeFirstOrThrow();
    expect(rev).toMatchObject({ author: 'moderator', action: 'corrected', reason: 'the target is the base, not the city' });
    const audit = await app.store.db.selectFrom('audit_log').selectAll().where('entity', '=', 'claim').where('entity_id', '=', claimId).executeTakeFirstOrThrow();
    expect(audit.actor).toBe('moderator');
    expect(audit.action).toBe('claim.corrected');
    expect(audit.request_id).toBeTruthy();
    expect(audit.before).toMatchObject({ revision: 1, locations: [{ name: 'Baghdad' }] });
    expect(audit.after).toMatchObject({ revision: 2, locations: [{ name: 'Camp Taji' }] });
    expect(Object.keys(audit.after as object).sort()).toEqual(['locations', 'revision']);

    const ev = await app.store.db.selectFrom('events').selectAll().where('id', '=', out.event_id).executeTakeFirstOrThrow();
    expect(ev.type).toBe('claim.reviewed');
    expect(ev.dispatched_at).not.toBeNull();
    expect(ev.payload).toMatchObject({ claim_id: claimId, review: { action: 'corrected', revision: 2, by: 'moderator', changed: ['locations'], rematch: true } });
    expect(await app.queues.queue('match').getJob(`match-${claimId}-r2`)).toBeTruthy();
    expect(await app.queues.queue('alert').getJob(`alert-claim.reviewed_${claimId}_2`)).toBeTruthy();
  });

  it('refuses a stale revision with 409 and writes nothing', async () => {
    const { claimId } = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    const first = await call('POST', `/api/v1/claims/${claimId}/corrections`, users.moderator, { revision: 1, changes: { event_type: 'missile_attack' } });
    expect(first.statusCode).toBe(200);
    const before = [await count('audit_log', claimId), await count('claim_revisions', claimId), await count('events', claimId)];
    const stale = await call('POST', `/api/v1/claims/${claimId}/corrections`, users.moderator, { revision: 1, changes: { event_type: 'airstrike' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE_REVISION' });
    expect(stale.json().error.message).toMatch(/revision 2, not 1/);
    const staleApprove = await call('POST', `/api/v1/claims/${claimId}/approve`, users.moderator, { revision: 1 });
    expect(staleApprove.statusCode).toBe(409);
    expect([await count('audit_log', claimId), await count('claim_revisions', claimId), await count('events', claimId)]).toEqual(before);
  });

  it('lets exactly one of two simultaneous corrections of the same revision win', async () => {
    const { claimId } = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    const [a, b] = await Promise.all([
      call('POST', `/api/v1/claims/${claimId}/corrections`, users.moderator, { revision: 1, changes: { event_type: 'missile_attack' } }),
      call('POST', `/api/v1/claims/${claimId}/corrections`, users.admin, { revision: 1, changes: { event_type: 'airstrike' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await count('claim_revisions', claimId)).toBe(2);
    expect(await count('audit_log', claimId)).toBe(1);
  });

  it('rejects bad corrections with a 400 naming the field', async () => {
    const { claimId } = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    const bad = async (body: unknown) => {
      const r = await call('POST', `/api/v1/claims/${claimId}/corrections`, users.moderator, body);
      expect(r.statusCode, r.body).toBe(400);
      return r.json().error.message as string;
    };
    const q = tajiClaim().quantities;
    expect(await bad({ revision: 1, changes: { quantities: [{ ...q[0], qualifier: 'lots' }] } })).toMatch(/^changes\.quantities\.0\.qualifier: /);
    expect(await bad({ revision: 1, changes: { quantities: [{ ...q[0], qualifier: 'range', min: 9, max: 3 }] } })).toMatch(/^changes\.quantities\.0\.min: min must not exceed max/);
    expect(await bad({ revision: 1, changes: { locations: [{ ...tajiClaim().locations[0], lat: 123 }] } })).toMatch(/^changes\.locations\.0\.lat: /);
    expect(await bad({ revision: 1, changes: { event_time: { ...tajiClaim().event_time, tz: 'Mars/Olympus' } } })).toMatch(/^changes\.event_time\.tz: .*IANA/);
    expect(await bad({ revision: 1, changes: { event_time: { ...tajiClaim().event_time, span: { start: 5, end: 9999 } } } })).toMatch(/^changes\.event_time\.span: .*past the end/);
    expect(await bad({ revision: 1, changes: { colour: 'red' } })).toMatch(/^changes: .*colour/);
    expect(await bad({ revision: 1, changes: {} })).toMatch(/^changes: give at least one/);
    expect(await bad({ changes: { event_type: 'airstrike' } })).toMatch(/^revision: /);
    expect(await bad({ revision: 1, changes: { event_type: 'rocket_attack' } })).toMatch(/nothing to save/);
    expect(await count('claim_revisions', claimId)).toBe(1);
  });

  it('approves and rejects with reasons, audited, and only for moderators', async () => {
    const { claimId } = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    expect((await call('POST', `/api/v1/claims/${claimId}/approve`, users.researcher, { revision: 1 })).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/claims/${claimId}/approve`, null, { revision: 1 })).statusCode).toBe(401);
    const noReason = await call('POST', `/api/v1/claims/${claimId}/reject`, users.moderator, { revision: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toMatch(/^reason: /);
    const rej = await call('POST', `/api/v1/claims/${claimId}/reject`, users.moderator, { revision: 1, reason: 'duplicate of an earlier post' });
    expect(rej.json()).toMatchObject({ status: 'rejected', revision: 2 });
    const appr = await call('POST', `/api/v1/claims/${claimId}/approve`, users.admin, { revision: 2, reason: 'checked again: not a duplicate' });
    expect(appr.json()).toMatchObject({ status: 'approved', revision: 3 });
    // Rejecting withdraws the claim from its incident and approving it again brings it back: both re-match.
    expect(await app.queues.queue('match').getJob(`match-${claimId}-r2`)).toBeTruthy();
    expect(await app.queues.queue('match').getJob(`match-${claimId}-r3`)).toBeTruthy();
    const plain = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    expect((await call('POST', `/api/v1/claims/${plain.claimId}/approve`, users.moderator, { revision: 1 })).statusCode).toBe(200);
    expect(await app.queues.queue('match').getJob(`match-${plain.claimId}-r2`)).toBeFalsy(); // approving a pending claim changes nothing to match
    const detail = (await call('GET', `/api/v1/review/claims/${claimId}`, users.researcher)).json();
    expect(detail.claim).toMatchObject({ status: 'approved', reviewedBy: 'admin', reviewReason: 'checked again: not a duplicate' });
    expect(detail.revisions.map((r: { revision: number; action: string; status: string; author: string }) => [r.revision, r.action, r.status, r.author])).toEqual([
      [3, 'approved', 'approved', 'admin'],
      [2, 'rejected', 'rejected', 'moderator'],
      [1, 'extracted', 'pending', 'extractor'],
    ]);
    expect(detail.audit.map((a: { action: string; actor: string }) => [a.action, a.actor])).toEqual([
      ['claim.approved', 'admin'],
      ['claim.rejected', 'moderator'],
    ]);
    expect(detail.audit[1].before).toMatchObject({ status: 'pending' });
    expect(detail.audit[1].after).toMatchObject({ status: 'rejected', reason: 'duplicate of an earlier post' });
    expect(detail.post.text).toBe(TAJI_TEXT);
  });

  it('rolls the whole step back when a part of its transaction fails', async () => {
    const { claimId } = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    const data = { ...tajiClaim(), event_type: 'airstrike' as const };
    await expect(
      correctClaim(
        app.store.db,
        { claimId, expectedRevision: 1, actor: 'moderator', reason: null, now: new Date(), data, changed: ['event_type'], before: {}, after: {} },
        async () => {
          throw new Error('alias table unavailable');
        },
      ),
    ).rejects.toThrow('alias table unavailable');
    const row = await app.store.db.selectFrom('claims').select(['revision', 'event_type']).where('id', '=', claimId).executeTakeFirstOrThrow();
    expect(row).toEqual({ revision: 1, event_type: 'rocket_attack' });
    expect([await count('audit_log', claimId), await count('claim_revisions', claimId), await count('events', claimId)]).toEqual([0, 1, 0]); // the seed records no claim.created event
  });

  it('orders the queue pending first and filters by account, type, place and confidence', async () => {
    const a = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim(), author: 'QueueSpoxA' });
    const b = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: { ...tajiClaim(), event_type: 'drone_attack', event_type_confidence: 0.3 }, author: 'QueueSpoxB' });
    const c = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim(), author: 'QueueSpoxA' });
    await call('POST', `/api/v1/claims/${a.claimId}/approve`, users.moderator, { revision: 1 });
    const q = async (qs: string) => (await call('GET', `/api/v1/review/queue?${qs}`, users.researcher)).json() as { items: { id: string; status: string }[]; total: number };
    const all = await q('account=queuespoxa');
    expect(all.items.map((i) => [i.id, i.status])).toEqual([
      [c.claimId, 'pending'],
      [a.claimId, 'approved'],
    ]);
    expect((await q('type=drone_attack')).items.map((i) => i.id)).toEqual([b.claimId]);
    expect((await q('max_confidence=0.5&type=drone_attack')).items.map((i) => i.id)).toEqual([b.claimId]);
    expect((await q('min_confidence=0.5&type=drone_attack')).items).toEqual([]);
    expect((await q('place=baghd&account=QueueSpoxB')).items.map((i) => i.id)).toEqual([b.claimId]);
    expect((await q('place=IQ&account=QueueSpoxB')).total).toBe(1);
    expect((await q('place=Mosul&account=QueueSpoxB')).total).toBe(0);
    const pending = await q('status=pending');
    expect(pending.items.every((i) => i.status === 'pending')).toBe(true);
    const bad = await call('GET', '/api/v1/review/queue?type=parade', users.researcher);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^type: /);
  });

  it('turns a place correction into an alias proposal that reaches the gazetteer once an admin approves it', async () => {
    const received: GazetteerAlias[][] = [];
    connectGazetteer({ applyAliases: (a) => received.push([...a]) });
    try {
      const text = 'Two drones were downed over Harir air base in Erbil province overnight.';
      const { claimId } = await seedPostWithClaim(app.store.db, {
        text,
        claim: { event_type: 'drone_attack', quantities: [], event_time: null, locations: [{ mention: 'Erbil', name: 'Erbil', country: 'IQ', lat: 36.19, lon: 44.01, kind: 'province' }] },
      });
      const s = text.indexOf('Harir air base');
      const res = await call('POST', `/api/v1/claims/${claimId}/corrections`, users.moderator, {
        revision: 1,
        changes: {
          locations: [
            { mention: 'Harir air base', name: 'Harir Air Base', country: 'IQ', lat: 36.5386, lon: 44.3454, kind: 'base', place_id: 'iq-harir', span: { start: s, end: s + 14 } },
            { mention: 'Erbil', name: 'Erbil', country: 'IQ', lat: 36.19, lon: 44.01, kind: 'province' },
          ],
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const [aliasId] = res.json().proposed_aliases as string[];
      expect(aliasId).toBeTruthy();
      const listed = (await call('GET', '/api/v1/place-aliases?status=proposed', users.moderator)).json().items;
      expect(listed.find((a: { id: string }) => a.id === aliasId)).toMatchObject({ alias: 'Harir air base', name: 'Harir Air Base', placeId: 'iq-harir', proposedBy: 'moderator', claimId });
      expect((await call('POST', `/api/v1/place-aliases/${aliasId}/approve`, users.moderator, {})).statusCode).toBe(403);
      const ok = await call('POST', `/api/v1/place-aliases/${aliasId}/approve`, users.admin, { reason: 'known name of the base' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'approved', decidedBy: 'admin' });
      expect(received.at(-1)).toContainEqual({ alias: 'Harir air base', placeId: 'iq-harir', name: 'Harir Air Base', country: 'IQ', lat: 36.5386, lon: 44.3454, kind: 'base' });
      expect((await call('POST', `/api/v1/place-aliases/${aliasId}/reject`, users.admin, {})).statusCode).toBe(409);
      const audit = await app.store.db.selectFrom('audit_log').select(['action', 'actor']).where('entity', '=', 'place_alias').where('entity_id', '=', aliasId!).orderBy('id').execute();
      expect(audit).toEqual([
        { action: 'place_alias.proposed', actor: 'moderator' },
        { action: 'place_alias.approved', actor: 'admin' },
      ]);
      const places = (await call('GET', '/api/v1/places', users.researcher)).json().items;
      expect(places.find((p: { name: string }) => p.name === 'Harir Air Base')).toMatchObject({ lat: 36.5386, lon: 44.3454, country: 'IQ', aliases: ['Harir air base'] });
    } finally {
      connectGazetteer(undefined);
    }
  });
});
