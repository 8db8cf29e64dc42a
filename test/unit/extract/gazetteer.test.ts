import { describe, expect, it } from 'vitest';
import {
  AliasFlag,
  Gazetteer,
  addAliases,
  ancestorsOf,
  defaultGazetteer,
  isWithin,
  gazetteerLoadStats,
  nameKey,
  normWord,
  placeById,
  tokenize,
  type PlaceRecord,
} from '../../../src/extract/gazetteer/index.ts';

function rec(p: Partial<PlaceRecord> & Pick<PlaceRecord, 'id' | 'name' | 'kind'>): PlaceRecord {
  return { country: null, admin1: null, parent: null, lat: null, lon: null, tz: null, population: 0, aliases: [p.name], source: 'curated', ...p };
}

/** A tiny invented gazetteer, so structure is tested apart from the shipped data. */
function small(): Gazetteer {
  return new Gazetteer(
    [
      rec({ id: 'QQ', name: 'Quxland', kind: 'country', country: 'QQ', lat: 10, lon: 10, tz: 'Asia/Baghdad', source: 'country', demonyms: ['Quxi'] }),
      rec({ id: 'QQ.north', name: 'North Province', kind: 'province', country: 'QQ', lat: 11, lon: 10, tz: 'Asia/Baghdad', source: 'province', aliases: ['North Province', 'Shamal'] }),
      rec({ id: 'gn:1', name: 'Tell Abyad', kind: 'city', country: 'QQ', admin1: 'QQ.north', lat: 11.1, lon: 10.1, tz: 'Asia/Baghdad', population: 40000, source: 'geonames', aliases: ['Tell Abyad', 'Tal Abiad'] }),
      rec({ id: 'QQ.camp', name: 'Camp Zed', kind: 'base', country: 'QQ', admin1: 'QQ.north', parent: 'gn:1', lat: 11.12, lon: 10.12, tz: 'Asia/Baghdad', aliases: ['Camp Zed', 'CZB'], stems: ['Zed'] }),
    ],
    { directional: { targets: ['QQ'] } },
  );
}

function keysOf(g: Gazetteer, text: string): string[] {
  const toks = tokenize(text);
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const m = g.matchAt(toks, i);
    if (m) {
      out.push(m.hits.map((h) => h.place.id).join('|'));
      i = m.end - 1;
    }
  }
  return out;
}

describe('normalisation', () => {
  it('folds transliteration variants of one name to one key', () => {
    const variants = ['Ain al-Asad', 'Ayn al Asad', 'AIN AL-ASAD', 'Ain Al Assad', 'ʿAyn al-Asad'];
    const keys = new Set(variants.map(nameKey));
    expect(keys.size).toBe(1);
  });

  it('merges sun-letter articles only before a word with the same initial', () => {
    expect(nameKey('As Sulaymaniyah')).toBe(nameKey('Sulaymaniyah'));
    expect(nameKey('Ad Diwaniyah')).toBe(nameKey('Diwaniyah'));
    expect(tokenize('As Baghdad burned').map((t) => t.norm)).toEqual(['as', 'baghdad', 'burned']);
  });

  it('drops diacritics, apostrophes and a final -ah', () => {
    expect(normWord('Ḩadīthah')).toBe(normWord('Haditha'));
    expect(normWord('Ma’rib')).toBe(normWord('Marib'));
    expect(normWord('Fallujah')).toBe(normWord('Falluja'));
  });

  it('strips the joined Arabic article and folds letter variants', () => {
    expect(normWord('الأنبار')).toBe(normWord('انبار'));
    expect(normWord('البصرة')).toBe(normWord('بصره'));
  });

  it('keeps possessives off the word and records them', () => {
    const toks = tokenize("Iraq's west and Yemen 's coast");
    expect(toks.map((t) => t.raw)).toEqual(['Iraq', 'west', 'and', 'Yemen', 'coast']);
    expect(toks.filter((t) => t.poss).map((t) => t.raw)).toEqual(['Iraq', 'Yemen']);
  });
});

