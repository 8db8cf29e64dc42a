import { describe, expect, it } from 'vitest';
import type { Quantity } from '../../../src/domain/claim.ts';
import { extractClaim } from '../../../src/extract/index.ts';
import { prepareText } from '../../../src/extract/prepare.ts';
import { extractQuantities } from '../../../src/extract/quantities.ts';

const ctx = { postedAt: '2024-03-10T08:00:00Z', zoneHint: null };

function quantities(text: string): Quantity[] {
  return extractQuantities(prepareText(text), ctx);
}

/** what|group|qualifier|value|min|max, in text order. */
function keys(text: string): string[] {
  return quantities(text).map((q) => [q.what, q.group, q.qualifier, q.value, q.min, q.max].join('|'));
}

describe('qualifiers', () => {
  it('reads an exact numeral', () => {
    expect(keys('Militants fired 6 rockets at Camp Victory.')).toEqual(['rocket|unspecified|exact|6||']);
  });

  it('reads approximately from about, approx., around, some, nearly, roughly', () => {
    expect(keys('About 30 drones were launched at Odesa.')).toEqual(['drone|unspecified|approximately|30||']);
    expect(keys('Approx. 9 rockets landed near the airport.')).toEqual(['rocket|unspecified|approximately|9||']);
    expect(keys('Hezbollah fired some 40 rockets toward Kiryat Shmona.')).toEqual(['rocket|unspecified|approximately|40||']);
    expect(keys('Nearly two dozen missiles were fired overnight.')).toEqual(['missile|unspecified|approximately|24||']);
    expect(keys('Roughly 15 drones approached the port.')).toEqual(['drone|unspecified|approximately|15||']);
  });

  it('reads at_least and more_than as lower bounds', () => {
    expect(keys('At least seven people were killed in the market strike.')).toEqual(['killed|unspecified|at_least||7|']);
    expect(keys('More than 60 rockets were launched from Gaza.')).toEqual(['rocket|unspecified|more_than||60|']);
    expect(keys('The enemy launched over 20 drones overnight.')).toEqual(['drone|unspecified|more_than||20|']);
    expect(keys('In excess of 100 missiles were fired.')).toEqual(['missile|unspecified|more_than||100|']);
  });

  it('reads at_most from up to, as many as, no more than', () => {
    expect(keys('Up to 12 drones were launched toward the city.')).toEqual(['drone|unspecified|at_most|||12']);
    expect(keys('As many as 50 people were injured in the blast.')).toEqual(['injured|unspecified|at_most|||50']);
    expect(keys('No more than 3 rockets hit the base, an official said.')).toEqual(['rocket|unspecified|at_most|||3']);
  });

  it('reads fewer_than from fewer than, less than, under', () => {
    expect(keys('Fewer than 10 mortar rounds were fired at the outpost.')).toEqual(['projectile|unspecified|fewer_than|||10']);
    expect(keys('Less than five people were hurt.')).toEqual(['casualties|unspecified|fewer_than|||5']);
    expect(keys('Under 20 drones reached the Kyiv region.')).toEqual(['drone|unspecified|fewer_than|||20']);
  });

  it('reads ranges written with to, between ... and, a dash and or', () => {
    expect(keys('Three to four rockets struck the compound.')).toEqual(['rocket|unspecified|range||3|4']);
    expect(keys('Between 5 and 7 drones were seen over the base.')).toEqual(['drone|unspecified|range||5|7']);
    expect(keys('Militants fired 8-10 rockets at the airfield.')).toEqual(['rocket|unspecified|range||8|10']);
    expect(keys('Two or three mortars landed near the gate.')).toEqual(['projectile|unspecified|range||2|3']);
  });

  it('reads vague quantities with all numbers null', () => {
    expect(keys('Several rockets were fired at the embassy compound.')).toEqual(['rocket|unspecified|vague|||']);
    expect(keys('Dozens of drones targeted the energy grid.')).toEqual(['drone|unspecified|vague|||']);
    expect(keys('Tens of cruise missiles were launched.')).toEqual(['cruise_missile|unspecified|vague|||']);
    expect(keys('Multiple soldiers were wounded in the ambush.')).toEqual(['injured|military|vague|||']);
    expect(keys('A number of civilians were killed.')).toEqual(['killed|civilian|vague|||']);
    expect(keys('Scores of people were injured.')).toEqual(['injured|unspecified|vague|||']);
  });
});

