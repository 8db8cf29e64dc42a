import { describe, expect, it } from 'vitest';
import { PLACE, placeRelation, placeSetRelation, toComparePlace } from '../../../src/compare/places.ts';
import type { Location } from '../../../src/domain/claim.ts';
import { at, lookup, PLACES } from './fixtures.ts';

const withLookup = (l: Location) => toComparePlace(l, { placeInfo: lookup });
const bare = (l: Location) => toComparePlace({ ...l, place_id: undefined } as Location);
const rel = (a: Location, b: Location, mk = withLookup) => placeRelation(mk(a), mk(b));

describe('place hierarchy', () => {
  it('puts a base inside its province, its directional region and its country', () => {
    const base = at(PLACES.alAsad);
    expect(rel(base, at(PLACES.anbar))).toBe(PLACE.near);
    expect(rel(base, at(PLACES.westernIraq))).toBe(PLACE.near);
    expect(rel(base, at(PLACES.iraq))).toBe(PLACE.country);
  });

  it('keeps a base apart from a city in another province', () => {
    expect(rel(at(PLACES.alAsad), at(PLACES.erbil))).toBe(PLACE.unrelated);
    // Erbil lies in the north: it does not fit "western Iraq".
    expect(rel(at(PLACES.erbil), at(PLACES.westernIraq))).toBe(PLACE.unrelated);
  });

  it('finds the province by admin1 and, without a gazetteer, by distance', () => {
    expect(rel(at(PLACES.balad), at(PLACES.anbar))).toBe(PLACE.unrelated);
    expect(rel(at(PLACES.alAsad), at(PLACES.anbar), bare)).toBe(PLACE.near);
  });

  it('treats a variant name with the same gazetteer id as the same place', () => {
    const variant = { ...at(PLACES.alAsad, 'Ain al-Asad'), name: 'Ain al-Asad', lat: null, lon: null };
    expect(rel(at(PLACES.alAsad), variant)).toBe(PLACE.same);
  });

  it('matches a city and the air base on its edge, but not two distinct bases', () => {
    expect(rel(at(PLACES.erbil), at(PLACES.erbilAirBase))).toBe(PLACE.same);
    expect(rel(at(PLACES.balad), at(PLACES.taji))).toBe(PLACE.unrelated);
  });

  it('uses a reference point as support when close, never as evidence of another place', () => {
    const baghdadRef: Location = { mention: 'west of Baghdad', name: 'Baghdad', country: 'IQ', lat: 33.315, lon: 44.366, kind: 'city', role: 'reference' };
    expect(rel(at(PLACES.taji), baghdadRef)).toBe(PLACE.near);
    expect(rel(at(PLACES.alAsad), baghdadRef)).toBe(PLACE.unknown);
  });

  it('uses the gazetteer\'s containment: a gate lies in its airport', () => {
    const airport: Location = { mention: 'Kabul airport', name: 'Hamid Karzai International Airport', country: 'AF', lat: 34.566, lon: 69.212, kind: 'base', place_id: 'af-kbl' };
    const gate: Location = { mention: 'Abbey Gate', name: 'Abbey Gate', country: 'AF', lat: null, lon: null, kind: 'site', place_id: 'af-kbl-abbey-gate' };
    const ancestors = (id: string) => (id === 'af-kbl-abbey-gate' ? ['af-kbl', 'af-kabul', 'AF'] : []);
    expect(placeRelation(toComparePlace(gate, { placeAncestors: ancestors }), toComparePlace(airport, { placeAncestors: ancestors }))).toBe(PLACE.near);
  });

  it('never relates places in different countries', () => {
    expect(rel(at(PLACES.kharkiv), at(PLACES.iraq))).toBe(PLACE.unrelated);
  });

  it('compares the feature of a directional region named after a sea', () => {
    const southernRedSea: Location = { mention: 'southern Red Sea', name: 'Southern Red Sea', country: null, lat: null, lon: null, kind: 'region', role: 'target' };
    const redSea: Location = { mention: 'Red Sea', name: 'Red Sea', country: null, lat: 20, lon: 38.5, kind: 'region', role: 'target' };
    expect(rel(southernRedSea, redSea)).toBe(PLACE.near);
  });
});

describe('place lists', () => {
  it('takes the best pair and reports no conflict when one claim names no event place', () => {
    const a = [at(PLACES.iraq), at(PLACES.alAsad)].map(withLookup);
    const b = [at(PLACES.alAsad, 'Ain al-Asad')].map(withLookup);
    expect(placeSetRelation(a, b).level).toBe(PLACE.same);
    expect(placeSetRelation(a, []).level).toBe('none');
  });

  it('flags different launch origins as a conflict', () => {
    const lebanon: Location = { mention: 'from Lebanon', name: 'Lebanon', country: 'LB', lat: 33.9, lon: 35.9, kind: 'country', role: 'origin' };
    const gaza: Location = { mention: 'from Gaza', name: 'Gaza Strip', country: 'PS', lat: 31.4, lon: 34.4, kind: 'region', role: 'origin' };
    const israel: Location = { mention: 'Israel', name: 'Israel', country: 'IL', lat: 31.0, lon: 34.9, kind: 'country', role: 'target' };
    expect(placeSetRelation([lebanon, israel].map(bare), [gaza, israel].map(bare)).origin).toBe('conflict');
    expect(placeSetRelation([lebanon, israel].map(bare), [lebanon, israel].map(bare)).origin).toBe('agree');
  });
});
