/**
 * The gazetteer: places by id, their hierarchy, and a hash index from normalised word n-grams to candidate
 * places, so a post is matched by one scan over its words (no per-place regular expressions).
 */
import { nameKey, normWord, scriptOf, tokenize, type Token } from './text.ts';
import { AliasFlag, type AliasEntry, type AliasHit, type Place, type PlaceRecord } from './types.ts';

/** Words that make a name's kind explicit ("Anbar province", "Balad air base", "Camp Taji"). */
const DESCRIPTOR_WORDS = new Set([
  'province', 'governorate', 'oblast', 'region', 'district', 'krai', 'emirate', 'airport', 'base', 'airbase', 'airfield',
  'field', 'camp', 'crossing', 'garrison', 'hospital', 'port', 'island', 'dam', 'plant', 'npp', 'bridge', 'zone', 'complex',
]);

/** Base words generated after a place's stems: "Balad" -> "Balad air base", "Balad airbase", ... */
const BASE_SUFFIXES = ['air base', 'airbase', 'air field', 'airfield', 'base', 'military base', 'air force base', 'military airport', 'military airbase'];

const DIRECTIONS: { key: string; name: string; forms: string[]; arabic?: string[]; hebrew?: string[] }[] = [
  { key: 'north', name: 'Northern', forms: ['northern', 'north'], arabic: ['شمال', 'شمالي'], hebrew: ['צפון'] },
  { key: 'south', name: 'Southern', forms: ['southern', 'south'], arabic: ['جنوب', 'جنوبي'], hebrew: ['דרום'] },
  { key: 'east', name: 'Eastern', forms: ['eastern', 'east'], arabic: ['شرق', 'شرقي'], hebrew: ['מזרח'] },
  { key: 'west', name: 'Western', forms: ['western', 'west'], arabic: ['غرب', 'غربي'], hebrew: ['מערב'] },
  { key: 'northeast', name: 'Northeastern', forms: ['northeastern', 'north-eastern', 'north eastern', 'northeast', 'north-east'] },
  { key: 'northwest', name: 'Northwestern', forms: ['northwestern', 'north-western', 'north western', 'northwest', 'north-west'] },
  { key: 'southeast', name: 'Southeastern', forms: ['southeastern', 'south-eastern', 'south eastern', 'southeast', 'south-east'] },
  { key: 'southwest', name: 'Southwestern', forms: ['southwestern', 'south-western', 'south western', 'southwest', 'south-west'] },
  { key: 'central', name: 'Central', forms: ['central'], arabic: ['وسط'], hebrew: ['מרכז'] },
];

/** Keys of Arabic names opening with "abu"/"albu" (article folded away) and one more word. */
const ARABIC_KUNYA = /^(?:ابو|البو|بو) [\u0600-\u06ff]+$/;

/** Keys of two-word Latin names whose first word is a prefix often written joined ("kfar kila" -> "kfarkila"). */
const JOINED_PREFIX = /^(?:kfar|beit|deir|bint|majdal|kafr|ain|tel|umm|abu) [a-z]{3,}$/;

