import { describe, expect, it } from 'vitest';
import type { EventTime, Location, Quantity } from '../../../src/domain/claim.ts';
import { countRange, countryName, eventDate, geoPrecision, primaryLocation, timePrecision, totalOf } from '../../../src/export/acled.ts';

const time = (over: Partial<EventTime>): EventTime => ({ mention: 'x', local: '2024-03-05T07:20', tz: 'Asia/Baghdad', utc: '2024-03-05T04:20Z', precision: 'minute', approximate: false, ...over });
const q = (what: string, qualifier: Quantity['qualifier'], value: number | null, min: number | null = null, max: number | null = null, group = 'unspecified'): Quantity => ({
  what,
  group,
  qualifier,
  value,
  min,
  max,
  mention: '',
});
const loc = (name: string, kind: Location['kind'], role?: Location['role'], lat: number | null = 33, lon: number | null = 44): Location => ({
  mention: name,
  name,
  country: 'IQ',
  lat,
  lon,
  kind,
  ...(role ? { role } : {}),
});

describe('ACLED coding', () => {
  it('dates the event by its UTC date, its local day or month, else the post', () => {
    const posted = new Date('2024-03-06T01:00:00Z');
    expect(eventDate(time({ local: '2024-03-06T01:30', utc: '2024-03-05T22:30Z' }), posted)).toEqual({ date: '2024-03-05', fromPost: false });
    expect(eventDate(time({ local: '2024-03-04', utc: null, precision: 'day' }), posted)).toEqual({ date: '2024-03-04', fromPost: false });
    expect(eventDate(time({ local: '2024-02', utc: null, precision: 'month' }), posted)).toEqual({ date: '2024-02-01', fromPost: false });
    expect(eventDate(null, posted)).toEqual({ date: '2024-03-06', fromPost: true });
    expect(eventDate(time({ local: null, utc: null, precision: null }), posted).fromPost).toBe(true);
  });

  it('maps our time precision onto ACLED 1/2/3', () => {
    expect(['minute', 'hour', 'part_of_day', 'day'].map((p) => timePrecision(time({ precision: p as EventTime['precision'] })))).toEqual([1, 1, 1, 1]);
    expect(timePrecision(time({ precision: 'minute', approximate: true }))).toBe(1);
    expect(timePrecision(time({ precision: 'day', local: '2024-03-05', approximate: true }))).toBe(2);
    expect(timePrecision(time({ precision: 'day', local: '2024-03-01', local_end: '2024-03-05' }))).toBe(2);
    expect(timePrecision(time({ precision: 'day', local: '2024-03-01', local_end: '2024-03-20' }))).toBe(3);
    expect(timePrecision(time({ precision: 'month', local: '2024-03' }))).toBe(3);
    expect(timePrecision(null)).toBe(2);
  });

  it('maps place kinds onto ACLED geo precision', () => {
    expect((['base', 'site', 'city', 'region', 'province', 'country'] as const).map(geoPrecision)).toEqual([1, 1, 1, 2, 3, 3]);
  });

  it('picks the target over a reference or launch origin, a located place within a rank', () => {
    expect(primaryLocation([loc('Launch', 'city', 'origin'), loc('Base', 'base', 'target')])?.name).toBe('Base');
    expect(primaryLocation([loc('Ref', 'city', 'reference'), loc('Plain', 'city')])?.name).toBe('Plain');
    expect(primaryLocation([loc('West', 'region', 'target', null, null), loc('Base', 'base', 'target')])?.name).toBe('Base');
    expect(primaryLocation([loc('West', 'region', 'target', null, null), loc('Ref', 'city', 'reference')])?.name).toBe('West');
    expect(primaryLocation([])).toBeUndefined();
  });

  it('turns each count into low / best / high', () => {
    expect(countRange(q('killed', 'exact', 3))).toEqual({ low: 3, best: 3, high: 3 });
    expect(countRange(q('killed', 'approximately', 20))).toEqual({ low: 20, best: 20, high: 20 });
    expect(countRange(q('killed', 'at_least', null, 10))).toEqual({ low: 10, best: 10, high: null });
    expect(countRange(q('killed', 'more_than', null, 10))).toEqual({ low: 11, best: 11, high: null });
    expect(countRange(q('killed', 'at_most', null, null, 5))).toEqual({ low: 0, best: 5, high: 5 });
    expect(countRange(q('killed', 'fewer_than', null, null, 5))).toEqual({ low: 0, best: 4, high: 4 });
    expect(countRange(q('killed', 'range', null, 3, 7))).toEqual({ low: 3, best: 3, high: 7 });
    expect(countRange(q('killed', 'vague', null))).toEqual({ low: 1, best: null, high: null });
  });

  it('adds groups up, and does not add a total to its own breakdown', () => {
    expect(totalOf([q('rocket', 'exact', 6)], 'killed')).toBeNull();
    expect(totalOf([q('killed', 'exact', 0)], 'killed')).toEqual({ low: 0, best: 0, high: 0 });
    expect(totalOf([q('killed', 'exact', 3, null, null, 'civilian'), q('killed', 'range', null, 2, 4, 'military')], 'killed')).toEqual({ low: 5, best: 5, high: 7 });
    expect(totalOf([q('killed', 'exact', 5), q('killed', 'exact', 3, null, null, 'civilian')], 'killed')).toEqual({ low: 5, best: 5, high: 5 });
    expect(totalOf([q('killed', 'at_least', null, 2), q('killed', 'exact', 3, null, null, 'civilian')], 'killed')).toEqual({ low: 3, best: 3, high: null });
    expect(totalOf([q('injured', 'exact', 2, null, null, 'civilian'), q('injured', 'vague', null, null, null, 'military')], 'injured')).toEqual({ low: 3, best: null, high: null });
  });

  it('names countries', () => {
    expect(countryName('IQ')).toBe('Iraq');
    expect(countryName('sy')).toBe('Syria');
    expect(countryName('XX')).toBe('XX');
    expect(countryName(null)).toBeNull();
  });
});
