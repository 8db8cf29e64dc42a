import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../src/domain/claim.ts';
import { csvCell, csvHeader, csvLine, encode, formatQuantity, geojsonFeatures, GEOJSON_HEAD, GEOJSON_TAIL, jsonlLine, type ExportRow } from '../../../src/export/formats.ts';

const claim: Claim = {
  event_type: 'rocket_attack',
  quantities: [
    { what: 'rocket', group: 'unspecified', value: null, min: 10, max: null, qualifier: 'at_least', mention: 'at least ten rockets' },
    { what: 'killed', group: 'contractor', value: 1, min: null, max: null, qualifier: 'exact', mention: 'one contractor killed' },
  ],
  event_time: { mention: 'at 7:20', local: '2021-03-03T07:20', tz: 'Asia/Baghdad', utc: '2021-03-03T04:20Z', precision: 'minute', approximate: true },
  locations: [
    { mention: 'Ain al-Asad', name: 'Al Asad Air Base', country: 'IQ', lat: 33.79, lon: 42.44, kind: 'base', role: 'target' },
    { mention: 'western Iraq', name: 'Western Iraq', country: 'IQ', lat: null, lon: null, kind: 'region' },
  ],
  hedges: ['initial report'],
};

const row = (over: Partial<ExportRow> = {}): ExportRow => ({
  claimId: '7',
  status: 'approved',
  isCurrent: true,
  incidentId: '3',
  revision: 2,
  post: { id: '11', platform: 'x', externalId: '1367', version: 1, author: 'OIRSpox', sourceKind: 'social', sourceName: 'Spox, "official"', url: null, postedAt: new Date('2021-03-03T07:12:16Z'), deleted: false },
  claim,
  ...over,
});

describe('export formats', () => {
  it('writes quantities as intervals', () => {
    const q = (qualifier: string, value: number | null, min: number | null, max: number | null) =>
      formatQuantity({ what: 'x', group: 'unspecified', qualifier: qualifier as never, value, min, max, mention: '' });
    expect([q('exact', 3, null, null), q('approximately', 14, null, null), q('at_least', null, 10, null), q('more_than', null, 12, null), q('at_most', null, null, 5), q('fewer_than', null, null, 5), q('range', null, 3, 4), q('vague', null, null, null)]).toEqual(['3', '~14', '>=10', '>12', '<=5', '<5', '3-4', '?']);
  });

  it('quotes CSV cells and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
  });

  it('writes one CSV line per claim with the header’s columns', () => {
    const header = csvHeader().trim().split(',');
    const line = csvLine(row());
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line).toContain('rocket=>=10; killed(contractor)=1');
    expect(line).toContain('Al Asad Air Base (base, target); Western Iraq (region)');
    expect(line).toContain('"Spox, ""official"""');
    expect(line).toContain('2021-03-03T04:20Z');
    expect(header[0]).toBe('claim_id');
    expect(header).toHaveLength(26);
  });

  it('writes JSONL in the fixed claim format with provenance', () => {
    const o = JSON.parse(jsonlLine(row()));
    expect(o.claim).toEqual(claim);
    expect(o).toMatchObject({ claim_id: '7', status: 'approved', incident_id: '3', post: { author: 'OIRSpox', posted_at: '2021-03-03T07:12:16.000Z' } });
  });

  it('writes valid GeoJSON: one point per located place, lon before lat', () => {
    const features = geojsonFeatures(row());
    expect(features).toHaveLength(1);
    const state = { features: 0 };
    const text = GEOJSON_HEAD + [...encode('geojson', [row(), row({ claimId: '8' })], state)].join('') + GEOJSON_TAIL;
    const doc = JSON.parse(text);
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.features).toHaveLength(2);
    expect(doc.features[0].geometry.coordinates).toEqual([42.44, 33.79]);
    expect(doc.features[1].properties).toMatchObject({ claim_id: '8', place: 'Al Asad Air Base', quantities: { rocket: '>=10', 'killed(contractor)': '1' } });
  });
});
