import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { claimSchema, type Claim } from '../../../src/domain/claim.ts';
import { csvCell, csvHeader, CSV_COLUMNS, csvLine, encode, formatQuantity, geojsonFeature, GEOJSON_HEAD, GEOJSON_TAIL, jsonlLine, type ExportRow } from '../../../src/export/formats.ts';

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

  it('writes one ACLED-like CSV row per claim, read back by a CSV parser', () => {
    const text = csvHeader() + csvLine(row()) + csvLine(row({ claimId: '8', post: { ...row().post, sourceName: null, url: 'https://x.com/OIRSpox/status/1367' }, claim: { ...claim, event_time: null, locations: [], quantities: [] } }));
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(Object.keys(rows[0]!).slice(0, 4)).toEqual(['event_date', 'time_precision', 'event_type', 'location']);
    expect(rows[0]).toMatchObject({
      event_date: '2021-03-03',
      time_precision: '1',
      event_type: 'rocket_attack',
      location: 'Al Asad Air Base',
      country: 'Iraq',
      country_code: 'IQ',
      latitude: '33.79',
      longitude: '42.44',
      geo_precision: '1',
      location_kind: 'base',
      fatalities_low: '1',
      fatalities_best: '1',
      fatalities_high: '1',
      injured_low: '',
      source: 'Spox, "official"',
      source_url: '',
      notes: 'Counts: rocket >=10, killed (contractor) 1. Places: Al Asad Air Base (target), Western Iraq. Hedged: initial report.',
      claim_id: '7',
      incident_id: '3',
      status: 'approved',
      revision: '2',
      posted_at: '2021-03-03T07:12:16.000Z',
      event_date_from: 'event_time',
      event_time_utc: '2021-03-03T04:20Z',
      event_time_precision: 'minute',
      event_time_approximate: 'true',
      quantities: 'rocket=>=10; killed(contractor)=1',
      places: 'Al Asad Air Base (base, target); Western Iraq (region)',
      author: 'OIRSpox',
    });
    // No event time: dated by the post (precision 2), no place: empty location cells, the account as source.
    expect(rows[1]).toMatchObject({ event_date: '2021-03-03', time_precision: '2', event_date_from: 'posted_at', location: '', latitude: '', geo_precision: '', fatalities_best: '', source: 'OIRSpox', source_url: 'https://x.com/OIRSpox/status/1367', notes: 'Hedged: initial report.' });
  });

  it('keeps formula cells inert after a round trip through the parser', () => {
    const evil = row({ post: { ...row().post, sourceName: '=HYPERLINK("http://evil","x")', author: '@cmd' } });
    const [r] = parse(csvHeader() + csvLine(evil), { columns: true }) as Record<string, string>[];
    expect(r!.source).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(r!.author).toBe(`'@cmd`);
  });

  it('writes JSONL in the fixed claim format with provenance', () => {
    const o = JSON.parse(jsonlLine(row()));
    expect(o.claim).toEqual(claim);
    expect(claimSchema.parse(o.claim)).toEqual(claim);
    expect(o).toMatchObject({ claim_id: '7', status: 'approved', incident_id: '3', post: { author: 'OIRSpox', posted_at: '2021-03-03T07:12:16.000Z' } });
  });

  it('writes a valid GeoJSON FeatureCollection: one feature per claim, [lon, lat], null geometry when unlocated', () => {
    const unlocated = row({ claimId: '9', claim: { ...claim, locations: [claim.locations[1]!] } });
    const state = { features: 0 };
    const text = GEOJSON_HEAD + [...encode('geojson', [row(), row({ claimId: '8' }), unlocated], state)].join('') + GEOJSON_TAIL;
    const doc = JSON.parse(text);
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.features).toHaveLength(3);
    for (const f of doc.features) {
      expect(f.type).toBe('Feature');
      expect(typeof f.properties).toBe('object');
      if (f.geometry !== null) {
        expect(f.geometry.type).toBe('Point');
        const [lon, lat] = f.geometry.coordinates;
        expect(Math.abs(lon)).toBeLessThanOrEqual(180);
        expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      }
    }
    expect(doc.features[0].geometry.coordinates).toEqual([42.44, 33.79]);
    expect(doc.features[1]).toMatchObject({ id: '8', properties: { claim_id: '8', location: 'Al Asad Air Base', fatalities_best: 1, quantities: 'rocket=>=10; killed(contractor)=1' } });
    expect(doc.features[2]).toMatchObject({ id: '9', geometry: null, properties: { location: 'Western Iraq', geo_precision: 2, latitude: null } });
    expect(JSON.parse(geojsonFeature(row())).properties.event_date).toBe('2021-03-03');
  });
});
