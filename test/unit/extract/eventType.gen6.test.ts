import { describe, expect, it } from 'vitest';
import { extractClaim } from '../../../src/extract/index.ts';

function typeOf(text: string): string {
  return extractClaim({ text, postedAt: '2024-05-06', source: { kind: 'news', name: 'wire' } }).event_type;
}

describe('rockets and drones in one salvo (gen6)', () => {
  it('calls a counted salvo of rockets and drones a combined attack', () => {
    expect(typeOf('About 150 rockets and some 15 drones were fired from the north at the valley towns on Tuesday, the army said.')).toBe('other');
    expect(typeOf('The group said it fired 40 Katyusha rockets at three army posts, followed by a swarm of attack drones.')).toBe('other');
  });

  it('keeps rockets alone, a drone with past rocket fire, or two attacks joined by "while" as they were', () => {
    expect(typeOf('About 150 rockets were fired from the north at the valley towns on Tuesday, the army said.')).toBe('rocket_attack');
    expect(typeOf('A drone hit a hangar at the airport on Monday. The airport has been targeted by rocket fire several times this year.')).toBe('drone_attack');
    expect(typeOf('The group launched a swarm of drones at a camp near the coast, while dozens of rockets targeted two towns in the hills.')).toBe('rocket_attack');
  });

  it('keeps a salvo with missiles in it a missile attack', () => {
    expect(typeOf('Some 30 missiles, 40 rockets and 20 drones were launched at the city overnight.')).toBe('missile_attack');
  });
});

describe('a single interception told as air defence (gen6)', () => {
  it('calls a warship destroying one drone with its air-defence system an interception report', () => {
    expect(typeOf('Early today, HMS Defender destroyed a suspected attack drone that was heading for cargo ships in the southern sea lanes, using its Sea Viper air-defence system.')).toBe('interception_report');
  });

  it('reads "aerial defense system" as air defence', () => {
    expect(typeOf('A ballistic missile launched toward the south of the country was intercepted by the Arrow aerial defense system. No injuries were reported.')).toBe('interception_report');
  });

  it('keeps an attack when more were launched than downed, or when someone was hurt', () => {
    expect(typeOf('Three drones targeted the base on Friday; air defences shot down one of them and the others hit a warehouse.')).toBe('drone_attack');
    expect(typeOf('A drone was shot down by air defences over the town, but falling debris wounded two people.')).toBe('drone_attack');
  });
});

describe('precision-guided munitions (gen6)', () => {
  it('reads targets hit with precision-guided munitions as an air strike', () => {
    expect(typeOf('At 3 a.m. local time, the task force hit more than 20 targets at eight militia sites, using over 50 precision-guided munitions.')).toBe('airstrike');
  });

  it('does not read a militia attack with no such munitions as one', () => {
    expect(typeOf('At 3 a.m. local time, militants hit the base with 20 rockets.')).toBe('rocket_attack');
  });
});

describe("a state's raids on sites (gen6)", () => {
  it('reads "the overnight Israeli raids on sites" as air strikes', () => {
    expect(typeOf('A monitor said the overnight Israeli raids on sites near Homs killed at least seven fighters.')).toBe('airstrike');
  });

  it('keeps a raid with no state named a combined operation', () => {
    expect(typeOf('Security forces conducted a raid on a hideout near the border, and four militants were killed.')).toBe('other');
  });
});
