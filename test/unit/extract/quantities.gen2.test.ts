import { describe, expect, it } from 'vitest';
import { extractQuantities } from '../../../src/extract/quantities.ts';
import { prepareText } from '../../../src/extract/prepare.ts';

const ctx = { postedAt: '2024-03-10T08:00:00Z', zoneHint: null };

/** what|group|qualifier|value|min|max, in text order. */
function keys(text: string): string[] {
  return extractQuantities(prepareText(text), ctx).map((q) => [q.what, q.group, q.qualifier, q.value, q.min, q.max].join('|'));
}

describe("officials' idioms for the dead", () => {
  it('reads martyrdom idioms as killed', () => {
    expect(keys('Three policemen embraced shahadat when their patrol was ambushed near Tank.')).toEqual(['killed|unspecified|exact|3||']);
    expect(keys('Two jawans attained martyrdom during the clearance operation in Kurram.')).toEqual(['killed|military|exact|2||']);
    expect(keys('Five soldiers laid down their lives defending the checkpoint.')).toEqual(['killed|military|exact|5||']);
    expect(keys('4 of our brave compatriots were martyred and 7 others were wounded in Herat.')).toEqual([
      'killed|unspecified|exact|4||',
      'injured|unspecified|exact|7||',
    ]);
  });

  it('reads "sent to hell" as killed fighters, passive and active', () => {
    expect(keys('Six terrorists were sent to hell in the exchange of fire near Wana.')).toEqual(['killed|combatant|exact|6||']);
    expect(keys('Security forces sent three khwarij to hell in North Waziristan.')).toEqual(['killed|combatant|exact|3||']);
    expect(keys('The blast martyred 5 worshippers and injured 12.')).toEqual(['killed|unspecified|exact|5||', 'injured|unspecified|exact|12||']);
  });

  it('finds the verb after a participial clause set off by commas', () => {
    expect(keys('Three soldiers, having resisted bravely, embraced martyrdom.')).toEqual(['killed|military|exact|3||']);
  });
});

describe('parts of tolls and of earlier counts', () => {
  it('reads "including the N attackers" after a toll as a subset of the toll', () => {
    expect(keys('The number of dead rose to 31, including the three suicide bombers, officials said.')).toEqual([
      'killed|unspecified|exact|31||',
      'killed|perpetrator|exact|3||',
    ]);
    expect(keys('The death toll has climbed to 22, including four of the gunmen.')).toEqual([
      'killed|unspecified|exact|22||',
      'killed|perpetrator|exact|4||',
    ]);
  });

  it('reads "Among them is/are ..." as a part of the people counted before', () => {
    expect(keys('The number of wounded in Sumy has risen to 14. Among them is a paramedic.')).toEqual([
      'injured|unspecified|exact|14||',
      'injured|unspecified|exact|1||',
    ]);
    expect(keys('Eleven people were hurt in the shelling of Nikopol. Among them are two children.')).toEqual([
      'casualties|unspecified|exact|11||',
      'casualties|civilian|exact|2||',
    ]);
    expect(keys('Among the dead were two medics.')).toEqual(['killed|unspecified|exact|2||']);
  });

  it('reads the victims of a toll as casualties and keeps a part in the next sentence from changing it', () => {
    expect(keys('The number of victims in Kharkiv has risen to 11. Among the injured are three children.')).toEqual([
      'casualties|unspecified|exact|11||',
      'injured|civilian|exact|3||',
    ]);
  });

  it('reads a wounded person who later died as killed', () => {
    expect(keys('A woman wounded in the attack on Zaporizhzhia later died of her injuries.')).toEqual(['killed|civilian|exact|1||']);
    expect(keys('Two soldiers injured in the blast have since died.')).toEqual(['killed|military|exact|2||']);
  });
});

describe('people who are not counts', () => {
  it('does not count a person named again in apposition', () => {
    expect(keys('One man, a 52-year-old farmer, was killed by the drone.')).toEqual(['killed|unspecified|exact|1||']);
    // a list is not an apposition
    expect(keys('The shelling killed one soldier, a medic and a driver.')).toEqual([
      'killed|military|exact|1||',
      'killed|unspecified|exact|1||',
      'killed|unspecified|exact|1||',
    ]);
  });

  it('reads "of (about) N" after a person as an age', () => {
    expect(keys('Medics treated a man of about 45 who was moderately injured.')).toEqual(['injured|unspecified|exact|1||']);
    expect(keys('A woman of 70 was hurt by flying glass.')).toEqual(['casualties|civilian|exact|1||']);
  });

  it('does not count a source named with an article', () => {
    expect(keys('The raid killed three militants, a police spokesman said.')).toEqual(['killed|combatant|exact|3||']);
    expect(keys('Four people were wounded, a resident told reporters.')).toEqual(['injured|unspecified|exact|4||']);
  });
});

