import { describe, expect, it } from 'vitest';
import type { PostContext } from '../../../src/domain/claim.ts';
import { classifyEvent } from '../../../src/extract/eventType.ts';
import { extractClaim } from '../../../src/extract/index.ts';
import { prepareText } from '../../../src/extract/prepare.ts';
import { extractQuantities } from '../../../src/extract/quantities.ts';

function read(text: string, source?: PostContext['source']) {
  const ctx = { postedAt: '2024-02-01T10:00:00Z', source, zoneHint: null };
  const p = prepareText(text);
  return classifyEvent(p, ctx, extractQuantities(p, ctx));
}

describe('event type', () => {
  it.each([
    ['Three Katyusha rockets landed near the airport perimeter.', 'rocket_attack'],
    ['Indirect fire struck the logistics hub; two contractors were wounded.', 'rocket_attack'],
    ['Mortar rounds hit the outpost overnight.', 'rocket_attack'],
    ['Iran launched 11 ballistic missiles at the air base.', 'missile_attack'],
    ['The Houthis launched one-way attack drones and two anti-ship cruise missiles toward the shipping lane.', 'missile_attack'],
    ['A one-way attack drone struck the patrol base, wounding three soldiers.', 'drone_attack'],
    ['U.S. aircraft conducted airstrikes on weapons depots in western Iraq.', 'airstrike'],
    ['A roadside bomb hit a supply convoy near Samawah.', 'ied'],
    ['Two suicide bombers blew themselves up at the checkpoint.', 'ied'],
    ['Gunmen opened fire on worshippers leaving the mosque, killing five.', 'small_arms'],
    ['Air defence destroyed 27 of 30 Shahed drones overnight.', 'interception_report'],
    ['The destroyer shot down four drones and a cruise missile over the Red Sea.', 'interception_report'],
    ['The operation in the camp continued for a second day; 9 people were killed.', 'other'],
  ] as const)('%s -> %s', (text, expected) => {
    expect(read(text).event_type).toBe(expected);
  });

  it('keeps rocket salvos with interceptions as rocket attacks', () => {
    expect(read('Forty rockets were fired from Lebanon; 30 were intercepted by Iron Dome.').event_type).toBe('rocket_attack');
  });

  it('reads an air force tally of launches as an interception report', () => {
    const source = { kind: 'social', name: 'Ukrainian Air Force (Telegram)' };
    expect(read('Overnight the enemy launched 33 Shahed attack UAVs from the south.', source).event_type).toBe('interception_report');
  });

  it('reads a wire report of an air force count of launches as an interception report', () => {
    expect(read("Russia launched 45 Shahed drones at Ukraine overnight, Ukraine's air force said.").event_type).toBe('interception_report');
    expect(read('Russia launched 45 Shahed drones at Ukraine overnight, killing two people in Sumy.').event_type).toBe('drone_attack');
  });

  it('gives a span inside the text and a confidence', () => {
    const text = 'Militants fired 4 rockets at the base.';
    const r = read(text);
    expect(r.span).toBeDefined();
    expect(text.slice(r.span!.start, r.span!.end).toLowerCase()).toContain('rocket');
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it('falls back to other with low confidence when no weapon is named', () => {
    const r = read('Officials confirmed that several people were killed in the attack near the market.');
    expect(r.event_type).toBe('other');
    expect(r.confidence).toBeLessThan(0.5);
  });
});

describe('event type on phrasings beyond the tuning set', () => {
  it.each([
    // Bombs dropped from aircraft are air strikes, whatever they are called.
    ['Russian aircraft dropped two guided aerial bombs on Kupiansk, wounding four residents.', 'airstrike'],
    ['A KAB-250 glide bomb hit a supermarket in Zaporizhzhia in the afternoon.', 'airstrike'],
    // "missile strike" names the weapon; a bare "strike" with no weapon is read as an air strike.
    ['A Russian missile strike on Kryvyi Rih killed two people on Monday.', 'missile_attack'],
    ['The strike levelled a house in Deir al-Balah, killing six members of one family.', 'airstrike'],
    // One or two drones shot down out of an attack that got through is a drone attack, not a tally.
    ['Two drones approached the Erbil base; one was downed and the other struck a warehouse.', 'drone_attack'],
    ['A drone launched from Iraq was shot down over the Golan Heights on Sunday evening.', 'drone_attack'],
    ['Three UAVs targeted the Mission Support Site; one of them was brought down by base defences.', 'drone_attack'],
    // Tallies: several shot down, most shot down, all shot down.
    ['Air defence units shot down 14 of 17 drones over the Sumy and Poltava regions.', 'interception_report'],
    ['Russia attacked the Mykolaiv region with about 30 drones overnight, most of which were destroyed.', 'interception_report'],
    ['Two Houthi drones were launched toward the destroyer and both were shot down.', 'interception_report'],
    // Explosions alone: a bombing on land when people were hurt, unknown at sea.
    ['Three explosions were reported near a bulk carrier west of Hodeidah; the crew is safe.', 'other'],
    ['An explosion at a police checkpoint in Kirkuk killed two officers.', 'ied'],
    ['Two blasts were heard near the base after it was targeted by drones.', 'drone_attack'],
    ['A suicide bomber drove an explosives-laden truck into the gate of the compound.', 'ied'],
    ['An explosion hit a supply convoy near Diwaniyah, causing no casualties.', 'ied'],
    ['Explosions were heard in Kyiv as air defence worked; debris injured two people.', 'other'],
    ['Israeli jets struck a house in Khan Younis, killing four people.', 'airstrike'],
    // A bare strike in the war in Ukraine does not say with what.
    ['A Russian strike on a residential building in Dnipro killed five people.', 'other'],
    ['An Israeli strike on a car near Tyre killed two Hezbollah members.', 'airstrike'],
    // A combined operation stays "other" unless a weapon is counted.
    ['Israeli forces pressed on with the operation in Tulkarm, using drone strikes and bulldozers; 8 people were killed.', 'other'],
    ['Troops killed nine gunmen during a raid on the camp.', 'other'],
    // An interceptor is not the attacking weapon; a salvo is judged by the first weapon counted in it.
    ['Shrapnel from an interceptor missile lightly injured a man in Haifa.', 'other'],
    ['Hezbollah fired about 150 rockets, missiles and drones at the Galilee.', 'rocket_attack'],
    ['Iran fired more than 300 missiles and drones toward Israel; 4 people were hurt.', 'missile_attack'],
    ['During the raid, an air strike on a house killed three militants.', 'airstrike'],
  ] as const)('%s -> %s', (text, expected) => {
    expect(read(text).event_type).toBe(expected);
  });
});

describe('IDF', () => {
  it('reads IDF as indirect fire in coalition posts about rockets', () => {
    const r = read('Initial report: 3 IDF rockets impacted Union III; no injuries.', { kind: 'social', name: 'OIR Spokesman' });
    expect(r.acronyms).toEqual({ IDF: 'indirect_fire' });
    expect(r.event_type).toBe('rocket_attack');
  });

  it('reads IDF as the Israel Defense Forces in Israeli contexts', () => {
    const r = read('The IDF said 15 rockets were fired from Gaza, 12 of which were intercepted.', { kind: 'news', name: 'Wire' });
    expect(r.acronyms).toEqual({ IDF: 'israel_defense_forces' });
    expect(r.event_type).toBe('rocket_attack');
  });

  it('uses the source when the text alone does not tell', () => {
    expect(read('IDF aircraft struck a weapons depot.', { kind: 'social', name: 'IDF', account: '@IDF' }).acronyms.IDF).toBe('israel_defense_forces');
  });

  it('records nothing when there is no IDF', () => {
    expect(read('Rockets hit the base.').acronyms).toEqual({});
  });
});

describe('hedges and corrections', () => {
  it('keeps hedges in text order', () => {
    const r = read('Initial reports indicate 2 rockets; preliminary figures show no immediate reports of injuries.');
    expect(r.hedges).toEqual(['Initial reports', 'preliminary figures', 'no immediate reports']);
  });

  it('flags updates and corrections', () => {
    expect(read('Update: the number of wounded rose to 14.').correction).toBe(true);
    expect(read('Correction: five rockets, not six, were fired.').correction).toBe(true);
    expect(read('Five rockets were fired at the base.').correction).toBe(false);
  });

  it('comes through extractClaim with spans on the original text', () => {
    const text = 'UPDATE: 2 drones &amp; 1 missile were shot down near the port.';
    const claim = extractClaim({ text, postedAt: '2024-02-01', source: { kind: 'official_release', name: 'Command' } });
    expect(claim.event_type).toBe('interception_report');
    expect(claim.correction).toBe(true);
    expect(claim.event_type_span).toBeDefined();
    expect(text.slice(claim.event_type_span!.start, claim.event_type_span!.end)).toBe('2 drones');
    expect(claim.quantities.map((q) => `${q.what}|${q.group}|${q.value}`)).toEqual(['intercepted|drone|2', 'intercepted|missile|1']);
  });
});
