import { describe, expect, it } from 'vitest';
import { applyClaim, candidateWindow, isCandidate } from '../../../src/compare/match.ts';
import { clusterRecords } from '../../../src/compare/memory.ts';
import type { ClaimRecord } from '../../../src/compare/records.ts';
import { at, count, lookup, partition, permutations, PLACES, report, time } from './fixtures.ts';

const cluster = (records: ClaimRecord[]) => clusterRecords(records, { placeInfo: lookup });

/** The seed: a spokesperson's exact count and time, a news report's "at least ten" at a variant name. */
const spokesperson = report({
  id: 'spox-1',
  author: 'CoalitionSpox',
  source: 'Coalition spokesperson',
  kind: 'social',
  postedAt: '2022-06-10T05:05:00Z',
  time: time('2022-06-10T07:40', 'Asia/Baghdad', 'minute', '2022-06-10T04:40Z', true),
  places: [at(PLACES.alAsad, 'Al Asad Airbase')],
  quantities: [count('rocket', 10, 'exact', 'unspecified', '10 IDF rockets')],
});
const newsWire = report({
  id: 'wire-1',
  source: 'Example Wire',
  postedAt: '2022-06-10T09:30:00Z',
  time: time('2022-06-10', 'Asia/Baghdad', 'part_of_day'),
  places: [{ ...at(PLACES.alAsad, 'Ain al-Asad'), name: 'Ain al-Asad' }, at(PLACES.westernIraq, 'western Iraq')],
  quantities: [count('rocket', 10, 'at_least', 'unspecified', 'at least ten rockets')],
});

describe('matching claims into incidents', () => {
  it('joins the seed reports into one incident corroborated on count and place', () => {
    const { incidents } = cluster([spokesperson, newsWire]);
    expect(incidents).toHaveLength(1);
    const s = incidents[0]!.summary;
    expect(s.status).toBe('corroborated');
    expect(s.discrepancies).toEqual([]);
    const agreed = s.agreements.map((a) => `${a.field}:${a.key}`);
    expect(agreed).toContain('quantity:rocket/unspecified');
    expect(agreed).toContain('place:place');
    expect(s.sources.map((x) => x.label).sort()).toEqual(['Coalition spokesperson', 'Example Wire']);
  });

  it('keeps two attacks on the same base on different days apart', () => {
    const later = report({
      id: 'wire-2',
      source: 'Example Wire',
      postedAt: '2022-06-12T10:00:00Z',
      time: time('2022-06-12', 'Asia/Baghdad', 'day'),
      places: [at(PLACES.alAsad)],
      quantities: [count('rocket', 10)],
    });
    expect(cluster([spokesperson, later]).incidents).toHaveLength(2);
  });

  it('keeps two attacks on different bases on the same day apart', () => {
    const balad = report({
      id: 'wire-3',
      source: 'Example Wire',
      postedAt: '2022-06-10T09:00:00Z',
      time: time('2022-06-10', 'Asia/Baghdad', 'day'),
      places: [at(PLACES.balad)],
      quantities: [count('rocket', 10)],
    });
    const taji = report({ id: 'wire-4', source: 'Other Wire', postedAt: '2022-06-10T09:00:00Z', time: time('2022-06-10', 'Asia/Baghdad', 'day'), places: [at(PLACES.taji)] });
    const { incidents } = cluster([spokesperson, balad, taji]);
    expect(incidents).toHaveLength(3);
  });

  it('lets a report without time or place join through the same account and day', () => {
    const followUp = report({
      id: 'spox-2',
      author: 'CoalitionSpox',
      source: 'Coalition spokesperson',
      postedAt: '2022-06-10T08:00:00Z',
      quantities: [count('casualties', 0, 'exact', 'unspecified', 'no casualties')],
    });
    const { incidents } = cluster([spokesperson, followUp]);
    expect(incidents).toHaveLength(1);
  });

  it('does not merge reports that share only words: same type, same country, no place, different counts', () => {
    const a = report({ id: 'a', source: 'Outlet A', postedAt: '2022-06-10T09:00:00Z', type: 'drone_attack', quantities: [count('drone', 30)] });
    const b = report({ id: 'b', source: 'Outlet B', postedAt: '2022-06-10T11:00:00Z', type: 'drone_attack', quantities: [count('drone', 12)] });
    expect(cluster([a, b]).incidents).toHaveLength(2);
  });

  it('exposes the window and countries the store must query, and applies them', () => {
    const q = candidateWindow(newsWire, { placeInfo: lookup })!;
    expect(q.countries).toEqual(['IQ']);
    expect(Date.parse(q.start)).toBeLessThan(Date.parse('2022-06-10T00:00:00Z'));
    const { incidents } = cluster([spokesperson]);
    expect(isCandidate(incidents[0]!, q)).toBe(true);
    const elsewhere = candidateWindow(report({ id: 'k', postedAt: '2022-06-10T09:00:00Z', places: [at(PLACES.kharkiv)] }))!;
    expect(isCandidate(incidents[0]!, elsewhere)).toBe(false);
    const weekLater = candidateWindow(report({ id: 'w', postedAt: '2022-06-17T09:00:00Z', time: time('2022-06-17', 'Asia/Baghdad', 'day') }))!;
    expect(isCandidate(incidents[0]!, weekLater)).toBe(false);
  });
});