/** Gaps allowed inside a multi-word name: spaces, hyphens, apostrophes, the dots of "U.S." or "Mt.". */
const NAME_GAP = /^[\s\-‐‑'’.]*$/;

export interface DirectionalSpec {
  /** Ids of the places that get "northern X", "western X", ... entries. */
  targets: string[];
  /** Names to use for a target instead of its canonical name ("Gaza" for the Gaza Strip). */
  names?: Record<string, string[]>;
}

export interface GazetteerOptions {
  directional?: DirectionalSpec;
  /** Names added on top of the base data (e.g. reviewed corrections stored elsewhere). */
  extraAliases?: AliasEntry[];
}

/** A match of a gazetteer name on words [start, end) of a token list. */
export interface NameMatch {
  start: number;
  end: number;
  hits: AliasHit[];
  /** Characters of the first token skipped before the name (an attached Arabic/Hebrew preposition). */
  prefixChars: number;
}

function flagsFor(alias: string, primary: boolean): number {
  let flags = primary ? AliasFlag.Primary : 0;
  const compact = alias.replace(/[.\-\s]/g, '');
  if (/^[A-Z0-9]{2,6}$/.test(compact) && /[A-Z]/.test(compact) && compact.replace(/[0-9]/g, '').length >= 1 && alias === alias.toUpperCase()) {
    flags |= AliasFlag.Acronym;
  }
  // "the West Bank" is indexed without its article: the name proper decides whether lower case may match.
  const first = alias.trim().replace(/^the\s+/i, '')[0] ?? '';
  if (first !== first.toUpperCase() && first === first.toLowerCase() && /\p{Ll}/u.test(first)) flags |= AliasFlag.LowerStart;
  return flags;
}

/**
 * Ukrainian and Russian case endings: "Одеса"/"Одесу"/"Одесі" share the stem "одес", "Сумська"/"Сумській" the
 * stem "сумськ", "Белгородская"/"Белгородской" the stem "белгородск". The closed-syllable і/ї of "Харків",
 * "Київ", "Львів" opens to о/є in other cases ("Харкова", "Києві"), so it is folded first.
 */
function cyrillicStem(word: string): string {
  // Keys have lost their diacritics: й is и, ї is і ("Київ" is "киів").
  const open = word.replace(/([аеєиіоуюяы])ів$/, '$1єв').replace(/([^аеєиіоуюяы])ів$/, '$1ов');
  const ending = CYRILLIC_ENDING.exec(open);
  // A stem keeps at least three letters ("Суми"/"Сумах" -> "сум").
  return ending && open.length - ending[0].length >= 3 ? open.slice(0, ending.index) : open;
}
const CYRILLIC_ENDING = /(ого|ому|ими|ыми|его|ему|ая|яя|ое|ее|ою|ею|ом|ем|ах|ях|еи|ои|оі|ии|іи|ыи|ую|юю|ью|ых|их|ым|им|а|я|у|ю|і|и|е|о|ь|ы)$/;

/** Stem key of a Cyrillic name of one or more words, or null when a word is not Cyrillic. */
function cyrillicStemKey(words: readonly string[]): string | null {
  if (!words.every((w) => /^[\u0400-\u04ff][\u0400-\u04ff'-]*$/.test(w))) return null;
  return words.map(cyrillicStem).join(' ');
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function summary(r: PlaceRecord): Place {
  return { id: r.id, name: r.name, kind: r.kind, country: r.country, admin1: r.admin1, lat: r.lat, lon: r.lon, tz: r.tz };
}

export class Gazetteer {
  private readonly byId = new Map<string, PlaceRecord>();
  private readonly index = new Map<string, AliasHit[]>();
  /** Longest name (in words) starting with a given word key: bounds the n-gram lookups at one position. */
  private readonly maxLen = new Map<string, number>();
  private facilities: PlaceRecord[] | undefined;
  /** Stems of Cyrillic names, for inflected forms ("Одесу", "Україну", "Київщині", "Сумській області"). */
  private readonly cyrillicStems = new Map<string, AliasHit[]>();
  private readonly cyrillicMaxLen = new Map<string, number>();

  /**
   * @param places base data (see loader.ts for the shipped data); records are used as given, not copied.
   * @param options directional regions to derive and extra aliases to add on top.
   */
  constructor(places: Iterable<PlaceRecord>, options: GazetteerOptions = {}) {
    for (const p of places) this.byId.set(p.id, p);
    this.facilities = undefined;
    for (const p of this.byId.values()) this.indexRecord(p);
    if (options.directional) this.addDirectional(options.directional);
    if (options.extraAliases) this.addAliases(options.extraAliases);
  }

  /** Number of places. */
  get size(): number {
    return this.byId.size;
  }

  /** Number of distinct name keys in the index. */
  get keyCount(): number {
    return this.index.size;
  }

  /** The place with this id, or undefined. */
  placeById(id: string): Place | undefined {
    const r = this.byId.get(id);
    return r ? summary(r) : undefined;
  }

  /** The full record (aliases, parent, population) for matching code. */
  record(id: string): PlaceRecord | undefined {
    return this.byId.get(id);
  }

  /**
   * Places that contain this one, nearest first: containing place (a neighbourhood's city), province,
   * the province's region (Kurdistan Region), country. Empty for unknown ids.
   */
  ancestorsOf(id: string): Place[] {
    const out: Place[] = [];
    const seen = new Set<string>([id]);
    const climb = (r: PlaceRecord): void => {
      for (const up of [r.parent, r.admin1, r.country]) {
        if (!up || seen.has(up)) continue;
        seen.add(up);
        const rec = this.byId.get(up);
        if (!rec) continue;
        out.push(summary(rec));
        climb(rec);
      }
    };
    const start = this.byId.get(id);
    if (start) climb(start);
    return out;
  }

  /** Curated places with a facility type (airports, air bases, embassies) within `maxKm` of a point, nearest first. */
  facilitiesNear(lat: number, lon: number, maxKm: number): PlaceRecord[] {
    this.facilities ??= [...this.byId.values()].filter((r) => r.facility && r.lat !== null && r.lon !== null);
    return this.facilities
      .map((r) => ({ r, d: distanceKm(lat, lon, r.lat!, r.lon!) }))
      .filter((x) => x.d <= maxKm)
      .sort((a, b) => a.d - b.d)
      .map((x) => x.r);
  }

  /** True when `inner` is `outer` or lies inside it (by the parent/province/country chain). */
  isWithin(inner: string, outer: string): boolean {
    return inner === outer || this.ancestorsOf(inner).some((p) => p.id === outer);
  }

  /**
   * Adds names to existing places (e.g. a moderator's reviewed correction "Ayn al-Assad" -> Al Asad Airbase).
   * Unknown place ids and empty names are skipped. Returns how many names were added.
   */
  addAliases(entries: readonly AliasEntry[]): number {
    let added = 0;
    for (const e of entries) {
      const rec = this.byId.get(e.placeId);
      if (!rec || typeof e.alias !== 'string' || !e.alias.trim()) continue;
      let flags = flagsFor(e.alias, false) | AliasFlag.Runtime;
      if (e.contextOnly) flags |= AliasFlag.ContextOnly;
      if (this.addKey(nameKey(e.alias), rec, flags | this.descriptorFlag(e.alias))) {
        added++;
        if (!e.contextOnly && !rec.aliases.includes(e.alias)) rec.aliases.push(e.alias);
      }
    }
    return added;
  }

  /** Places reached by an exact normalised key ("kherson region"), or []. */
  lookupKey(key: string): readonly AliasHit[] {
    return this.index.get(key) ?? [];
  }

  /** Candidates for names starting at word i (longest name wins); null when no name starts there. */
  matchAt(tokens: readonly Token[], i: number): NameMatch | null {
    const first = tokens[i];
    if (!first) return null;
    const direct = this.longest(tokens, i, first.norm, 0);
    if (direct) return direct;
    // (A short word is a preposition or a pronoun, "Над" is not "Надым".)
    if (first.script === 'cyrillic' && first.norm.length >= 4) {
      const firstStem = cyrillicStem(first.norm);
      const max = Math.min(this.cyrillicMaxLen.get(firstStem) ?? 0, tokens.length - i);
      let key = firstStem;
      let best: NameMatch | null = null;
      for (let n = 1; n <= max; n++) {
        if (n > 1) {
          const t = tokens[i + n - 1]!;
          if (t.script !== 'cyrillic' || !NAME_GAP.test(t.gap)) break;
          key += ' ' + cyrillicStem(t.norm);
        }
        const hits = this.cyrillicStems.get(key);
        if (hits) best = { start: i, end: i + n, hits, prefixChars: 0 };
      }
      if (best) return best;
    }
    // Arabic and Hebrew attach one-letter prepositions and conjunctions, up to two: "ببغداد" = "in Baghdad",
    // "ובמטולה" = "and in Metula".
    const prefix = first.script === 'arabic' ? /^[وبلفك]/ : first.script === 'hebrew' ? /^[בלמהושכ]/ : null;
    if (prefix) {
      for (let n = 1; n <= 2 && prefix.test(first.raw.slice(n - 1)); n++) {
        const rest = first.raw.slice(n);
        if (rest.length < 3) break;
        const m = this.longest(tokens, i, normWord(rest), n);
        if (m) return m;
      }
    }
    return null;
  }

  private longest(tokens: readonly Token[], i: number, firstNorm: string, prefixChars: number): NameMatch | null {
    const max = this.maxLen.get(firstNorm);
    if (max === undefined) return null;
    let limit = Math.min(max, tokens.length - i);
    for (let k = 1; k < limit; k++) {
      // "Beirut's southern suburbs": a possessive may sit inside a name.
      const possGap = tokens[i + k - 1]!.poss && /^['’ʼ][sS]\s+$/.test(tokens[i + k]!.gap);
      if (!NAME_GAP.test(tokens[i + k]!.gap) && !possGap) {
        limit = k;
        break;
      }
    }
    for (let n = limit; n >= 1; n--) {
      let key = firstNorm;
      for (let k = 1; k < n; k++) key += ' ' + tokens[i + k]!.norm;
      const hits = this.index.get(key);
      if (hits) return { start: i, end: i + n, hits, prefixChars };
    }
    return null;
  }

  private descriptorFlag(alias: string): number {
    const words = alias.toLowerCase().split(/[\s-]+/);
    return words.some((w) => DESCRIPTOR_WORDS.has(w)) ? AliasFlag.Descriptor : 0;
  }

  private indexRecord(p: PlaceRecord): void {
    // GeoNames writes some romanisations in lower case ("abw kmal"): only curated names may start in lower case.
    const lowerOk = p.source === 'geonames' ? ~AliasFlag.LowerStart : ~0;
    p.aliases.forEach((a, k) => {
      const key = nameKey(a);
      const flags = (flagsFor(a, k === 0 || a === p.name) & lowerOk) | this.descriptorFlag(a);
      this.addKey(key, p, flags);
      // "البو كمال" / "البوكمال", "أبو غريب" / "ابوغريب": Arabic "Abu"/"Albu" names are written joined or apart.
      // (A joined "البوكمال" loses its article like any Arabic word: "بوكمال".)
      if (ARABIC_KUNYA.test(key)) this.addKey(key.replace(' ', '').replace(/^البو/, 'بو'), p, flags);
      // "Kfar Kila" / "Kfarkela", "Bint Jbeil" / "Bintjbeil": Levantine names written joined in Latin letters too.
      else if (JOINED_PREFIX.test(key)) this.addKey(key.replace(' ', ''), p, flags);
    });
    if (!p.aliases.includes(p.name)) this.addKey(nameKey(p.name), p, flagsFor(p.name, true) | this.descriptorFlag(p.name));
    for (const stem of p.stems ?? []) {
      for (const suffix of BASE_SUFFIXES) this.addKey(nameKey(`${stem} ${suffix}`), p, flagsFor(stem, false) | AliasFlag.Descriptor);
    }
    for (const a of p.contextAliases ?? []) this.addKey(nameKey(a), p, flagsFor(a, false) | AliasFlag.ContextOnly);
    for (const d of p.demonyms ?? []) this.addKey(nameKey(d), p, flagsFor(d, false) | AliasFlag.Demonym);
  }

  private addKey(rawKey: string, place: PlaceRecord, flags: number): boolean {
    // "the Golan" is indexed as "golan": a leading article would swallow the start of a longer name.
    const key = rawKey.startsWith('the ') ? rawKey.slice(4) : rawKey;
    if (!key) return false;
    const list = this.index.get(key);
    if (!list) {
      this.index.set(key, [{ place, flags }]);
    } else {
      const same = list.find((h) => h.place === place);
      if (same) {
        // One place reached twice by the same key: keep the most permissive reading of the two.
        const both = AliasFlag.Acronym | AliasFlag.ContextOnly | AliasFlag.Demonym;
        same.flags = (same.flags | flags) & ~both | (same.flags & flags & both);
        return false;
      }
      list.push({ place, flags });
    }
    const words = key.split(' ');
    const first = words[0]!;
    if ((this.maxLen.get(first) ?? 0) < words.length) this.maxLen.set(first, words.length);
    const stemKey = first.length >= 4 ? cyrillicStemKey(words) : null;
    if (stemKey) {
      const hits = this.cyrillicStems.get(stemKey) ?? [];
      if (!hits.some((h) => h.place === place)) hits.push({ place, flags });
      this.cyrillicStems.set(stemKey, hits);
      const firstStem = cyrillicStem(first);
      if ((this.cyrillicMaxLen.get(firstStem) ?? 0) < words.length) this.cyrillicMaxLen.set(firstStem, words.length);
    }
    return true;
  }

  private addDirectional(spec: DirectionalSpec): void {
    for (const targetId of spec.targets) {
      const target = this.byId.get(targetId);
      if (!target) continue;
      const names = spec.names?.[targetId] ?? [target.name];
      for (const dir of DIRECTIONS) {
        const rec: PlaceRecord = {
          id: `${targetId}~${dir.key}`,
          name: `${dir.name} ${names[0]}`,
          kind: 'region',
          country: target.country,
          admin1: target.kind === 'province' ? target.id : target.admin1,
          parent: targetId,
          lat: null,
          lon: null,
          tz: target.tz,
          population: 0,
          aliases: [],
          source: 'derived',
        };
        // "جنوب لبنان", "דרום לבנון": the target's own Arabic and Hebrew names after the script's compass word.
        const arabicNames = target.aliases.filter((a) => scriptOf(a) === 'arabic');
        const hebrewNames = target.aliases.filter((a) => scriptOf(a) === 'hebrew');
        const forms: [string, string][] = [
          ...dir.forms.flatMap((f) => names.map((n): [string, string] => [f, n])),
          ...(dir.arabic ?? []).flatMap((f) => arabicNames.map((n): [string, string] => [f, n])),
          ...(dir.hebrew ?? []).flatMap((f) => hebrewNames.map((n): [string, string] => [f, n])),
        ];
        for (const [form, n] of forms) {
          const alias = `${form} ${n}`;
          const key = nameKey(alias);
          // "North Gaza" is a governorate: an existing name is never shadowed by a derived one.
          if (this.index.get(key)?.some((h) => h.place.source !== 'derived')) continue;
          rec.aliases.push(alias);
        }
        if (!rec.aliases.length) continue;
        this.byId.set(rec.id, rec);
        for (const a of rec.aliases) this.addKey(nameKey(a), rec, flagsFor(a, false) | AliasFlag.LowerStart);
        this.addKey(nameKey(rec.name), rec, AliasFlag.Primary | AliasFlag.LowerStart);
      }
    }
  }
}

export { tokenize };
