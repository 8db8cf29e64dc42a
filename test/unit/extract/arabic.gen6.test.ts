import { describe, expect, it } from 'vitest';
import { extractQuantities } from '../../../src/extract/quantities.ts';
import { prepareText } from '../../../src/extract/prepare.ts';

const ctx = { postedAt: '2024-03-10T08:00:00Z', zoneHint: null };

function keys(text: string): string[] {
  return extractQuantities(prepareText(text), ctx).map((q) => [q.what, q.group, q.qualifier, q.value, q.min, q.max].join('|'));
}

describe('Arabic "did not result in any injuries" (gen6)', () => {
  it('reads "ولم يسفر القصف عن أي إصابات" as zero injured', () => {
    expect(keys('سقطت قذيفة قرب القاعدة، ولم يسفر القصف عن أي إصابات.')).toContain('injured|unspecified|exact|0||');
  });

  it('does not read "أسفر القصف عن إصابات" (it did result in injuries) as zero', () => {
    expect(keys('سقطت قذيفة قرب القاعدة، وأسفر القصف عن إصابات.').some((k) => k.endsWith('|exact|0||'))).toBe(false);
  });
});
