import { describe, expect, it } from 'vitest';
import { clusterRecords } from '../../../src/compare/memory.ts';
import type { ClaimRecord } from '../../../src/compare/records.ts';
import { at, count, lookup, PLACES, report, time } from './fixtures.ts';

const cluster = (records: ClaimRecord[]) => clusterRecords(records, { placeInfo: lookup });
const day = time('2022-09-14', 'Asia/Baghdad', 'day');
const erbilReport = (id: string, source: string, quantities: ReturnType<typeof count>[], extra: Partial<Parameters<typeof report>[0]> = {}) =>
  report({ id, source, postedAt: '2022-09-14T18:00:00Z', time: day, places: [at(PLACES.erbilAirBase)], quantities, ...extra });

describe('incident status', () => {
  it('is single_source for one report', () => {
    const { incidents } = cluster([erbilReport('a', 'Outlet A', [count('rocket', 6)])]);
    expect(incidents[0]!.summary.status).toBe('single_source');
  });

  it('is disputed for 10 against 14, saying which source said what', () => {
    const { incidents } = cluster([
      erbilReport('a', 'Outlet A', [count('rocket', 10, 'exact', 'unspecified', 'ten rockets')], { author: 'outlet_a' }),
      erbilReport('b', 'Outlet B', [count('rocket', 14, 'exact', 'unspecified', '14 rockets')]),
    ]);
    expect(incidents).toHaveLength(1);
    const s = incidents[0]!.summary;
    expect(s.status).toBe('disputed');
    expect(s.discrepancies).toHaveLength(1);
    const d = s.discrepancies[0]!;
    expect(d.field).toBe('quantity');
    expect(d.label).toBe('rocket');
    expect(d.a).toEqual([{ recordId: 'a', postId: 'a', author: 'outlet_a', source: 'Outlet A', value: 'rocket 10', mention: 'ten rockets' }]);
    expect(d.b[0]).toMatchObject({ postId: 'b', source: 'Outlet B', value: 'rocket 14', mention: '14 rockets' });
  });

  it('is disputed for "no casualties" against "one contractor killed"', () => {
    const { incidents } = cluster([
      erbilReport('a', 'Outlet A', [count('casualties', 0, 'exact', 'unspecified', 'no casualties')]),
      erbilReport('b', 'Outlet B', [count('killed', 1, 'exact', 'contractor', 'a contractor was killed')]),
    ]);
    const s = incidents[0]!.summary;
    expect(s.status).toBe('disputed');
    expect(s.discrepancies.map((d) => d.key)).toEqual(['casualties/unspecified']);
  });

  it('lets a vague count agree, so the incident is corroborated rather than disputed', () => {
    const { incidents } = cluster([
      erbilReport('a', 'Outlet A', [count('rocket', null, 'vague', 'unspecified', 'several rockets')]),
      erbilReport('b', 'Outlet B', [count('rocket', 6)]),
    ]);
    expect(incidents[0]!.summary.status).toBe('corroborated');
    expect(incidents[0]!.summary.discrepancies).toEqual([]);
  });

  it('does not count a syndicated copy or a second post of the same account as independent', () => {
    const copy = cluster([
      erbilReport('a', 'Example Wire', [count('rocket', 6)]),
      erbilReport('b', 'Example Wire (syndicated)', [count('rocket', 6)], { postedAt: '2022-09-14T19:00:00Z' }),
    ]);
    expect(copy.incidents).toHaveLength(1);
    expect(copy.incidents[0]!.summary.status).toBe('single_source');
    expect(copy.incidents[0]!.summary.sources).toHaveLength(1);
    const sameAccount = cluster([
      erbilReport('a', 'Press office', [count('rocket', 6)], { author: 'PressOffice' }),
      erbilReport('b', 'Press office spokesman', [count('rocket', 6)], { author: 'pressoffice', postedAt: '2022-09-14T19:00:00Z' }),
    ]);
    expect(sameAccount.incidents[0]!.summary.status).toBe('single_source');
  });
});

describe('versions of a source', () => {
  const initial = erbilReport('spox-initial', 'Press office', [count('killed', 3, 'exact', 'unspecified', 'three killed'), count('rocket', 6)], {
    author: 'PressOffice',
    postedAt: '2022-09-14T17:00:00Z',
  });
  const other = erbilReport('wire', 'Outlet B', [count('killed', 7, 'exact', 'unspecified', 'seven people were killed')], { postedAt: '2022-09-14T20:00:00Z' });
  const update = erbilReport('spox-update', 'Press office', [count('killed', 7, 'exact', 'unspecified', 'toll rose to seven'), count('rocket', 6)], {
    author: 'PressOffice',
    postedAt: '2022-09-15T08:00:00Z',
  });

  it('keeps both reports, marks the update current and computes the diff', () => {
    const { incidents } = cluster([initial, update]);
    expect(incidents).toHaveLength(1);
    const s = incidents[0]!.summary;
    expect(s.members.map((m) => [m.recordId, m.current])).toEqual([
      ['spox-initial', false],
      ['spox-update', true],
    ]);
    expect(s.versions).toEqual([
      expect.objectContaining({ fromPostId: 'spox-initial', toPostId: 'spox-update', changes: [expect.objectContaining({ text: 'killed 3 -> 7' })] }),
    ]);
  });

  it('counts only current figures for the status', () => {
    const before = cluster([initial, other]);
    expect(before.incidents[0]!.summary.status).toBe('disputed');
    const after = cluster([initial, other, update]);
    expect(after.incidents[0]!.summary.status).toBe('corroborated');
  });

  it('emits incident.updated with the diff, under deterministic ids', () => {
    const { events } = cluster([initial, other, update]);
    expect(events.map((e) => e.id)).toEqual([
      'incident.created:inc-1:1',
      'incident.disputed:inc-1:2',
      'incident.updated:inc-1:2',
      'incident.corroborated:inc-1:3',
      'incident.updated:inc-1:3',
    ]);
    const updated = events.find((e) => e.id === 'incident.updated:inc-1:3')!;
    expect(updated.payload.diff).toContain('Press office: killed 3 -> 7');
    expect(updated.payload.status).toEqual({ from: 'disputed', to: 'corroborated' });
    expect(cluster([initial, other, update]).events).toEqual(events);
  });
});
