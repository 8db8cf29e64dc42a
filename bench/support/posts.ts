/**
 * Invented posts for benches: statements in the style of spokespeople and news desks, built from
 * templates, real places of the gazetteer, counts, clock times and zones. Deterministic for a seed, so
 * two runs (and the two sides of a comparison) see the same texts. Written for the benches; nothing here
 * is copied from the shared evaluation files.
 */
import type { ExtractInput } from '../../src/extract/index.ts';
import { seededRandom } from '../../test/support/seeded-random.ts';

export interface BenchPost extends ExtractInput {
  id: string;
  author: string;
  sourceKind: 'social' | 'news' | 'official_release';
  sourceName: string;
}

/** Places with the zone their clock times are read in. */
const PLACES: ReadonlyArray<readonly [string, string]> = [
  ['Al Asad Air Base', 'Iraq time'],
  ['Erbil', 'local time'],
  ['Erbil airport', 'local time'],
  ['Baghdad', 'Baghdad time'],
  ['the Green Zone in Baghdad', 'local time'],
  ['Mosul', 'local time'],
  ['Kirkuk', 'local time'],
  ['Basra', 'local time'],
  ['Diwaniyah', 'local time'],
  ['al-Tanf Garrison', 'local time'],
  ['Deir ez-Zor', 'local time'],
  ['Homs province', 'local time'],
  ['Aleppo', 'local time'],
  ['Idlib', 'local time'],
  ['Kharkiv', 'Kyiv time'],
  ['Odesa', 'Kyiv time'],
  ['Dnipro', 'Kyiv time'],
  ['Zaporizhzhia', 'Kyiv time'],
  ['Kyiv', 'Kyiv time'],
  ['Lviv', 'Kyiv time'],
  ['Sumy', 'Kyiv time'],
  ['Kiryat Shmona', 'Israel time'],
  ['Metula', 'Israel time'],
  ['Sderot', 'Israel time'],
  ['Ashkelon', 'Israel time'],
  ['Haifa', 'Israel time'],
  ['Eilat', 'Israel time'],
  ['Hodeidah', 'local time'],
  ['Sanaa', 'local time'],
  ['Aden', 'local time'],
];

const ACCOUNTS: ReadonlyArray<readonly [string, BenchPost['sourceKind'], string]> = [
  ['OIRSpox', 'social', 'Coalition spokesperson'],
  ['CENTCOM', 'social', 'U.S. Central Command'],
  ['IDF', 'social', 'Israel Defense Forces'],
  ['KyivIndependent', 'news', 'The Kyiv Independent'],
  ['ua_airforce', 'social', 'Air Force of Ukraine'],
  ['reuters-world', 'news', 'Reuters World'],
  ['mod-releases', 'official_release', 'Ministry of Defence releases'],
  ['sana-en', 'news', 'SANA English'],
];

const WORD_NUMBERS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'a dozen'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Pick = <T>(xs: readonly T[]) => T;
type Template = (p: { place: string; zone: string; n: number; m: number; word: string; clock: string; day: string; pick: Pick }) => string;

const TEMPLATES: readonly Template[] = [
  ({ place, zone, n, clock }) => `Initial report: ${n} rockets hit ${place} at about ${clock} (${zone}). No injuries reported.`,
  ({ place, word, day }) => `At least ${word} drones were shot down near ${place} late on ${day}, officials said.`,
  ({ place, n, m }) => `Update: the death toll in ${place} has risen to ${n}; ${m} people were injured overnight.`,
  ({ place, n, clock }) => `Approximately ${n} launches were detected toward ${place} at ${clock}. Interceptors were fired.`,
  ({ place, word, day }) => `Between ${word} and ${word === 'a dozen' ? 'fifteen' : 'ten'} rockets landed near ${place} shortly after midnight on ${day}.`,
  ({ place }) => `A one-way attack drone targeted coalition forces at ${place}; there were no casualties.`,
  ({ n, m }) => `Overnight the enemy launched ${n + 40} Shahed drones and ${m % 6 + 1} cruise missiles; ${n + 20} drones were downed.`,
  ({ place, n, m, day }) => `As of 10:00, ${n % 5 + 1} civilians were killed and more than ${m} wounded in ${place}, the governor said ${day}.`,
  ({ place, n }) => `Sirens sounded in ${place} after some ${n} rockets were fired from the north.`,
  ({ place, day }) => `An IED struck a convoy on the road near ${place} on ${day} evening, wounding one contractor.`,
  ({ place, clock, day }) => `State media said jets hit targets near ${place} at ${clock} on ${day}.`,
  ({ place, n, clock, zone }) => `Correction: ${n} ballistic missiles, not ${n + 2}, were fired at ${place} at ${clock} ${zone}.`,
  ({ place, m }) => `Preliminary figures: up to ${m} people injured after a missile strike on ${place}.`,
  ({ place, word }) => `Air defence destroyed ${word} drones over ${place}; debris damaged two houses, no one was hurt.`,
  ({ place, n, pick }) => `${pick(['Gunmen', 'Militants', 'Attackers'])} opened fire on a checkpoint near ${place}, killing ${n % 4 + 1} soldiers.`,
  ({ place, n, clock }) => `BREAKING: ${n} explosions heard in ${place} around ${clock}, residents report.`,
];

/** A small seeded generator: the same seed gives the same posts on every machine. */
export const random = seededRandom;

/**
 * `count` invented posts, one every `spacingMinutes` from `start`, each from one of a few accounts.
 * Ids are `<idPrefix><n>` so several runs can share a store without colliding.
 */
export function inventPosts(count: number, opts: { seed?: number; start?: string; spacingMinutes?: number; idPrefix?: string } = {}): BenchPost[] {
  const rand = random(opts.seed ?? 7);
  const pick: Pick = (xs) => xs[Math.floor(rand() * xs.length)]!;
  const start = Date.parse(opts.start ?? '2024-01-01T00:00:00Z');
  const spacing = (opts.spacingMinutes ?? 47) * 60_000;
  const out: BenchPost[] = [];
  for (let i = 0; i < count; i++) {
    const [place, zone] = pick(PLACES);
    const hour = 1 + Math.floor(rand() * 12);
    const minute = Math.floor(rand() * 12) * 5;
    const clock = `${hour}:${String(minute).padStart(2, '0')} ${rand() < 0.5 ? 'a.m.' : 'p.m.'}`;
    const text = pick(TEMPLATES)({ place, zone, n: 2 + Math.floor(rand() * 30), m: 3 + Math.floor(rand() * 40), word: pick(WORD_NUMBERS), clock, day: pick(DAYS), pick });
    const [author, sourceKind, sourceName] = pick(ACCOUNTS);
    out.push({
      id: `${opts.idPrefix ?? 'bench-'}${i}`,
      text,
      postedAt: new Date(start + i * spacing + Math.floor(rand() * spacing)).toISOString(),
      author,
      sourceKind,
      sourceName,
      source: { kind: sourceKind, name: sourceName, account: author },
    });
  }
  return out;
}
