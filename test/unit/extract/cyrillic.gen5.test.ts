import { describe, expect, it } from 'vitest';
import { extractClaim } from '../../../src/extract/index.ts';
import { extractQuantities } from '../../../src/extract/quantities.ts';
import { prepareText } from '../../../src/extract/prepare.ts';

const ctx = { postedAt: '2024-03-10T08:00:00Z', zoneHint: null };

/** what|group|qualifier|value|min|max, in text order. */
function keys(text: string): string[] {
  return extractQuantities(prepareText(text), ctx).map((q) => [q.what, q.group, q.qualifier, q.value, q.min, q.max].join('|'));
}

function claim(text: string, postedAt = '2024-03-10') {
  return extractClaim({ text, postedAt, source: { kind: 'social', name: 'regional administration' } });
}

describe('Ukrainian and Russian air-defence tallies', () => {
  it('counts launched munitions by their adjectives, and the intercepted parts after a colon', () => {
    const text =
      'Вночі 10 березня 2024 року ворог застосував 25 засобів повітряного нападу: 17 ударних БпЛА типу Shahed-136/131, 4 крилаті ракети Х-101, 2 протикорабельні ракети Х-22 та 2 аеробалістичні ракети Х-47М2. Силами ППО знищено 19 повітряних цілей: 3 крилаті ракети і 16 ударних БпЛА.';
    expect(keys(text)).toEqual([
      'projectile|unspecified|exact|25||',
      'drone|unspecified|exact|17||',
      'cruise_missile|unspecified|exact|4||',
      'cruise_missile|unspecified|exact|2||',
      'ballistic_missile|unspecified|exact|2||',
      'intercepted|mixed|exact|19||',
      'intercepted|cruise_missile|exact|3||',
      'intercepted|drone|exact|16||',
    ]);
  });

  it('reads Russian intercepted drones and the per-region parts after dashes', () => {
    const text =
      'За прошедшую ночь средствами ПВО перехвачены и уничтожены 9 беспилотных летательных аппаратов: 5 – над территорией Ростовской области и 4 – над акваторией Азовского моря.';
    expect(keys(text)).toEqual(['intercepted|drone|exact|9||', 'intercepted|drone|exact|5||', 'intercepted|drone|exact|4||']);
  });

  it('counts people with number words, qualifiers and a child among them', () => {
    expect(keys('Внаслідок атаки загинули четверо людей, щонайменше 11 поранено, серед них дитина.')).toEqual([
      'killed|unspecified|exact|4||',
      'injured|unspecified|at_least||11|',
      'injured|civilian|exact|1||',
    ]);
    expect(keys('Ранены не менее 6 человек.')).toEqual(['injured|unspecified|at_least||6|']);
  });

  it('shoots down drones named by a plural in guillemets', () => {
    expect(keys('Над Миколаївщиною сили ППО збили 7 «шахедів».')).toEqual(['intercepted|drone|exact|7||']);
  });

  it('does not count model names, years or dates', () => {
    expect(keys('Росія вперше застосувала ракети Х-69 та С-400 у 2024 році, 5 травня.')).toEqual([]);
    expect(keys('Ракета «Іскандер-М» впала на околиці 12 квітня 2023 року.')).toEqual([]);
  });
});

describe('Cyrillic event time and type', () => {
  it('dates "the night into D" by its morning, with part-of-day precision', () => {
    const c = claim('У ніч на 8 березня противник атакував Київ ударними дронами. Над Київщиною збито 14 «шахедів».', '2024-03-08');
    expect(c.event_time).toMatchObject({ local: '2024-03-08', precision: 'part_of_day' });
  });

  it('reads "tonight" said the next morning and "during the past night" as the post date', () => {
    expect(claim('Сьогодні вночі ворог атакував Харків дронами.', '2024-06-02').event_time).toMatchObject({ local: '2024-06-02', precision: 'part_of_day' });
    expect(claim('В течение прошедшей ночи над Курской областью сбиты 3 беспилотника.', '2024-06-02').event_time).toMatchObject({ local: '2024-06-02', precision: 'part_of_day' });
  });

  it('calls a shoot-down tally an interception report and a drone attack with deaths a drone attack', () => {
    expect(claim('Вночі силами ППО знищено 21 повітряну ціль: 4 крилаті ракети і 17 ударних БпЛА.').event_type).toBe('interception_report');
    expect(claim('Вночі ворог атакував Суми ударними дронами. Загинули двоє людей, ще 5 поранено.').event_type).toBe('drone_attack');
  });
});
