import { describe, expect, it } from 'vitest';
import { core, time } from './time-helpers.ts';

describe('statement verbs beyond "said"', () => {
  it.each([
    ['acknowledged on Tuesday', 'The Army acknowledged on Tuesday that a drone hit a supply depot in eastern Syria on Oct. 18, wounding two soldiers.', '2024-10-22T15:00Z', '2024-10-18'],
    ['admitted Thursday', 'The ministry admitted Thursday that two rockets struck the Ain al-Asad base on Jan. 16.', '2024-01-20T12:00Z', '2024-01-16'],
    ['disclosed on Friday', 'Officials disclosed on Friday that a missile fell near Kirkuk on March 3.', '2024-03-08T12:00Z', '2024-03-03'],
  ])('dates the event, not the statement (%s)', (_label, text, postedAt, local) => {
    expect(time(text, postedAt, 'Asia/Baghdad')?.local).toBe(local);
  });

  it('gives no event time when the only date is an admission\'s', () => {
    expect(time('The command admitted on Monday that a drone had struck the base.', '2024-02-05T12:00Z', 'Asia/Baghdad')).toBeNull();
  });
});

describe('when a war began is background', () => {
  it('skips "since the war began in February 2022" for the night of the attack', () => {
    const t = time('Since the war began in February 2022, thousands of drones were launched. On Saturday night, 30 drones attacked Odesa.', '2024-03-10T09:00Z', 'Europe/Kyiv');
    expect(core(t)).toEqual({ local: '2024-03-09', tz: 'Europe/Kyiv', utc: null, precision: 'part_of_day' });
  });

  it('skips the date of a full-scale invasion', () => {
    expect(time('It was the largest attack since the full-scale invasion in February 2022.', '2024-03-10T09:00Z', 'Europe/Kyiv')).toBeNull();
  });

  it('still dates an attack that "began at" a clock time', () => {
    expect(core(time('The attack began at 02:15 local time.', '2024-03-10T09:00Z', 'Europe/Kyiv'))?.local).toBe('2024-03-10T02:15');
  });
});

describe('Arabic clock readings', () => {
  it('reads an ordinal hour with the afternoon ("the fourth hour of the afternoon")', () => {
    const t = time('سقوط صاروخين على قاعدة الساعة الرابعة من عصر اليوم الأحد', '2024-01-21T18:00Z', 'Asia/Baghdad');
    expect(core(t)).toEqual({ local: '2024-01-21T16:00', tz: 'Asia/Baghdad', utc: '2024-01-21T13:00Z', precision: 'hour' });
  });

  it('reads a half hour at night, and a numeral hour in the evening of yesterday', () => {
    expect(core(time('استهداف القاعدة الساعة العاشرة والنصف ليلاً أمس', '2024-01-21T18:00Z', 'Asia/Baghdad'))?.local).toBe('2024-01-20T22:30');
    expect(core(time('سقوط ثلاثة صواريخ الساعة 9 مساء أمس', '2024-01-21T18:00Z', 'Asia/Baghdad'))?.local).toBe('2024-01-20T21:00');
  });

  it('reads "quarter to" as the hour before', () => {
    expect(core(time('انفجار الساعة الثالثة إلا ربع فجر اليوم', '2024-01-21T18:00Z', 'Asia/Baghdad'))?.local).toBe('2024-01-21T02:45');
  });
});
