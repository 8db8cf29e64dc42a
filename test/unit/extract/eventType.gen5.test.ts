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
