/** Words that name Object.prototype members are ordinary words to the extractor (found by the API's property test). */
import { describe, expect, it } from 'vitest';
import { nameKey } from '../../../src/extract/gazetteer/index.ts';
import { extractClaim } from '../../../src/extract/index.ts';

describe('prototype-named words', () => {
  it('keys "constructor" as itself', () => expect(nameKey('constructor')).toBe('constructor'));

  for (const w of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']) {
    it(`reads "${w}" as a word`, () => {
      expect(typeof nameKey(w)).toBe('string');
      const claim = extractClaim({ text: `2 rockets hit the ${w} depot near Baghdad`, postedAt: '2024-01-01T00:00:00Z' });
      expect(claim.quantities.some((q) => q.what === 'rocket' && q.value === 2)).toBe(true);
    });
  }
});
