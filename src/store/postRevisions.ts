/**
 * Posts whose platform rewrites them in place (feed items): the store decides the version. An item whose
 * text differs from the newest stored version becomes the next version (and is extracted again, its older
 * claims superseded); the same text changes nothing; a deleted post is never brought back.
 */
import type { IncomingPost } from '../domain/post.ts';
import { storedPostText, upsertPost } from './posts.ts';
import type { Db } from './schema.ts';

export interface RevisionOutcome {
  id: string;
  version: number;
  inserted: boolean;
  deleted: boolean;
  truncatedFrom?: number;
}

export async function upsertRevision(db: Db, post: IncomingPost): Promise<RevisionOutcome> {
  // Compared as it would be stored (cleaned, cut), or a long item would become a new version every poll.
  const text = storedPostText(post.text).text;
  // Two pollers racing on the same item both read version n and try n+1; the loser reads again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const latest = await db
      .selectFrom('posts')
      .select(['id', 'version', 'text', 'deleted_at'])
      .where('platform', '=', post.platform)
      .where('external_id', '=', post.externalId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest?.deleted_at) return { id: latest.id, version: latest.version, inserted: false, deleted: true };
    if (latest && latest.text === text) return { id: latest.id, version: latest.version, inserted: false, deleted: false };
    const version = (latest?.version ?? 0) + 1;
    const r = await upsertPost(db, { ...post, version });
    if (r.inserted) return { id: r.id, version, inserted: true, deleted: false, ...(r.truncatedFrom !== undefined ? { truncatedFrom: r.truncatedFrom } : {}) };
  }
  throw new Error(`post ${post.platform}:${post.externalId} kept changing while its next version was being stored; retry`);
}
