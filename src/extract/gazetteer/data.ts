/**
 * Turns the shipped data files (already parsed JSON) into gazetteer records. Pure: the loader reads the files.
 * Files (config/gazetteer/): countries.generated.json and cities.generated.json (from scripts/build-gazetteer.ts),
 * provinces.json, sites.json and regions.json (curated).
 */
import type { DirectionalSpec, GazetteerOptions } from './gazetteer.ts';
import { nameKey } from './text.ts';
import type { Facility, PlaceKind, PlaceRecord } from './types.ts';

export interface CountriesFile {
  countries: { id: string; name: string; lat: number; lon: number; tz: string | null; capital?: string | null; aliases: string[]; demonyms: string[] }[];
}
export interface CitiesFile {
  tz: string[];
  /** [geonameid, name, lat, lon, country, admin1 code, population, tz index, flags (1 common word, 2 seat), aliases joined by "|"] */
  rows: [number, string, number, number, string, string, number, number, number, string][];
}
type ProvinceRow = [string, string, string, number, number, string[], { parent?: string; kind?: PlaceKind }?];
export type ProvincesFile = Record<string, { suffixes?: string[]; items?: ProvinceRow[] } | string>;
export interface CuratedPlace {
  id: string;
  name: string;
  kind: PlaceKind;
  country: string | null;
  admin1?: string | null;
  parent?: string | null;
  lat: number | null;
  lon: number | null;
  tz?: string | null;
  population?: number;
  aliases?: string[];
  stems?: string[];
  contextAliases?: string[];
  facility?: Facility;
  minor?: boolean;
}
export interface SitesFile {
  places: CuratedPlace[];
}
export interface RegionsFile {
  places: CuratedPlace[];
  directional?: DirectionalSpec;
  countryAliases?: Record<string, string[]>;
  demonymAliases?: Record<string, string[]>;
  cityAliases?: Record<string, string[]>;
}

/** One district row: [slug, name, lat, lon, names?]; the slug starts with the province slug when `admin1FromSlug`. */
type DistrictRow = [string, string, number | null, number | null, string[]?];
/**
 * Second-level subdivisions (Ukrainian raions, Russian border districts) and the districts of big towns, in groups
 * that share a country, a kind and the words that name them ("raion", "district").
 */
export interface DistrictGroup {
  /** Id prefix: a row's id is `${id}.${slug}`. */
  id: string;
  country: string;
  kind: PlaceKind;
  /** Canonical name, "{name} Raion" or "{name} district (Kyiv)". */
  label: string;
  /** Words after a name that make it the district ("Izmail district", "Bucha raion"). */
  suffixes: string[];
  /** The bare name means the district too (town districts: "Darnytskyi"); not for districts named after a town. */
  bare?: boolean;
  /** Derive adjectival forms ("Pokrovsk" -> "Pokrovskyi district"): "uk" for Ukrainian. */
  adjectives?: 'uk';
  admin1?: string;
  /** The row's slug starts with its province's slug ("odesa.izmail" lies in UA.odesa). */
  admin1FromSlug?: boolean;
  /** Id of the containing town. */
  parent?: string;
  items: DistrictRow[];
}
export interface DistrictsFile {
  groups: DistrictGroup[];
}

export interface GazetteerFiles {
  countries: CountriesFile;
  cities: CitiesFile;
  provinces: ProvincesFile;
  sites: SitesFile;
  regions: RegionsFile;
  /** Optional: districts.json. */
  districts?: DistrictsFile;
}