describe('medics, hospitals and presence', () => {
  it('reads patients received by a hospital as casualties and people treated as injured', () => {
    expect(keys('The provincial hospital said it had admitted 23 patients from the blast.')).toEqual(['casualties|unspecified|exact|23||']);
    expect(keys('Paramedics treated 9 people at the scene.')).toEqual(['injured|unspecified|exact|9||']);
    expect(keys('Paramedics treated 9 people for shock.')).toEqual([]);
    expect(keys('The ministry received 20 reports of damage.')).toEqual([]);
    expect(keys('The morgue received 5 bodies and the bodies of two more people.')).toEqual(['killed|unspecified|exact|5||', 'killed|unspecified|exact|2||']);
  });

  it('reads troops with a presence verb after them', () => {
    expect(keys('Roughly 900 American soldiers are stationed in Syria.')).toEqual(['troops|military|approximately|900||']);
  });

  it('reads a scoped "none of the troops at the site" as a zero', () => {
    expect(keys('None of the American troops at the outpost were hurt.')).toEqual(['casualties|military|exact|0||']);
  });
});

describe('attack elements counted by an article', () => {
  it('counts a bomb described by a participle', () => {
    expect(keys('A bomb hidden inside a fruit cart exploded outside the shrine in Mazar-i-Sharif.')).toEqual(['ied|unspecified|exact|1||']);
    expect(keys('A bomb concealed in a motorcycle went off near the market, killing four people.')).toEqual([
      'ied|unspecified|exact|1||',
      'killed|unspecified|exact|4||',
    ]);
  });

  it('counts a vehicle packed with explosives as one IED', () => {
    expect(keys('A truck laden with explosives blew up at the checkpoint, killing three guards.')).toEqual([
      'ied|unspecified|exact|1||',
      'killed|unspecified|exact|3||',
    ]);
  });

  it('counts a suicide vest as one IED', () => {
    expect(keys('A bomber wearing an explosive vest blew himself up at a checkpoint in Baidoa.')).toEqual(['ied|unspecified|exact|1||']);
  });

  it('counts one explosion only when no weapon is counted', () => {
    expect(keys('An explosion ripped through a bus station in Quetta, killing six people.')).toEqual([
      'explosion|unspecified|exact|1||',
      'killed|unspecified|exact|6||',
    ]);
    expect(keys('A roadside bomb caused an explosion that killed two soldiers.')).toEqual(['ied|unspecified|exact|1||', 'killed|military|exact|2||']);
  });

  it('counts an aircraft that attacked, and a drone strike as one drone', () => {
    expect(keys('An aircraft struck a vehicle near Jenin.')).toEqual(['aircraft|unspecified|exact|1||']);
    expect(keys('A drone strike killed two fighters in Tulkarm.')).toEqual(['drone|unspecified|exact|1||', 'killed|combatant|exact|2||']);
    expect(keys('An air strike on a house in Rafah killed five people.')).toEqual(['air_strike|unspecified|exact|1||', 'killed|unspecified|exact|5||']);
  });

  it('does not count an attack described by the weapons it used', () => {
    expect(keys('An attempted terrorist attack using fixed-wing UAVs against facilities in Kursk region was thwarted.')).toEqual([]);
  });

  it('counts an IED blast as one IED and "another <munition>" as one more', () => {
    expect(keys('Three soldiers were injured in an IED blast on the road to Miranshah.')).toEqual(['injured|military|exact|3||', 'ied|unspecified|exact|1||']);
    expect(keys('A drone from Lebanon exploded in a field near Metula. Another drone was intercepted.')).toEqual([
      'drone|unspecified|exact|1||',
      'intercepted|drone|exact|1||',
    ]);
  });

  it('counts one impact named with an article', () => {
    expect(keys('Police received a report of a rocket impact near Sderot.')).toEqual(['impacted|rocket|exact|1||']);
  });
});

