import fc from 'fast-check';
import { fcRuns } from '../../support/fcRuns.ts';
import { describe, expect, it } from 'vitest';
import { prepareText } from '../../../src/extract/prepare.ts';
import { extractEventTime } from '../../../src/extract/time.ts';
import { formatUtc, zonedToUtcMs } from '../../../src/extract/zones.ts';

// Pieces of time expressions and traps, shuffled into random texts.
const PIECES = [
  'on', 'at', 'approx', 'about', 'between', 'and', 'to', '(', ')', ',', '.', 'said', 'As of', 'since', 'the night of',
  'overnight', 'tonight', 'this evening', 'yesterday', 'Tuesday', 'Friday morning', 'early Sunday', 'March 3', '3 July',
  'Feb. 29, 2024', '24–25 May', 'January 2020', '7:20 a.m.', '5.30 pm', '11pm', '2130 hours', '0220', '1035 GMT',
  '16:30', 'noon', 'local time', '(Iraqi time)', 'Sanaa time', 'ET', 'EST', 'AST', 'UTC+3', 'Hours earlier',
  '15 minutes later', 'DDG 107', '2021', 'rockets', 'struck', 'the base',
];
const ZONES = [null, 'Asia/Baghdad', 'Europe/Kyiv', 'America/New_York', 'Asia/Kabul', 'Asia/Jerusalem'];

const textArb = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 14 }).map((a) => a.join(' '));
const postArb = fc.oneof(
  fc.date({ min: new Date('2015-01-01T00:00Z'), max: new Date('2030-12-31T00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date('2015-01-01T00:00Z'), max: new Date('2030-12-31T00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.string({ maxLength: 12 }),
);

describe('event time on arbitrary text', () => {
  it('never throws, quotes the text, and keeps local, zone and UTC consistent', () => {
    fc.assert(
      fc.property(textArb, postArb, fc.constantFrom(...ZONES), (text, postedAt, zoneHint) => {
        const p = prepareText(text);
        const t = extractEventTime(p, { postedAt, zoneHint });
        if (!t) return;
        for (const piece of t.mention.split(' ... ')) expect(p.text).toContain(piece);
        expect(t.span!.start).toBeGreaterThanOrEqual(0);
        expect(t.span!.end).toBeLessThanOrEqual(p.text.length);
        if (t.utc) {
          expect(t.tz).not.toBeNull();
          expect(['minute', 'hour']).toContain(t.precision);
          const [d, hm] = t.local!.split('T');
          const [y, m, day] = d!.split('-').map(Number);
          const [hh, mm] = hm!.split(':').map(Number);
          const ms = zonedToUtcMs({ y: y!, m: m!, d: day!, hh: hh!, mm: mm! }, t.tz!);
          expect(formatUtc(ms!)).toBe(t.utc);
        }
        if (t.precision === 'day' || t.precision === 'part_of_day') expect(t.local).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (t.precision === 'month') expect(t.local).toMatch(/^\d{4}-\d{2}$/);
      }),
      { numRuns: fcRuns(1500), seed: 20240601 },
    );
  });
});
