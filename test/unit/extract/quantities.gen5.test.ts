import { describe, expect, it } from 'vitest';
import { extractQuantities } from '../../../src/extract/quantities.ts';
import { prepareText } from '../../../src/extract/prepare.ts';

const ctx = { postedAt: '2024-03-10T08:00:00Z', zoneHint: null };

/** what|group|qualifier|value|min|max, in text order. */
function keys(text: string): string[] {
  return extractQuantities(prepareText(text), ctx).map((q) => [q.what, q.group, q.qualifier, q.value, q.min, q.max].join('|'));
}

describe('outcomes of munitions named as the subject (gen5)', () => {
  it('gives a list of parts the verb after the last one', () => {
    expect(keys('The air force said 40 of the missiles and 12 of the drones were shot down.')).toEqual([
      'intercepted|missile|exact|40||',
      'intercepted|drone|exact|12||',
    ]);
  });

  it('counts "both" with a munition noun as two when an outcome follows', () => {
    expect(keys('Both Tochka missiles and 9 of the Grad rockets were shot down over the city.')).toEqual([
      'intercepted|missile|exact|2||',
      'intercepted|rocket|exact|9||',
    ]);
    expect(keys('Both drones and missiles were used in the raid.')).toEqual([]);
  });

  it('keeps a part with "of which" to itself', () => {
    expect(keys('Militants fired nearly 20 drones, most of which were shot down.')).toEqual([
      'drone|unspecified|approximately|20||',
      'intercepted|drone|vague|||',
    ]);
  });
});

describe('people described one by one after their count (gen5)', () => {
  it('does not count an age-described apposition again', () => {
    expect(keys('Four militants were killed, while two soldiers, a 31-year-old sepoy and a 25-year-old lance naik, were martyred.')).toEqual([
      'killed|combatant|exact|4||',
      'killed|military|exact|2||',
    ]);
  });

  it('still counts a new person after a comma', () => {
    expect(keys('The strike killed two soldiers, a civilian was also hurt.')).toEqual(['killed|military|exact|2||', 'casualties|civilian|exact|1||']);
  });
});

describe("a war's overall toll is background (gen5)", () => {
  it('reads "tens of thousands" as one vague amount', () => {
    expect(keys('Rescuers pulled tens of thousands of people from the rubble.')).not.toContain('killed|unspecified|vague|||');
    expect(keys('Police detained tens of thousands of protesters.')).toEqual(['detained|unspecified|vague|||']);
  });

  it('drops tolls of the war as a whole after the lede', () => {
    expect(keys('Drones hit a fuel depot on Sunday, killing two guards. The war has killed tens of thousands of people.')).toEqual(['killed|unspecified|exact|2||']);
    expect(keys('A strike on the camp killed 9 people. More than 20,000 people have been killed since the war began.')).toEqual(['killed|unspecified|exact|9||']);
  });
});

describe('more outcomes of munitions (gen5)', () => {
  it('reads "shot one down" as an interception, not a person shot', () => {
    expect(keys('Two drones were launched at the outpost; troops shot one down, while the other fell short of the wall.')).toEqual([
      'drone|unspecified|exact|2||',
      'intercepted|drone|exact|1||',
      'failed|drone|exact|1||',
    ]);
    expect(keys('Gunmen shot two men in the market.')).toEqual(['casualties|unspecified|exact|2||']);
  });

  it('reads "others" of a munition with an outcome, and the ones that landed as a part', () => {
    expect(keys('Sources said at least three rockets landed inside the camp, while several others were shot down.')).toEqual([
      'impacted|rocket|at_least||3|',
      'intercepted|rocket|vague|||',
    ]);
    expect(keys('Three soldiers were killed and two others were wounded.')).toEqual(['killed|military|exact|3||', 'injured|military|exact|2||']);
  });

  it('reads a bare "Some were intercepted" after a salvo', () => {
    expect(keys('About 20 rockets were fired at the town. Some were intercepted and others fell in open areas.')).toEqual([
      'rocket|unspecified|approximately|20||',
      'intercepted|rocket|vague|||',
    ]);
  });

  it('reads "neither drone reached" as zero impacts', () => {
    expect(keys('Two drones approached the base. Neither drone reached the perimeter.')).toEqual(['drone|unspecified|exact|2||', 'impacted|drone|exact|0||']);
    expect(keys('Neither side commented on the talks.')).toEqual([]);
  });

  it("gives a single attacking munition the outcome of its clause's second verb", () => {
    expect(keys('A bomb-laden drone targeted Bashur airfield, north of Erbil, late on Friday and was shot down before reaching it.')).toEqual([
      'drone|unspecified|exact|1||',
      'intercepted|drone|exact|1||',
    ]);
    expect(keys('A drone targeted the airfield on Friday and was claimed by a militia.')).toEqual(['drone|unspecified|exact|1||']);
  });
});

