import { describe, expect, it } from 'vitest';
import { claimTimes, timeRelation, timesConsistent } from '../../../src/compare/time.ts';
import { report, time } from './fixtures.ts';

const times = (t: ReturnType<typeof time> | null, postedAt = '2022-06-10T12:00:00Z') => claimTimes(report({ id: 'x', postedAt, time: t }))!;
const iso = (ms: number) => new Date(ms).toISOString();

describe('claim time windows', () => {
  it('converts a local clock time through its zone', () => {
    const t = times(time('2022-06-10T07:45', 'Asia/Baghdad', 'minute'));
    expect(iso((t.strict.start + t.strict.end) / 2)).toBe('2022-06-10T04:45:00.000Z');
  });

  it('widens a clock time without a zone by every possible offset', () => {
    const t = times(time('2022-06-09T17:30', null, 'minute'));
    expect(t.match.start).toBeLessThanOrEqual(Date.parse('2022-06-09T03:30:00Z'));
    expect(t.match.end).toBeGreaterThanOrEqual(Date.parse('2022-06-10T05:30:00Z'));
  });

  it('spans a local day in its zone, including the evening before for a part of day', () => {
    const day = times(time('2022-06-10', 'Asia/Baghdad', 'day'));
    expect(iso(day.strict.start)).toBe('2022-06-09T21:00:00.000Z');
    expect(iso(day.strict.end)).toBe('2022-06-10T21:00:00.000Z');
    const night = times(time('2022-06-10', 'Asia/Baghdad', 'part_of_day'));
    expect(night.strict.start).toBeLessThan(day.strict.start);
  });

  it('falls back to the post time, looking back further for late reports', () => {
    const t = times(null, '2022-06-10');
    expect(t.basis).toBe('posted');
    expect(t.match.end).toBeGreaterThan(Date.parse('2022-06-10T23:00:00Z'));
    expect(t.match.start).toBeLessThan(Date.parse('2022-06-09T00:00:00Z'));
    expect(t.far!.start).toBeLessThan(Date.parse('2022-06-01T00:00:00Z'));
  });

  it('does not trust an event time long after the post', () => {
    expect(times(time('2023-06-10', 'Asia/Baghdad', 'day')).basis).toBe('posted');
  });
});

describe('time relations respect precision', () => {
  const minute = (local: string) => times(time(local, 'Asia/Baghdad', 'minute'));
  it('accepts minute times a few minutes apart and a day that contains them', () => {
    expect(timeRelation(minute('2022-06-10T07:20'), minute('2022-06-10T07:35'))).toBe('precise');
    expect(timeRelation(minute('2022-06-10T07:20'), times(time('2022-06-10', 'Asia/Baghdad', 'day')))).toBe('day');
    expect(timesConsistent(minute('2022-06-10T07:20'), minute('2022-06-10T07:30'))).toBe(true);
  });

  it('separates minute times hours apart on the same day', () => {
    expect(timeRelation(minute('2022-06-10T07:20'), minute('2022-06-10T16:00'))).toBe('conflict');
  });

  it('separates different days, and a day from a time on the next day', () => {
    const d1 = times(time('2022-06-08', 'Asia/Baghdad', 'day'));
    const d2 = times(time('2022-06-10', 'Asia/Baghdad', 'day'));
    expect(timeRelation(d1, d2)).toBe('conflict');
    expect(timeRelation(d1, minute('2022-06-10T07:20'))).toBe('conflict');
  });

  it('matches across the UTC date line: 02:10 in Baghdad is the previous evening in UTC and in New York', () => {
    const baghdad = times(time('2022-06-10T02:10', 'Asia/Baghdad', 'minute', '2022-06-09T23:10Z'));
    const newYork = times(time('2022-06-09', 'America/New_York', 'part_of_day'));
    expect(timeRelation(baghdad, newYork)).toBe('day');
    expect(timeRelation(baghdad, times(time('2022-06-08', 'America/New_York', 'day')))).toBe('conflict');
  });

  it('reads a time without a zone in the other report\'s zone to grade the match, never to rule it out', () => {
    const washington = times(time('2022-06-09T17:30', 'America/New_York', 'minute', '2022-06-09T21:30Z'));
    expect(timeRelation(times(time('2022-06-09T17:30', null, 'minute')), washington)).toBe('precise');
    // Read in Baghdad the zoneless 17:30 is hours off, but some zone fits: weak, not a conflict.
    const baghdad = times(time('2022-06-10T00:30', 'Asia/Baghdad', 'minute', '2022-06-09T21:30Z'));
    expect(timeRelation(times(time('2022-06-09T17:30', null, 'minute')), baghdad)).toBe('loose');
    expect(timeRelation(times(time('2022-06-10', null, 'day')), minute('2022-06-10T07:20'))).toBe('day');
  });

  it('lets a month contain its days', () => {
    const month = times(time('2022-06', 'Asia/Baghdad', 'month'));
    expect(timeRelation(month, minute('2022-06-10T07:20'))).toBe('loose');
    expect(timeRelation(month, times(time('2022-05-10', 'Asia/Baghdad', 'day')))).toBe('conflict');
  });

  it('uses the far look-back only for a report without an event time', () => {
    const late = times(null, '2022-06-18T09:00:00Z');
    expect(timeRelation(late, times(time('2022-06-10', 'Asia/Baghdad', 'day'), '2022-06-18T09:00:00Z'))).toBe('far');
    expect(timeRelation(late, times(time('2022-05-20', 'Asia/Baghdad', 'day'), '2022-06-18T09:00:00Z'))).toBe('conflict');
  });
});