describe('number words', () => {
  it('normalises words, dozens, scores and large numerals', () => {
    expect(keys('Ten rockets hit the base.')).toEqual(['rocket|unspecified|exact|10||']);
    expect(keys('A dozen drones were launched.')).toEqual(['drone|unspecified|exact|12||']);
    expect(keys('Iran fired three dozen missiles.')).toEqual(['missile|unspecified|exact|36||']);
    expect(keys('A score of rockets were fired from the orchard.')).toEqual(['rocket|unspecified|approximately|20||']);
    expect(keys('The base hosts 2,500 US troops.')).toEqual(['troops|military|exact|2500||']);
    expect(keys('The bombing killed one hundred and twelve people.')).toEqual(['killed|unspecified|exact|112||']);
    expect(keys('Twenty-five drones were launched from Crimea.')).toEqual(['drone|unspecified|exact|25||']);
  });

  it('counts with the indefinite article only for attack elements and casualties', () => {
    expect(keys('The outpost was struck by a rocket on Sunday.')).toEqual(['rocket|unspecified|exact|1||']);
    expect(keys('An unmanned aerial vehicle attacked the airfield.')).toEqual(['drone|unspecified|exact|1||']);
    expect(keys('A soldier was lightly wounded.')).toEqual(['injured|military|exact|1||']);
    // an attack, a base, a spokesman and a hangar are not counts
    expect(keys('A rocket attack targeted a base hosting coalition troops, a spokesman said. A hangar was damaged.')).toEqual([]);
  });

  it('reads the Arabic dual as two and per-location impacts', () => {
    const text = 'سقوط صاروخين على مطار بغداد، أحدهما سقط قرب المدرج والآخر سقط في أرض فارغة.';
    expect(keys(text)).toEqual(['rocket|unspecified|exact|2||', 'impacted|rocket|exact|1||', 'impacted|rocket|exact|1||']);
  });

  it('reads an indefinite Arabic singular after a fall or attack word as one, and a dual noun with its dual adjective once', () => {
    expect(keys('سقوط صاروخ قرب مطار بغداد')).toEqual(['rocket|unspecified|exact|1||']);
    expect(keys('هجوم بطائرتين مسيرتين على قاعدة حرير')).toEqual(['drone|unspecified|exact|2||']);
    expect(keys('سقوط الصاروخ في أرض زراعية')).toEqual([]);
  });

  it('reads Arabic-Indic digits converted by prepare', () => {
    expect(keys('إطلاق ٣ صواريخ باتجاه القاعدة')).toEqual(['rocket|unspecified|exact|3||']);
  });
});

describe('zeros from negations', () => {
  it('reads casualty zeros', () => {
    expect(keys('There were no casualties.')).toEqual(['casualties|unspecified|exact|0||']);
    expect(keys('No injuries were reported after the strike.')).toEqual(['injured|unspecified|exact|0||']);
    expect(keys('Nobody was hurt, police said.')).toEqual(['casualties|unspecified|exact|0||']);
    expect(keys('The blast caused no deaths.')).toEqual(['killed|unspecified|exact|0||']);
  });

  it('reads hedged zeros as zeros', () => {
    expect(keys('There were no immediate reports of casualties.')).toEqual(['casualties|unspecified|exact|0||']);
  });

  it('reads munition zeros', () => {
    expect(keys('No rockets were fired at the airport tonight.')).toEqual(['rocket|unspecified|exact|0||']);
    expect(keys('No explosions occurred near the embassy.')).toEqual(['explosion|unspecified|exact|0||']);
    expect(keys('Two rockets were launched but they did not land inside the base.')).toEqual([
      'rocket|unspecified|exact|2||',
      'impacted|rocket|exact|0||',
    ]);
  });

  it('does not read losses left open or damage as casualty zeros', () => {
    expect(keys('The explosion caused no significant losses.')).toEqual([]);
    expect(keys('There were no serious injuries, only material damage.')).toEqual([]);
    expect(keys('No damage was reported at the site.')).toEqual([]);
    expect(keys('No one was available for comment.')).toEqual([]);
  });
});

describe('numbers that are not counts', () => {
  it('ignores calibres, model and hull numbers', () => {
    expect(keys('Insurgents fired two 122 mm rockets and one 107mm rocket.')).toEqual([
      'rocket|unspecified|exact|2||',
      'rocket|unspecified|exact|1||',
    ]);
    // The model number is not a count, but it names the kind of missile (Kh-59: cruise).
    expect(keys('The enemy used 17 Shahed-136 drones and a Kh-59 missile.')).toEqual([
      'drone|unspecified|exact|17||',
      'cruise_missile|unspecified|exact|1||',
    ]);
    expect(keys('USS Carney (DDG 64) and HMS Richmond (F239) took part; F/A-18s flew cover.')).toEqual([]);
  });

  it('ignores ages, distances, durations, ordinals, years, dates and clock times', () => {
    expect(keys('A 19-year-old man was detained 5 km from the town at 22:40 on 4 June 2023.')).toEqual(['detained|unspecified|exact|1||']);
    expect(keys('The victims, aged 34 and 41, were named on Monday.')).toEqual([]);
    expect(keys('It was the 14th attack in 30 days; the base lies about 60 km north of the capital.')).toEqual([]);
    expect(keys('At 0315 hours on Feb. 2, 2021, sirens sounded for 10 minutes.')).toEqual([]);
    expect(keys('The operation, launched in 2014, ran from 3 to 7 May.')).toEqual([]);
  });

  it('ignores percentages that are not interception rates and counts of vessels or towns', () => {
    expect(keys('Prices rose 15% and dozens of merchant vessels changed course; residents of several towns took shelter.')).toEqual([]);
    expect(keys('Air defence destroyed 20 of 24 drones, a 83% interception rate.')).toEqual([
      'intercepted|drone|exact|20||',
      'drone|unspecified|exact|24||',
      'intercepted_pct|drone|exact|83||',
    ]);
  });
});