describe('a second munition with its own quantifier (gen5)', () => {
  it('splits "two cruise missiles and several drones" into two counts', () => {
    expect(keys('The destroyer engaged and downed two anti-ship cruise missiles and several drones after they were launched.')).toEqual([
      'intercepted|cruise_missile|exact|2||',
      'intercepted|drone|vague|||',
    ]);
    expect(keys('Russia launched 40 missiles and drones overnight.')).toEqual(['projectile|unspecified|exact|40||']);
  });
});

describe('people counts without a noun after the number (gen5)', () => {
  it('reads injuries that have risen to a figure, and the figure they rose from', () => {
    expect(keys("Injuries among U.S. troops from Friday's rocket attack have risen to more than 30, officials said, up from the 22 reported a day earlier.")).toEqual([
      'injured|military|more_than||30|',
      'injured|military|exact|22||',
    ]);
    expect(keys('Injuries were reported at 3 sites.')).toEqual([]);
  });

  it('reads a toll put at a figure, superseded when the reports were initial', () => {
    expect(keys('The number of people killed in the shelling has risen to 19. Initial reports had put the toll at 11.')).toEqual([
      'killed|unspecified|exact|19||',
      'killed|unspecified|exact|11||',
    ]);
  });

  it('reaches the verb of a person past a participle phrase', () => {
    expect(keys('One of the sources said a Syrian soldier guarding the checkpoint was lightly wounded.')).toEqual(['injured|military|exact|1||']);
    expect(keys('Two children playing near the wall were injured.')).toEqual(['injured|civilian|exact|2||']);
  });

  it('reads personnel losses that amounted to a figure of servicemen, not material losses', () => {
    expect(keys('Enemy losses in this direction amounted to up to 70 servicemen, two tanks and a pickup truck.')).toEqual(['casualties|military|at_most|||70']);
    expect(keys('Material losses amounted to 3 million dollars.')).toEqual([]);
  });
});

describe('relative clauses, group names and separate incidents (gen5)', () => {
  it('reaches the main verb past a relative clause of people', () => {
    expect(keys('According to intelligence, at least 12 Hamas and Islamic Jihad terrorists who were using the compound were eliminated.')).toEqual([
      'killed|combatant|at_least||12|',
    ]);
    expect(keys('Ten people who were injured in the blast were taken to hospital.')).toEqual(['injured|unspecified|exact|10||']);
  });

  it('lets the subject of a rising toll carry an apposition with a numbered name', () => {
    expect(keys("Injuries among troops from Sunday's drone strike on Camp 7, a small outpost near the border, have risen to more than 30.")).toEqual([
      'injured|military|more_than||30|',
    ]);
  });

  it('leaves a sentence opening with "Separately" to its own incident', () => {
    expect(keys('Two drones were shot down near the base. Separately, a rocket struck near an airfield in the south, one official said.')).toEqual([
      'intercepted|drone|exact|2||',
    ]);
  });
});

describe('an earlier account of a count (gen5)', () => {
  it('reads "revising an earlier account of three missiles" as a superseded figure of the outcome', () => {
    expect(keys('The destroyer intercepted four cruise missiles and 15 drones on Thursday, an official said, revising an earlier Pentagon account of three missiles.')).toEqual([
      'intercepted|cruise_missile|exact|4||',
      'intercepted|drone|exact|15||',
      'intercepted|cruise_missile|exact|3||',
    ]);
    expect(keys('Militants fired 5 rockets at the base.')).toEqual(['rocket|unspecified|exact|5||']);
  });
});

describe('evaluations and counted targets (gen5)', () => {
  it('reads "undergoing evaluation" and "being evaluated" as under evaluation', () => {
    expect(keys('Several U.S. personnel are undergoing evaluation for traumatic brain injury.')).toEqual(['under_evaluation|unspecified|vague|||']);
    expect(keys('Four soldiers are being evaluated for concussions.')).toEqual(['under_evaluation|military|exact|4||']);
  });

  it('reads "put the number of targets at around N" as places aimed at', () => {
    expect(keys('A U.S. official put the number of targets at around 40.')).toEqual(['targeted_site|unspecified|approximately|40||']);
  });
});
