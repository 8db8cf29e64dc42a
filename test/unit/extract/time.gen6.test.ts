import { describe, expect, it } from 'vitest';
import { extractClaim } from '../../../src/extract/index.ts';

function timeOf(text: string, postedAt = '2023-11-06T12:00:00Z') {
  return extractClaim({ text, postedAt, source: { kind: 'official_release', name: 'task force' } }).event_time;
}

describe('a year-like military time followed by a date (gen6)', () => {
  it('reads "at approximately 2030 on 4 NOV" as a clock time on that day', () => {
    expect(timeOf('Coalition forces at a base near Deir ez-Zor received IDF at approximately 2030 on 4 NOV. No injuries.')).toMatchObject({
      local: '2023-11-04T20:30',
      precision: 'minute',
      approximate: true,
    });
    expect(timeOf('Coalition forces at a base near Deir ez-Zor received IDF at 2010 on Nov. 4. No injuries.')).toMatchObject({ local: '2023-11-04T20:10' });
  });

  it('does not read "at 2000 on" followed by no date as a clock time', () => {
    expect(timeOf('Coalition forces near Deir ez-Zor were attacked on 4 NOV; the base houses at 2000 on average.')).toMatchObject({ local: '2023-11-04', precision: 'day' });
  });
});

describe('"late on" or "early on" a date (gen6)', () => {
  it('reads the part of that day', () => {
    expect(timeOf('Warplanes struck depots near Deir ez-Zor late on November 4.')).toMatchObject({ mention: 'late on November 4', local: '2023-11-04', precision: 'part_of_day' });
    expect(timeOf('Warplanes struck depots near Deir ez-Zor early on 4 November.')).toMatchObject({ local: '2023-11-04', precision: 'part_of_day' });
  });

  it('keeps a plain date a day', () => {
    expect(timeOf('Warplanes struck depots near Deir ez-Zor on November 4.')).toMatchObject({ local: '2023-11-04', precision: 'day' });
  });
});