describe('several counts in one text', () => {
  it('separates launched, intercepted, landed and failed counts', () => {
    expect(keys('Gunmen fired 12 rockets from Lebanon toward Israel: 8 were intercepted, 3 landed in open fields and 1 fell short.')).toEqual([
      'rocket|unspecified|exact|12||',
      'intercepted|rocket|exact|8||',
      'impacted|rocket|exact|3||',
      'failed|rocket|exact|1||',
    ]);
  });

  it('reads X of Y and X out of Y as an outcome and a total', () => {
    expect(keys('Air defence shot down 31 out of 35 drones.')).toEqual(['intercepted|drone|exact|31||', 'drone|unspecified|exact|35||']);
    expect(keys('Ukraine destroyed 9 of 11 cruise missiles.')).toEqual([
      'intercepted|cruise_missile|exact|9||',
      'cruise_missile|unspecified|exact|11||',
    ]);
  });

  it('reads "of the N" as the whole a part is taken from', () => {
    expect(keys('Of the 9 drones launched, 7 were destroyed and 2 hit a warehouse.')).toEqual([
      'drone|unspecified|exact|9||',
      'intercepted|drone|exact|7||',
      'impacted|drone|exact|2||',
    ]);
    expect(keys('Nearly 80 percent of the 25 missiles were intercepted.')).toEqual([
      'intercepted_pct|missile|approximately|80||',
      'missile|unspecified|exact|25||',
    ]);
  });

  it('shares a verb across a list', () => {
    expect(keys('Six drones, two cruise missiles and one ballistic missile were shot down by the destroyer.')).toEqual([
      'intercepted|drone|exact|6||',
      'intercepted|cruise_missile|exact|2||',
      'intercepted|ballistic_missile|exact|1||',
    ]);
  });

  it('annotates subsets and totals', () => {
    const qs = quantities('11 people were injured (7 contractors / 4 soldiers) and one guard was killed.');
    expect(qs.map((q) => `${q.what}|${q.group}|${q.value}`)).toEqual([
      'injured|unspecified|11',
      'injured|contractor|7',
      'injured|military|4',
      'killed|unspecified|1',
    ]);
    expect(quantities('Troops killed nine militants, including two commanders.').map((q) => `${q.what}|${q.group}|${q.value}`)).toEqual([
      'killed|combatant|9',
      'killed|combatant|2',
    ]);
    expect(keys('Fourteen Palestinians, including three children, were killed in Tulkarm.')).toEqual([
      'killed|unspecified|exact|14||',
      'killed|civilian|exact|3||',
    ]);
  });

  it('derives a total from "all were destroyed"', () => {
    const qs = quantities('The militia launched two ballistic missiles and three drones, but all were destroyed.');
    expect(qs.map((q) => [q.what, q.group, q.value, q.detail ?? ''].join('|'))).toEqual([
      'ballistic_missile|unspecified|2|',
      'drone|unspecified|3|',
      'intercepted|mixed|5|derived',
    ]);
  });

  it('keeps both counts of "all 20" and annotates a repeated claim once', () => {
    expect(keys('Air defence destroyed all 20 drones launched overnight.')).toEqual([
      'intercepted|drone|exact|20||',
      'drone|unspecified|exact|20||',
    ]);
    expect(keys('Forces shot down 40 out of 42 drones. "40 out of 42 were shot down," the commander said.')).toEqual([
      'intercepted|drone|exact|40||',
      'drone|unspecified|exact|42||',
    ]);
  });

  it('reads killed and injured with people groups and the others of a group', () => {
    expect(quantities('The attack killed two U.S. soldiers and wounded 8 others.').map((q) => `${q.what}|${q.group}|${q.value}`)).toEqual([
      'killed|military|2',
      'injured|military|8',
    ]);
    expect(quantities('One contractor was killed and 4 were injured.').map((q) => `${q.what}|${q.group}|${q.value}`)).toEqual([
      'killed|contractor|1',
      'injured|unspecified|4',
    ]);
    expect(keys('Police detained more than 30 suspects.')).toEqual(['detained|unspecified|more_than||30|']);
  });

  it('reads tolls and ignores their deltas', () => {
    expect(keys('The death toll rose by two to 11, and the number of wounded was 40.')).toEqual([
      'killed|unspecified|exact|11||',
      'injured|unspecified|exact|40||',
    ]);
  });
});

