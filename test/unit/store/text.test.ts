/** What PostgreSQL would refuse never leaves the store layer; long texts are cut with a record. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limitPostText, MAX_POST_TEXT_CHARS, truncationReason } from '../../../src/domain/postText.ts';
import { cleanText, toJsonb } from '../../../src/store/json.ts';

const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('cleanText', () => {
  it('drops NUL and replaces unpaired surrogates, keeping pairs and everything else', () => {
    expect(cleanText('a\u0000b')).toBe('ab');
    expect(cleanText('x\uD800y')).toBe('x\uFFFDy');
    expect(cleanText('x\uDC00')).toBe('x\uFFFD');
    expect(cleanText('rockets 😀 \uD83D')).toBe('rockets 😀 \uFFFD');
    expect(cleanText('plain ascii')).toBe('plain ascii');
  });

  it('always yields well-formed text without NUL (any string)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const c = cleanText(s);
        return !c.includes('\u0000') && wellFormed(c);
      }),
    );
  });
});

describe('toJsonb', () => {
  it('writes JSON jsonb accepts: no \\u0000 escape, no unpaired surrogate escape, a literal backslash kept', () => {
    const s = toJsonb({ t: 'a\u0000b', lone: 'x\uD800', pair: '😀', literal: 'keep \\u0000 and \\ud800', [`k\u0000`]: 1 });
    expect(s).not.toMatch(/(?<!\\)(\\\\)*\\u(0000|d[89a-f])/i);
    expect(JSON.parse(s)).toEqual({ t: 'ab', lone: 'x\uFFFD', pair: '😀', literal: 'keep \\u0000 and \\ud800', k: 1 });
  });

  it('round-trips any value to the cleaned value (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 5 }), (xs) => {
        expect(JSON.parse(toJsonb(xs))).toEqual(xs.map(cleanText));
      }),
    );
  });
});

describe('limitPostText', () => {
  it('keeps a text up to the limit whole', () => {
    expect(limitPostText('x'.repeat(MAX_POST_TEXT_CHARS))).toEqual({ text: 'x'.repeat(MAX_POST_TEXT_CHARS), truncatedFrom: null });
  });

  it('cuts 1 MB and 10 MB texts to the limit and says from what length', () => {
    for (const n of [1_000_000, 10_000_000]) {
      const r = limitPostText('a'.repeat(n));
      expect(r.text.length).toBe(MAX_POST_TEXT_CHARS);
      expect(r.truncatedFrom).toBe(n);
      expect(truncationReason(n)).toBe(`post text of ${n} characters is longer than the ingestion limit of 100000; stored cut to the first 100000`);
    }
  });

  it('never splits a surrogate pair at the cut', () => {
    const r = limitPostText('a' + '😀'.repeat(10), 4);
    expect(r.text).toBe('a😀');
    expect(wellFormed(r.text)).toBe(true);
  });
});
