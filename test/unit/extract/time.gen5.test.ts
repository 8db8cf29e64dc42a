import { describe, expect, it } from 'vitest';
import { extractClaim } from '../../../src/extract/index.ts';

function timeOf(text: string, postedAt = '2024-02-03T12:00:00Z') {
  return extractClaim({ text, postedAt, source: { kind: 'news', name: 'wire' } }).event_time;
}

describe('named times before a clock reading (gen5)', () => {
  it('takes the clock reading after "shortly after midnight"', () => {
    expect(timeOf('Shortly after midnight, at 00:30 on Saturday, warplanes attacked several sites near Deir ez-Zor.')).toMatchObject({
      local: '2024-02-03T00:30',
      precision: 'minute',
    });
  });

  it('keeps midnight as the start of a range', () => {
    expect(timeOf('Between midnight and 02:00 on Saturday, drones attacked the base near Deir ez-Zor.')).toMatchObject({ local: '2024-02-03T00:00' });
  });
});
