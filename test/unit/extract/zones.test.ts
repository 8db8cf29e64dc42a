import { describe, expect, it } from 'vitest';
import {
  formatUtc,
  offsetMinutes,
  wallClockAt,
  zonedToUtcMs,
  zoneForAbbreviation,
  zoneForOffset,
  zoneForPlaceWord,
} from '../../../src/extract/zones.ts';

const at = (iso: string): number => Date.parse(iso);

describe('offsets', () => {
  it('follows DST in New York and Kyiv', () => {
    expect(offsetMinutes('America/New_York', at('2023-03-12T06:59Z'))).toBe(-300);
    expect(offsetMinutes('America/New_York', at('2023-03-12T07:00Z'))).toBe(-240);
    expect(offsetMinutes('Europe/Kyiv', at('2023-10-29T00:59Z'))).toBe(180);
    expect(offsetMinutes('Europe/Kyiv', at('2023-10-29T01:00Z'))).toBe(120);
    expect(offsetMinutes('Asia/Baghdad', at('2023-07-01T00:00Z'))).toBe(180);
    expect(offsetMinutes('Asia/Kabul', at('2023-07-01T00:00Z'))).toBe(270);
  });

  it('returns null for an unknown zone', () => {
    expect(offsetMinutes('Nowhere/Land', at('2023-07-01T00:00Z'))).toBeNull();
    expect(wallClockAt('Nowhere/Land', 0)).toBeNull();
  });
});

describe('wall clock to UTC', () => {
  it('converts across the date line', () => {
    expect(formatUtc(zonedToUtcMs({ y: 2022, m: 5, d: 8, hh: 2, mm: 20 }, 'Asia/Baghdad')!)).toBe('2022-05-07T23:20Z');
    expect(formatUtc(zonedToUtcMs({ y: 2022, m: 1, d: 7, hh: 21, mm: 30 }, 'America/New_York')!)).toBe('2022-01-08T02:30Z');
  });

  it('reads a time skipped by the spring jump with the offset before it', () => {
    // 02:30 does not exist in New York on 2023-03-12.
    expect(formatUtc(zonedToUtcMs({ y: 2023, m: 3, d: 12, hh: 2, mm: 30 }, 'America/New_York')!)).toBe('2023-03-12T07:30Z');
  });

  it('reads a repeated autumn time as its first occurrence', () => {
    expect(formatUtc(zonedToUtcMs({ y: 2023, m: 11, d: 5, hh: 1, mm: 30 }, 'America/New_York')!)).toBe('2023-11-05T05:30Z');
  });
});

describe('zone names', () => {
  it('maps place words and abbreviations', () => {
    expect(zoneForPlaceWord('Sanaa')).toBe('Asia/Aden');
    expect(zoneForPlaceWord('Iraqi')).toBe('Asia/Baghdad');
    expect(zoneForPlaceWord('Atlantis')).toBeNull();
    const ms = at('2023-07-01T12:00Z');
    expect(zoneForAbbreviation('AST', 'Asia/Baghdad', ms)).toBe('Asia/Baghdad');
    expect(zoneForAbbreviation('AST', null, ms)).toBe('Asia/Riyadh');
    expect(zoneForAbbreviation('EDT', 'Asia/Baghdad', ms)).toBe('America/New_York');
    expect(zoneForAbbreviation('GMT', 'Asia/Baghdad', ms)).toBe('UTC');
  });

  it('finds a zone for an offset, or an Etc zone', () => {
    const ms = at('2023-01-07T22:30Z');
    expect(zoneForOffset(-300, ['Asia/Baghdad', 'America/New_York'], ms)).toBe('America/New_York');
    expect(zoneForOffset(180, [null], ms)).toBe('Etc/GMT-3');
    expect(zoneForOffset(270, [null], ms)).toBe('Asia/Kabul');
    expect(zoneForOffset(0, [], ms)).toBe('UTC');
  });
});
