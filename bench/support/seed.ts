/**
 * Bulk seeder for benches: N invented claims with their posts, revision 1 and incidents, written in
 * multi-row batches (a row per claim through the job path would take an hour for 100,000).
 *
 * The rows have the shapes the pipeline writes (workers/extract.ts through insertExtractedClaim, and the
 * match worker through buildIncident/saveIncident): the claims are real extractClaim output over a few
 * hundred invented posts (bench/support/posts.ts), each reused for many posts with its dates moved by
 * whole days, and every claim is checked against the claim schema before it is written.
 *
 * Alone: `npx tsx bench/support/seed.ts --count 100000 --data-dir DIR` (PGlite in DIR/pglite), or with
 * DATABASE_URL set, `--schema NAME` (a fresh PostgreSQL schema).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { buildIncident, type ClaimRecord } from '../../src/compare/index.ts';
import { claimSchema, type Claim } from '../../src/domain/claim.ts';
import { extractClaim, EXTRACTOR_VERSION } from '../../src/extract/index.ts';
import { countriesOf, eventInstant } from '../../src/store/claims.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { toJsonb } from '../../src/store/json.ts';
import type { ClaimStatus } from '../../src/store/schema.ts';
import { inventPosts, random, type BenchPost } from './posts.ts';

export interface SeedOptions {
  count: number;
  /** Distinct texts run through extractClaim; every seeded claim is one of them with moved dates. */
  templates?: number;
  batch?: number;
  /** Claims per incident for the share of claims grouped into incidents. */
  incidentSize?: number;
  progress?: (message: string) => void;
}

export interface SeedResult {
  posts: number;
  claims: number;
  incidents: number;
  seconds: number;
}

const DAY = 86_400_000;

/** Moves a claim's date strings (YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM[Z]) by whole days. */
export function shiftDate(s: string | null | undefined, days: number): string | null {
  if (!s) return s ?? null;
  if (/^\d{4}-\d{2}$/.test(s)) return new Date(Date.parse(`${s}-15T00:00:00Z`) + days * DAY).toISOString().slice(0, 7);
  const m = /^(\d{4}-\d{2}-\d{2})(.*)$/.exec(s);
  if (!m) return s;
  return new Date(Date.parse(`${m[1]}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10) + m[2];
}

export function shiftClaim(claim: Claim, days: number): Claim {
  if (!claim.event_time || days === 0) return claim;
  const t = claim.event_time;
  return {
    ...claim,
    event_time: {
      ...t,
      local: shiftDate(t.local, days),
      utc: shiftDate(t.utc, days),
      ...(t.local_end !== undefined ? { local_end: shiftDate(t.local_end, days) } : {}),
      ...(t.utc_end !== undefined ? { utc_end: shiftDate(t.utc_end, days) } : {}),
    },
  };
}

interface Template {
  post: BenchPost;
  claim: Claim;
}

function buildTemplates(n: number): Template[] {
  return inventPosts(n, { seed: 20240611, idPrefix: 'tpl-' }).map((post) => {
    const claim = claimSchema.parse(extractClaim(post));
    return { post, claim };
  });
}

/** Review states in rough proportion to a working store: most pending, some approved, a few rejected. */
function statusOf(r: number): ClaimStatus {
  return r < 0.7 ? 'pending' : r < 0.95 ? 'approved' : 'rejected';
}

export async function seedClaims(store: Store, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const db = store.db;
  const batch = opts.batch ?? 1_000;
  const incidentSize = opts.incidentSize ?? 4;
  const say = opts.progress ?? (() => {});
  const templates = buildTemplates(opts.templates ?? 400);
  say(`seed: ${templates.length} template claims extracted; writing ${opts.count} claims in batches of ${batch}`);
  const rand = random(99);
  const runTag = Date.now().toString(36);
  let incidents = 0;
  let lastReport = 0;
  for (let done = 0; done < opts.count; ) {
    const n = Math.min(batch, opts.count - done);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = done + k;
      const t = templates[i % templates.length]!;
      // Each pass over the templates moves dates a week on, so events spread over years.
      const days = Math.floor(i / templates.length) * 7;
      return { i, t, days, claim: shiftClaim(t.claim, days), postedAt: new Date(Date.parse(t.post.postedAt) + days * DAY), status: statusOf(rand()) };
    });
    await db.transaction().execute(async (tx) => {
      const posts = await tx
        .insertInto('posts')
        .values(
          rows.map((r) => ({
            platform: 'replay',
            external_id: `seed-${runTag}-${r.i}`,
            version: 1,
            version_external_id: null,
            author: r.t.post.author,
            source_kind: r.t.post.sourceKind,
            source_name: r.t.post.sourceName,
            text: r.t.post.text,
            posted_at: r.postedAt,
            url: `https://example.org/${r.t.post.author}/status/${runTag}${r.i}`,
            lang: 'en',
            kind: 'original',
            in_reply_to: null,
            conversation_id: null,
            raw: null,
            deleted_at: null,
          })),
        )
        .returning(['id'])
        .execute();
      const reviewedAt = new Date();
      const claims = await tx
        .insertInto('claims')
        .values(
          rows.map((r, k) => ({
            post_id: posts[k]!.id,
            extractor_version: EXTRACTOR_VERSION,
            status: r.status,
            data: toJsonb(r.claim),
            event_type: r.claim.event_type,
            event_utc: eventInstant(r.claim),
            countries: countriesOf(r.claim),
            confidence: r.claim.event_type_confidence ?? null,
            superseded_by: null,
            incident_id: null,
            review_reason: r.status === 'rejected' ? 'not an incident report' : null,
            reviewed_by: r.status === 'pending' ? null : 'seed-moderator',
            reviewed_at: r.status === 'pending' ? null : reviewedAt,
          })),
        )
        .returning(['id'])
        .execute();
      await tx
        .insertInto('claim_revisions')
        .values(rows.map((r, k) => ({ claim_id: claims[k]!.id, revision: 1, data: toJsonb(r.claim), author: 'extractor', reason: 'extracted' })))
        .execute();

      // Incidents: runs of `incidentSize` consecutive non-rejected claims, built by the real incident engine.
      const records: ClaimRecord[] = rows.map((r, k) => ({
        id: claims[k]!.id,
        postId: posts[k]!.id,
        author: r.t.post.author,
        source: { kind: r.t.post.sourceKind, name: r.t.post.sourceName },
        postedAt: r.postedAt.toISOString(),
        platform: 'replay',
        externalId: `seed-${runTag}-${r.i}`,
        version: 1,
        seq: Number(claims[k]!.id),
        claim: r.claim,
      }));
      const groups: ClaimRecord[][] = [];
      for (let k = 0; k < records.length; k += incidentSize) {
        const g = records.slice(k, k + incidentSize).filter((_, j) => rows[k + j]!.status !== 'rejected');
        if (g.length) groups.push(g);
      }
      const ids = await sql<{ id: string }>`select nextval(pg_get_serial_sequence('incidents', 'id'))::text as id from generate_series(1, ${groups.length})`.execute(tx);
      const states = groups.map((g, k) => buildIncident(ids.rows[k]!.id, 1, g));
      await tx
        .insertInto('incidents')
        .values(
          states.map((s) => ({
            id: s.id,
            status: s.summary.status,
            event_type: s.summary.event_type,
            window_start: s.summary.window ? new Date(s.summary.window.start) : null,
            window_end: s.summary.window ? new Date(s.summary.window.end) : null,
            summary: toJsonb(s.summary),
            members: toJsonb(s.members),
            event_countries: s.summary.eventCountries,
            revision: s.revision,
            merged_into: null,
          })),
        )
        .execute();
      const pairs = states.flatMap((s) => s.members.map((m) => sql`(${m.id}::bigint, ${s.id}::bigint)`));
      await sql`update claims c set incident_id = v.incident from (values ${sql.join(pairs)}) as v(claim, incident) where c.id = v.claim`.execute(tx);
      incidents += states.length;
    });
    done += n;
    if (done - lastReport >= 10_000 || done === opts.count) {
      lastReport = done;
      const s = (performance.now() - started) / 1000;
      say(`seed: ${done}/${opts.count} claims, ${incidents} incidents, ${s.toFixed(1)} s (${Math.round(done / s)} claims/s)`);
    }
  }
  return { posts: opts.count, claims: opts.count, incidents, seconds: (performance.now() - started) / 1000 };
}

