/**
 * Invented posts for the fault suite: varied spokesperson-style texts (weapon, count, place, time,
 * casualties, hedges) from a seeded generator, so extraction and matching do real work and a run can be
 * repeated exactly. Written for these tests; nothing here is taken from any evaluation set.
 */
import type { IncomingPost } from '../../src/domain/post.ts';
import { seededRandom } from '../support/seeded-random.ts';

export const rng = seededRandom;

const PLACES = ['Kharkiv', 'Odesa', 'Zaporizhzhia', 'Kherson', 'Sumy', 'Dnipro', 'Erbil', 'Mosul', 'Kirkuk', 'Aden', 'Hodeidah', 'Marib', 'Sanaa', 'Khan Younis', 'Rafah', 'Deir ez-Zor', 'Idlib', 'Tyre', 'Nabatieh', 'Belgorod', 'Kursk', 'Bryansk'];
const WEAPONS = [
  ['drones', 'drone'],
  ['rockets', 'rocket'],
  ['ballistic missiles', 'ballistic missile'],
  ['cruise missiles', 'cruise missile'],
  ['mortar rounds', 'mortar round'],
  ['artillery shells', 'artillery shell'],
] as const;
const ACCOUNTS = [
  ['sample_mod_east', 'social', 'Ministry of Defence (sample)'],
  ['sample_air_force', 'social', 'Air Force command (sample)'],
  ['sample_regional_gov', 'social', 'Regional administration (sample)'],
  ['sample_wire', 'news', 'Sample Wire'],
  ['sample_daily', 'news', 'Sample Daily'],
] as const;
const TIMES = ['overnight', 'this morning', 'on Tuesday evening', 'at around 3:40 a.m. local time', 'late on Sunday', 'early Friday'];
const HEDGES = ['', ' Information is being clarified.', ' The figures are preliminary.', ' Damage is still being assessed.', ''];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function text(r: () => number, i: number): string {
  const [plural, singular] = pick(r, WEAPONS);
  const n = 1 + Math.floor(r() * 60);
  const place = pick(r, PLACES);
  const other = pick(r, PLACES);
  const when = pick(r, TIMES);
  const killed = Math.floor(r() * 6);
  const wounded = Math.floor(r() * 20);
  const hedge = pick(r, HEDGES);
  const shot = Math.floor(n * r());
  const casualty = killed ? ` ${killed} ${killed === 1 ? 'person was' : 'people were'} killed and ${wounded} wounded.` : wounded ? ` ${wounded} people were injured.` : ' No casualties were reported.';
  switch (i % 5) {
    case 0:
      return `Air defence forces shot down ${shot} of ${n} ${plural} launched ${when} over the ${place} region.${casualty}${hedge}`;
    case 1:
      return `${n === 1 ? `A ${singular}` : `${n} ${plural}`} struck ${place} ${when}, damaging residential buildings and a power facility.${casualty}${hedge}`;
    case 2:
      return `Update #${i}: shelling of ${place} and nearby villages continued ${when}; ${n} ${plural} were recorded by the regional administration.${casualty}`;
    case 3:
      return `The enemy attacked ${place} with ${n} ${plural} ${when}. Strikes were also reported near ${other}.${casualty}${hedge}`;
    default:
      return `${place}: explosions heard ${when}. Officials say ${n} ${plural} targeted energy infrastructure; fires were put out by morning.${casualty}${hedge}`;
  }
}

/**
 * `count` posts with ids `${tag}-0` ..., posted `spacingMs` apart from a fixed day. The default, 30 minutes,
 * spreads 10,000 posts over seven months as a real watch list would, so the incident matcher's candidate
 * windows hold days of incidents, not the whole run.
 */
export function inventPosts(count: number, tag: string, seed = 9, spacingMs = 30 * 60_000): IncomingPost[] {
  const r = rng(seed);
  const start = Date.parse('2025-03-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const [account, kind, name] = pick(r, ACCOUNTS);
    return {
      platform: 'replay' as const,
      externalId: `${tag}-${i}`,
      version: 1,
      author: account,
      sourceKind: kind,
      sourceName: name,
      text: text(r, i),
      postedAt: new Date(start + i * spacingMs).toISOString(),
      kind: 'original' as const,
    };
  });
}
