/** One repository suite, run against the embedded PGlite store and the local PostgreSQL server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../src/domain/claim.ts';
import type { IncomingPost } from '../../src/domain/post.ts';
import { countClaims, getClaim, insertExtractedClaim, claimsOfPost } from '../../src/store/claims.ts';
import { ensureDelivery, webhookIdFor } from '../../src/store/deliveries.ts';
import { getEvent, markDispatched, recordEvent } from '../../src/store/events.ts';
import { runMigrations } from '../../src/store/migrate.ts';
import { deletePost, getPost, latestVersion, upsertPost } from '../../src/store/posts.ts';
import { getSourceState, saveSourceState } from '../../src/store/sources.ts';
import { createUser, ensureBootstrapAdmin, generateApiKey, issueApiKey, principalForApiKey, verifyPassword, findUserByName } from '../../src/store/users.ts';
import { isolatedStore, STORE_FLAVOURS } from '../support/services.ts';

const post = (over: Partial<IncomingPost> = {}): IncomingPost => ({
  platform: 'replay',
  externalId: 'p1',
  version: 1,
  author: 'TestSpox',
  sourceKind: 'social',
  text: '3 rockets hit Camp Example at 0200; no injuries.',
  postedAt: '2025-03-01T01:00:00Z',
  kind: 'original',
  ...over,
});

const claim = (mention = '3 rockets'): Claim => ({
  event_type: 'rocket_attack',
  quantities: [{ what: 'rocket', group: 'unspecified', value: 3, min: null, max: null, qualifier: 'exact', mention, span: { start: 0, end: 9 } }],
  event_time: { mention: 'at 0200', local: '2025-03-01T02:00', tz: 'Asia/Baghdad', utc: '2025-02-28T23:00Z', precision: 'minute', approximate: false },
  locations: [{ mention: 'Camp Example', name: 'Camp Example', country: 'IQ', lat: 33.1, lon: 44.2, kind: 'base' }],
});

describe.each(STORE_FLAVOURS)('repositories on %s', (flavour) => {
  let store: Awaited<ReturnType<typeof isolatedStore>>;
  beforeAll(async () => {
    store = await isolatedStore(flavour);
  });
  afterAll(async () => store?.dispose());

  it('applies migrations once', async () => {
    expect(await runMigrations(store)).toEqual([]);
  });

  it('stores a post once however often it is delivered', async () => {
    const a = await upsertPost(store.db, post());
    const b = await upsertPost(store.db, post());
    expect(a.inserted).toBe(true);
    expect(b).toEqual({ id: a.id, inserted: false });
    const edit = await upsertPost(store.db, post({ version: 2, text: 'Update: 4 rockets hit Camp Example.' }));
    expect(edit.inserted).toBe(true);
    expect(await latestVersion(store.db, 'replay', 'p1')).toBe(2);
  });

  it('keeps NUL bytes and \\u0000 escapes out of text and jsonb', async () => {
    const r = await upsertPost(store.db, post({ externalId: 'nul', text: 'a\u0000b', raw: { t: 'x\u0000y', k: 'literal \\u0000 stays' } }));
    const p = await getPost(store.db, r.id);
    expect(p!.text).toBe('ab');
    const raw = (await store.db.selectFrom('posts').select('raw').where('id', '=', r.id).executeTakeFirstOrThrow()).raw;
    expect(raw).toEqual({ t: 'xy', k: 'literal \\u0000 stays' });
  });

  it('writes one claim per post version and extractor, superseding older versions', async () => {
    const v1 = await upsertPost(store.db, post({ externalId: 'c1' }));
    const first = await store.db.transaction().execute((tx) => insertExtractedClaim(tx, { postId: v1.id, claim: claim(), extractorVersion: 't/1' }));
    const again = await store.db.transaction().execute((tx) => insertExtractedClaim(tx, { postId: v1.id, claim: claim(), extractorVersion: 't/1' }));
    expect(first.inserted).toBe(true);
    expect(again).toEqual({ id: first.id, inserted: false, superseded: [] });

    const v2 = await upsertPost(store.db, post({ externalId: 'c1', version: 2 }));
    const second = await store.db.transaction().execute((tx) => insertExtractedClaim(tx, { postId: v2.id, claim: claim('4 rockets'), extractorVersion: 't/1' }));
    expect(second.superseded).toEqual([first.id]);
    const old = await getClaim(store.db, first.id);
    expect(old).toMatchObject({ isCurrent: false, supersededBy: second.id, status: 'pending', revision: 1 });
    expect((await getClaim(store.db, second.id))!.isCurrent).toBe(true);
    const row = await store.db.selectFrom('claims').select(['event_utc', 'countries']).where('id', '=', second.id).executeTakeFirstOrThrow();
    expect(row.event_utc?.toISOString()).toBe('2025-02-28T23:00:00.000Z');
    expect(row.countries).toEqual(['IQ']);
  });

  it('purges a deleted post and the text quoted in its claims, keeping a tombstone', async () => {
    const p = await upsertPost(store.db, post({ externalId: 'd1' }));
    await store.db.transaction().execute((tx) => insertExtractedClaim(tx, { postId: p.id, claim: claim(), extractorVersion: 't/1' }));
    expect(await deletePost(store.db, { platform: 'replay', externalId: 'd1', deletedAt: '2025-03-02T00:00:00Z' })).toBe(1);
    expect(await deletePost(store.db, { platform: 'replay', externalId: 'd1', deletedAt: '2025-03-02T00:00:00Z' })).toBe(0);
    const tomb = await getPost(store.db, p.id);
    expect(tomb).toMatchObject({ text: null, externalId: 'd1' });
    expect(tomb!.deletedAt!.toISOString()).toBe('2025-03-02T00:00:00.000Z');
    const [c] = await claimsOfPost(store.db, p.id);
    expect(c!.data.quantities[0]).toMatchObject({ mention: '', value: 3 });
    expect(c!.data.locations[0]!.mention).toBe('');
    const revs = await store.db.selectFrom('claim_revisions').select('data').where('claim_id', '=', c!.id).execute();
    expect(JSON.stringify(revs)).not.toContain('3 rockets');
  });

  it('records an event once and tracks its dispatch', async () => {
    expect(await recordEvent(store.db, { id: 'claim.created:x1', type: 'claim.created', subject: 'claim:x1', payload: { a: 1 } })).toBe(true);
    expect(await recordEvent(store.db, { id: 'claim.created:x1', type: 'claim.created', subject: 'claim:x1', payload: { a: 2 } })).toBe(false);
    expect((await getEvent(store.db, 'claim.created:x1'))!.payload).toEqual({ a: 1 });
    await markDispatched(store.db, ['claim.created:x1']);
    expect((await getEvent(store.db, 'claim.created:x1'))!.dispatchedAt).toBeInstanceOf(Date);
  });

  it('keeps one delivery per event and subscription', async () => {
    await recordEvent(store.db, { id: 'e-del', type: 'claim.created', subject: 's', payload: {} });
    const sub = await store.db
      .insertInto('subscriptions')
      .values({ owner: 'u', name: 'n', filter: '{}', webhook_url: 'https://example.org/hook', webhook_secret: 'whsec_x', disabled_reason: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await ensureDelivery(store.db, 'e-del', sub.id);
    const b = await ensureDelivery(store.db, 'e-del', sub.id);
    expect(a).toBe(b);
    const row = await store.db.selectFrom('deliveries').select('webhook_id').where('id', '=', a).executeTakeFirstOrThrow();
    expect(row.webhook_id).toBe(webhookIdFor('e-del', sub.id));
  });

  it('saves source cursors', async () => {
    await saveSourceState(store.db, 'src', 'replay', { cursor: { offset: 10, line: 2 }, lastPolledAt: new Date() });
    await saveSourceState(store.db, 'src', 'replay', { lastError: 'boom' });
    const s = await getSourceState(store.db, 'src');
    expect(s.cursor).toEqual({ offset: 10, line: 2 });
    expect(s.lastError).toBe('boom');
  });

  it('finds a principal by API key, and nothing for a wrong, revoked or malformed key', async () => {
    const uid = await createUser(store.db, { name: `mod-${flavour}`, role: 'moderator', password: 'correct horse battery' });
    const { key, prefix } = await issueApiKey(store.db, uid);
    expect(await principalForApiKey(store.db, key)).toMatchObject({ userId: uid, role: 'moderator', apiKeyPrefix: prefix, via: 'api_key' });
    expect(await principalForApiKey(store.db, key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
    expect(await principalForApiKey(store.db, 'nonsense')).toBeUndefined();
    await store.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('prefix', '=', prefix).execute();
    expect(await principalForApiKey(store.db, key)).toBeUndefined();
    const stored = await store.db.selectFrom('api_keys').select('key_hash').where('prefix', '=', prefix).executeTakeFirstOrThrow();
    // The secret is everything after `cw_<8 hex>_` (base64url: it may itself hold or start with "_").
    expect(stored.key_hash).not.toContain(key.slice(prefix.length + 1));
    const user = await findUserByName(store.db, `mod-${flavour}`);
    expect(await verifyPassword('correct horse battery', user!.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', user!.passwordHash)).toBe(false);
  });

  it('bootstraps the first admin from ADMIN_API_KEY once', async () => {
    const { key } = generateApiKey();
    expect(await ensureBootstrapAdmin(store.db, key)).toBe('created');
    expect(await ensureBootstrapAdmin(store.db, key)).toBe('exists');
    expect((await principalForApiKey(store.db, key))!.role).toBe('admin');
    await expect(ensureBootstrapAdmin(store.db, 'too-short')).rejects.toThrow(/ADMIN_API_KEY must look like/);
    expect(await countClaims(store.db)).toBeGreaterThan(0);
  });
});

describe('embedded store lock', () => {
  it('keeps a second process out of a data directory in use, and takes over a stale lock', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const { openStore } = await import('../../src/store/db.ts');
    const { tempDir } = await import('../support/services.ts');
    const dir = tempDir();
    const store = await openStore({ dataDir: dir.path });
    try {
      // Same directory, another process: refused with the pid and the way out.
      const other = (await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', `import('${fileURLToPath(new URL('../../src/store/db.ts', import.meta.url))}').then(m => m.openStore({ dataDir: '${dir.path}' })).catch(e => { console.error(e.message); process.exit(3) })`]).catch((e: unknown) => e)) as { code: number; stderr: string };
      expect(other.code).toBe(3);
      expect(other.stderr).toMatch(new RegExp(`in use by process ${process.pid}; stop it first, or use DATABASE_URL`));
    } finally {
      await store.close();
    }
    // A lock whose process is gone does not keep anyone out.
    writeFileSync(join(dir.path, 'claimwatch.lock'), '999999');
    const again = await openStore({ dataDir: dir.path });
    await again.close();
    dir.remove();
  });
});

describe.each(STORE_FLAVOURS)('claims of edited posts on %s', (flavour) => {
  it('keeps the newest version current whatever order the extractions finish in, also concurrently', async () => {
    const store = await isolatedStore(flavour);
    try {
      const v1 = await upsertPost(store.db, post({ externalId: 'late' }));
      const v2 = await upsertPost(store.db, post({ externalId: 'late', version: 2 }));
      // The newer version is extracted first; the older one's claim must not become current.
      const b = await store.db.transaction().execute((tx) => insertExtractedClaim(tx, { postId: v2.id, claim: claim('v2'), extractorVersion: 't/1' }));
      const a = await store.db.transaction().execute((tx) => insertExtractedClaim(tx, { postId: v1.id, claim: claim('v1'), extractorVersion: 't/1' }));
      expect((await getClaim(store.db, b.id))!.isCurrent).toBe(true);
      expect(await getClaim(store.db, a.id)).toMatchObject({ isCurrent: false, supersededBy: b.id });

      const posts = await Promise.all([1, 2, 3, 4].map((v) => upsertPost(store.db, post({ externalId: 'race', version: v }))));
      const claims = await Promise.all(
        [...posts].reverse().map((p, i) => store.db.transaction().execute((tx) => insertExtractedClaim(tx, { postId: p.id, claim: claim(`r${i}`), extractorVersion: 't/1' }))),
      );
      const current = await store.db
        .selectFrom('claims')
        .select(['id', 'post_id'])
        .where('is_current', '=', true)
        .where('id', 'in', claims.map((c) => c.id))
        .execute();
      expect(current).toEqual([{ id: claims[0]!.id, post_id: posts[3]!.id }]);
    } finally {
      await store.dispose();
    }
  });
});
