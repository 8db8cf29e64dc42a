/** Posts repository: idempotent on (platform, external id, version); deletions leave a tombstone. */
import type { Kysely } from 'kysely';
import type { IncomingPost, PostDeletion } from '../domain/post.ts';
import type { Database, Db } from './schema.ts';
import { scrubClaimText } from './claims.ts';
import { limitPostText } from '../domain/postText.ts';
import { cleanText, toJsonb } from './json.ts';

export interface StoredPost {
  id: string;
  platform: string;
  externalId: string;
  version: number;
  author: string;
  sourceKind: string;
  sourceName: string | null;
  text: string | null;
  postedAt: Date;
  url: string | null;
  deletedAt: Date | null;
}

/** The text as it is stored: cleaned for PostgreSQL, then cut to the ingestion limit. */
export function storedPostText(text: string): { text: string; truncatedFrom: number | null } {
  return limitPostText(cleanText(text));
}

export interface UpsertedPost {
  id: string;
  inserted: boolean;
  deleted?: boolean;
  /** Set when this call stored a text cut to the ingestion limit: the original length. */
  truncatedFrom?: number;
}

/**
 * Inserts a post version once; a duplicate delivery returns the existing row with inserted=false. A post
 * that was deleted stays deleted: a late delivery of it (or of a new version) returns its tombstone with
 * deleted=true and stores nothing. A text over the ingestion limit is stored cut, its length recorded.
 */
export async function upsertPost(db: Db, post: IncomingPost): Promise<UpsertedPost> {
  const text = storedPostText(post.text);
  const row = {
    platform: post.platform,
    external_id: post.externalId,
    version: post.version,
    version_external_id: post.versionExternalId ?? null,
    author: post.author,
    source_kind: post.sourceKind,
    source_name: post.sourceName ?? null,
    text: text.text,
    text_truncated_from: text.truncatedFrom,
    posted_at: new Date(post.postedAt),
    url: post.url ?? null,
    lang: post.lang ?? null,
    kind: post.kind,
    in_reply_to: post.inReplyTo ?? null,
    conversation_id: post.conversationId ?? null,
    raw: post.raw === undefined ? null : toJsonb(post.raw),
    deleted_at: null,
  };
  if (Number.isNaN(row.posted_at.getTime())) throw new Error(`post ${post.platform}:${post.externalId} has an invalid postedAt "${post.postedAt}"`);
  const tombstone = await db
    .selectFrom('posts')
    .select('id')
    .where('platform', '=', post.platform)
    .where('external_id', '=', post.externalId)
    .where('deleted_at', 'is not', null)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (tombstone) return { id: tombstone.id, inserted: false, deleted: true };
  const inserted = await db
    .insertInto('posts')
    .values(row)
    .onConflict((oc) => oc.columns(['platform', 'external_id', 'version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, inserted: true, ...(text.truncatedFrom !== null ? { truncatedFrom: text.truncatedFrom } : {}) };
  const existing = await db
    .selectFrom('posts')
    .select('id')
    .where('platform', '=', post.platform)
    .where('external_id', '=', post.externalId)
    .where('version', '=', post.version)
    .executeTakeFirstOrThrow();
  return { id: existing.id, inserted: false };
}

export async function getPost(db: Kysely<Database>, id: string): Promise<StoredPost | undefined> {
  const r = await db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    platform: r.platform,
    externalId: r.external_id,
    version: r.version,
    author: r.author,
    sourceKind: r.source_kind,
    sourceName: r.source_name,
    text: r.text,
    postedAt: r.posted_at,
    url: r.url,
    deletedAt: r.deleted_at,
  };
}

/** The newest stored version number of a post, or 0. */
export async function latestVersion(db: Kysely<Database>, platform: string, externalId: string): Promise<number> {
  const r = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('platform', '=', platform)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

/**
 * Compliance deletion: purge the text of every version and of its claims, keep a tombstone row.
 * Idempotent: deleting twice changes nothing.
 */
export async function deletePost(db: Kysely<Database>, d: PostDeletion): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .updateTable('posts')
      .set({ text: null, raw: null, deleted_at: new Date(d.deletedAt) })
      .where('platform', '=', d.platform)
      .where('external_id', '=', d.externalId)
      .where('deleted_at', 'is', null)
      .returning('id')
      .execute();
    for (const { id } of rows) await scrubClaimText(tx, id);
    return rows.length;
  });
}
