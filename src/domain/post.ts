/** A post as a source adapter hands it over, before it is stored. */
import { z } from 'zod';
import { SOURCE_KINDS } from './claim.ts';

export const PLATFORMS = ['x', 'rss', 'replay'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const incomingPostSchema = z.object({
  platform: z.enum(PLATFORMS),
  /** Stable id on the platform (tweet id of the first version, feed item guid, replay id). */
  externalId: z.string().min(1).max(200),
  /** 1 for the original; an edit of the same post gets the next version. */
  version: z.number().int().min(1).default(1),
  /** Platform id of this version (X: the edited tweet id), when it differs from externalId. */
  versionExternalId: z.string().max(200).optional(),
  /** Account handle or feed id, e.g. "OIRSpox" or "reuters-world". */
  author: z.string().min(1).max(200),
  sourceKind: z.enum(SOURCE_KINDS),
  sourceName: z.string().max(300).optional(),
  text: z.string(),
  /** ISO 8601. */
  postedAt: z.string().min(4),
  url: z.string().max(2000).optional(),
  lang: z.string().max(16).optional(),
  /** Same-author thread parent, reply or quote target (platform ids). */
  inReplyTo: z.string().max(200).optional(),
  conversationId: z.string().max(200).optional(),
  kind: z.enum(['original', 'retweet', 'quote', 'reply']).default('original'),
  /** Raw platform payload, kept for audit; never spread into logs. */
  raw: z.unknown().optional(),
});
export type IncomingPost = z.infer<typeof incomingPostSchema>;

/** A deletion notice: the post's text and its claims' text are purged, a tombstone stays. */
export interface PostDeletion {
  platform: Platform;
  externalId: string;
  deletedAt: string;
}