/**
 * A PGlite store under `dir` holding `count` seeded claims, seeded once and reused while the marker file
 * says it is complete (a half-written seed is started over). Returns the DATA_DIR to give a child process.
 */
export async function seededDataDir(dir: string, count: number, progress: (m: string) => void): Promise<{ dataDir: string; reused: boolean; result?: SeedResult }> {
  const marker = join(dir, `seeded-${count}.json`);
  if (existsSync(marker)) {
    progress(`seed: reusing ${dir} (${count} claims)`);
    return { dataDir: dir, reused: true };
  }
  mkdirSync(dir, { recursive: true });
  const store = await openStore({ dataDir: join(dir, 'pglite'), fresh: true });
  try {
    const result = await seedClaims(store, { count, progress });
    // A checkpoint now, so the child processes do not pay for it while being measured.
    await sql`checkpoint`.execute(store.db);
    writeFileSync(marker, JSON.stringify(result));
    return { dataDir: dir, reused: false, result };
  } finally {
    await store.close();
  }
}

// Alone: `npx tsx bench/support/seed.ts --count N (--data-dir DIR | --schema NAME with DATABASE_URL)`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const count = Number(arg('count') ?? 100_000);
  if (!Number.isInteger(count) || count < 1) throw new Error('--count takes a whole number of claims');
  const url = process.env.DATABASE_URL;
  const schema = arg('schema');
  const dataDir = arg('data-dir');
  if (url && !schema) throw new Error('with DATABASE_URL, give --schema NAME (a fresh schema the seed owns; it is emptied first)');
  if (!url && !dataDir) throw new Error('give --data-dir DIR (PGlite in DIR/pglite, emptied first) or set DATABASE_URL and --schema');
  const store = url ? await openStore({ databaseUrl: url, schema: schema!, fresh: true }) : await openStore({ dataDir: join(dataDir!, 'pglite'), fresh: true });
  try {
    const r = await seedClaims(store, { count, progress: (m) => console.error(m) });
    console.log(JSON.stringify(r));
  } finally {
    await store.close();
  }
}
