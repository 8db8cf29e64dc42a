import { describe, expect, it } from 'vitest';
import { classifyEvent } from '../../../src/extract/eventType.ts';
import { prepareText } from '../../../src/extract/prepare.ts';
import { extractQuantities } from '../../../src/extract/quantities.ts';

function type(text: string): string {
  const ctx = { postedAt: '2024-02-01T10:00:00Z', zoneHint: null };
  const p = prepareText(text);
  return classifyEvent(p, ctx, extractQuantities(p, ctx)).event_type;
}

describe('air-defence reports with small numbers or no weapon named', () => {
  it.each([
    ["Jordanian air defences shot down a drone that violated the kingdom's airspace over Mafraq; no one was hurt.", 'interception_report'],
    ['The army said a UAV that entered the country from the north was downed near the border; another crashed in an empty field.', 'drone_attack'],
    ['Two drones that breached Moldovan airspace were intercepted near Ocnita.', 'interception_report'],
    ['The air force shot down a drone carrying weapons that had crossed from Syria into Jordanian airspace.', 'interception_report'],
    ['Eight projectiles were detected crossing from Lebanon; six were intercepted and two fell in open areas.', 'interception_report'],
    ['Overnight, air defence was activated over the Kursk district. According to preliminary data there were no casualties.', 'interception_report'],
    // named rockets with interceptions stay a rocket attack
    ['About 30 rockets were identified crossing from Lebanon; most were intercepted.', 'rocket_attack'],
    // a single drone shot down near a base it targeted is a drone attack
    ['A one-way attack drone launched from Syria was shot down near the Tanf garrison.', 'drone_attack'],
  ] as const)('%s -> %s', (text, expected) => {
    expect(type(text)).toBe(expected);
  });

  it('keeps a large national tally an interception report when debris injured someone, not when people died', () => {
    expect(type('Russia launched 40 drones and 3 missiles overnight; the air force said 35 drones and all missiles were shot down. Two people were injured in Kharkiv.')).toBe(
      'interception_report',
    );
    expect(type('Russia launched 40 drones overnight; 35 were shot down. Two people were killed in Kharkiv.')).toBe('drone_attack');
    expect(type('The enemy attacked the region with 9 drones at night; air defence shot down 6 of them. A man was injured.')).toBe('drone_attack');
  });
});

describe('weapons named by idiom', () => {
  it('reads a drone strike as a drone attack', () => {
    expect(type('A drone strike on a car near Jenin killed two militants.')).toBe('drone_attack');
  });

  it("reads the Russian defence ministry's long-range precision weapons as missiles, also beside drones", () => {
    expect(type('The Russian Armed Forces launched a massive strike with high-precision long-range weapons and attack drones on energy facilities.')).toBe(
      'missile_attack',
    );
    expect(type('A strike with long-range precision-guided weapons hit a fuel depot near Kramatorsk.')).toBe('missile_attack');
  });
});

describe('gun attacks on posts and combined attacks', () => {
  it.each([
    ['Militants attacked a security forces check post in Lakki Marwat; two soldiers were martyred in the ensuing exchange of fire.', 'small_arms'],
    ['Terrorists attacked a police post near Tank overnight, killing three constables.', 'small_arms'],
    ['Gunmen attacked a police checkpoint in Dera Ismail Khan, killing three officers.', 'small_arms'],
    ['Militants ambushed a police patrol in Khyber, killing four policemen.', 'small_arms'],
    ['A car packed with explosives blew up near the gate of the base in Baidoa.', 'ied'],
    ['A suicide bomber detonated an explosives-laden vehicle at the gate before gunmen stormed the compound, killing nine.', 'other'],
    ['The siege began with a car bomb, followed by gunfire that went on for hours.', 'other'],
    ['The attackers detonated a suicide vest at the entrance before opening fire on the guests.', 'other'],
    ['Fighters overran an army base near Balad after a truck bomb blew open the gate.', 'other'],
    ['A car bomb exploded outside a hotel in Mogadishu, killing seven people.', 'ied'],
    // a background assault does not turn a roadside bombing into a gun attack
    ['A roadside bomb struck a police van in Tank, killing four; the blast came a day after militants attacked an army post nearby.', 'ied'],
  ] as const)('%s -> %s', (text, expected) => {
    expect(type(text)).toBe(expected);
  });
});
