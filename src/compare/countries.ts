/**
 * Country centroids and names (from the world-countries data set), used when the gazetteer does not say
 * where a country lies: to check "western Iraq" against a base's coordinates, and to read "Iraq" in a
 * place name as the country.
 */
import worldCountries, { type Country } from 'world-countries';
import { normText } from './records.ts';

export interface CountryInfo {
  code: string;
  lat: number;
  lon: number;
  /** Radius of a disc with the country's area, km: the scale for "near the centre". */
  radiusKm: number;
}

// The package is CommonJS: typed as a namespace under NodeNext, an array at run time.
const countries: Country[] = Array.isArray(worldCountries)
  ? (worldCountries as Country[])
  : (worldCountries as unknown as { default: Country[] }).default;

let byCode: Map<string, CountryInfo> | null = null;
let byName: Map<string, string> | null = null;

function load(): void {
  byCode = new Map();
  byName = new Map();
  for (const c of countries) {
    const [lat, lon] = c.latlng ?? [];
    if (typeof lat === 'number' && typeof lon === 'number') {
      byCode.set(c.cca2, { code: c.cca2, lat, lon, radiusKm: Math.sqrt(Math.max(c.area ?? 0, 1) / Math.PI) });
    }
    for (const n of [c.name.common, c.name.official, ...(c.altSpellings ?? [])]) {
      const k = normText(n);
      if (k.length > 3 && !byName.has(k)) byName.set(k, c.cca2);
    }
  }
}

/** Centroid and size of a country by ISO 3166-1 alpha-2 code. */
export function countryInfo(code: string | null | undefined): CountryInfo | undefined {
  if (!code) return undefined;
  if (!byCode) load();
  return byCode!.get(code.toUpperCase());
}

/** ISO code of a country named exactly (after normalisation), e.g. "iraq" -> IQ. */
export function countryCodeByName(name: string): string | undefined {
  if (!byName) load();
  return byName!.get(normText(name));
}
