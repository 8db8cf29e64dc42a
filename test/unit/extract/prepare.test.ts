import fc from 'fast-check';
import { fcRuns } from '../../support/fcRuns.ts';
import { describe, expect, it } from 'vitest';
import { prepareText } from '../../../src/extract/prepare.ts';
import { anyUnit, sentenceWithHostileTokens } from './hostile-helpers.ts';

/** The original text behind text[start, end). */
const source = (raw: string, start: number, end: number): string => {
  const p = prepareText(raw);
  return p.original.slice(p.toOriginal(start), p.toOriginal(end));
};

describe('prepareText', () => {
  it('leaves plain text alone and maps offsets one to one', () => {
    const p = prepareText('10 rockets hit Erbil.');
    expect(p.text).toBe('10 rockets hit Erbil.');
    expect(p.truncated).toBe(false);
    for (let k = 0; k <= p.text.length; k++) expect(p.toOriginal(k)).toBe(k);
  });

  it('drops zero-width and bidi characters, mapping around them', () => {
    const raw = 'three\u200B dro\u200Dnes \u202Bnear\u202C Erbil\u061C';
    const p = prepareText(raw);
    expect(p.text).toBe('three drones near Erbil');
    const k = p.text.indexOf('drones');
    expect(source(raw, k, k + 6)).toBe('dro\u200Dnes');
    // An end offset maps to where the next kept character starts, so dropped characters just after a span come along.
    expect(source(raw, p.text.indexOf('near'), p.text.indexOf('near') + 4)).toBe('near\u202C');
  });

  it('decodes named, decimal and hex entities, a span covering the whole entity', () => {
    const raw = 'Erbil&nbsp;&amp; Duhok &#8212; 5&#x20;drones &lt;b&gt;';
    const p = prepareText(raw);
    expect(p.text).toBe('Erbil & Duhok — 5 drones <b>');
    const amp = p.text.indexOf('&');
    expect(source(raw, amp, amp + 1)).toBe('&amp;');
    expect(source(raw, p.text.indexOf('5'), p.text.indexOf('drones') + 6)).toBe('5&#x20;drones');
  });

  it('keeps offsets right after an entity that decodes to an astral character (two UTF-16 units)', () => {
    const raw = '&#x1F680; 10 rockets';
    const p = prepareText(raw);
    expect(p.text).toBe('🚀 10 rockets');
    const k = p.text.indexOf('10');
    expect(source(raw, k, k + 10)).toBe('10 rockets');
  });

  it('leaves invalid, out-of-range, surrogate and control entities undecoded', () => {
    for (const e of ['&#0;', '&#xD800;', '&#55357;', '&#x110000;', '&#9999999;', '&#x202E;', '&#8203;', '&#7;', '&bogus;', '&amp', '&#x;']) {
      expect(prepareText(`a ${e} b`).text).toBe(`a ${e} b`);
    }
  });

  it('turns Arabic-Indic, Persian and full-width digits into ASCII, same offsets', () => {
    const raw = '٣ صواريخ ۱۲ ４５ ١٫٥ ١٬٠٠٠';
    const p = prepareText(raw);
    expect(p.text).toBe('3 صواريخ 12 45 1.5 1,000');
    expect(p.text.length).toBe(raw.length);
    for (let k = 0; k <= p.text.length; k++) expect(p.toOriginal(k)).toBe(k);
  });

  it('turns NUL, C0/C1 controls and odd spaces into spaces, keeping tab and newline', () => {
    expect(prepareText('10\u0000rockets\u0085hit\u00A0Erbil\u2028\tat\n5').text).toBe('10 rockets hit Erbil \tat\n5');
  });

  it('truncates long text to the window, flags it and never splits a surrogate pair', () => {
    const p = prepareText('abcd😀efgh', 5);
    expect(p.truncated).toBe(true);
    expect(p.text).toBe('abcd');
    expect(p.toOriginal(p.text.length)).toBe(4);
    const q = prepareText('abcdef', 6);
    expect(q.truncated).toBe(false);
    expect(prepareText('ab&amp;cd', 4).text).toBe('ab&a'); // an entity cut by the window stays raw
  });

  it('clamps odd offsets instead of returning undefined', () => {
    const p = prepareText('a\u200Bbc');
    expect(p.toOriginal(-3)).toBe(0);
    expect(p.toOriginal(Number.NaN)).toBe(0);
    expect(p.toOriginal(1.7)).toBe(2);
    expect(p.toOriginal(99)).toBe(4);
    expect(p.toOriginal(Number.POSITIVE_INFINITY)).toBe(4);
  });

  it('accepts non-string input', () => {
    expect(prepareText(undefined as unknown as string).text).toBe('');
    expect(prepareText(12 as unknown as string).text).toBe('12');
  });

  it('parses the compromise document lazily, once', () => {
    const p = prepareText('Two drones were shot down over Erbil.');
    expect(p.doc).toBe(p.doc);
    expect(p.doc.has('#Value')).toBe(true);
  });

  describe('properties', () => {
    const text = fc.oneof(fc.string({ unit: anyUnit, maxLength: 200 }), sentenceWithHostileTokens);

    it('offsets map monotonically into the analysed window', () => {
      fc.assert(
        fc.property(text, fc.integer({ min: 1, max: 400 }), (raw, max) => {
          const p = prepareText(raw, max);
          let last = 0;
          for (let k = 0; k <= p.text.length; k++) {
            const o = p.toOriginal(k);
            expect(o).toBeGreaterThanOrEqual(last);
            expect(o).toBeLessThanOrEqual(Math.min(raw.length, max));
            last = o;
          }
          expect(p.truncated).toBe(raw.length > max);
        }),
        { numRuns: fcRuns(300) },
      );
    });

    it('the original behind any span prepares back to the span', () => {
      fc.assert(
        fc.property(text, fc.nat(), fc.nat(), (raw, a, b) => {
          const p = prepareText(raw);
          // Offsets inside one entity's expansion (an astral character) are not boundaries of the original.
          const bounds = [...Array(p.text.length + 1).keys()].filter((k) => k === 0 || k === p.text.length || p.toOriginal(k) !== p.toOriginal(k - 1));
          const s = bounds[a % bounds.length]!;
          const e = bounds[b % bounds.length]!;
          const [start, end] = s <= e ? [s, e] : [e, s];
          expect(prepareText(p.original.slice(p.toOriginal(start), p.toOriginal(end))).text).toBe(p.text.slice(start, end));
        }),
        { numRuns: fcRuns(400) },
      );
    });

    it('compromise tags hostile text without throwing', () => {
      fc.assert(
        fc.property(text, (raw) => {
          expect(prepareText(raw).doc.json()).toBeInstanceOf(Array);
        }),
        { numRuns: fcRuns(100) },
      );
    });
  });
});
