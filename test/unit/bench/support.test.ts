import { describe, expect, it } from 'vitest';
import { percentile } from '../../../bench/pipeline.bench.ts';
import { inventPosts } from '../../../bench/support/posts.ts';
import { shiftClaim, shiftDate } from '../../../bench/support/seed.ts';
import { claimSchema, type Claim } from '../../../src/domain/claim.ts';
import { extractClaim } from '../../../src/extract/index.ts';

describe('bench support', () => {
  it('invents the same posts for the same seed, with distinct ids and valid dates', () => {
    const a = inventPosts(50, { seed: 3, idPrefix: 'x-' });
    const b = inventPosts(50, { seed: 3, idPrefix: 'x-' });
    expect(a).toEqual(b);
    expect(new Set(a.map((p) => p.id)).size).toBe(50);
    expect(a.every((p) => !Number.isNaN(Date.parse(p.postedAt)) && p.text.length > 20)).toBe(true);
    expect(inventPosts(50, { seed: 4 }).map((p) => p.text)).not.toEqual(a.map((p) => p.text));
  });

  it('invented posts extract to claims that pass the claim schema, most with a place and a count', () => {
    const claims = inventPosts(60, { seed: 11 }).map((p) => extractClaim(p));
    for (const c of claims) expect(claimSchema.safeParse(c).success).toBe(true);
    expect(claims.filter((c) => c.locations.some((l) => l.lat !== null)).length).toBeGreaterThan(40);
    expect(claims.filter((c) => c.quantities.length > 0).length).toBeGreaterThan(40);
  });

  it('moves claim dates by whole days in every format the claim uses', () => {
    expect(shiftDate('2024-02-27T21:35Z', 3)).toBe('2024-03-01T21:35Z');
    expect(shiftDate('2024-02-27T21:35', 3)).toBe('2024-03-01T21:35');
    expect(shiftDate('2023-12-31', 1)).toBe('2024-01-01');
    expect(shiftDate('2024-01', 31)).toBe('2024-02');
    expect(shiftDate(null, 5)).toBeNull();
    const claim: Claim = {
      event_type: 'rocket_attack',
      quantities: [],
      locations: [],
      event_time: { mention: 'at 7:20', local: '2024-03-03T07:20', tz: 'Asia/Baghdad', utc: '2024-03-03T04:20Z', precision: 'minute', approximate: false },
    };
    const moved = shiftClaim(claim, 7);
    expect(moved.event_time).toMatchObject({ local: '2024-03-10T07:20', utc: '2024-03-10T04:20Z', mention: 'at 7:20' });
    expect(claimSchema.safeParse(moved).success).toBe(true);
    expect(shiftClaim(claim, 0)).toBe(claim);
  });

  it('nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
