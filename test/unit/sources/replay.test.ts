import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplaySource } from '../../../src/sources/replay.ts';
import { SourcePermanentError, type FetchContext } from '../../../src/sources/types.ts';
import { tempDir } from '../../support/services.ts';

const ctx: FetchContext = { signal: new AbortController().signal, log: pino({ level: 'silent' }), now: () => new Date('2025-01-01T00:00:00Z') };
const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function file(lines: string[], trailingNewline = true): string {
  const d = tempDir();
  dirs.push(d);
  const p = join(d.path, 'r.jsonl');
  writeFileSync(p, lines.join('\n') + (trailingNewline ? '\n' : ''));
  return p;
}

const post = (id: string, extra: object = {}) => JSON.stringify({ id, text: `post ${id} ✓ ünïcode`, posted_at: '2025-01-01T00:00:00Z', source: { kind: 'news', account: 'acc' }, ...extra });

describe('replay source', () => {
  it('hands posts over in batches and continues from its cursor', async () => {
    const src = new ReplaySource('r', file([post('1'), post('2'), post('3')], false), 2);
    const a = await src.fetch(null, ctx);
    expect(a.posts.map((p) => p.externalId)).toEqual(['1', '2']);
    expect(a.more).toBe(true);
    const b = await src.fetch(a.cursor, ctx);
    expect(b.posts.map((p) => p.externalId)).toEqual(['3']);
    expect(b.more).toBe(false);
    const c = await src.fetch(b.cursor, ctx);
    expect(c.posts).toEqual([]);
  });

  it('reports bad lines with their line number and keeps going', async () => {
    const src = new ReplaySource('r', file([post('1'), '{oops', JSON.stringify({ id: 'x', text: 'no date' }), post('4')]), 10);
    const r = await src.fetch(null, ctx);
    expect(r.posts.map((p) => p.externalId)).toEqual(['1', '4']);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings![0]).toMatch(/r\.jsonl:2: not JSON/);
    expect(r.warnings![1]).toMatch(/r\.jsonl:3: posted_at/);
  });

  it('turns edits into versions and deletions into notices', async () => {
    const src = new ReplaySource('r', file([post('1'), post('1', { version: 2 }), JSON.stringify({ id: '1', deleted: true, posted_at: '2025-01-02T00:00:00Z' })]), 10);
    const r = await src.fetch(null, ctx);
    expect(r.posts.map((p) => [p.externalId, p.version, p.author, p.sourceKind])).toEqual([
      ['1', 1, 'acc', 'news'],
      ['1', 2, 'acc', 'news'],
    ]);
    expect(r.deletions).toEqual([{ platform: 'replay', externalId: '1', deletedAt: '2025-01-02T00:00:00Z' }]);
  });

  it('handles a multi-byte character split across read chunks', async () => {
    const long = JSON.stringify({ id: 'big', text: 'é'.repeat(70_000), posted_at: '2025-01-01' });
    const src = new ReplaySource('r', file([long, post('2')]), 10);
    const r = await src.fetch(null, ctx);
    expect(r.posts[0]!.text).toBe('é'.repeat(70_000));
    expect(r.posts[1]!.externalId).toBe('2');
  });

  it('skips a line longer than its limit without holding it, and reads on after it', async () => {
    // 200 kB of text in one line against a 100 kB limit: more than one 64 kB read chunk is read past.
    const huge = JSON.stringify({ id: 'huge', text: 'x'.repeat(200_000), posted_at: '2025-01-01' });
    const src = new ReplaySource('r', file([post('1'), huge, post('3')]), 10, 100_000);
    const r = await src.fetch(null, ctx);
    expect(r.posts.map((p) => p.externalId)).toEqual(['1', '3']);
    expect(r.warnings).toEqual([expect.stringMatching(new RegExp(`r\\.jsonl:2: line of ${huge.length} bytes is longer than 100000; line skipped`))]);
    expect(r.more).toBe(false);
    // The same line as the last one, without a newline.
    const tail = await new ReplaySource('r', file([post('1'), huge], false), 10, 100_000).fetch(null, ctx);
    expect(tail.posts.map((p) => p.externalId)).toEqual(['1']);
    expect(tail.warnings![0]).toMatch(/r\.jsonl:2: line of 200\d+ bytes is longer than 100000/);
  });

  it('reads a line of a 10 MB text whole (the store cuts it, with a record of the cut)', async () => {
    const ten = JSON.stringify({ id: 'ten', text: 'y'.repeat(10 * 1024 * 1024), posted_at: '2025-01-01' });
    const r = await new ReplaySource('r', file([ten, post('2')]), 10).fetch(null, ctx);
    expect(r.posts.map((p) => [p.externalId, p.text.length])).toEqual([
      ['ten', 10 * 1024 * 1024],
      ['2', 'post 2 ✓ ünïcode'.length],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('fails permanently when the file is missing', async () => {
    await expect(new ReplaySource('r', '/nonexistent/file.jsonl', 5).fetch(null, ctx)).rejects.toBeInstanceOf(SourcePermanentError);
  });
});
