/**
 * Time-zone arithmetic for event times: wall clock <-> UTC in an IANA zone (DST-correct, via Intl),
 * and the vocabulary of zone names that incident reports use ("Iraqi time", "Sanaa time", "EST", "AST").
 */

/** A wall-clock moment without a zone: calendar fields as written. */
export interface WallClock {
  y: number;
  m: number; // 1-12
  d: number;
  hh: number;
  mm: number;
}

// One formatter per zone: constructing Intl.DateTimeFormat is far costlier than using one.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = null; // unknown zone name: callers treat the zone as unknown
    }
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is a zone name this runtime knows. */
export function isKnownZone(zone: string): boolean {
  return formatterFor(zone) !== null;
}

/** The wall clock in `zone` at the UTC instant `ms`; null for an unknown zone or an invalid instant. */
export function wallClockAt(zone: string, ms: number): WallClock | null {
  const f = formatterFor(zone);
  if (!f || !Number.isFinite(ms)) return null;
  const parts = f.formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const w = { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mm: get('minute') };
  return Number.isFinite(w.y) ? w : null;
}

function wallToMs(w: WallClock): number {
  return Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm);
}

/** Offset of `zone` from UTC at the instant `ms`, in minutes (east positive); null for an unknown zone. */
export function offsetMinutes(zone: string, ms: number): number | null {
  const w = wallClockAt(zone, Math.floor(ms / 60_000) * 60_000);
  if (!w) return null;
  return Math.round((wallToMs(w) - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/**
 * The UTC instant of a wall-clock time in `zone`. A time skipped by a DST jump resolves with the offset
 * in force before the jump (so 02:30 on a spring-forward night reads as 03:30 local); a repeated time
 * resolves to its first occurrence.
 */
export function zonedToUtcMs(w: WallClock, zone: string): number | null {
  const naive = wallToMs(w);
  if (!Number.isFinite(naive)) return null;
  const o1 = offsetMinutes(zone, naive);
  if (o1 === null) return null;
  const o2 = offsetMinutes(zone, naive - o1 * 60_000) ?? o1;
  const valid = [o1, o2].map((o) => naive - o * 60_000).filter((ms, i) => offsetMinutes(zone, ms) === [o1, o2][i]);
  if (valid.length) return Math.min(...valid);
  // In a spring-forward gap no offset reproduces the wall clock: read it with the offset before the jump.
  return naive - Math.min(o1, o2) * 60_000;
}

/** `YYYY-MM-DDTHH:MMZ` of a UTC instant. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + 'Z';
}

/** Named zones that sources write as "<place> time": place, country and demonym -> IANA zone. */
const PLACE_ZONES: Record<string, string> = {
  iraq: 'Asia/Baghdad', iraqi: 'Asia/Baghdad', baghdad: 'Asia/Baghdad', erbil: 'Asia/Baghdad', irbil: 'Asia/Baghdad',
  yemen: 'Asia/Aden', yemeni: 'Asia/Aden', sanaa: 'Asia/Aden', "sana'a": 'Asia/Aden', aden: 'Asia/Aden',
  israel: 'Asia/Jerusalem', israeli: 'Asia/Jerusalem', jerusalem: 'Asia/Jerusalem', 'tel aviv': 'Asia/Jerusalem',
  gaza: 'Asia/Gaza', palestine: 'Asia/Hebron', palestinian: 'Asia/Hebron',
  kyiv: 'Europe/Kyiv', kiev: 'Europe/Kyiv', ukraine: 'Europe/Kyiv', ukrainian: 'Europe/Kyiv',
  moscow: 'Europe/Moscow', russia: 'Europe/Moscow', russian: 'Europe/Moscow',
  syria: 'Asia/Damascus', syrian: 'Asia/Damascus', damascus: 'Asia/Damascus',
  lebanon: 'Asia/Beirut', lebanese: 'Asia/Beirut', beirut: 'Asia/Beirut',
  iran: 'Asia/Tehran', iranian: 'Asia/Tehran', tehran: 'Asia/Tehran',
  afghanistan: 'Asia/Kabul', afghan: 'Asia/Kabul', kabul: 'Asia/Kabul',
  pakistan: 'Asia/Karachi', pakistani: 'Asia/Karachi', islamabad: 'Asia/Karachi',
  saudi: 'Asia/Riyadh', riyadh: 'Asia/Riyadh', mecca: 'Asia/Riyadh', makkah: 'Asia/Riyadh',
  jordan: 'Asia/Amman', jordanian: 'Asia/Amman', amman: 'Asia/Amman',
  turkey: 'Europe/Istanbul', turkish: 'Europe/Istanbul', ankara: 'Europe/Istanbul', istanbul: 'Europe/Istanbul',
  egypt: 'Africa/Cairo', egyptian: 'Africa/Cairo', cairo: 'Africa/Cairo',
  libya: 'Africa/Tripoli', libyan: 'Africa/Tripoli', tripoli: 'Africa/Tripoli',
  somalia: 'Africa/Mogadishu', somali: 'Africa/Mogadishu', mogadishu: 'Africa/Mogadishu',
  sudan: 'Africa/Khartoum', sudanese: 'Africa/Khartoum', khartoum: 'Africa/Khartoum',
  qatar: 'Asia/Qatar', doha: 'Asia/Qatar', kuwait: 'Asia/Kuwait', bahrain: 'Asia/Bahrain',
  uae: 'Asia/Dubai', emirati: 'Asia/Dubai', dubai: 'Asia/Dubai', 'abu dhabi': 'Asia/Dubai',
  washington: 'America/New_York', eastern: 'America/New_York',
  london: 'Europe/London', british: 'Europe/London', uk: 'Europe/London',
};

/** Alternation (longest first) of the place words accepted before "time", for the scanner's regex. */
export const PLACE_ZONE_WORDS: string[] = Object.keys(PLACE_ZONES).sort((a, b) => b.length - a.length);

export function zoneForPlaceWord(word: string): string | null {
  return PLACE_ZONES[word.toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, ' ')] ?? null;
}

/**
 * Zone abbreviations. `offset` is the abbreviation's fixed UTC offset; `zone` is what it names when the
 * event's own zone does not have that offset then. ET/EST/EDT are always US Eastern. "AST" in this domain
 * is Arabia Standard Time (+3): reports of Gulf/Iraq incidents, not Atlantic Standard Time.
 */
const ABBREVIATIONS: Record<string, { zone: string; offset: number | null }> = {
  ET: { zone: 'America/New_York', offset: null },
  EST: { zone: 'America/New_York', offset: null },
  EDT: { zone: 'America/New_York', offset: null },
  CT: { zone: 'America/Chicago', offset: null },
  CST: { zone: 'America/Chicago', offset: null },
  CDT: { zone: 'America/Chicago', offset: null },
  PT: { zone: 'America/Los_Angeles', offset: null },
  PST: { zone: 'America/Los_Angeles', offset: null },
  PDT: { zone: 'America/Los_Angeles', offset: null },
  GMT: { zone: 'UTC', offset: 0 },
  UTC: { zone: 'UTC', offset: 0 },
  Z: { zone: 'UTC', offset: 0 },
  AST: { zone: 'Asia/Riyadh', offset: 180 },
  IDT: { zone: 'Asia/Jerusalem', offset: 180 },
  IST: { zone: 'Asia/Jerusalem', offset: 120 },
  EET: { zone: 'Europe/Kyiv', offset: 120 },
  EEST: { zone: 'Europe/Kyiv', offset: 180 },
  MSK: { zone: 'Europe/Moscow', offset: 180 },
  CET: { zone: 'Europe/Berlin', offset: 60 },
  CEST: { zone: 'Europe/Berlin', offset: 120 },
  BST: { zone: 'Europe/London', offset: 60 },
  IRST: { zone: 'Asia/Tehran', offset: 210 },
  AFT: { zone: 'Asia/Kabul', offset: 270 },
  PKT: { zone: 'Asia/Karachi', offset: 300 },
};

export const ZONE_ABBREVIATIONS: string[] = Object.keys(ABBREVIATIONS).sort((a, b) => b.length - a.length);

/**
 * IANA zone named by an abbreviation at about the instant `ms`: the event's zone (`hint`) when its offset
 * equals the abbreviation's then (so "AST" in an Iraq report is Asia/Baghdad), else the abbreviation's own zone.
 */
export function zoneForAbbreviation(abbr: string, hint: string | null, ms: number): string | null {
  const a = ABBREVIATIONS[abbr.toUpperCase()];
  if (!a) return null;
  if (a.offset !== null && a.offset !== 0 && hint && offsetMinutes(hint, ms) === a.offset) return hint;
  return a.zone;
}

/**
 * A zone with the UTC offset `offset` (minutes) at about `ms`: the first candidate that matches, else a
 * fixed-offset Etc zone for whole hours (an honest "known only as an offset"), else null.
 */
export function zoneForOffset(offset: number, candidates: readonly (string | null)[], ms: number): string | null {
  for (const z of candidates) if (z && offsetMinutes(z, ms) === offset) return z;
  for (const z of FALLBACK_ZONES) if (offsetMinutes(z, ms) === offset && offset % 60 !== 0) return z;
  if (offset === 0) return 'UTC';
  if (offset % 60 === 0 && Math.abs(offset) <= 14 * 60) {
    const h = offset / 60;
    // Etc zones have inverted signs by POSIX convention: Etc/GMT-3 is UTC+3.
    return `Etc/GMT${h > 0 ? '-' : '+'}${Math.abs(h)}`;
  }
  return null;
}

// Zones with non-whole-hour offsets that incident reports in this domain name.
const FALLBACK_ZONES = ['Asia/Tehran', 'Asia/Kabul', 'Asia/Kolkata'];