describe('order independence', () => {
  // r1 (place, no time) and r2 (time and count, no place) are too weakly linked on their own;
  // r3 (place, time and count) bridges them; r4 is a different attack the next day.
  const r1 = report({ id: 'r1', source: 'Outlet A', postedAt: '2022-06-10T10:00:00Z', places: [at(PLACES.alAsad)] });
  const r2 = report({ id: 'r2', source: 'Outlet B', postedAt: '2022-06-10T08:00:00Z', time: time('2022-06-10T07:45', 'Asia/Baghdad', 'minute', '2022-06-10T04:45Z'), quantities: [count('rocket', 10)] });
  const r3 = spokesperson;
  const r4 = report({ id: 'r4', source: 'Outlet C', postedAt: '2022-06-11T12:00:00Z', time: time('2022-06-11', 'Asia/Baghdad', 'day'), places: [at(PLACES.alAsad)], quantities: [count('rocket', 3)] });

  it('merges incidents when a bridging claim arrives', () => {
    const { incidents, events } = cluster([r1, r2, r3]);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.id).toBe('inc-1');
    const merge = events.find((e) => e.subject === 'inc-2' && e.payload.merged_into === 'inc-1');
    expect(merge?.id).toBe('incident.updated:inc-2:2');
    expect(events.find((e) => e.id === 'incident.updated:inc-1:2')?.payload.merged_from).toEqual(['inc-2']);
  });

  it('gives the same incidents for every arrival order', () => {
    const expected = [['r1', 'r2', 'spox-1'], ['r4']];
    for (const order of permutations([r1, r2, r3, r4])) {
      expect(partition(cluster(order).assignment)).toEqual(expected);
    }
  });
});

