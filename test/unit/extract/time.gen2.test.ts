import { describe, expect, it } from 'vitest';
import { core, time } from './time-helpers.ts';

describe('US statements quoted in the text', () => {
  it('reads "last night" in Washington time, the evening before the briefing', () => {
    const t = time(
      '"Last night, a one-way attack drone struck a logistics site near Erbil airport," the Pentagon press secretary told reporters on Wednesday.',
      '2023-10-18',
      'Asia/Baghdad',
    );
    expect(core(t)).toEqual({ local: '2023-10-17', tz: 'America/New_York', utc: null, precision: 'part_of_day' });
  });

  it('keeps "last night" in the local zone when no US institution speaks', () => {
    const t = time('Last night, a one-way attack drone struck a logistics site near Erbil airport, Kurdish officials said.', '2023-10-18', 'Asia/Baghdad');
    expect(core(t)).toEqual({ local: '2023-10-18', tz: 'Asia/Baghdad', utc: null, precision: 'part_of_day' });
  });
});

describe('parts of the day', () => {
  it('reads "since dawn today" as a part of the post day', () => {
    const t = time('Regime warplanes have pounded Maarat al-Numan since dawn today, killing 6 civilians.', '2019-06-02T10:00Z', 'Asia/Damascus');
    expect(core(t)).toEqual({ local: '2019-06-02', tz: 'Asia/Damascus', utc: null, precision: 'part_of_day' });
    expect(t!.mention).toBe('since dawn today');
  });

  it('reads a lone "at night" in a morning post as the night just ended', () => {
    const t = time('The enemy attacked Mykolaiv region with five drones at night. All were shot down.', '2024-05-03T05:30Z', 'Europe/Kyiv');
    expect(core(t)).toEqual({ local: '2024-05-03', tz: 'Europe/Kyiv', utc: null, precision: 'part_of_day' });
  });
});

describe('clock times', () => {
  it('reads "shortly after 6:00 am" with hour precision, "at about 6:05 am" with minutes', () => {
    expect(time('The raids, which began shortly after 5:00 am, killed four people in Ariha.', '2019-07-10', 'Asia/Damascus')?.precision).toBe('hour');
    expect(time('The raids began at about 5:05 am in Ariha.', '2019-07-10', 'Asia/Damascus')?.precision).toBe('minute');
  });

  it('reads an Arabic evening after a clock time as p.m.', () => {
    const t = time('أعلن الجيش اعتراض طائرة مسيرة عند الساعة 9:15 من مساء يوم الجمعة قرب الرمثا', '2024-11-16T10:00Z', 'Asia/Amman');
    expect(core(t)).toEqual({ local: '2024-11-15T21:15', tz: 'Asia/Amman', utc: '2024-11-15T18:15Z', precision: 'minute' });
    const night = time('سقطت قذيفة عند الساعة 2:30 ليلا قرب البلدة', '2024-11-16T10:00Z', 'Asia/Amman');
    expect(night?.local).toBe('2024-11-16T02:30');
  });
});
