import { describe, expect, it } from 'vitest';
import { extractClaim } from '../../../src/extract/index.ts';

function typeOf(text: string): string {
  return extractClaim({ text, postedAt: '2024-02-03', source: { kind: 'news', name: 'wire' } }).event_type;
}

describe('event type (gen5)', () => {
  it('keeps a missile salvo with impacts an attack when the interceptions are vague', () => {
    expect(typeOf('Officials said at least three missiles landed inside the air base, while several others were shot down.')).toBe('missile_attack');
  });

  it('still calls a vague tally with nothing through an interception report', () => {
    expect(typeOf('Air defences shot down most of the drones launched overnight, the air force said.')).toBe('interception_report');
  });
});

describe('event type cues (gen5)', () => {
  it("reads a state's aircraft or forces hitting counted targets as an air strike", () => {
    expect(typeOf('U.S. forces struck the militias in Iraq at 4 p.m. on Feb. 2. Aircraft including B-52 bombers hit more than 50 targets across six facilities.')).toBe('airstrike');
    expect(typeOf('Two suicide bombers struck the market, killing nine people.')).toBe('ied');
  });

  it('calls a salvo with ballistic missiles in it a missile attack, rockets alone a rocket attack', () => {
    expect(typeOf("Last night's attack on the base involved 12 ballistic missiles and rockets, of which 10 were intercepted; two landed on the base.")).toBe('missile_attack');
    expect(typeOf('Militants fired 12 rockets at the base; 10 were intercepted and two landed.')).toBe('rocket_attack');
  });

  it('calls a destroyer downing missiles and several drones an interception report', () => {
    expect(typeOf('A U.S. Navy destroyer engaged and downed two anti-ship cruise missiles and several drones earlier today after they were launched from Yemen.')).toBe('interception_report');
  });

  it('reads an operation told as an exchange of fire as small arms, a bare operation as other', () => {
    expect(typeOf('Security forces conducted an intelligence-based operation in Tank district. During the intense exchange of fire, four terrorists were killed.')).toBe('small_arms');
    expect(typeOf('Security forces conducted an intelligence-based operation in Tank district, and four terrorists were killed.')).toBe('other');
  });
});

describe('a diversion is not the weapon of the attack (gen5)', () => {
  it('reads rockets fired to occupy air defences as a diversion from a drone attack', () => {
    expect(typeOf("The group launched a squadron of attack drones at a camp near Haifa, while dozens of rockets targeted Acre to occupy the enemy's air defences.")).toBe('drone_attack');
    expect(typeOf('The group launched a squadron of attack drones at a camp near Haifa, while dozens of rockets targeted Acre and Nahariya and Safed.')).toBe('rocket_attack');
  });
});
