/**
 * Migration 0006 on both stores: claims written before it get the coordinates of their primary place
 * (first target with coordinates, else first place with coordinates), by the same rule as the writers.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/domain/claim.ts';
import { primaryPlace } from '../../src/store/claims.ts';
import { openStore } from '../../src/store/db.ts';
import { listMigrations, runMigrations } from '../../src/store/migrate.ts';
import { PG_URL, STORE_FLAVOURS, tempDir, uniqueName } from '../support/services.ts';

const MIGRATIONS = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));

const loc = (name: string, lat: number | null, lon: number | null, role?: 'target' | 'origin' | 'reference') => ({ mention: name, name, country: 'IQ', lat, lon, kind: 'city' as const, ...(role ? { role } : {}) });
const claimAt = (locations: Claim['locations']): Claim => ({ event_type: 'other', quantities: [], event_time: null, locations });

const CASES: { claim: Claim; want: { lat: number; lon: number } | null }[] = [
  { claim: claimAt([loc('Baghdad', 33.34, 44.4)]), want: { lat: 33.34, lon: 44.4 } },
  { claim: claimAt([loc('Origin', 15.3, 44.2, 'origin'), loc('Target', 29.5, 34.9, 'target')]), want: { lat: 29.5, lon: 34.9 } },
  { claim: claimAt([loc('Unknown', null, null, 'target'), loc('Known', 36.1, 44.0, 'reference')]), want: { lat: 36.1, lon: 44.0 } },
  { claim: claimAt([loc('Nowhere', null, null)]), want: null },
  { claim: claimAt([]), want: null },
];

describe.each(STORE_FLAVOURS)('migration 0006 (%s)', (flavour) => {
  it('backfills the primary place of existing claims like the writers do', async () => {
    const dir = tempDir();
    const before = join(dir.path, 'migrations');
    mkdirSync(before);
    for (const m of listMigrations(MIGRATIONS).filter((x) => x.name < '0006')) copyFileSync(MIGRATIONS + m.name, join(before, m.name));
    const schema = uniqueName('mig');
    const store = await openStore(flavour === 'postgres' ? { databaseUrl: PG_URL, schema, migrate: false, poolSize: 2 } : { dataDir: join(dir.path, 'pglite'), migrate: false });
    try {
      await runMigrations(store, `${before}/`);
      const post = await sql<{ id: string }>`insert into posts (platform, external_id, author, source_kind, posted_at) values ('replay', 'm1', 'a', 'social', now()) returning id`.execute(store.db);
      const ids: string[] = [];
      for (const [i, c] of CASES.entries()) {
        const r = await sql<{ id: string }>`insert into claims (post_id, extractor_version, data, event_type) values (${post.rows[0]!.id}, ${`v${i}`}, ${JSON.stringify(c.claim)}::jsonb, 'other') returning id`.execute(store.db);
        ids.push(r.rows[0]!.id);
      }
      expect(await runMigrations(store)).toContain('0006_claim_place.sql');
      const rows = await store.db.selectFrom('claims').select(['id', 'place_lat', 'place_lon']).where('id', 'in', ids).orderBy('id').execute();
      for (const [i, c] of CASES.entries()) {
        const got = rows[i]!.place_lat === null ? null : { lat: rows[i]!.place_lat, lon: rows[i]!.place_lon };
        expect(got, JSON.stringify(c.claim.locations)).toEqual(c.want);
        expect(primaryPlace(c.claim)).toEqual(c.want);
      }
    } finally {
      if (flavour === 'postgres') await sql.raw(`drop schema if exists ${schema} cascade`).execute(store.db);
      await store.close();
      dir.remove();
    }
  });
});
