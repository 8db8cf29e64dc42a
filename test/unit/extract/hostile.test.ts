/**
 * Hostile input: extraction must never throw, every span must lie inside the original text and match its
 * mention, and the claim must satisfy the claim schema, whatever the text. Run counts are kept modest so
 * the file stays well under 20 s once the real rules (and compromise tagging) are in.
 */
import fc from 'fast-check';
import { fcRuns } from '../../support/fcRuns.ts';
import { describe, expect, it } from 'vitest';
import { extractClaim } from '../../../src/extract/index.ts';
import { MAX_ANALYSED_CHARS } from '../../../src/extract/prepare.ts';
import {
  INVISIBLES,
  SENTENCES,
  anyUnit,
  expectSoundClaim,
  hostileToken,
  offsetFree,
  postedAt,
  sentenceWithHostileTokens,
  source,
  splice,
  toEasternDigits,
} from './hostile-helpers.ts';

function extractSound(text: string, at = '2025-03-05T21:35:00Z', src?: { kind?: string; name?: string; account?: string }): ReturnType<typeof extractClaim> {
  const claim = extractClaim({ text, postedAt: at, source: src });
  expectSoundClaim(text, claim);
  return claim;
}

describe('extractClaim on hostile input', () => {
  it('random UTF-16 (lone surrogates included), any post time and source', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyUnit, maxLength: 300 }), postedAt, source, (text, at, src) => {
        extractSound(text, at, src);
      }),
      { numRuns: fcRuns(150) },
    );
  });

  it('random unicode code points and graphemes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 120 })), (text) => {
        extractSound(text);
      }),
      { numRuns: fcRuns(100) },
    );
  });

  it('realistic sentences with controls, emoji, entities, long numbers and repeats spliced in', () => {
    fc.assert(
      fc.property(sentenceWithHostileTokens, postedAt, (text, at) => {
        extractSound(text, at);
      }),
      { numRuns: fcRuns(200) },
    );
  });

  it('zero-width and bidi characters change offsets only', () => {
    const inserts = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...INVISIBLES)), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.constantFrom(...SENTENCES), inserts, (sentence, ins) => {
        const dirty = splice(sentence, ins);
        expect(offsetFree(extractSound(dirty))).toEqual(offsetFree(extractSound(sentence)));
      }),
      { numRuns: fcRuns(60) },
    );
  });

  it('Arabic-Indic and Persian digits read like ASCII digits', () => {
    for (const sentence of SENTENCES) {
      const plain = offsetFree(extractSound(sentence));
      expect(offsetFree(extractSound(toEasternDigits(sentence, false)))).toEqual(plain);
      expect(offsetFree(extractSound(toEasternDigits(sentence, true)))).toEqual(plain);
    }
  });

  it('numbers too long for a double never become Infinity or NaN', () => {
    for (const n of ['9'.repeat(400), '1' + '0'.repeat(20), '9'.repeat(5000), '1e400', '12,345,678,901,234,567,890,123', '٩'.repeat(500)]) {
      const claim = extractSound(`${n} rockets hit Al Asad Air Base at 5:10 a.m. on June 2; ${n} people were killed.`);
      for (const q of claim.quantities) for (const v of [q.value, q.min, q.max]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('deeply repeated tokens', () => {
    for (const unit of ['rockets ', 'at least ', 'killed and ', '10 ', 'Erbil ', '(', 'more than ', '2025-03-05 ', '&amp;']) {
      extractSound(unit.repeat(Math.ceil(MAX_ANALYSED_CHARS / unit.length)));
    }
  });

  it('1 MB texts are analysed on a window, flagged truncated, with spans inside the text', () => {
    const mb = 1024 * 1024;
    const bodies = [
      SENTENCES.join(' ').repeat(Math.ceil(mb / SENTENCES.join(' ').length)).slice(0, mb),
      '9'.repeat(mb),
      '😀'.repeat(mb / 2),
      'x'.repeat(MAX_ANALYSED_CHARS - 1) + '😀' + ' 5 rockets'.repeat(mb / 10),
      '&amp;'.repeat(mb / 5),
      '\u200B'.repeat(mb - 40) + ' 3 rockets hit Erbil at 10:00.',
    ];
    for (const text of bodies) {
      const started = performance.now();
      const claim = extractSound(text);
      expect(claim.truncated).toBe(true);
      expect(performance.now() - started).toBeLessThan(5000);
    }
  });

  it('non-string and empty text never throws', () => {
    for (const text of [undefined, null, 42, '', ' ', '\u0000'] as unknown as string[]) {
      const claim = extractClaim({ text, postedAt: 'nonsense' });
      expectSoundClaim(typeof text === 'string' ? text : String(text ?? ''), claim);
    }
  });

  it('a hostile token alone', () => {
    fc.assert(fc.property(hostileToken, (t) => void extractSound(t)), { numRuns: fcRuns(100) });
  });
});