describe('Gazetteer index', () => {
  it('finds the longest name at a word and all its readings', () => {
    const g = small();
    expect(keysOf(g, 'fire on Camp Zed near Tal Abiad')).toEqual(['QQ.camp', 'gn:1']);
  });

  it('matches stems only with a base word after them', () => {
    const g = small();
    expect(keysOf(g, 'the Zed air base')).toEqual(['QQ.camp']);
    expect(keysOf(g, 'the Zed military base')).toEqual(['QQ.camp']);
    expect(keysOf(g, 'Zed said')).toEqual([]);
  });

  it('flags acronyms and demonyms', () => {
    const g = small();
    const toks = tokenize('CZB and Quxi');
    expect(g.matchAt(toks, 0)!.hits[0]!.flags & AliasFlag.Acronym).toBeTruthy();
    expect(g.matchAt(toks, 2)!.hits[0]!.flags & AliasFlag.Demonym).toBeTruthy();
  });

  it('derives directional regions with no coordinates', () => {
    const g = small();
    const west = g.placeById('QQ~west');
    expect(west).toMatchObject({ name: 'Western Quxland', kind: 'region', country: 'QQ', lat: null, lon: null, tz: 'Asia/Baghdad' });
    expect(keysOf(g, 'in north-eastern Quxland')).toEqual(['QQ~northeast']);
  });

  it('gives the hierarchy nearest first', () => {
    const g = small();
    expect(g.ancestorsOf('QQ.camp').map((p) => p.id)).toEqual(['gn:1', 'QQ.north', 'QQ']);
    expect(g.isWithin('QQ.camp', 'QQ')).toBe(true);
    expect(g.ancestorsOf('nope')).toEqual([]);
  });

  it('learns names at run time and skips unknown places', () => {
    const g = small();
    expect(keysOf(g, 'rockets hit Zedville')).toEqual([]);
    expect(g.addAliases([{ placeId: 'QQ.camp', alias: 'Zedville' }, { placeId: 'missing', alias: 'Nowhere' }, { placeId: 'QQ.camp', alias: ' ' }])).toBe(1);
    expect(keysOf(g, 'rockets hit Zedville')).toEqual(['QQ.camp']);
    expect(g.record('QQ.camp')!.aliases).toContain('Zedville');
  });

  it('accepts extra aliases at construction', () => {
    const g = new Gazetteer([rec({ id: 'X', name: 'Xplace', kind: 'site', lat: 1, lon: 1 })], { extraAliases: [{ placeId: 'X', alias: 'Old Mill' }] });
    expect(keysOf(g, 'near the Old Mill')).toEqual(['X']);
  });
});

describe('shipped gazetteer', () => {
  const g = defaultGazetteer();

  it('loads once and reports its size', () => {
    expect(defaultGazetteer()).toBe(g);
    const stats = gazetteerLoadStats()!;
    expect(stats.places).toBeGreaterThan(5000);
    expect(stats.keys).toBeGreaterThan(30000);
  });

  it('knows the bases of the region with their variants', () => {
    for (const name of ['Ain al-Asad air base', 'Ayn al Asad', 'AAAB', 'Al-Assad airbase']) expect(keysOf(g, name)).toEqual(['IQ.al-asad-airbase']);
    expect(keysOf(g, 'Erbil airport')).toEqual(['IQ.erbil-airport']);
    expect(keysOf(g, 'EAB')).toEqual(['IQ.erbil-airport']);
    expect(keysOf(g, 'Hamid Karzai International Airport')).toEqual(['AF.kabul-airport']);
    expect(keysOf(g, 'Green Village')).toEqual(['SY.green-village']);
  });

  it('places bases in their province and country', () => {
    expect(ancestorsOf('IQ.al-asad-airbase').map((p) => p.id)).toEqual(['IQ.anbar', 'IQ']);
    expect(ancestorsOf('IQ.erbil-airport').map((p) => p.name)).toEqual(['Erbil Governorate', 'Kurdistan Region', 'Iraq']);
    expect(ancestorsOf('AF.abbey-gate')[0]!.id).toBe('AF.kabul-airport');
    expect(isWithin('IQ.jadriya', 'gn:98182')).toBe(true);
    expect(isWithin('IQ.camp-taji', 'SY')).toBe(false);
  });

  it('links GeoNames towns to curated provinces', () => {
    const kyiv = placeById('gn:703448');
    expect(kyiv).toMatchObject({ name: 'Kyiv', country: 'UA', admin1: 'UA.kyiv-city', tz: 'Europe/Kyiv' });
    expect(placeById('UA.kyiv')!.kind).toBe('province');
  });

  it('has coordinates for bases close to their real position', () => {
    const asad = placeById('IQ.al-asad-airbase')!;
    expect(asad.lat).toBeCloseTo(33.79, 1);
    expect(asad.lon).toBeCloseTo(42.44, 1);
    const taji = placeById('IQ.camp-taji')!;
    expect(taji.lat).toBeCloseTo(33.53, 1);
  });

  it('zones: Kyiv, Sanaa, Gaza', () => {
    expect(placeById('UA')!.tz).toBe('Europe/Kyiv');
    expect(placeById('YE')!.tz).toBe('Asia/Aden');
    expect(placeById('PS.gaza-strip')!.tz).toBe('Asia/Gaza');
  });

  it('adds aliases to the process-wide gazetteer', () => {
    expect(addAliases([{ placeId: 'IQ.camp-taji', alias: 'Tajji Garrison' }])).toBe(1);
    expect(keysOf(g, 'Tajji Garrison')).toEqual(['IQ.camp-taji']);
  });
});
