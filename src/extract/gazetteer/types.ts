import type { PlaceKind } from '../../domain/claim.ts';

export type { PlaceKind };

/** What a base or site is, so "the airport in Kabul" can find Kabul's airport. */
export type Facility = 'airport' | 'airbase' | 'embassy';

/** A place of the gazetteer as other modules see it (incidents, alerts, moderation). */
export interface Place {
  /** Stable id: "IQ" (country), "IQ.anbar" (province or curated place), "gn:98182" (GeoNames town), "IQ~west" (directional region). */
  id: string;
  name: string;
  kind: PlaceKind;
  /** ISO 3166-1 alpha-2, null for seas and other places that belong to no country. */
  country: string | null;
  /** Id of the province (first-level subdivision) the place lies in, when known. */
  admin1: string | null;
  /** Null for regions without a meaningful point (directional regions, rivers). */
  lat: number | null;
  lon: number | null;
  /** IANA zone of the place. */
  tz: string | null;
}

/** A gazetteer entry with what matching needs. */
export interface PlaceRecord extends Place {
  /** Containing place other than province and country (the city of a neighbourhood, the airport of a gate). */
  parent: string | null;
  population: number;
  /** Names matched as written ("Ain al-Asad", "عين الأسد"); the first is the canonical name. */
  aliases: string[];
  /** Names matched only with a base word after them ("Balad" -> "Balad air base"). */
  stems?: string[];
  /** Generic names ("US embassy") used only when another place of the text lies near this one. */
  contextAliases?: string[];
  /** Adjectives for the people of a country ("Iraqi"), read as the country only in narrow contexts. */
  demonyms?: string[];
  facility?: Facility;
  /** The main name is also a common English word or first name ("Hit", "Farah"): needs a locative context. */
  common?: boolean;
  /** GeoNames town that is the seat of a province or district (a real town even with no recorded population). */
  seat?: boolean;
  /** A small village (curated): matched only after a locative word ("near Shtula"). */
  minor?: boolean;
  /** For countries: id of the capital city ("the Ukrainian capital" -> Kyiv). */
  capitalId?: string;
  source: 'curated' | 'province' | 'geonames' | 'country' | 'derived';
}

/** A name to add to a place at run time (e.g. from a moderator's reviewed correction). */
export interface AliasEntry {
  placeId: string;
  alias: string;
  /** Only match when another place of the same text lies within ~40 km (generic names). */
  contextOnly?: boolean;
}

/** Bit flags describing how an alias may be matched. */
export const AliasFlag = {
  /** All capitals in the data ("EAB", "HKIA", "U.S."): the text must be in capitals too. */
  Acronym: 1,
  /** Starts with a lower-case word ("western Iraq", "the Golan"): no capital needed. */
  LowerStart: 2,
  /** A demonym of a country ("Iraqi"). */
  Demonym: 4,
  /** Generic name that needs a nearby place in the same text. */
  ContextOnly: 8,
  /** The alias carries its own descriptor (province, governorate, air base, airport): the kind is certain. */
  Descriptor: 16,
  /** The canonical name of the place. */
  Primary: 32,
  /** Added at run time. */
  Runtime: 64,
} as const;

export interface AliasHit {
  place: PlaceRecord;
  flags: number;
}
