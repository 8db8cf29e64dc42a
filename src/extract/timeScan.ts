/**
 * Finds the pieces of time expressions in a text (dates, weekdays, relative days, clock times, zone names,
 * parts of the day) with precompiled regexes. Interpretation (which piece dates the event, in which zone)
 * is done by ./time.ts.
 */
import { PLACE_ZONE_WORDS, ZONE_ABBREVIATIONS, zoneForPlaceWord } from './zones.ts';

export type DayPart = 'morning' | 'afternoon' | 'evening' | 'night' | 'early' | 'late';

/** How a zone was written; resolved to an IANA zone later, when the event's zone and the date are known. */
export type ZoneSpec =
  | { kind: 'local' }
  | { kind: 'place'; zone: string }
  | { kind: 'abbr'; abbr: string }
  | { kind: 'offset'; minutes: number };

export type RelativeDay = 'today' | 'tonight' | 'this_part' | 'yesterday' | 'last_night' | 'overnight';

interface Base {
  s: number;
  e: number;
}
export type TimeToken =
  | (Base & { k: 'clock'; hh: number; mm: number; minutes: boolean })
  | (Base & { k: 'zone'; zone: ZoneSpec })
  | (Base & { k: 'date'; y: number | null; m: number; d: number; d2: number | null })
  | (Base & { k: 'month'; y: number | null; m: number; prefix: string | null })
  | (Base & { k: 'weekday'; wd: number; part: DayPart | null; last: boolean })
  | (Base & { k: 'rel'; rel: RelativeDay; part: DayPart | null })
  | (Base & { k: 'part'; part: DayPart })
  | (Base & { k: 'unresolved' });

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};

const MON =
  '(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sep(?:t(?:ember|\\.)?|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)(?![a-z])';
const ORD = '(?:st|nd|rd|th)?';
const AMPM = '(a\\.?\\s?m\\.?|p\\.?\\s?m\\.?)(?![a-z])';
const NUMBER_WORD =
  'a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|a few|few|several|many|some|\\d+';