describe('applyClaim', () => {
  it('is idempotent for a claim already applied and replaces a corrected one in place', () => {
    const ctx = { placeInfo: lookup, newIncidentId: (r: ClaimRecord) => `incident-for-${r.id}` };
    const first = applyClaim(spokesperson, [], ctx);
    expect(first.created).toBe(true);
    expect(first.incident.id).toBe('incident-for-spox-1');
    const again = applyClaim(spokesperson, [first.incident], ctx);
    expect(again.changed).toBe(false);
    expect(again.events).toEqual([]);
    const corrected = { ...spokesperson, claim: { ...spokesperson.claim, quantities: [count('rocket', 12)] } };
    const fixed = applyClaim(corrected, [first.incident], ctx);
    expect(fixed.incident.members).toHaveLength(1);
    expect(fixed.incident.revision).toBe(2);
  });

  it('works on incidents persisted as JSON and reloaded', () => {
    const ctx = { placeInfo: lookup, newIncidentId: () => 'inc-json' };
    const first = applyClaim(spokesperson, [], ctx);
    const reloaded = JSON.parse(JSON.stringify(first.incident));
    expect(reloaded).toEqual(first.incident);
    const second = applyClaim(newsWire, [reloaded], ctx);
    expect(second.incident.id).toBe('inc-json');
    expect(second.incident.summary.status).toBe('corroborated');
    expect(applyClaim(newsWire, [JSON.parse(JSON.stringify(second.incident))], ctx).changed).toBe(false);
    // jsonb does not keep key order.
    const reordered = { ...newsWire, claim: Object.fromEntries(Object.entries(newsWire.claim).reverse()) } as ClaimRecord;
    expect(applyClaim(reordered, [second.incident], ctx).changed).toBe(false);
  });

  it('keeps an edited post with its earlier version and makes only the edit current', () => {
    const ctx = { newIncidentId: () => 'inc-x' };
    const v1 = report({ id: 'c1', author: 'OfficeX', externalId: '9001', version: 1, postedAt: '2022-06-10T06:00:00Z', places: [at(PLACES.erbil)], quantities: [count('injured', 2)] });
    const v2 = report({ id: 'c2', author: 'OfficeX', externalId: '9001', version: 2, postedAt: '2022-06-10T06:00:00Z', places: [at(PLACES.erbil)], quantities: [count('injured', 3)] });
    const one = applyClaim(v1, [], ctx);
    const two = applyClaim(v2, [one.incident], ctx);
    expect(two.incident.id).toBe('inc-x');
    const members = two.incident.summary.members;
    expect(members.find((m) => m.recordId === 'c1')).toMatchObject({ current: false, supersededBy: 'c2' });
    expect(two.incident.summary.versions[0]!.changes[0]!.text).toBe('injured 2 -> 3');
  });
});

describe('bad input', () => {
  it('never throws on malformed claims or post times', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.anything(), fc.oneof(fc.string(), fc.constant('2022-06-10'))), { maxLength: 5 }), (rows) => {
        const records = rows.map(([claim, postedAt], i) => ({ id: `p${i}`, postId: `p${i}`, source: {}, postedAt, claim }) as unknown as ClaimRecord);
        const out = clusterRecords(records);
        return out.assignment.size === records.length;
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on claims of the right shape with odd values', async () => {
    const fc = (await import('fast-check')).default;
    const str = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('2022-06-10', '2022-06-10T07:20', '2022-06', 'Asia/Baghdad', 'Nowhere/Zone', ''));
    const num = fc.oneof(fc.constant(null), fc.double(), fc.integer({ min: -5, max: 50 }));
    const claim = fc.record({
      event_type: fc.constantFrom('rocket_attack', 'interception_report', 'other', 'bogus'),
      quantities: fc.array(fc.record({ what: str, group: str, value: num, min: num, max: num, qualifier: fc.constantFrom('exact', 'at_least', 'vague', 'range', 'odd'), mention: str }), { maxLength: 4 }),
      event_time: fc.option(fc.record({ mention: str, local: fc.option(str), tz: fc.option(str), utc: fc.option(str), precision: fc.constantFrom('minute', 'hour', 'part_of_day', 'day', 'month', null, 'week'), approximate: fc.boolean() })),
      locations: fc.array(fc.record({ mention: str, name: str, country: fc.option(fc.constantFrom('IQ', 'UA', 'xx')), lat: num, lon: num, kind: fc.constantFrom('base', 'city', 'province', 'country', 'region', 'site'), role: fc.constantFrom('target', 'origin', 'reference') }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(claim, str), { maxLength: 6 }), (rows) => {
        const records = rows.map(([c, postedAt], i) => ({ id: `p${i}`, postId: `p${i}`, author: i % 2 ? 'acct' : '', source: { name: 'X' }, postedAt, claim: c }) as unknown as ClaimRecord);
        const out = clusterRecords(records);
        JSON.stringify(out.incidents);
        return out.assignment.size === records.length;
      }),
      { numRuns: 300 },
    );
  });
});
