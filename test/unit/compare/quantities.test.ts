import { describe, expect, it } from 'vitest';
import { claimFigures, compareFigures, quantityInterval } from '../../../src/compare/quantities.ts';
import type { Claim, Quantity } from '../../../src/domain/claim.ts';
import { count } from './fixtures.ts';

const claim = (...quantities: Quantity[]): Claim => ({ event_type: 'rocket_attack', quantities, event_time: null, locations: [] });
const compare = (a: Quantity[], b: Quantity[]) => compareFigures(claimFigures(claim(...a)), claimFigures(claim(...b)));

describe('quantity intervals', () => {
  it('encodes each qualifier', () => {
    expect(quantityInterval(count('rocket', 10))).toEqual({ lo: 10, hi: 10 });
    expect(quantityInterval(count('rocket', 10, 'at_least'))).toEqual({ lo: 10, hi: Infinity });
    expect(quantityInterval(count('rocket', 12, 'more_than'))).toEqual({ lo: 13, hi: Infinity });
    expect(quantityInterval(count('drone', 5, 'at_most'))).toEqual({ lo: 0, hi: 5 });
    expect(quantityInterval(count('drone', 5, 'fewer_than'))).toEqual({ lo: 0, hi: 4 });
    expect(quantityInterval({ ...count('drone', null, 'range'), min: 3, max: 4 })).toEqual({ lo: 3, hi: 4 });
    const about = quantityInterval(count('rocket', 20, 'approximately'))!;
    expect(about.lo).toBeLessThanOrEqual(17);
    expect(about.hi).toBeGreaterThanOrEqual(23);
  });
});

describe('comparing counts across reports', () => {
  it('finds exact 10 consistent with at least 10', () => {
    const r = compare([count('rocket', 10)], [count('rocket', 10, 'at_least')]);
    expect(r.conflicts).toEqual([]);
    expect(r.agree).toEqual(['rocket/unspecified']);
  });

  it('flags 10 against 14', () => {
    const r = compare([count('rocket', 10)], [count('rocket', 14)]);
    expect(r.conflicts.map((c) => c.key)).toEqual(['rocket/unspecified']);
  });

  it('gives "about" a tolerance but not an unlimited one', () => {
    expect(compare([count('rocket', 20, 'approximately')], [count('rocket', 18)]).conflicts).toEqual([]);
    expect(compare([count('rocket', 20, 'approximately')], [count('rocket', 30)]).conflicts).toHaveLength(1);
  });

  it('lets a vague count agree with any number, without counting as corroboration', () => {
    const r = compare([count('drone', null, 'vague')], [count('drone', 7)]);
    expect(r.conflicts).toEqual([]);
    expect(r.agree).toEqual([]);
  });

  it('treats "no casualties" and "one contractor killed" as a conflict through the subset relation', () => {
    const r = compare([count('casualties', 0)], [count('killed', 1, 'exact', 'contractor', 'one contractor was killed')]);
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]!.key).toBe('casualties/unspecified');
    expect(r.conflicts[0]!.b.figures[0]!.mention).toBe('one contractor was killed');
  });

  it('sums group counts into the total they imply', () => {
    const r = compare([count('injured', 3)], [count('injured', 2, 'exact', 'military'), count('injured', 4, 'exact', 'civilian')]);
    expect(r.conflicts.map((c) => c.key)).toEqual(['injured/unspecified']);
  });

  it('does not compare a subtotal and a total stated in one report as if they conflicted', () => {
    const one = [count('killed', 5, 'exact', 'unspecified', '5 in the camp'), count('killed', 1, 'exact', 'unspecified', '1 in the town'), count('killed', 6, 'exact', 'unspecified', '6 in total')];
    expect(claimFigures(claim(...one)).get('killed/unspecified')!.lo).toBe(6);
    expect(compare(one, [count('killed', 6)]).conflicts).toEqual([]);
  });

  it('keeps intercepted counts within the number launched', () => {
    const r = compare([count('drone', 20)], [count('intercepted', 24, 'exact', 'drone')]);
    expect(r.conflicts).toHaveLength(1);
  });
});

describe('count taxonomy', () => {
  it('adds missile kinds into missiles and their interceptions into a mixed tally', () => {
    expect(compare([count('missile', 2)], [count('ballistic_missile', 2), count('cruise_missile', 1)]).conflicts).toHaveLength(1);
    expect(compare([count('intercepted', 3, 'exact', 'missile')], [count('intercepted', 2, 'exact', 'cruise_missile'), count('intercepted', 1, 'exact', 'ballistic_missile')]).conflicts).toEqual([]);
    expect(compare([count('intercepted', 4, 'exact', 'mixed')], [count('intercepted', 4, 'exact', 'drone'), count('intercepted', 1, 'exact', 'missile')]).conflicts).toHaveLength(1);
  });

  it('leaves animals and attackers out of a toll', () => {
    expect(compare([count('casualties', 0)], [count('injured', 1, 'exact', 'animal')]).conflicts).toEqual([]);
    expect(compare([count('killed', 2)], [count('killed', 2, 'exact', 'civilian'), count('killed', 1, 'exact', 'perpetrator')]).conflicts).toEqual([]);
    expect(compare([count('killed', 2)], [count('killed', 2, 'exact', 'civilian'), count('killed', 1, 'exact', 'military')]).conflicts).toHaveLength(1);
  });
});
