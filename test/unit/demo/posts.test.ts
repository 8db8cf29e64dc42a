import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedEvalFile } from '../../support/sharedEval.ts';
import { inputPostSchema } from '../../../src/cli/jsonl.ts';
import { SOURCE_KINDS } from '../../../src/domain/claim.ts';

const root = resolve(import.meta.dirname, '../../..');
const lines = readFileSync(resolve(root, 'config/demo/posts.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
const posts = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const incidentOf = (id: string): string => id.replace(/^demo-/, '').replace(/-\d+$/, '');

describe('config/demo/posts.jsonl', () => {
  it('has 40-60 posts in the extract input shape, with unique ids and UTC times', () => {
    expect(posts.length).toBeGreaterThanOrEqual(40);
    expect(posts.length).toBeLessThanOrEqual(60);
    for (const p of posts) {
      const post = inputPostSchema.parse(p);
      expect(post.id).toMatch(/^demo-[a-z0-9]+-\d{4}-\d+$/);
      expect(post.posted_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Number.isNaN(Date.parse(post.posted_at))).toBe(false);
      expect(SOURCE_KINDS).toContain(post.source?.kind);
      expect(post.source?.name).toMatch(/sample/i);
      expect(post.source?.account).toMatch(/^sample_?/);
    }
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
  });

  it('groups into multi-source incidents (2-6 posts) plus a few singles', () => {
    const sizes = new Map<string, number>();
    for (const p of posts) sizes.set(incidentOf(String(p.id)), (sizes.get(incidentOf(String(p.id))) ?? 0) + 1);
    const counts = [...sizes.values()];
    expect(counts.every((n) => n >= 1 && n <= 6)).toBe(true);
    expect(counts.filter((n) => n >= 2).length).toBeGreaterThanOrEqual(10);
    expect(counts.filter((n) => n === 1).length).toBeGreaterThanOrEqual(2);
  });

  const dev = sharedEvalFile('dev.jsonl');
  it.runIf(existsSync(dev))('shares no 40-character run of text with the dev set', () => {
    const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ');
    const devTexts = readFileSync(dev, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => norm(String((JSON.parse(l) as { text: unknown }).text)));
    for (const p of posts) {
      const t = norm(String(p.text));
      for (let i = 0; i + 40 <= t.length; i += 5) {
        const window = t.slice(i, i + 40);
        expect(devTexts.some((d) => d.includes(window)), `${String(p.id)}: "${window}"`).toBe(false);
      }
    }
  });
});
