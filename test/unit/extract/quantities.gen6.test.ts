import { describe, expect, it } from 'vitest';
import { extractQuantities } from '../../../src/extract/quantities.ts';
import { prepareText } from '../../../src/extract/prepare.ts';

const ctx = { postedAt: '2024-03-10T08:00:00Z', zoneHint: null };

/** what|group|qualifier|value|min|max, in text order. */
function keys(text: string): string[] {
  return extractQuantities(prepareText(text), ctx).map((q) => [q.what, q.group, q.qualifier, q.value, q.min, q.max].join('|'));
}

describe('fighter names after their designator (gen6)', () => {
  it('counts "Strike Eagles" and "Fighting Falcons" as aircraft, not air strikes', () => {
    expect(keys('Three F-15E Strike Eagles struck a weapons depot near the river.')).toContain('aircraft|unspecified|exact|3||');
    expect(keys('Three F-15E Strike Eagles struck a weapons depot near the river.')).not.toContain('air_strike|unspecified|exact|3||');
    expect(keys('Four F-16 Fighting Falcons hit the compound.')).toContain('aircraft|unspecified|exact|4||');
  });

  it('still counts strikes as air strikes', () => {
    expect(keys('The coalition conducted three strikes on the compound.')).not.toContain('aircraft|unspecified|exact|3||');
  });
});

describe('launch equipment destroyed (gen6)', () => {
  it('reads destroyed launcher barrels as facilities destroyed, not interceptions by the jets', () => {
    const k = keys('About 80 fighter jets struck and destroyed thousands of rocket launcher barrels in the south.');
    expect(k).toContain('facilities_destroyed|unspecified|vague|||');
    expect(k.some((x) => x.startsWith('intercepted|'))).toBe(false);
  });

  it('keeps a rocket count that is not launch equipment', () => {
    expect(keys('Militants fired 12 rockets at the base.')).toEqual(['rocket|unspecified|exact|12||']);
  });
});

describe('rounds of indirect fire (gen6)', () => {
  it('counts rounds of indirect fire (or IDF) as rockets', () => {
    expect(keys('About 6 rounds of indirect fire were launched at the outpost.')).toEqual(['rocket|unspecified|approximately|6||']);
    expect(keys('Three rounds of IDF were fired at the outpost.')).toEqual(['rocket|unspecified|exact|3||']);
  });

  it('leaves other rounds generic projectiles', () => {
    expect(keys('About 6 rounds were fired at the outpost.')).toEqual(['projectile|unspecified|approximately|6||']);
  });
});

describe('killing verbs (gen6)', () => {
  it('reads "murdering N" and "taking the life of" as killed', () => {
    expect(keys('A rocket hit a playground in the village, murdering 9 children and teenagers.')).toContain('killed|civilian|exact|9||');
    expect(keys('A drone hit the depot, taking the life of a British contractor.')).toContain('killed|contractor|exact|1||');
  });

  it('does not read "the life of the mission" as a death', () => {
    expect(keys('Two rockets hit the base during the life of the mission.').some((k) => k.startsWith('killed|'))).toBe(false);
  });
});

describe('a subset of the wounded (gen6)', () => {
  it('counts "five of the wounded" as injured', () => {
    const k = keys('Ten soldiers were hurt in the attack; five of the wounded were evacuated to Germany.');
    expect(k.some((x) => x.startsWith('injured|') && x.endsWith('|exact|5||'))).toBe(true);
  });

  it('needs the wounded, not any partitive', () => {
    expect(keys('Ten soldiers were deployed; five of the soldiers were evacuated to Germany.').some((k) => k.startsWith('injured|'))).toBe(false);
  });
});

describe('a derived total over a total and its breakdown (gen6)', () => {
  it('counts the total once, not the total plus its parts', () => {
    const k = keys('Overnight the enemy launched 12 missiles at the city: five Kinzhal missiles, four Kalibr missiles and three Iskander missiles. All of them were destroyed.');
    expect(k).toContain('intercepted|missile|exact|12||');
    expect(k.some((x) => x.startsWith('intercepted|') && x.includes('|24|'))).toBe(false);
  });

  it('still sums different counts that are not a breakdown', () => {
    expect(keys('The enemy fired two missiles and four drones at the city; all were destroyed.')).toContain('intercepted|mixed|exact|6||');
  });
});

describe('a participle of motion between a count and its verb (gen6)', () => {
  it('reads the verb after "approaching from ..."', () => {
    expect(keys('Earlier, three aerial targets approaching from the east were intercepted by fighter jets.')[0]).toMatch(/^intercepted\|/);
    expect(keys('Two drones heading toward the base were shot down.')[0]).toMatch(/^intercepted\|drone\|exact\|2/);
  });

  it('does not reach a verb of another clause', () => {
    expect(keys('Two drones approaching the base, the army said, and soldiers were hurt.').some((k) => k.startsWith('intercepted|'))).toBe(false);
  });
});

describe('targets and bases hit are what was aimed at (gen6)', () => {
  it('reads "hit more than 40 targets" and "struck two enemy bases" as targeted sites', () => {
    expect(keys('Coalition aircraft hit more than 40 targets across the province.')).toContain('targeted_site|unspecified|more_than||40|');
    expect(keys('The group struck two enemy bases with drones at dawn.')).toContain('targeted_site|unspecified|exact|2||');
  });

  it('keeps locations and facilities hit as locations hit', () => {
    expect(keys('The strikes hit 12 locations in the province.')).toContain('locations_hit|unspecified|exact|12||');
  });
});

describe('people being checked for injuries (gen6)', () => {
  it('reads "being checked for possible concussions" as under evaluation', () => {
    expect(keys('Four soldiers are being checked for possible concussions.')).toEqual(['under_evaluation|military|exact|4||']);
  });

  it('does not read a checkpoint search as an evaluation of people', () => {
    expect(keys('Four trucks were checked at the crossing.').some((k) => k.startsWith('under_evaluation|'))).toBe(false);
  });
});
