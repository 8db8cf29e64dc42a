/**
 * Seeds for review tests, written through the real repositories: users of each role (password + API key),
 * posts with hand-made claims whose spans point into the post text, and an incident grouping two claims.
 * The posts are invented incidents at real places, in our own words.
 */
import type { Claim } from '../../../src/domain/claim.ts';
import { insertExtractedClaim, setClaimIncident } from '../../../src/store/claims.ts';
import { toJsonb } from '../../../src/store/json.ts';
import { upsertPost } from '../../../src/store/posts.ts';
import type { Db, UserRole } from '../../../src/store/schema.ts';
import { createUser, issueApiKey } from '../../../src/store/users.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/store/schema.ts';

export const PASSWORD = 'correct horse battery';

export interface SeededUser {
  id: string;
  name: string;
  role: UserRole;
  key: string;
  password: string;
}

export async function seedUsers(db: Db, suffix = ''): Promise<Record<UserRole, SeededUser>> {
  const out = {} as Record<UserRole, SeededUser>;
  for (const role of ['researcher', 'moderator', 'admin'] as const) {
    const name = `${role}${suffix}`;
    const id = await createUser(db, { name, role, password: PASSWORD });
    const { key } = await issueApiKey(db, id, 'test');
    out[role] = { id, name, role, key, password: PASSWORD };
  }
  return out;
}

function span(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`fixture: "${needle}" not in "${text}"`);
  return { start, end: start + needle.length };
}

export const TAJI_TEXT =
  'Update: 4 rockets struck near Camp Taji north of Baghdad at about 9:10 p.m. local time on June 12, 2025. Two contractors were lightly injured.';

/** The extractor's (deliberately imperfect) reading of TAJI_TEXT: the place is read as Baghdad. */
export function tajiClaim(): Claim {
  const t = TAJI_TEXT;
  return {
    event_type: 'rocket_attack',
    quantities: [
      { what: 'rocket', group: 'unspecified', value: 4, min: null, max: null, qualifier: 'exact', mention: '4 rockets', span: span(t, '4 rockets'), confidence: 0.9 },
      { what: 'injured', group: 'contractor', value: 2, min: null, max: null, qualifier: 'exact', mention: 'Two contractors were lightly injured', span: span(t, 'Two contractors were lightly injured'), confidence: 0.8 },
    ],
    event_time: {
      mention: 'at about 9:10 p.m. local time on June 12, 2025',
      local: '2025-06-12T21:10',
      tz: 'Asia/Baghdad',
      utc: '2025-06-12T18:10Z',
      precision: 'minute',
      approximate: true,
      span: span(t, 'at about 9:10 p.m. local time on June 12, 2025'),
      confidence: 0.85,
    },
    locations: [
      { mention: 'Baghdad', name: 'Baghdad', country: 'IQ', lat: 33.3406, lon: 44.4009, kind: 'city', role: 'reference', span: span(t, 'Baghdad'), confidence: 0.6 },
    ],
    hedges: ['Update'],
    event_type_confidence: 0.7,
    event_type_span: span(t, 'rockets'),
  };
}

export const TAJI_NEWS_TEXT = 'Six rockets hit Taji base late on Thursday, a security source said; no casualties were reported.';

export function tajiNewsClaim(): Claim {
  const t = TAJI_NEWS_TEXT;
  return {
    event_type: 'rocket_attack',
    quantities: [{ what: 'rocket', group: 'unspecified', value: 6, min: null, max: null, qualifier: 'exact', mention: 'Six rockets', span: span(t, 'Six rockets'), confidence: 0.9 }],
    event_time: { mention: 'late on Thursday', local: '2025-06-12', tz: 'Asia/Baghdad', utc: null, precision: 'day', approximate: false, span: span(t, 'late on Thursday') },
    locations: [{ mention: 'Taji base', name: 'Camp Taji', country: 'IQ', lat: 33.5222, lon: 44.2564, kind: 'base', role: 'target', place_id: 'iq-camp-taji', span: span(t, 'Taji base') }],
    event_type_confidence: 0.9,
    event_type_span: span(t, 'rockets'),
  };
}

let seq = 0;

export async function seedPostWithClaim(
  db: Kysely<Database>,
  p: { text: string; claim: Claim; author?: string; sourceKind?: 'social' | 'news'; sourceName?: string; postedAt?: string; url?: string },
): Promise<{ postId: string; claimId: string }> {
  seq += 1;
  const post = await upsertPost(db, {
    platform: 'replay',
    externalId: `review-${Date.now().toString(36)}-${seq}`,
    version: 1,
    author: p.author ?? 'TestSpox',
    sourceKind: p.sourceKind ?? 'social',
    sourceName: p.sourceName ?? 'Test Coalition Spokesperson',
    text: p.text,
    postedAt: p.postedAt ?? '2025-06-12T19:00:00Z',
    kind: 'original',
    ...(p.url ? { url: p.url } : {}),
  });
  const claim = await db.transaction().execute((tx) => insertExtractedClaim(tx, { postId: post.id, claim: p.claim, extractorVersion: 'test/1' }));
  return { postId: post.id, claimId: claim.id };
}

/** An incident of the given claims, with a summary of some shape (the incident engine defines the real one). */
export async function seedIncident(db: Kysely<Database>, claimIds: string[], summary: Record<string, unknown> = {}): Promise<string> {
  const row = await db
    .insertInto('incidents')
    .values({ status: 'disputed', event_type: 'rocket_attack', window_start: new Date('2025-06-12T17:00:00Z'), window_end: new Date('2025-06-12T20:00:00Z'), summary: toJsonb(summary) })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const c of claimIds) await setClaimIncident(db, c, row.id);
  return row.id;
}