const LATIN_NAME = /^[\p{Script=Latin}\s\-'’.]+$/u;

/**
 * Ukrainian adjectival district names from the town: "Pokrovsk" -> "Pokrovskyi", "Kharkiv" -> "Kharkivskyi",
 * "Kakhovka" -> "Kakhovskyi", "Sumy" -> "Sumskyi". Irregular ones ("Kryvorizkyi") are listed in the data.
 */
export function ukrainianAdjective(name: string): string {
  if (/sk$/i.test(name)) return `${name}yi`;
  if (/ske$/i.test(name)) return `${name.slice(0, -1)}yi`;
  if (/ka$/i.test(name)) return `${name.slice(0, -2)}skyi`;
  if (/yi$/i.test(name)) return name;
  if (/[aeiouy]$/i.test(name)) return `${name.slice(0, -1)}skyi`;
  return `${name}skyi`;
}

function districtRecords(group: DistrictGroup, provinces: Map<string, PlaceRecord>, countryTz: Map<string, string | null>): PlaceRecord[] {
  const out: PlaceRecord[] = [];
  for (const [slug, name, lat, lon, extra] of group.items ?? []) {
    const admin1 = group.admin1 ?? (group.admin1FromSlug ? `${group.country}.${slug.split('.')[0]}` : null);
    const label = group.label.replace('{name}', name);
    const aliases = [label];
    const names = [name, ...(extra ?? [])];
    if (group.adjectives === 'uk' && LATIN_NAME.test(name)) names.push(ukrainianAdjective(name));
    for (const n of names) {
      if (!LATIN_NAME.test(n)) {
        aliases.push(n);
        // "Дарницький" -> "Дарницький район" (inflected forms are matched by stem).
        if (group.bare && /^[\u0400-\u04ff'’-]+$/.test(n)) aliases.push(`${n} район`);
        continue;
      }
      if (group.bare) aliases.push(n);
      for (const suffix of group.suffixes) aliases.push(`${n} ${suffix}`);
    }
    const tz = (admin1 ? provinces.get(admin1)?.tz : undefined) ?? countryTz.get(group.country) ?? null;
    out.push({
      id: `${group.id}.${slug}`, name: label, kind: group.kind, country: group.country, admin1, parent: group.parent ?? null,
      lat, lon, tz, population: 0, aliases: unique(aliases), source: 'curated',
    });
  }
  return out;
}

/** Priority of the curated data over derived rows when ids collide: later wins. */
export function buildRecords(files: GazetteerFiles): { places: PlaceRecord[]; options: GazetteerOptions } {
  const places = new Map<string, PlaceRecord>();
  const countryTz = new Map<string, string | null>();

  for (const c of files.countries.countries ?? []) {
    const aliases = [c.name, ...(c.aliases ?? []), ...(files.regions.countryAliases?.[c.id] ?? [])];
    const demonyms = [...(c.demonyms ?? []), ...(files.regions.demonymAliases?.[c.id] ?? [])];
    countryTz.set(c.id, c.tz);
    places.set(c.id, {
      id: c.id, name: c.name, kind: 'country', country: c.id, admin1: null, parent: null, lat: c.lat, lon: c.lon, tz: c.tz,
      population: 0, aliases: unique(aliases), demonyms: unique(demonyms), source: 'country',
    });
  }

  // Provinces, keyed also by GeoNames admin1 code so towns find their province.
  const provinceByCode = new Map<string, string>();
  for (const [cc, block] of Object.entries(files.provinces ?? {})) {
    if (typeof block === 'string' || !block.items) continue;
    const suffixes = block.suffixes ?? [];
    for (const [code, slug, name, lat, lon, names, opts] of block.items) {
      const id = `${cc}.${slug}`;
      if (code) provinceByCode.set(`${cc}.${code}`, id);
      const aliases = [name, ...names];
      for (const n of names) {
        if (suffixes.some((s) => n.toLowerCase().endsWith(` ${s}`)) || /[^\p{Script=Latin}\s\-'’.]/u.test(n)) continue;
        for (const s of suffixes) aliases.push(`${n} ${s}`, `${s} of ${n}`);
      }
      places.set(id, {
        id, name, kind: opts?.kind ?? 'province', country: cc, admin1: null, parent: opts?.parent ?? null, lat, lon, tz: null,
        population: 0, aliases: unique(aliases), source: 'province',
      });
    }
  }

  const zones = files.cities.tz ?? [];
  const bigCity = new Map<string, number>();
  const provinceTz = new Map<string, string>();
  for (const row of files.cities.rows ?? []) {
    const [gid, name, lat, lon, cc, admin, pop, tzi, flags, aliasText] = row;
    const id = `gn:${gid}`;
    const admin1 = provinceByCode.get(`${cc}.${admin}`) ?? null;
    const tz = zones[tzi] ?? countryTz.get(cc) ?? null;
    const extra = files.regions.cityAliases?.[id] ?? [];
    const rec: PlaceRecord = {
      id, name, kind: 'city', country: cc, admin1, parent: null, lat, lon, tz, population: pop,
      aliases: unique([name, ...(aliasText ? aliasText.split('|') : []), ...extra]), common: (flags & 1) === 1, source: 'geonames',
    };
    if (flags & 2) rec.seat = true;
    places.set(id, rec);
    if (admin1 && tz && pop >= (bigCity.get(admin1) ?? -1)) {
      bigCity.set(admin1, pop);
      provinceTz.set(admin1, tz);
    }
  }
  for (const p of places.values()) {
    if (p.source === 'province') p.tz = provinceTz.get(p.id) ?? (p.country ? countryTz.get(p.country) ?? null : null);
  }
  // Capitals by name: the most populous town of that name in the country.
  const capitalName = new Map((files.countries.countries ?? []).filter((c) => c.capital).map((c) => [c.id, nameKey(c.capital!)]));
  const capitalPop = new Map<string, number>();
  // Capitals are big: only towns above a floor are read by all their names (reading every alias is most of the load).
  for (const p of places.values()) {
    if (p.source !== 'geonames' || !p.country || capitalName.get(p.country) === undefined) continue;
    const key = capitalName.get(p.country);
    if (nameKey(p.name) !== key && (p.population < 50000 || !p.aliases.some((a) => nameKey(a) === key))) continue;
    const country = places.get(p.country);
    if (country && p.population > (capitalPop.get(p.country) ?? -1)) {
      capitalPop.set(p.country, p.population);
      country.capitalId = p.id;
    }
  }

  for (const group of files.districts?.groups ?? []) {
    for (const rec of districtRecords(group, places, countryTz)) places.set(rec.id, rec);
  }

  for (const c of [...(files.regions.places ?? []), ...(files.sites.places ?? [])]) {
    const admin1 = c.admin1 ?? null;
    const tz = c.tz !== undefined ? c.tz : (admin1 ? places.get(admin1)?.tz : undefined) ?? (c.country ? countryTz.get(c.country) ?? null : null);
    const rec: PlaceRecord = {
      id: c.id, name: c.name, kind: c.kind, country: c.country, admin1, parent: c.parent ?? null, lat: c.lat, lon: c.lon,
      tz: tz ?? null, population: c.population ?? 0, aliases: unique([c.name, ...(c.aliases ?? [])]), source: 'curated',
    };
    if (c.stems) rec.stems = c.stems;
    if (c.contextAliases) rec.contextAliases = c.contextAliases;
    if (c.facility) rec.facility = c.facility;
    if (c.minor) rec.minor = true;
    places.set(c.id, rec);
  }

  const options: GazetteerOptions = {};
  if (files.regions.directional) options.directional = files.regions.directional;
  return { places: [...places.values()], options };
}

function unique(list: string[]): string[] {
  return [...new Set(list.filter((s) => typeof s === 'string' && s.trim()))];
}