describe('mentions and spans', () => {
  it('gives a mention that is the text at the span', () => {
    const text = 'Initial report: approx. 8 rockets struck near the runway; no injuries.';
    for (const q of quantities(text)) {
      expect(q.span).toBeDefined();
      expect(text.slice(q.span!.start, q.span!.end)).toBe(q.mention);
      expect(q.confidence).toBeGreaterThan(0);
      expect(q.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('maps spans back to the original text through extractClaim', () => {
    const text = 'Officials &amp; medics said 3 rockets hit the depot.';
    const claim = extractClaim({ text, postedAt: '2024-03-10' });
    expect(claim.quantities).toHaveLength(1);
    const q = claim.quantities[0]!;
    expect(q.what).toBe('rocket');
    expect(text.slice(q.span!.start, q.span!.end)).toBe('3 rockets hit');
  });

  it('never throws on odd input', () => {
    for (const t of ['', '   ', '1 2 3 4', '((((', 'a a a a', '\u0000\u202e7 rockets']) {
      expect(() => quantities(t)).not.toThrow();
    }
  });
});

describe('outcomes phrased beyond the tuning set', () => {
  it('reads "the other", "the second" and "another" as one more of the things counted', () => {
    expect(keys('Two drones flew toward the airfield; one was shot down and the other crashed into a field.')).toEqual([
      'drone|unspecified|exact|2||',
      'intercepted|drone|exact|1||',
      'impacted|drone|exact|1||',
    ]);
    expect(keys('Three rockets were fired. One was intercepted, the second fell short and the third hit a parking lot.')).toEqual([
      'rocket|unspecified|exact|3||',
      'intercepted|rocket|exact|1||',
      'failed|rocket|exact|1||',
      'impacted|rocket|exact|1||',
    ]);
    expect(keys('One missile was downed over the sea and another struck a grain terminal.')).toEqual([
      'intercepted|missile|exact|1||',
      'impacted|missile|exact|1||',
    ]);
    // "the other" that nothing happens to, or without a "one" before it, is not a count.
    expect(keys('The other side of the base was not affected.')).toEqual([]);
  });

  it('reads shot down, brought down, downed, destroyed, neutralised and "engaged and destroyed" as intercepted', () => {
    expect(keys('Four UAVs were brought down by electronic warfare units.')).toEqual(['intercepted|drone|exact|4||']);
    expect(keys('Two of the drones were engaged and destroyed by Coalition forces.')).toEqual(['intercepted|drone|exact|2||']);
    expect(keys('Air defence neutralised 17 attack drones over the Dnipropetrovsk region.')).toEqual(['intercepted|drone|exact|17||']);
    expect(keys('Six of them were downed before reaching the city.')).toEqual([]);
  });

  it('reads the main verb after a participle ("a drone launched from X was shot down")', () => {
    expect(keys('A drone launched from Yemen was shot down over the Red Sea.')).toEqual(['intercepted|drone|exact|1||']);
    expect(keys('Two rockets fired from southern Lebanon fell in open areas near Metula.')).toEqual(['rocket|unspecified|exact|2||']);
    expect(keys('Three missiles launched at the port were intercepted by Patriot batteries.')).toEqual(['intercepted|missile|exact|3||']);
  });

  it('reads impacts phrased as came down, hitting, crashed and slammed', () => {
    expect(keys('Five rockets were fired at the base; one of them came down near the runway.')).toEqual([
      'rocket|unspecified|exact|5||',
      'impacted|rocket|exact|1||',
    ]);
    expect(keys('Katyushas were launched at the airport, with two of them hitting a hangar.')).toEqual(['impacted|rocket|exact|2||']);
    expect(keys('Nine drones were launched and two of them crashed into apartment blocks.')).toEqual([
      'drone|unspecified|exact|9||',
      'impacted|drone|exact|2||',
    ]);
  });

  it('counts part of a salvo with its own launch verb, but not the whole twice', () => {
    expect(keys('Rockets hit the base; at least three of the rockets were launched from a truck.')).toEqual(['rocket|unspecified|at_least||3|']);
    expect(keys('Russia launched 64 drones overnight; 50 of the 64 drones were destroyed.')).toEqual([
      'drone|unspecified|exact|64||',
      'intercepted|drone|exact|50||',
    ]);
  });

  it('keeps the verb of a part off the whole ("most of which were shot down")', () => {
    expect(keys('The enemy attacked Kharkiv with about 25 drones, most of which were shot down.')).toEqual([
      'drone|unspecified|approximately|25||',
      'intercepted|drone|vague|||',
    ]);
    expect(keys('Police detained 40 people, most of whom were released the same day.')).toEqual(['detained|unspecified|exact|40||']);
  });

  it('derives totals from every one, each and both', () => {
    const derived = (text: string) => quantities(text).filter((q) => q.detail === 'derived').map((q) => `${q.group}|${q.value}`);
    expect(derived('The enemy launched 14 drones at Mykolaiv. Air defence destroyed every one of them.')).toEqual(['drone|14']);
    expect(derived('Two cruise missiles were fired at the port and both were intercepted.')).toEqual(['cruise_missile|2']);
    expect(derived('Five drones approached the ship; the destroyer shot down all of them.')).toEqual(['drone|5']);
    // "engaged both" restates the count; "both" over three is not a total.
    expect(derived('Two drones approached; air defences engaged both.')).toEqual([]);
  });

  it('reads zero outcomes: none struck, none reached', () => {
    expect(keys('The Houthis fired two anti-ship ballistic missiles; none struck a vessel.')).toEqual([
      'ballistic_missile|unspecified|exact|2||',
      'impacted|ballistic_missile|exact|0||',
    ]);
    expect(keys('No Resolute Support personnel were killed in the blast.')).toEqual(['killed|military|exact|0||']);
    expect(keys('There was no damage and two workers were injured.')).toEqual(['injured|unspecified|exact|2||']);
  });

  it('reads interception rates with their qualifiers', () => {
    expect(keys('Ukraine said 40 of 52 drones were shot down, an interception rate of about 77%.')).toEqual([
      'intercepted|drone|exact|40||',
      'drone|unspecified|exact|52||',
      'intercepted_pct|drone|approximately|77||',
    ]);
  });
});

describe('casualties phrased beyond the tuning set', () => {
  it('reads lists written as labels', () => {
    expect(keys('Zaporizhzhia. Killed: 2. Wounded: 9, including a child.')).toEqual([
      'killed|unspecified|exact|2||',
      'injured|unspecified|exact|9||',
      'injured|civilian|exact|1||',
    ]);
    expect(keys('Casualties – 4 dead, 11 injured.')).toEqual(['killed|unspecified|exact|4||', 'injured|unspecified|exact|11||']);
  });

  it('reads counted outcome nouns: injuries, deaths, impacts', () => {
    expect(keys('The raid caused more than 30 injuries and four deaths.')).toEqual([
      'injured|unspecified|more_than||30|',
      'killed|unspecified|exact|4||',
    ]);
    expect(keys('About 40 rockets were fired; several impacts were identified in Kiryat Shmona.')).toEqual([
      'rocket|unspecified|approximately|40||',
      'impacted|rocket|vague|||',
    ]);
  });

  it('reads people named by age, and ages that are not counts', () => {
    expect(keys('Three people were wounded, among them a 15-year-old.')).toEqual([
      'injured|unspecified|exact|3||',
      'injured|civilian|exact|1||',
    ]);
    expect(keys('Injured: 6, including 3 children aged 4, 9 and 12.')).toEqual([
      'injured|unspecified|exact|6||',
      'injured|civilian|exact|3||',
    ]);
  });

  it('reads deaths among the wounded and people still in hospital', () => {
    expect(keys('Two of the wounded later died in hospital, and nine people remain in hospital.')).toEqual([
      'killed|unspecified|exact|2||',
      'injured|unspecified|exact|9||',
    ]);
    expect(keys('Seven people were taken to hospital after the blast.')).toEqual(['injured|unspecified|exact|7||']);
  });

  it('links "N of them" to the people counted before across adverbs and places', () => {
    expect(quantities('The strike killed at least nine people in Rafah overnight, three of them children.').map((q) => `${q.what}|${q.group}|${q.value ?? q.min}`)).toEqual([
      'killed|unspecified|9',
      'killed|civilian|3',
    ]);
  });

  it('shares a verb left out of the second half of a pair', () => {
    expect(keys('Four rockets were fired: 3 landed in open ground and 1 inside the camp.')).toEqual([
      'rocket|unspecified|exact|4||',
      'impacted|rocket|exact|3||',
      'impacted|rocket|exact|1||',
    ]);
  });

  it('annotates a superseded figure', () => {
    const qs = quantities('Update: 6 rockets, not 3 as initially reported, struck near the airport.');
    expect(qs.map((q) => [q.what, q.value, q.detail ?? ''].join('|'))).toEqual(['rocket|6|', 'rocket|3|initial figure, superseded']);
  });
});

describe('attack elements beyond the tuning set', () => {
  it('counts an air strike, an airstrike and a drone strike, but not a bare strike', () => {
    expect(keys('An Israeli air strike on a school in Gaza City killed at least 8 people.')).toEqual([
      'air_strike|unspecified|exact|1||',
      'killed|unspecified|at_least||8|',
    ]);
    // a drone strike is one drone (event type drone_attack)
    expect(keys('A US drone strike hit a car in Marib.')).toEqual(['drone|unspecified|exact|1||']);
    expect(keys('A strike hit the depot.')).toEqual([]);
  });

  it('counts a car turned into a bomb', () => {
    expect(keys('A suicide bomber detonated an explosives-laden truck at the checkpoint.')).toEqual(['ied|unspecified|exact|1||']);
  });
});

describe('background events', () => {
  const posted = { postedAt: '2024-08-20T08:00:00Z', zoneHint: null };
  const bg = (text: string) => extractQuantities(prepareText(text), posted).map((q) => `${q.what}|${q.value}`);

  it('leaves out counts of an earlier event recalled in a clause', () => {
    expect(bg('Two drones hit the outpost where three soldiers were killed in a drone strike in January.')).toEqual(['drone|2']);
    expect(bg('Hezbollah fired 30 rockets in retaliation for an Israeli strike that killed two of its commanders.')).toEqual(['rocket|30']);
    expect(bg('Five rockets hit the base. Last month, a similar attack wounded 11 soldiers.')).toEqual(['rocket|5']);
  });

  it('keeps counts of the event itself, even when dated in an earlier month', () => {
    expect(bg('In July 2023, the base was attacked by six rockets, wounding two soldiers.')).toEqual(['rocket|6', 'injured|2']);
    expect(bg('The army said that 12 drones were shot down overnight.')).toEqual(['intercepted|12']);
  });
});

describe('more phrasings from official tallies and wires', () => {
  it('keeps an active verb over a list whose last item carries a participle', () => {
    expect(keys('Navy jets engaged and destroyed four cruise missiles and three UAS launched from Yemen toward the strait.')).toEqual([
      'intercepted|cruise_missile|exact|4||',
      'intercepted|drone|exact|3||',
    ]);
  });

  it('reads the main verb past a relative clause', () => {
    expect(keys('A drone that crossed from Syria was intercepted over the Golan.')).toEqual(['intercepted|drone|exact|1||']);
  });

  it('reads "N more" with the verb of the count before it', () => {
    expect(keys('Air defences destroyed 9 drones over the Oryol region and three more over the Tula region.')).toEqual([
      'intercepted|drone|exact|9||',
      'intercepted|drone|exact|3||',
    ]);
  });

  it('reads "among them" across an adverb and a person aged by decade', () => {
    expect(keys('Shelling killed six people late Friday, among them two women.')).toEqual(['killed|unspecified|exact|6||', 'killed|civilian|exact|2||']);
    expect(keys('A woman in her 60s was lightly injured by shrapnel.')).toEqual(['injured|civilian|exact|1||']);
  });

  it('counts air attack assets, not a salvo named by its weapons', () => {
    expect(keys('Overnight the enemy used 95 means of air attack against Ukraine.')).toEqual(['projectile|unspecified|exact|95||']);
    expect(keys('In total, 120 air attack assets were recorded: 40 missiles and 80 drones.')).toEqual([
      'projectile|unspecified|exact|120||',
      'missile|unspecified|exact|40||',
      'drone|unspecified|exact|80||',
    ]);
    expect(keys('The enemy carried out a combined missile and drone attack on Lviv.')).toEqual([]);
  });

  it('refines missiles by model names and bombs dropped from aircraft to air strikes', () => {
    expect(keys('Russia fired six Kinzhal missiles and four Kalibr missiles.')).toEqual([
      'ballistic_missile|unspecified|exact|6||',
      'cruise_missile|unspecified|exact|4||',
    ]);
    expect(keys('The occupiers dropped three guided aerial bombs on the village.')).toEqual(['air_strike|unspecified|exact|3||']);
  });

  it('reads sites aimed at after a launch verb', () => {
    expect(keys('Hezbollah fired rockets at 6 military positions in the Galilee.')).toEqual(['targeted_site|unspecified|exact|6||']);
  });

  it('reads "without causing human losses" as a zero', () => {
    expect(keys('Two mortar rounds hit the camp without causing any human or material losses.')).toEqual([
      'projectile|unspecified|exact|2||',
      'casualties|unspecified|exact|0||',
    ]);
  });

  it('reads interception rates stated anywhere in the sentence', () => {
    expect(keys('About 90% of the 40 drones launched at Odesa overnight were shot down.')).toEqual([
      'intercepted_pct|drone|approximately|90||',
      'drone|unspecified|exact|40||',
    ]);
  });
});

describe('heads and prepositions that look like counts', () => {
  it('reads a mixed salvo whose second noun has a modifier as one projectile count', () => {
    expect(keys('More than a dozen rockets and mortar rounds were fired at the base.')).toEqual(['projectile|unspecified|more_than||12|']);
    expect(keys('Gunmen fired 18 rockets and three mortar rounds.')).toEqual([
      'rocket|unspecified|exact|18||',
      'projectile|unspecified|exact|3||',
    ]);
  });

  it('keeps a singular head before a time adverb', () => {
    expect(keys('Militants fired a ballistic missile late on Monday at the base.')).toEqual(['ballistic_missile|unspecified|exact|1||']);
  });

  it('reads "the third" after a count that is not one', () => {
    expect(keys('Two of the three drones were shot down; the third struck a warehouse.')).toEqual([
      'intercepted|drone|exact|2||',
      'drone|unspecified|exact|3||',
      'impacted|drone|exact|1||',
    ]);
  });

  it('does not count a preposition and a number before a noun that is not counted', () => {
    expect(keys('The ministry said 41 drones were destroyed over six regions.')).toEqual(['intercepted|drone|exact|41||']);
    expect(keys('Over 20 were killed in the raid.')).toEqual(['killed|unspecified|more_than||20|']);
  });

  it('keeps unfired rockets out of the launch counts an impact is measured against', () => {
    expect(keys('Two rockets impacted near the embassy; police found a launcher with four unfired rockets.')).toEqual(['rocket|unspecified|exact|2||']);
  });

  it('reads sites attacked', () => {
    expect(keys('Drones attacked three airfields in the Kursk region.')).toEqual(['targeted_site|unspecified|exact|3||']);
  });
});

describe('structures seen in tallies, tolls and crime reports', () => {
  it('reads the parts after a colon with the verb of the whole', () => {
    expect(keys('Air defence shot down 70 targets: 30 missiles and 40 drones.')).toEqual([
      'intercepted|projectile|exact|70||',
      'intercepted|missile|exact|30||',
      'intercepted|drone|exact|40||',
    ]);
  });

  it('reads a verb after a coordinated noun phrase and "all X were downed" as a derived total', () => {
    const qs = quantities('Russia fired 40 missiles and 12 drones; 31 missiles and all drones were downed.');
    expect(qs.map((q) => [q.what, q.group, q.value, q.detail ?? ''].join('|'))).toEqual([
      'missile|unspecified|40|',
      'drone|unspecified|12|',
      'intercepted|missile|31|',
      'intercepted|drone|12|derived',
    ]);
  });

  it('reads "a number of them" as a part of what was counted before', () => {
    expect(keys('Some 50 rockets were fired; a number of them were intercepted.')).toEqual([
      'rocket|unspecified|approximately|50||',
      'intercepted|rocket|vague|||',
    ]);
  });

  it('reads "along with N" with the verb of the sentence', () => {
    expect(keys('The commander was killed in the strike along with four civilians.')).toEqual(['killed|civilian|exact|4||']);
  });

  it('does not take an active verb with an object for what happened to its subject', () => {
    expect(keys('A gunman stabbed three people near the station.')).toEqual(['casualties|unspecified|exact|3||']);
    expect(keys('Two adults were killed.')).toEqual(['killed|unspecified|exact|2||']);
  });

  it('reads a superseded toll', () => {
    const qs = quantities('The strike killed 45 people, officials said, revising an earlier toll of 32.');
    expect(qs.map((q) => [q.what, q.value, q.detail ?? ''].join('|'))).toEqual(['killed|45|', 'killed|32|initial figure, superseded']);
  });
});

describe('parts and targets across sentences and strikes', () => {
  it('reads "N of them were <people>" opening the next sentence as a part of the people counted before', () => {
    expect(keys('The strike killed six paramedics. Two of them were women.')).toEqual(['killed|unspecified|exact|6||', 'killed|civilian|exact|2||']);
  });

  it('reads targets of strikes', () => {
    expect(keys('Jets conducted strikes on more than 30 targets at 8 locations.')).toEqual([
      'targeted_site|unspecified|more_than||30|',
      'targeted_site|unspecified|exact|8||',
    ]);
  });

  it('reads Arabic interception verbs', () => {
    expect(keys('الدفاعات الجوية تسقط طائرتين مسيرتين قرب المطار')).toEqual(['intercepted|drone|exact|2||']);
  });
});

describe('coordination and outcome places', () => {
  it('reads a salvo of three kinds and coordinated kinds of missile', () => {
    expect(keys('Hezbollah fired about 90 rockets, missiles and drones at Haifa.')).toEqual(['projectile|unspecified|approximately|90||']);
    expect(keys('The Houthis used a number of ballistic and cruise missiles.')).toEqual(['missile|unspecified|vague|||']);
  });

  it('reads "no damage or casualties" as a casualty zero', () => {
    expect(keys('No damage or casualties were reported.')).toEqual(['casualties|unspecified|exact|0||']);
  });

  it('reads places where hits were recorded', () => {
    expect(keys('Hits were recorded in 6 locations and debris fell in 3 locations.')).toEqual([
      'locations_hit|unspecified|exact|6||',
      'debris_sites|unspecified|exact|3||',
    ]);
  });

  it('reads a second object of a casualty verb, but not a clause with its own verb', () => {
    expect(keys('The strike killed the group\'s commander and three of his guards.')).toEqual(['killed|unspecified|exact|3||']);
    expect(keys('Police arrested 6 suspects, and 2 others remain at large.')).toEqual(['detained|unspecified|exact|6||']);
  });

  it('reads "among the dead"', () => {
    expect(keys('Four children were among the dead.')).toEqual(['killed|civilian|exact|4||']);
  });
});

describe('casualty wording from wires and ministries', () => {
  it('reads singular people nouns, family members and passers-by', () => {
    expect(keys('The raid killed 9 people, including a paramedic.')).toEqual(['killed|unspecified|exact|9||', 'killed|unspecified|exact|1||']);
    expect(keys('A woman was killed and her two sons were wounded.')).toEqual(['killed|civilian|exact|1||', 'injured|unspecified|exact|2||']);
    expect(keys('The blast injured three passers-by.')).toEqual(['injured|unspecified|exact|3||']);
  });

  it('reads martyrs, KIA and WIA', () => {
    expect(keys('The bombardment left 4 martyrs.')).toEqual(['killed|unspecified|exact|4||']);
    expect(keys('Casualties: 1 KIA, 3 WIA.')).toEqual(['killed|unspecified|exact|1||', 'injured|unspecified|exact|3||']);
  });

  it('does not read treatment for shock as an injury', () => {
    expect(keys('Two people were treated for shock.')).toEqual([]);
  });
});

describe('ages in apposition and "some of which"', () => {
  it('reads a number between commas after a person as an age', () => {
    expect(keys('One man, 41, was killed and a woman, 35, was injured.')).toEqual(['killed|unspecified|exact|1||', 'injured|civilian|exact|1||']);
  });

  it('reads "some of which were intercepted" as a vague part', () => {
    expect(keys('About 12 projectiles were detected, some of which were intercepted.')).toEqual([
      'projectile|unspecified|approximately|12||',
      'intercepted|projectile|vague|||',
    ]);
  });
});

describe('one more, interceptors and adverbs', () => {
  it('reads "wounded another" as one more person', () => {
    expect(keys('A tank shell killed a paramedic and wounded another near the clinic.')).toEqual([
      'projectile|unspecified|exact|1||',
      'killed|unspecified|exact|1||',
      'injured|unspecified|exact|1||',
    ]);
  });

  it('does not count the defender\'s interceptor, and keeps a head before an adverb', () => {
    expect(keys('Fragments of an interceptor missile damaged a car.')).toEqual([]);
    expect(keys('A cruise missile briefly entered Moldovan airspace.')).toEqual(['cruise_missile|unspecified|exact|1||']);
  });

  it('reads "and five more" further from its verb', () => {
    expect(keys('Eleven drones were intercepted and destroyed over the territory of the Bryansk region, and five more over the Oryol region.')).toEqual([
      'intercepted|drone|exact|11||',
      'intercepted|drone|exact|5||',
    ]);
  });
});

describe('"a third" and majorities', () => {
  it('reads "a third" after a count as one more, with the group of the people before', () => {
    expect(quantities('Two soldiers were killed and a third was seriously injured.').map((q) => `${q.what}|${q.group}|${q.value}`)).toEqual([
      'killed|military|2',
      'injured|military|1',
    ]);
    expect(keys('Two drones were downed over the sea while a third hit a fuel depot.')).toEqual([
      'intercepted|drone|exact|2||',
      'impacted|drone|exact|1||',
    ]);
  });

  it('reads "the majority of which" as a vague part', () => {
    expect(keys('A total of 30 launches were identified, the majority of which fell in open areas.')).toEqual([
      'projectile|unspecified|exact|30||',
      'impacted|projectile|vague|||',
    ]);
  });
});

describe('more zeros', () => {
  it('reads "reported hurt", demonym subjects and "were not reported"', () => {
    expect(keys('No one was reported hurt.')).toEqual(['casualties|unspecified|exact|0||']);
    expect(keys('No Israelis were injured.')).toEqual(['injured|unspecified|exact|0||']);
    expect(keys('Casualties were not immediately reported.')).toEqual(['casualties|unspecified|exact|0||']);
  });

  it('does not read a positive statement as a zero', () => {
    expect(keys('The crew were unharmed and the vessel continued to its next port.')).toEqual([]);
  });
});

describe('clause boundaries and derived losses', () => {
  it('does not carry a verb back over a semicolon ("engaged all three; two were shot down")', () => {
    expect(keys('Three drones approached the base. Air defences engaged all three; two were shot down and one exploded near the fence.')).toEqual([
      'drone|unspecified|exact|3||',
      'intercepted|drone|exact|2||',
      'impacted|drone|exact|1||',
    ]);
  });

  it('derives a total of drones or missiles lost from radar', () => {
    const qs = quantities('The enemy launched two guided missiles and 20 drones; both missiles were lost from radar.');
    expect(qs.filter((q) => q.detail === 'derived').map((q) => `${q.what}|${q.group}|${q.value}`)).toEqual(['lost_or_suppressed|missile|2']);
  });
});