// Month first ("March 03, 2021", "Feb 15", "Jan. 9", "May 24-25").
const DATE_MD = new RegExp(
  `\\b${MON}\\s+(\\d{1,2})${ORD}(?:\\s*[-–—]\\s*(\\d{1,2})${ORD})?(?![\\d:])(?:,?\\s+(\\d{4})(?!\\d))?`,
  'gi',
);
// Day first ("3 July", "24–25 May", "25 and 26 February", "1st of March 2024").
const DATE_DM = new RegExp(
  `(?<![\\d:.,])\\b(\\d{1,2})${ORD}(?:\\s*(?:[-–—/]|\\band\\b|\\bto\\b)\\s*(\\d{1,2})${ORD})?\\s+(?:of\\s+)?${MON}(?:,?\\s+(\\d{4})(?!\\d))?`,
  'gi',
);
const DATE_ISO = /\b(\d{4})-(\d{2})-(\d{2})(?![\d])/g;
// A month without a day: only with a year or a preposition, so a bare "May" or "march" is not a date.
const MONTH_ONLY = new RegExp(
  `\\b(?:(in|during|since|until|till|from|by|early|late|mid-?|last|this|earlier in|later in)\\s+)?${MON}(?:,?\\s+(\\d{4})(?!\\d))?(?!\\s+\\d{1,2}(?!\\d))`,
  'gi',
);
const WEEKDAY = new RegExp(
  `\\b(?:([Ee]arly|[Ll]ate|[Ll]ast|[Pp]ast)\\s+(?:on\\s+)?)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?(?:\\s+(morning|afternoon|evening|night|overnight|dawn))?\\b`,
  'g',
);
const RELATIVE =
  /\b(?:(earlier|later|early|late)\s+)?(today|tonight|yesterday|this\s+(?:morning|afternoon|evening)|last\s+night|overnight|(?:over|during)\s+the\s+(?:past|last)\s+night|(?:over|during)\s+the\s+night)(?:['’]s)?(?:\s+(morning|afternoon|evening|night))?\b/gi;
const PART_OF =
  /\b(?:(?:on|at|in|during)\s+)?(?:the\s+)?(early\s+hours|small\s+hours|early\s+morning|morning|afternoon|evening|night)(?:\s+hours)?\s+(?:of|between|from)\b|\bat\s+night\b|\b(?:at|before|after|around|since|from|shortly\s+after|shortly\s+before)\s+(dawn|daybreak|first\s+light|sunrise|dusk|sunset|nightfall)\b/gi;
const CLOCK_12 = new RegExp(`(?<![\\d:.,])\\b(1[0-2]|0?[1-9])(?:[:.]([0-5]\\d))?\\s*${AMPM}`, 'gi');
const CLOCK_PART = /(?<![\d:.,])\b(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s+(?:o['’]clock\s+)?in\s+the\s+(morning|afternoon|evening|night)\b/gi;
const CLOCK_24 = /(?<![\d:.,])\b([01]?\d|2[0-3]):([0-5]\d)(?![\d:])/g;
const CLOCK_H = /(?<![\d:.,])\b([01]?\d|2[0-3])h([0-5]\d)\b/g;
// "between 2 and 4 a.m.", "from 11 to 1 p.m.": the first number borrows the second's am/pm.
const CLOCK_12_PAIR = new RegExp(
  `(?<![\\d:.,])\\b(1[0-2]|0?[1-9])(?:[:.]([0-5]\\d))?(\\s*(?:-|–|—|to|and|until)\\s*)(1[0-2]|0?[1-9])(?:[:.]([0-5]\\d))?\\s*${AMPM}`,
  'gi',
);
const AR_CLOCK_PART = /^\s*(?:من\s+)?(مساء|مساءً|ليلا|ليلاً|ليل|عصرا|عصراً|ظهرا|ظهراً)/u;
const CLOCK_NAMED = /\b(noon|midday|midnight)\b/gi;
// "الساعة الرابعة من عصر يوم الأحد" (at the fourth hour of Sunday afternoon), "الساعة 9 والنصف مساءً": an Arabic clock
// reading, with an ordinal or a numeral, an optional half or quarter, and the part of the day that says am or pm.
const AR_ORDINAL_HOURS: Record<string, number> = {
  الواحدة: 1, الثانية: 2, الثالثة: 3, الرابعة: 4, الخامسة: 5, السادسة: 6, السابعة: 7, الثامنة: 8, التاسعة: 9, العاشرة: 10,
  'الحادية عشرة': 11, 'الحادية عشر': 11, 'الثانية عشرة': 12, 'الثانية عشر': 12,
};
const AR_HOUR_WORD = Object.keys(AR_ORDINAL_HOURS).sort((a, b) => b.length - a.length).join('|').replace(/ /g, '\\s+');
const ARABIC_CLOCK = new RegExp(
  `(?<!\\p{L})(?:ب|و)?الساعة\\s+(${AR_HOUR_WORD}|\\d{1,2})(?!\\p{L}|[\\d:])(?:\\s+(?:و\\s*)?(النصف|نصف|الربع|ربع|إلا\\s+ربعا?|الا\\s+ربعا?))?(?:(?=\\s+(?:من\\s+)?(?:بعد\\s+)?(فجر|صباح|ظهر|عصر|مساء|ليل))|)`,
  'gu',
);
// "عند الساعة 0415 من فجر اليوم": a military clock reading after the Arabic word for the hour.
const ARABIC_MIL_CLOCK = /(?<!\p{L})(?:ب|و)?الساعة\s+([01]\d|2[0-3])([0-5]\d)(?!\d)/gu;
// Four digits with no separator: a military time only when glossed ("hours", a zone) or after "at".
const CLOCK_MIL = /(?<![\d.,:/\-])\b([01]\d|2[0-3])([0-5]\d)(?!\d)(?:\s*(?:hours|hrs|h)\b|(?=Z\b))?/g;
// "between 1910 and 2130 Sanaa time": the first of a glossed pair of military times.
const MIL_PAIR_AFTER = /^\s*(?:and|to|until|till|-|–|—)\s*(?:[01]\d|2[0-3])[0-5]\d(?!\d)/;
const MIL_PAIR_BEFORE = /\b(?:between|from)\s+$/i;
const ZONE_AFTER_MIL = new RegExp(
  `^\\s*(?:hours\\b|hrs\\b|h\\b|Z\\b|local\\b|(?:${ZONE_ABBREVIATIONS.join('|')})\\b|\\(?\\s*(?:[A-Za-z'’]+\\s+)?time\\b)`,
);
const AT_BEFORE = /\bat\s+(?:approx(?:imately|\.)?\s+|about\s+|around\s+|roughly\s+)?$/i;
// "tonight at 2045", "Feb 15, at 1930": a day word right before makes a year-like number a clock time.
const DAY_BEFORE_AT = new RegExp(
  `(?:tonight|today|morning|afternoon|evening|night|yesterday|day|${MON}\\s+\\d{1,2}(?:,?\\s+\\d{4})?)\\s*,?\\s*at\\s+(?:approx(?:imately|\\.)?\\s+|about\\s+|around\\s+|roughly\\s+)?$`,
  'i',
);
// "at approximately 2045 on 25 OCT": a date right after also makes a year-like number a clock time.
const DATE_AFTER_AT = new RegExp(`^\\s+on\\s+(?:\\d{1,2}\\s+${MON}\\b|${MON}\\.?\\s+\\d{1,2}\\b)`, 'i');
// "at 1500 metres", "at 2000 troops": a count or a measure, not a clock time.
const NOT_A_CLOCK_AFTER =
  /^\s*(?:-|%|m\b|metres?|meters?|km|kilomet|ft\b|feet|miles?|yards?|kg|tonnes?|tons?|people|persons|troops|soldiers|personnel|residents|civilians|homes|houses|buildings|targets|sites|locations|rounds|rockets|drones|missiles|shells|positions|degrees|units|vehicles|BC\b|AD\b)/i;

const PLACE_TIME = new RegExp(
  `\\b(${PLACE_ZONE_WORDS.map((w) => w.replace(/'/g, "['’]?").replace(/ /g, '\\s+')).join('|')}|arabian?|greenwich\\s+mean|coordinated\\s+universal)\\s+(?:(?:standard|daylight|summer)\\s+)?time\\b`,
  'gi',
);
const LOCAL_TIME = /\blocal\s+times?\b/gi;
const ABBR = new RegExp(
  `(?<![A-Za-z])(${ZONE_ABBREVIATIONS.filter((a) => a !== 'Z').join('|')})(?:\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?)?(?![A-Za-z])|(?<=\\d)Z(?![A-Za-z])`,
  'g',
);

const UNRESOLVED = new RegExp(
  `\\b(?:(?:about|some|around|roughly|approximately|nearly|just|only|barely)\\s+)?(?:(?:${NUMBER_WORD})\\s+)?(?:minutes?|hours?|days?|moments?)\\s+(?:later|earlier|afterwards?|after\\s+that|before\\s+that)\\b|\\b(?:shortly|soon)\\s+(?:afterwards?|after\\s+that|before\\s+that)\\b|\\bthe\\s+(?:previous|next|following)\\s+(?:day|night|morning|evening)\\b|\\bthe\\s+day\\s+(?:before|after)\\b`,
  'gi',
);

// Arabic relative days and weekdays: "فجر اليوم الثلاثاء" (at dawn today, Tuesday), "مساء أمس" (yesterday evening).
const AR = '(?<!\\p{L})';
const AR_END = '(?!\\p{L})';
const AR_PARTS: Record<string, DayPart> = {
  فجر: 'morning', صباح: 'morning', ظهر: 'afternoon', عصر: 'afternoon', مساء: 'evening', ليلة: 'night', ليل: 'night',
};
const AR_WEEKDAYS: Record<string, number> = {
  الأحد: 0, الاحد: 0, الاثنين: 1, الإثنين: 1, الثلاثاء: 2, الأربعاء: 3, الاربعاء: 3, الخميس: 4, الجمعة: 5, السبت: 6,
};
// A relative day (optionally followed by its weekday) or a weekday alone; never an empty match.
const AR_WD = `(${Object.keys(AR_WEEKDAYS).join('|')})`;
const ARABIC_DAY = new RegExp(
  `${AR}(?:(فجر|صباح|ظهر|عصر|مساء|ليلة|ليل)\\s+)?(?:(?:يوم|نهار)\\s+)?(?:(اليوم|أمس|امس|البارحة|الليلة(?:\\s+الماضية)?)(?:\\s+(?:يوم\\s+)?${AR_WD})?|${AR_WD})${AR_END}`,
  'gu',
);

// Ukrainian and Russian: "29 грудня 2023 року", "У ніч на 29 грудня" (the night into 29 December), "Сьогодні вночі"
// (tonight, said the morning after), "В течение прошедшей ночи" (during the past night), "вчора ввечері".
const CYR_MONTHS: Record<string, number> = {
  січня: 1, лютого: 2, березня: 3, квітня: 4, травня: 5, червня: 6, липня: 7, серпня: 8, вересня: 9, жовтня: 10, листопада: 11, грудня: 12,
  января: 1, февраля: 2, марта: 3, апреля: 4, мая: 5, июня: 6, июля: 7, августа: 8, сентября: 9, октября: 10, ноября: 11, декабря: 12,
};
const CYR = '(?<![\\p{L}\\d])';
const CYR_END = '(?![\\p{L}])';
const CYRILLIC_DATE = new RegExp(
  `${CYR}(\\d{1,2})\\s+(${Object.keys(CYR_MONTHS).join('|')})(?:\\s+(\\d{4})(?:\\s+(?:року|года|г\\.?))?)?${CYR_END}`,
  'giu',
);
const CYRILLIC_NIGHT_OF = new RegExp(`${CYR}(?:[ув]\\s+ніч|в\\s+ночь)\\s+(?:на|проти|с|з)${CYR_END}`, 'giu');
const CYRILLIC_REL = new RegExp(
  `${CYR}(?:(сьогодні|сегодня|вчора|вчера)(?:\\s+(вночі|ночью|уночі|вранці|утром|ввечері|вечером|зранку))?|(минулої\\s+ночі|цієї\\s+ночі|протягом\\s+(?:минулої\\s+)?ночі|(?:в\\s+течение|за)\\s+(?:прошедшей|минувшей|прошлой)\\s+ночи|минувшей\\s+ночью|прошлой\\s+ночью|этой\\s+ночью|вночі|уночі|ночью))${CYR_END}`,
  'giu',
);

/** Cheap test run before any scanning: texts with none of these cannot hold a time expression. */
export const MAYBE_TIME =
  /\d|day|night|morning|evening|noon|January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Sept?\.|Oct\.|Nov\.|Dec\.|Aug\.|Apr\.|earlier|later|moments|dawn|dusk|daybreak|nightfall|first light|[\u0600-\u06FF\u0400-\u04FF]/i;

function monthOf(word: string): number {
  return MONTHS[word.slice(0, 3).toLowerCase()] ?? 0;
}

const capitalised = (w: string): boolean => w[0] === w[0]!.toUpperCase();

function partOf(word: string | undefined): DayPart | null {
  if (!word) return null;
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (w === 'morning' || w === 'dawn' || w === 'early morning') return 'morning';
  if (w === 'afternoon') return 'afternoon';
  if (w === 'evening') return 'evening';
  if (w === 'night' || w === 'overnight') return 'night';
  if (w === 'early hours' || w === 'small hours' || w === 'early') return 'early';
  if (w === 'late') return 'late';
  return null;
}

function twelveHour(h: number, ampm: string): number {
  const pm = ampm[0]!.toLowerCase() === 'p';
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

/** All time pieces in `text`, in text order, without overlaps (the longer piece wins). */
export function scanTimeTokens(text: string): TimeToken[] {
  const found: TimeToken[] = [];
  const add = (t: TimeToken): void => void found.push(t);
  let m: RegExpExecArray | null;

  for (const re of [DATE_MD, DATE_DM, DATE_ISO, MONTH_ONLY, WEEKDAY, RELATIVE, PART_OF, CLOCK_12, CLOCK_PART, CLOCK_24]) re.lastIndex = 0;
  for (const re of [CLOCK_12_PAIR, CLOCK_H, CLOCK_NAMED, CLOCK_MIL, PLACE_TIME, LOCAL_TIME, ABBR, UNRESOLVED]) re.lastIndex = 0;

  // "late on March 23", "early on 4 May": the part of that day.
  const partBeforeDate = (at: number): void => {
    const lead = /\b(late|early)\s+(?:on\s+)?$/i.exec(text.slice(Math.max(0, at - 12), at));
    if (lead) add({ k: 'part', s: at - lead[0].length, e: at - lead[0].length + lead[1]!.length, part: lead[1]!.toLowerCase() as DayPart });
  };
  while ((m = DATE_MD.exec(text))) {
    if (!capitalised(m[1]!)) continue;
    add({ k: 'date', s: m.index, e: m.index + m[0].length, m: monthOf(m[1]!), d: +m[2]!, d2: m[3] ? +m[3] : null, y: m[4] ? +m[4] : null });
    partBeforeDate(m.index);
  }
  while ((m = DATE_DM.exec(text))) {
    if (!capitalised(m[3]!)) continue;
    add({ k: 'date', s: m.index, e: m.index + m[0].length, m: monthOf(m[3]!), d: +m[1]!, d2: m[2] ? +m[2] : null, y: m[4] ? +m[4] : null });
    partBeforeDate(m.index);
  }
  while ((m = DATE_ISO.exec(text))) {
    add({ k: 'date', s: m.index, e: m.index + m[0].length, y: +m[1]!, m: +m[2]!, d: +m[3]!, d2: null });
  }
  while ((m = MONTH_ONLY.exec(text))) {
    if (!capitalised(m[2]!) || (!m[1] && !m[3])) continue;
    if (m[2] === 'May' && !m[3] && !m[1]) continue;
    const prefix = m[1] ? m[1].toLowerCase() : null;
    // The prefix belongs to the token only so traps ("since January") can see it; the month starts after it.
    add({ k: 'month', s: m.index, e: m.index + m[0].length, m: monthOf(m[2]!), y: m[3] ? +m[3] : null, prefix });
  }
  while ((m = WEEKDAY.exec(text))) {
    const mod = m[1]?.toLowerCase();
    const part = partOf(m[3]) ?? (mod === 'early' || mod === 'late' ? mod : null);
    add({ k: 'weekday', s: m.index, e: m.index + m[0].length, wd: WEEKDAYS[m[2]!.toLowerCase()]!, part, last: mod === 'last' || mod === 'past' });
  }
  while ((m = RELATIVE.exec(text))) {
    const word = m[2]!.toLowerCase().replace(/\s+/g, ' ');
    const mod = m[1]?.toLowerCase();
    let rel: RelativeDay;
    let part: DayPart | null = partOf(m[3]);
    if (word === 'today') rel = 'today';
    else if (word === 'tonight') (rel = 'tonight'), (part = 'night');
    else if (word === 'yesterday') rel = 'yesterday';
    else if (word === 'last night') (rel = 'last_night'), (part = 'night');
    else if (word === 'overnight' || /night$/.test(word)) (rel = 'overnight'), (part = 'night');
    else (rel = 'this_part'), (part = partOf(word.split(' ')[1]));
    if (!part && (mod === 'early' || mod === 'late')) part = mod;
    add({ k: 'rel', s: m.index, e: m.index + m[0].length, rel, part });
  }
  while ((m = PART_OF.exec(text))) {
    const light = m[2]?.toLowerCase();
    const part: DayPart = light ? (/dusk|sunset|nightfall/.test(light) ? 'evening' : 'morning') : (partOf(m[1] ?? 'night') ?? 'night');
    add({ k: 'part', s: m.index, e: m.index + m[0].length, part });
  }
  while ((m = CLOCK_12.exec(text))) {
    const h = +m[1]!;
    add({ k: 'clock', s: m.index, e: m.index + m[0].length, hh: twelveHour(h, m[3]!), mm: m[2] ? +m[2] : 0, minutes: m[2] !== undefined });
  }
  while ((m = CLOCK_PART.exec(text))) {
    const h = +m[1]! % 12;
    const part = m[3]!.toLowerCase();
    const hh = part === 'morning' || (part === 'night' && h < 6) ? h : h + 12;
    add({ k: 'clock', s: m.index, e: m.index + m[0].length, hh, mm: m[2] ? +m[2] : 0, minutes: m[2] !== undefined });
  }
  while ((m = CLOCK_12_PAIR.exec(text))) {
    const second = twelveHour(+m[4]!, m[6]!);
    let first = twelveHour(+m[1]!, m[6]!);
    if (first * 60 + (m[2] ? +m[2] : 0) > second * 60 + (m[5] ? +m[5] : 0)) first = (first + 12) % 24;
    const firstEnd = m.index + m[1]!.length + (m[2] ? m[2].length + 1 : 0);
    const secondStart = firstEnd + m[3]!.length;
    add({ k: 'clock', s: m.index, e: firstEnd, hh: first, mm: m[2] ? +m[2] : 0, minutes: m[2] !== undefined });
    add({ k: 'clock', s: secondStart, e: m.index + m[0].length, hh: second, mm: m[5] ? +m[5] : 0, minutes: m[5] !== undefined });
  }
  while ((m = CLOCK_H.exec(text))) add({ k: 'clock', s: m.index, e: m.index + m[0].length, hh: +m[1]!, mm: +m[2]!, minutes: true });
  while ((m = CLOCK_24.exec(text))) {
    let hh = +m[1]!;
    // "11:40 من مساء يوم السبت" (11:40 in the evening of Saturday), "9:15 ليلاً": an Arabic part of the day after a
    // twelve-hour clock.
    const ar = hh < 12 ? AR_CLOCK_PART.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 16)) : null;
    if (ar && (ar[1]!.startsWith('ليل') ? hh >= 6 : true)) hh += 12;
    add({ k: 'clock', s: m.index, e: m.index + m[0].length, hh, mm: +m[2]!, minutes: true });
  }
  while ((m = ARABIC_CLOCK.exec(text))) {
    const word = m[1]!.replace(/\s+/g, ' ');
    let hh = AR_ORDINAL_HOURS[word] ?? +word;
    if (!(hh >= 0 && hh <= 24)) continue;
    const fraction = m[2] ?? '';
    let mm = /نصف/.test(fraction) ? 30 : /ربع/.test(fraction) ? 15 : 0;
    if (/^(?:إلا|الا)/.test(fraction)) {
      mm = 45;
      hh = (hh + 23) % 24;
    }
    const part = m[3];
    if (part && hh < 12) {
      if (part === 'عصر' || part === 'مساء' || (part === 'ظهر' && hh <= 6) || (part === 'ليل' && hh >= 6)) hh += 12;
    }
    if (hh === 24) hh = 0;
    add({ k: 'clock', s: m.index, e: m.index + m[0].length, hh, mm, minutes: mm !== 0 });
  }
  ARABIC_MIL_CLOCK.lastIndex = 0;
  while ((m = ARABIC_MIL_CLOCK.exec(text))) add({ k: 'clock', s: m.index, e: m.index + m[0].length, hh: +m[1]!, mm: +m[2]!, minutes: true });
  while ((m = CLOCK_NAMED.exec(text))) {
    const w = m[1]!.toLowerCase();
    // "shortly before midnight on Sunday" is late on Sunday, not its first minute.
    const lateOfDay = w === 'midnight' && /\b(?:before|until|till|to)\s+$/i.test(text.slice(Math.max(0, m.index - 12), m.index));
    add({ k: 'clock', s: m.index, e: m.index + m[0].length, hh: w === 'midnight' ? (lateOfDay ? 23 : 0) : 12, mm: lateOfDay ? 59 : 0, minutes: false });
  }
  while ((m = CLOCK_MIL.exec(text))) {
    const glossed = m[0].length > 4 || ZONE_AFTER_MIL.test(text.slice(m.index + 4, m.index + 40));
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const afterAt = AT_BEFORE.test(before) && !NOT_A_CLOCK_AFTER.test(text.slice(m.index + 4, m.index + 20));
    const yearLike = /^(19|20)\d\d$/.test(m[0].slice(0, 4));
    const pair = !glossed && MIL_PAIR_BEFORE.test(before) ? MIL_PAIR_AFTER.exec(text.slice(m.index + 4, m.index + 30)) : null;
    const pairGlossed = !!pair && ZONE_AFTER_MIL.test(text.slice(m.index + 4 + pair[0].length, m.index + 60 + pair[0].length));
    const dateAfter = DATE_AFTER_AT.test(text.slice(m.index + 4, m.index + 24));
    if (!glossed && !pairGlossed && !(afterAt && (!yearLike || DAY_BEFORE_AT.test(before) || dateAfter))) continue;
    add({ k: 'clock', s: m.index, e: m.index + m[0].length, hh: +m[1]!, mm: +m[2]!, minutes: true });
  }
  while ((m = PLACE_TIME.exec(text))) {
    const word = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    let zone: ZoneSpec;
    if (word.startsWith('arabia')) zone = { kind: 'abbr', abbr: 'AST' };
    else if (word === 'greenwich mean' || word === 'coordinated universal') zone = { kind: 'abbr', abbr: 'UTC' };
    else {
      const z = zoneForPlaceWord(word);
      if (!z) continue;
      zone = { kind: 'place', zone: z };
    }
    add({ k: 'zone', s: m.index, e: m.index + m[0].length, zone });
  }
  while ((m = LOCAL_TIME.exec(text))) add({ k: 'zone', s: m.index, e: m.index + m[0].length, zone: { kind: 'local' } });
  while ((m = ABBR.exec(text))) {
    const abbr = m[1] ?? 'Z';
    let zone: ZoneSpec = { kind: 'abbr', abbr };
    if (m[2] && (abbr === 'GMT' || abbr === 'UTC')) {
      const minutes = (+m[3]! * 60 + (m[4] ? +m[4] : 0)) * (m[2] === '-' ? -1 : 1);
      zone = { kind: 'offset', minutes };
    }
    add({ k: 'zone', s: m.index, e: m.index + m[0].length, zone });
  }
  while ((m = UNRESOLVED.exec(text))) add({ k: 'unresolved', s: m.index, e: m.index + m[0].length });
  if (/[\u0600-\u06FF]/.test(text)) {
    ARABIC_DAY.lastIndex = 0;
    while ((m = ARABIC_DAY.exec(text))) {
      const part = m[1] ? AR_PARTS[m[1]]! : null;
      const rel = m[2];
      const s = m.index;
      const e = m.index + m[0].length;
      if (rel) {
        const lastNight = rel.startsWith('الليلة') && rel.includes('الماضية');
        if (rel === 'اليوم') add({ k: 'rel', s, e, rel: 'today', part });
        else if (rel === 'الليلة') add({ k: 'rel', s, e, rel: 'tonight', part: 'night' });
        else if (lastNight || ((rel === 'أمس' || rel === 'امس' || rel === 'البارحة') && part === 'night')) add({ k: 'rel', s, e, rel: 'last_night', part: 'night' });
        else add({ k: 'rel', s, e, rel: 'yesterday', part });
      } else if (m[4]) add({ k: 'weekday', s, e, wd: AR_WEEKDAYS[m[4]]!, part, last: false });
    }
  }

  if (/[\u0400-\u04FF]/.test(text)) {
    for (const re of [CYRILLIC_DATE, CYRILLIC_NIGHT_OF, CYRILLIC_REL]) re.lastIndex = 0;
    while ((m = CYRILLIC_DATE.exec(text))) {
      add({ k: 'date', s: m.index, e: m.index + m[0].length, m: CYR_MONTHS[m[2]!.toLowerCase()]!, d: +m[1]!, d2: null, y: m[3] ? +m[3] : null });
    }
    while ((m = CYRILLIC_NIGHT_OF.exec(text))) add({ k: 'part', s: m.index, e: m.index + m[0].length, part: 'night' });
    while ((m = CYRILLIC_REL.exec(text))) {
      const s = m.index;
      const e = m.index + m[0].length;
      const day = m[1]?.toLowerCase();
      const part = m[2]?.toLowerCase();
      const partOfDay: DayPart | null = !part ? null : /ноч/.test(part) ? 'night' : /вран|утр|зран/.test(part) ? 'morning' : 'evening';
      if (m[3]) add({ k: 'rel', s, e, rel: 'overnight', part: 'night' });
      else if (day === 'сьогодні' || day === 'сегодня') add({ k: 'rel', s, e, rel: partOfDay === 'night' ? 'overnight' : 'today', part: partOfDay });
      else if (partOfDay === 'night') add({ k: 'rel', s, e, rel: 'last_night', part: 'night' });
      else add({ k: 'rel', s, e, rel: 'yesterday', part: partOfDay });
    }
  }

  found.sort((a, b) => a.s - b.s || b.e - b.s - (a.e - a.s));
  const out: TimeToken[] = [];
  for (const t of found) {
    const last = out[out.length - 1];
    if (last && t.s < last.e) {
      if (t.e - t.s > last.e - last.s) out[out.length - 1] = t;
      continue;
    }
    out.push(t);
  }
  return out;
}