describe('misses, crashes and the sea', () => {
  it('reads a drone that crashed (not into something) as failed', () => {
    expect(keys('One drone was shot down and a second crashed in a field near Mafraq.')).toEqual([
      'intercepted|drone|exact|1||',
      'failed|drone|exact|1||',
    ]);
  });

  it('reads a missile that fell into the sea or missed as failed, one that hit as impacted', () => {
    expect(keys('Two anti-ship missiles were fired at the tanker; one hit the ship and the other fell into the sea.')).toEqual([
      'missile|unspecified|exact|2||',
      'impacted|missile|exact|1||',
      'failed|missile|exact|1||',
    ]);
    expect(keys('Two missiles were fired at the ship; the second impacted the water nearby.')).toEqual([
      'missile|unspecified|exact|2||',
      'failed|missile|exact|1||',
    ]);
    expect(keys('Three drones were launched at the bulk carrier. Two were shot down and the third missed the target.')).toEqual([
      'drone|unspecified|exact|3||',
      'intercepted|drone|exact|2||',
      'failed|drone|exact|1||',
    ]);
  });
});

describe('per-region tallies', () => {
  it('reads the parts after a colon, with an adverb before it', () => {
    expect(keys('Air defences destroyed 30 UAVs overnight: 12 over Belgorod region, 10 over Kursk region and 8 over Voronezh region.')).toEqual([
      'intercepted|drone|exact|30||',
      'intercepted|drone|exact|12||',
      'intercepted|drone|exact|10||',
      'intercepted|drone|exact|8||',
    ]);
  });

  it('reads parts in brackets after the places and parts set off by dashes', () => {
    expect(keys('Duty air defences destroyed 19 UAVs over the Kursk (11), Oryol (5) and Tula (3) regions.')).toEqual([
      'intercepted|drone|exact|19||',
      'intercepted|drone|exact|11||',
      'intercepted|drone|exact|5||',
      'intercepted|drone|exact|3||',
    ]);
    expect(keys('Air defence destroyed 16 UAVs: 9 – over Bryansk region, 7 – over Smolensk region.')).toEqual([
      'intercepted|drone|exact|16||',
      'intercepted|drone|exact|9||',
      'intercepted|drone|exact|7||',
    ]);
    expect(keys('Air defence destroyed 12 UAVs over the territory of the Belgorod region, 4 - over the territory of the Kursk region and 1 - over the Lipetsk region.')).toEqual([
      'intercepted|drone|exact|12||',
      'intercepted|drone|exact|4||',
      'intercepted|drone|exact|1||',
    ]);
    // ages in brackets after people are not parts
    expect(keys('The shelling killed three people: Ahmed (14), his brother (12) and a neighbour.')).toEqual(['killed|unspecified|exact|3||']);
  });

  it('reads parts given with "including" and parts listed after the verb', () => {
    expect(keys('Duty air defence systems intercepted 17 Ukrainian drones, including 9 over Bryansk region and 8 over Oryol region.')).toEqual([
      'intercepted|drone|exact|17||',
      'intercepted|drone|exact|9||',
      'intercepted|drone|exact|8||',
    ]);
    expect(keys('Eleven UAVs were destroyed over the Belgorod region, four over the Kursk region and two over the Moscow region.')).toEqual([
      'intercepted|drone|exact|11||',
      'intercepted|drone|exact|4||',
      'intercepted|drone|exact|2||',
    ]);
  });
});

describe('interception rates', () => {
  it('takes the intercepted munition for a rate, not strikes named nearer', () => {
    const qs = extractQuantities(
      prepareText('Hezbollah fired dozens of rockets at Metula in retaliation for Israeli strikes. The IDF said the interception rate was around 85 percent.'),
      ctx,
    );
    expect(qs.find((q) => q.what === 'intercepted_pct')?.group).toBe('rocket');
  });
});

describe('Arabic interceptions', () => {
  it('reads an interception verb before a dual noun, also with its subject in between', () => {
    expect(keys('أعلن الجيش أن الدفاعات الجوية اعترضت صاروخين فوق الجولان')).toEqual(['intercepted|rocket|exact|2||']);
    expect(keys('اعترض سلاح الجو الملكي طائرتين مسيرتين فوق مدينة المفرق')).toEqual(['intercepted|drone|exact|2||']);
  });

  it('reads "طائرات مسيرة" (drones) with a number once, but not warplanes', () => {
    expect(keys('أسقطت الدفاعات الجوية 4 طائرات مسيرة فوق البادية الشمالية')).toEqual(['intercepted|drone|exact|4||']);
    expect(keys('شنت 5 طائرات حربية غارات على المنطقة')).toEqual([]);
  });
});
