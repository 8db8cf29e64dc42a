/**
 * Replays a JSONL file of posts ({id, text, posted_at, source?, version?, deleted?}), a batch per fetch.
 * The cursor is a byte offset, so a large file is read from where the last fetch stopped, never whole.
 */
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { SOURCE_KINDS } from '../domain/claim.ts';
import type { IncomingPost, PostDeletion } from '../domain/post.ts';
import { SourcePermanentError, type FetchContext, type FetchResult, type SourceAdapter } from './types.ts';

export const replayLineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string().optional(),
  posted_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date or date-time'),
  source: z
    .object({
      kind: z.enum(SOURCE_KINDS).optional(),
      name: z.string().optional(),
      account: z.string().optional(),
    })
    .optional(),
  url: z.string().optional(),
  /** An edit: version 2, 3, ... of the post with the same id. */
  version: z.number().int().min(1).optional(),
  /** A deletion notice for the post with this id. */
  deleted: z.boolean().optional(),
});

/**
 * A line holds one post; texts past MAX_POST_TEXT_CHARS are cut at ingestion anyway, so a line this long
 * (a 10 MB text with room for JSON escapes) is read, and anything longer is skipped unread.
 */
export const REPLAY_MAX_LINE_BYTES = 32 * 1024 * 1024;

interface ReplayCursor {
  offset: number;
  line: number;
}

function readCursor(c: unknown): ReplayCursor {
  const o = c as Partial<ReplayCursor> | null;
  return { offset: Number.isInteger(o?.offset) ? o!.offset! : 0, line: Number.isInteger(o?.line) ? o!.line! : 0 };
}

export function toIncoming(line: z.infer<typeof replayLineSchema>): IncomingPost {
  const author = line.source?.account ?? line.source?.name ?? 'replay';
  return {
    platform: 'replay',
    externalId: line.id,
    version: line.version ?? 1,
    author,
    sourceKind: line.source?.kind ?? 'social',
    ...(line.source?.name ? { sourceName: line.source.name } : {}),
    text: line.text ?? '',
    postedAt: line.posted_at,
    ...(line.url ? { url: line.url } : {}),
    kind: 'original',
  };
}

export class ReplaySource implements SourceAdapter {
  readonly type = 'replay' as const;

  constructor(
    readonly id: string,
    private readonly file: string,
    private readonly batch: number,
    /** Longest line read; a longer one is skipped with a warning, never buffered whole. */
    private readonly maxLineBytes = REPLAY_MAX_LINE_BYTES,
  ) {}

  async fetch(cursor: unknown, ctx: FetchContext): Promise<FetchResult> {
    const { offset, line: startLine } = readCursor(cursor);
    let fh;
    try {
      fh = await open(this.file, 'r');
    } catch (e) {
      throw new SourcePermanentError(this.id, `replay file ${this.file} cannot be opened (${(e as Error).message}); fix "file" in the sources config`);
    }
    const posts: IncomingPost[] = [];
    const deletions: PostDeletion[] = [];
    const warnings: string[] = [];
    let pos = offset;
    let line = startLine;
    let carry = Buffer.alloc(0);
    let eof = false;
    // Set while the rest of an over-long line is read past (never buffered): how many bytes it had so far.
    let skipping = 0;
    const skipped = (bytes: number) => {
      line++;
      warnings.push(`${this.file}:${line}: line of ${bytes} bytes is longer than ${this.maxLineBytes}; line skipped`);
    };
    try {
      const chunk = Buffer.alloc(64 * 1024);
      while (posts.length + deletions.length < this.batch && !eof) {
        ctx.signal.throwIfAborted();
        const { bytesRead } = await fh.read(chunk, 0, chunk.length, pos + carry.length);
        if (bytesRead === 0) eof = true;
        let buf = Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
        if (skipping) {
          const nl = buf.indexOf(10);
          const upTo = nl >= 0 ? nl + 1 : buf.length;
          pos += upTo;
          skipping += upTo;
          buf = buf.subarray(upTo);
          if (nl >= 0 || eof) {
            skipped(skipping - (nl >= 0 ? 1 : 0));
            skipping = 0;
          }
        }
        let nl: number;
        while (posts.length + deletions.length < this.batch && (nl = buf.indexOf(10)) >= 0) {
          const raw = buf.subarray(0, nl).toString('utf8');
          buf = buf.subarray(nl + 1);
          pos += nl + 1;
          line++;
          if (nl > this.maxLineBytes) warnings.push(`${this.file}:${line}: line of ${nl} bytes is longer than ${this.maxLineBytes}; line skipped`);
          else this.take(raw, line, posts, deletions, warnings);
        }
        // At end of file a last line without a newline still counts.
        if (eof && buf.length && posts.length + deletions.length < this.batch) {
          pos += buf.length;
          line++;
          if (buf.length > this.maxLineBytes) warnings.push(`${this.file}:${line}: line of ${buf.length} bytes is longer than ${this.maxLineBytes}; line skipped`);
          else this.take(buf.toString('utf8'), line, posts, deletions, warnings);
          buf = Buffer.alloc(0);
        }
        // A line still without its newline past the limit is read past instead of held in memory.
        if (buf.length > this.maxLineBytes && buf.indexOf(10) < 0) {
          pos += buf.length;
          skipping = buf.length;
          buf = Buffer.alloc(0);
        }
        carry = buf;
        if (posts.length + deletions.length >= this.batch) break;
      }
      const size = (await fh.stat()).size;
      return { posts, deletions, cursor: { offset: pos, line } satisfies ReplayCursor, more: pos < size, warnings };
    } finally {
      await fh.close();
    }
  }

  private take(raw: string, line: number, posts: IncomingPost[], deletions: PostDeletion[], warnings: string[]): void {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      warnings.push(`${this.file}:${line}: not JSON (${(e as Error).message}); line skipped`);
      return;
    }
    const parsed = replayLineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      warnings.push(`${this.file}:${line}: ${issue?.path.join('.') || 'line'}: ${issue?.message}; line skipped`);
      return;
    }
    if (parsed.data.deleted) deletions.push({ platform: 'replay', externalId: parsed.data.id, deletedAt: parsed.data.posted_at });
    else posts.push(toIncoming(parsed.data));
  }
}
