/**
 * The event's time: which time expression dates the incident (not the statement, not an as-of cut-off,
 * not a background event), resolved to a wall clock in the event's zone and to UTC.
 *
 * Pieces come from ./timeScan.ts; pieces separated only by connectors ("on", "at", "approx", commas,
 * parentheses) form one expression ("On Jan. 9, at approximately 9:15 p.m. (Sanaa time)"). An expression
 * with a clock time wins over date-only ones; a clock time without a date borrows the text's event date.
 */
import type { EventTime, Precision } from '../domain/claim.ts';
import { addDays, daysBetween, formatDate, formatDateTime, formatMonth, isValidDate, weekdayOf, type CivilDate } from './civilDate.ts';
import type { ExtractContext } from './context.ts';
import type { PreparedText } from './prepare.ts';
import { MAYBE_TIME, scanTimeTokens, type DayPart, type TimeToken, type ZoneSpec } from './timeScan.ts';
import {
  formatUtc,
  isKnownZone,
  offsetMinutes,
  wallClockAt,
  zonedToUtcMs,
  zoneForAbbreviation,
  zoneForOffset,
} from './zones.ts';

type Clock = Extract<TimeToken, { k: 'clock' }>;
type DayToken = Extract<TimeToken, { k: 'date' | 'month' | 'weekday' | 'rel' | 'part' }>;

const NEW_YORK = 'America/New_York';

interface Expr {
  toks: TimeToken[];
  /** Start including leading words ("at approx", "on"), end of the last piece. */
  s: number;
  e: number;
  /** Start of the first piece. */
  first: number;
}

/** What a post's date is, in the zone a relative expression is read in. */
interface PostTime {
  date: CivilDate;
  /** UTC instant when the post time has a clock; null for a date-only post time. */
  ms: number | null;
}

interface DayInfo {
  date: CivilDate | null;
  month: { y: number; m: number } | null;
  end: CivilDate | null;
  precision: 'day' | 'part_of_day' | 'month';
  /** Date of the morning after a night ("the night of 28 May", "overnight"): evening clock times are the day before. */
  nightInto: boolean;
  /** Date of an evening ("Friday night", "tonight"): small-hours clock times are the day after. */
  eveningOf: boolean;
  /** Date taken from the post's own date ("today", "this morning"): a clock time after the post means the day before. */
  fromPost: boolean;
  /** Zone the relative expression was read in when it is not the event's (US statements: "this evening"). */
  tz: string | null;
}

interface Resolved {
  kind: 'clock' | 'day' | 'unresolved';
  expr: Expr;
  trap: boolean;
  /** The trap is the date of a statement: the event happened on it or before it. */
  statement: boolean;
  /** Dates the start of an operation ("began early on Monday"). */
  began?: boolean;
  /** A date naming another event as a noun modifier ("after the Sept. 11 attacks"): used only when nothing else dates the text. */
  attributive: boolean;
  sentence: number;
  day: DayInfo | null;
}

// Connector words allowed between the pieces of one expression.
const GAP_WORDS = new Set([
  'on', 'at', 'of', 'the', 'in', 'and', 'to', 'from', 'between', 'around', 'about', 'approx', 'approx.',
  'approximately', 'roughly', 'some', 'just', 'shortly', 'before', 'after', 'early', 'late', 'into', 'until',
  'till', 'circa', 'ca.', 'sometime', 'or', 'soon', 'hours',
]);
const LEAD =
  /(?:\b(?:at|on|in|from|between|during)\s+)?(?:\b(?:approx(?:imately|\.)?|about|around|roughly|some|circa|just|shortly|sometime|soon|right|before|after|early|late|nearly)\s+)*$/i;
const APPROX = /\b(?:approx\.?|approximately|about|around|roughly|some|circa|ca\.|just|shortly|sometime|soon|before|after|nearly|near)(?![\w])/i;
const RANGE_CONNECTOR = /\b(?:and|to|until|till)\b|[-–—]/i;

const AS_OF = /\b(?:as\s+(?:of|at)|current\s+as\s+of|correct\s+as\s+of|(?:(?:last\s+)?updated|published|posted)\s*:?\s*(?:at\s+|on\s+)?)\s*$/i;
const BACKGROUND = /\b(?:since|until|till|ahead\s+of|prior\s+to|through)\s*$/i;
// When a war or an invasion began is the conflict's background, never an incident's time ("since the war began in
// February 2022", "Russia's full-scale invasion in February 2022").
const WAR_BEGAN =
  /\b(?:(?:war|conflict|invasion|hostilities|occupation)\s+(?:(?:that|which)\s+)?(?:began|started|erupted|broke\s+out|was\s+launched)|full[-\s]scale\s+invasion)\s+(?:in|on)?\s*$/i;
const STATEMENT_VERB = String.raw`(?:said|says|announced|announces|confirmed|confirms|reported|reports|stated|states|added|adds|tweeted|wrote|posted|published|released|issued|noted|claimed|told|acknowledged|acknowledges|admitted|admits|disclosed|discloses|revealed|reveals|declared|declares|denied|denies|insisted|insists|explained|explains|clarified|clarifies|asserted|asserts|alleged|alleges|informed|briefed|warned|warns)`;
// Words that may stand between a reporting verb and the statement's date: "told reporters on", "said in a statement late".
const STATEMENT_FILLER = String.raw`(?:[A-Z][\w.&'’-]*|reporters|journalists|the|press|a|an|in|on|its|his|her|their|statement|post|tweet|briefing|release|update|news|conference|interview|televised|address|X|Twitter|Telegram|Facebook|late|early)`;
const STATEMENT_BEFORE = new RegExp(
  String.raw`\b${STATEMENT_VERB}(?:\s+${STATEMENT_FILLER}){0,6}\s+$|\b(?:statement|press\s+conference|news\s+conference|briefing|interview)\s+(?:issued\s+|released\s+|published\s+)?(?:on\s+)?$`,
);
// "Monday's statement", "in a Tuesday briefing".
const STATEMENT_NOUN_AFTER = /^\s*(?:statement|announcement|briefing|press\s+(?:conference|release)|news\s+conference|update)\b/i;
// "explosions were (also) reported Tuesday": a passive report dates the event, not a statement.
const PASSIVE = /\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+|also\s+|first\s+|later\s+)?$/i;
// "On Monday, the ministry announced that ...": a sentence-initial date whose clause is a statement.
const STATEMENT_AFTER = new RegExp(String.raw`^\s*,\s*([^.;!?]{0,100}?)\b${STATEMENT_VERB}\b`);
const EVENT_VERB =
  /\b(?:killed|wounded|injured|fired|launched|attacked|struck|hit|landed|targeted|exploded|fell|shot|destroyed|intercepted|died|bombed|shelled)\b/i;
// Datelines: "April 6 (UPI) --", "Jerusalem, Israel - Oct. 1, 2024 -".
const DATELINE_PREFIX = /^\s*(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*)*\s*(?:[-–—,]\s*)?)?$/;
const DATELINE_SUFFIX = /^\s*(?:\([^)]{1,40}\))?\s*(?:--|[-–—])\s/;

const US_ISSUER =
  /\b(?:Pentagon|Department\s+of\s+Defense|Defense\s+Department|DoD|White\s+House|State\s+Department|Secretary\s+of\s+Defense|Defense\s+Secretary|Secretary\s+of\s+State)\b/i;
const US_QUOTED =
  /\b(?:Pentagon|Department\s+of\s+Defense|Defense\s+Department|White\s+House|State\s+Department|Secretary\s+of\s+Defense|Defense\s+Secretary)\b/;

// A US institution speaking in the sentence ("the Pentagon's press secretary told reporters", "the White House said").
const US_SPEAKER = new RegExp(String.raw`${US_QUOTED.source}[^.]{0,60}?\b${STATEMENT_VERB}\b`);

const SENTENCE_END = /[.!?]["”’)]*\s+(?=["“‘(]?[A-Z0-9])/g;
const ABBREVIATION_BEFORE = /(?:\b[ap]\.m|\b[A-Z]|\bapprox|\bCol|\bGen|\bLt|\bMaj|\bCapt|\bMr|\bMrs|\bDr|\bSt|\bNo|\bJan|\bFeb|\bMar|\bApr|\bAug|\bSept?|\bOct|\bNov|\bDec|\bU\.S|\bU\.K)$/;

function chainable(gap: string): boolean {
  if (gap.length > 40) return false;
  for (const w of gap.split(/[\s,()[\]/–—-]+/)) if (w && !GAP_WORDS.has(w.toLowerCase())) return false;
  return true;
}

function groupExpressions(text: string, toks: TimeToken[]): Expr[] {
  const out: Expr[] = [];
  let cur: TimeToken[] = [];
  const flush = (): void => {
    if (!cur.length) return;
    const first = cur[0]!.s;
    const lead = LEAD.exec(text.slice(Math.max(0, first - 40), first));
    let leadLen = lead ? lead[0].length : 0;
    // "in" leads a date or month ("In January 2020") but not a relative day ("in today's attack").
    if (lead && /^in\s/i.test(lead[0]) && cur[0]!.k !== 'date' && cur[0]!.k !== 'month') leadLen -= /^in\s+/i.exec(lead[0])![0].length;
    out.push({ toks: cur, first, s: first - leadLen, e: cur[cur.length - 1]!.e });
    cur = [];
  };
  for (const t of toks) {
    const prev = cur[cur.length - 1];
    const alone = t.k === 'unresolved' || prev?.k === 'unresolved';
    if (prev && (alone || !chainable(text.slice(prev.e, t.s)))) flush();
    cur.push(t);
  }
  flush();
  return out;
}

function sentenceStarts(text: string, toks: TimeToken[]): number[] {
  const starts = [0];
  SENTENCE_END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SENTENCE_END.exec(text))) {
    const at = m.index;
    if (ABBREVIATION_BEFORE.test(text.slice(Math.max(0, at - 8), at))) continue;
    if (toks.some((t) => t.s <= at && at < t.e)) continue;
    starts.push(at + m[0].length);
  }
  return starts;
}

function sentenceOf(starts: number[], pos: number): number {
  let i = 0;
  while (i + 1 < starts.length && starts[i + 1]! <= pos) i++;
  return i;
}

function parsePostTime(postedAt: string, zone: string | null): PostTime | null {
  const s = typeof postedAt === 'string' ? postedAt.trim() : '';
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (dateOnly) {
    const date = { y: +dateOnly[1]!, m: +dateOnly[2]!, d: +dateOnly[3]! };
    return isValidDate(date) ? { date, ms: null } : null;
  }
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) return null;
  const w = wallClockAt(zone ?? 'UTC', ms) ?? wallClockAt('UTC', ms);
  return w ? { date: { y: w.y, m: w.m, d: w.d }, ms } : null;
}

/** Year of a date written without one: the post's year, or the year before when that would be after the post. */
function withYear(m: number, d: number, y: number | null, post: CivilDate): CivilDate | null {
  if (y !== null) return isValidDate({ y, m, d }) ? { y, m, d } : null;
  const c = { y: post.y, m, d };
  if (!isValidDate(c) && !(m === 2 && d === 29)) return null;
  if (isValidDate(c) && daysBetween(post, c) <= 1) return c;
  const prev = { y: post.y - 1, m, d };
  return isValidDate(prev) ? prev : null;
}

interface Ctx {
  text: string;
  postedAt: string;
  hint: string | null;
  usIssuer: boolean;
  usQuoted: boolean;
}

function postIn(ctx: Ctx, zone: string | null): PostTime | null {
  return parsePostTime(ctx.postedAt, zone);
}

const NIGHTLY: DayPart[] = ['night'];

function nightWords(toks: DayToken[]): boolean {
  return toks.some((t) => (t.k === 'part' && (t.part === 'night' || t.part === 'early')) || (t.k === 'rel' && (t.rel === 'overnight' || t.rel === 'last_night')));
}

/** "Wednesday night into Thursday", "the night from 3 to 4 March": two days joined by a night. */
function nightSpan(toks: DayToken[]): boolean {
  const days = toks.filter((t) => t.k === 'date' || t.k === 'weekday');
  const nightly = nightWords(toks) || days.some((t) => t.k === 'weekday' && t.part === 'night');
  return nightly && days.length > 1;
}

/** The day (or month) the date pieces of one expression name. */
function resolveDay(toks: DayToken[], ctx: Ctx): DayInfo | null {
  // "the night from Friday to Saturday", "overnight Friday into Saturday": a night is dated by its morning.
  const pick = <K extends DayToken['k']>(k: K): DayToken | undefined => {
    const all = toks.filter((t) => t.k === k);
    return nightSpan(toks) && all.length > 1 ? all[all.length - 1] : all[0];
  };
  const date = pick('date');
  const weekday = pick('weekday');
  const rel = toks.find((t) => t.k === 'rel');
  const month = toks.find((t) => t.k === 'month');
  const partTok = toks.find((t) => t.k === 'part');
  const part = (weekday?.k === 'weekday' ? weekday.part : null) ?? (rel?.k === 'rel' ? rel.part : null) ?? (partTok?.k === 'part' ? partTok.part : null);
  const nightInto =
    nightSpan(toks) ||
    (partTok?.k === 'part' && (partTok.part === 'night' || partTok.part === 'early')) ||
    (rel?.k === 'rel' && (rel.rel === 'overnight' || rel.rel === 'last_night'));
  // Part-of-day relatives in a US statement were written in Washington ("earlier this evening").
  const crossZone = rel?.k === 'rel' && rel.part !== null && !date && !weekday && (ctx.usIssuer || ctx.usQuoted) && !(ctx.hint ?? '').startsWith('America/');
  const tz = crossZone ? NEW_YORK : ctx.hint;
  const post = postIn(ctx, tz);
  const info: DayInfo = {
    date: null, month: null, end: null, precision: part ? 'part_of_day' : 'day',
    nightInto, eveningOf: false, fromPost: false, tz,
  };
  if (date?.k === 'date') {
    const anchor = post?.date ?? (date.y !== null ? { y: date.y, m: 12, d: 31 } : null);
    if (!anchor) return null;
    const start = withYear(date.m, date.d, date.y, anchor);
    if (!start) return null;
    const end = date.d2 !== null && date.d2 > date.d ? withYear(date.m, date.d2, start.y, anchor) : null;
    if (end && nightInto) info.date = end;
    else {
      info.date = start;
      info.end = end;
    }
    if (nightInto) info.precision = 'part_of_day';
    return info;
  }
  if (!post) return null;
  if (weekday?.k === 'weekday') {
    let back = (weekdayOf(post.date) - weekday.wd + 7) % 7;
    if (back === 0 && weekday.last) back = 7;
    info.date = addDays(post.date, -back);
    info.eveningOf = weekday.part !== null && NIGHTLY.includes(weekday.part) && !nightInto;
    if (nightInto) info.precision = 'part_of_day';
    return info;
  }
  if (rel?.k === 'rel') {
    info.fromPost = rel.rel !== 'yesterday';
    info.date = rel.rel === 'yesterday' ? addDays(post.date, -1) : post.date;
    info.eveningOf = rel.rel === 'tonight';
    // Said by day in Washington, "last night" is the evening before (an event abroad after midnight there).
    if (crossZone && rel.rel === 'last_night') {
      info.date = addDays(post.date, -1);
      info.fromPost = false;
      info.nightInto = false;
      info.eveningOf = true;
    }
    return info;
  }
  if (month?.k === 'month') {
    if (month.prefix === 'since' || month.prefix === 'until' || month.prefix === 'till' || month.prefix === 'by') return null;
    const y = month.y ?? (month.m > post.date.m ? post.date.y - 1 : post.date.y);
    return { ...info, month: { y, m: month.m }, precision: 'month', nightInto: false };
  }
  return null;
}

function resolveZoneSpec(z: ZoneSpec | null, ctx: Ctx, ms: number): string | null | undefined {
  if (!z) return undefined; // not written
  switch (z.kind) {
    case 'local':
      return ctx.hint;
    case 'place':
      return z.zone;
    case 'abbr':
      return zoneForAbbreviation(z.abbr, ctx.hint, ms);
    case 'offset':
      return zoneForOffset(z.minutes, [ctx.hint], ms);
  }
}

function minuteOfDay(c: Clock): number {
  return c.hh * 60 + c.mm;
}

/** Innermost "(" open at `pos`, counting from `from`; -1 when none. */
function openParen(text: string, from: number, pos: number): number {
  const stack: number[] = [];
  for (let i = from; i < pos; i++) {
    if (text[i] === '(') stack.push(i);
    else if (text[i] === ')') stack.pop();
  }
  return stack.length ? stack[stack.length - 1]! : -1;
}

interface ClockReading {
  local: string;
  tz: string | null;
  utc: string | null;
  precision: Precision;
  localEnd: string | null;
  utcEnd: string | null;
  explicitZone: boolean;
}

/** Reads the clock time(s) of an expression on `day` (already resolved) in the right zone. */
function readClock(expr: Expr, day: DayInfo | null, ctx: Ctx): ClockReading | null {
  const { text } = ctx;
  const clocks = expr.toks.filter((t): t is Clock => t.k === 'clock');
  // "Shortly after midnight, at 00:30": the named time only leads up to the reading that follows it.
  if (clocks.length > 1 && /^(?:midnight|noon|midday)$/i.test(text.slice(clocks[0]!.s, clocks[0]!.e)) && !RANGE_CONNECTOR.test(text.slice(clocks[0]!.e, clocks[1]!.s))) clocks.shift();
  const primary = clocks[0];
  if (!primary) return null;
  const basePos = expr.s;
  const group0 = openParen(text, basePos, primary.s);
  let gloss: Clock | null = null;
  let end: Clock | null = null;
  let prevMain: Clock = primary;
  for (let i = 1; i < clocks.length; i++) {
    const c = clocks[i]!;
    const g = openParen(text, basePos, c.s);
    const between = text.slice(prevMain.e, c.s).replace(/\([^)]*\)/g, ' ');
    // A clock in a new parenthesis, or after "or" / "/", restates the previous one in another zone.
    const restates = (g !== openParen(text, basePos, prevMain.s) && g > prevMain.s) || /\bor\b|\//i.test(between);
    if (restates) {
      if (prevMain === primary && !gloss) gloss = c;
    } else if (!end && RANGE_CONNECTOR.test(between)) {
      end = c;
      prevMain = c;
    }
  }
  const zoneAfter = (c: Clock): ZoneSpec | null => {
    const next = clocks.find((o) => o.s > c.s);
    const z = expr.toks.find((t) => t.k === 'zone' && t.s > c.s && (!next || t.s < next.s));
    return z?.k === 'zone' ? z.zone : null;
  };
  let zPrimary = zoneAfter(primary);
  if (!zPrimary && end) zPrimary = zoneAfter(end);
  const zGloss = gloss ? zoneAfter(gloss) : null;

  const post = postIn(ctx, ctx.hint);
  let date = day?.date ?? post?.date ?? null;
  if (!date) return null;
  const { hh, mm } = primary;
  if (day?.nightInto && hh >= 12) date = addDays(date, -1);
  else if (day?.eveningOf && hh < 6) date = addDays(date, 1);
  const approxMs = Date.UTC(date.y, date.m - 1, date.d, hh, mm);

  let tz = resolveZoneSpec(zPrimary, ctx, approxMs);
  const explicitZone = zPrimary !== null && zPrimary.kind !== 'local';
  const glossTz = resolveZoneSpec(zGloss, ctx, approxMs);
  let utcMs: number | null = null;
  if ((tz === undefined || tz === null) && gloss && glossTz) {
    // The gloss fixes the instant; the primary's offset follows from the two clock readings.
    const glossOffset = offsetMinutes(glossTz, approxMs) ?? 0;
    const glossUtc = minuteOfDay(gloss) - glossOffset;
    let offset = (((minuteOfDay(primary) - glossUtc) % 1440) + 1440) % 1440;
    if (offset > 14 * 60) offset -= 1440;
    tz = zoneForOffset(offset, [ctx.hint, NEW_YORK], approxMs);
    utcMs = approxMs - offset * 60_000;
  } else if (tz === undefined) {
    // No zone written: the event's zone, unless a US statement gives a clock time about an event abroad.
    const abroad = (ctx.usIssuer || ctx.usQuoted) && !(ctx.hint ?? '').startsWith('America/');
    tz = abroad ? null : ctx.hint;
  }
  if (tz && !isKnownZone(tz)) tz = null;
  if (tz && utcMs === null) utcMs = zonedToUtcMs({ ...date, hh, mm }, tz);

  // A clock time read on the post's own date but later than the post happened the day before.
  const fromPost = !day || day.fromPost;
  if (fromPost && utcMs !== null && post?.ms != null && utcMs > post.ms + 30 * 60_000) {
    date = addDays(date, -1);
    utcMs = tz ? zonedToUtcMs({ ...date, hh, mm }, tz) : utcMs - 86_400_000;
  }

  let range: { localEnd: string; utcEnd: string | null } | null = null;
  if (end) {
    const endDate = minuteOfDay(end) < minuteOfDay(primary) ? addDays(date, 1) : date;
    const endMs = tz ? zonedToUtcMs({ ...endDate, hh: end.hh, mm: end.mm }, tz) : null;
    range = { localEnd: formatDateTime(endDate, end.hh, end.mm), utcEnd: endMs !== null ? formatUtc(endMs) : null };
  }

  // Show the instant on the event's wall clock when the text also gives it there (a gloss in the event's
  // zone) or gives it in UTC only ("at 1330 GMT").
  let local = formatDateTime(date, hh, mm);
  if (!end && utcMs !== null && ctx.hint && tz !== ctx.hint && (glossTz === ctx.hint || tz === 'UTC')) {
    const w = wallClockAt(ctx.hint, utcMs);
    if (w) {
      tz = ctx.hint;
      local = formatDateTime({ y: w.y, m: w.m, d: w.d }, w.hh, w.mm);
    }
  }
  return {
    local,
    tz: tz ?? null,
    utc: tz && utcMs !== null ? formatUtc(utcMs) : null,
    // "shortly after 6:00 am" is as vague as "shortly after 6 am".
    precision: (primary.minutes && !(primary.mm === 0 && ROUGHLY_BEFORE.test(text.slice(Math.max(0, primary.s - 24), primary.s)))) || end?.minutes ? 'minute' : 'hour',
    localEnd: range?.localEnd ?? null,
    utcEnd: range?.utcEnd ?? null,
    explicitZone,
  };
}

/** Why an expression does not date the event: a statement's date, another reason (as-of, since, dateline), or none. */
function trapOf(expr: Expr, ctx: Ctx, sentenceStart: number, hasClock: boolean): 'statement' | 'other' | null {
  const { text } = ctx;
  const pre = text.slice(Math.max(sentenceStart, expr.s - 80), expr.s);
  if (AS_OF.test(pre) || ONGOING_BEFORE.test(pre)) return 'other';
  if (BACKGROUND.test(pre) || WAR_BEGAN.test(pre)) return 'other';
  const month = expr.toks.find((t) => t.k === 'month');
  if (month?.k === 'month' && ['since', 'until', 'till', 'by'].includes(month.prefix ?? '')) return 'other';
  // A possessive day modifies a noun ("claimed Tuesday's attack"), it does not date the verb before it.
  const possessive = /^[^\s]+['’]s\b/.test(text.slice(expr.first, expr.e));
  const sb = STATEMENT_BEFORE.exec(pre);
  if (sb && !possessive && !PASSIVE.test(pre.slice(0, sb.index))) return 'statement';
  if (!hasClock) {
    const atStart = /^\s*["“]?\s*$/.test(text.slice(sentenceStart, expr.s));
    if (atStart) {
      const after = STATEMENT_AFTER.exec(text.slice(expr.e, expr.e + 200));
      if (after && !EVENT_VERB.test(after[1]!) && after[1]!.split(/\s+/).length <= 10) return 'statement';
    }
    if (STATEMENT_NOUN_AFTER.test(text.slice(expr.e, expr.e + 40))) return 'statement';
    if (expr.s < 80 && DATELINE_PREFIX.test(text.slice(0, expr.s)) && DATELINE_SUFFIX.test(text.slice(expr.e, expr.e + 60))) return 'other';
  }
  return null;
}

function mentionOf(text: string, s: number, e: number): { s: number; e: number } {
  let end = e;
  const open = (text.slice(s, end).match(/\(/g) ?? []).length - (text.slice(s, end).match(/\)/g) ?? []).length;
  for (let k = 0; k < open; k++) {
    const m = /^\s*\)/.exec(text.slice(end, end + 4));
    if (!m) break;
    end += m[0].length;
  }
  return { s, e: end };
}

function isApproximate(text: string, expr: Expr): boolean {
  let rest = text.slice(expr.s, expr.e);
  for (const t of [...expr.toks].reverse()) rest = rest.slice(0, t.s - expr.s) + ' ' + rest.slice(t.e - expr.s);
  return APPROX.test(rest);
}

const ROUGHLY_BEFORE = /\b(?:shortly|just|soon|right|sometime)\s+(?:after|before)\s+$/i;
const BEGAN_BEFORE = /\b(?:began|begun|started|commenced)\s+$/i;
// "the raid entered its second day on Tuesday": a day of an ongoing event, not when it happened.
const ONGOING_BEFORE = /\bentered\s+(?:its|a|the)\s+\w+\s+(?:day|week)\s+$/i;
const ATTRIBUTIVE_BEFORE = /\b(?:the|a|an|this|that|last\s+year's)\s+$/i;
const ATTRIBUTIVE_AFTER = /^\s*(?:attacks?|strikes?|massacre|bombings?|assault|raid|offensive|war|events?|incursion|invasion|uprising|anniversary)\b/i;

const PRECISION_RANK: Record<string, number> = { part_of_day: 3, day: 2, month: 1 };

function dayTokens(toks: TimeToken[]): DayToken[] {
  return toks.filter((t): t is DayToken => t.k === 'date' || t.k === 'month' || t.k === 'weekday' || t.k === 'rel' || t.k === 'part');
}

/** The event's time (not the statement's); spans are offsets into `p.text`. */
export function extractEventTime(p: PreparedText, ctx: ExtractContext): EventTime | null {
  try {
    return extract(p.text, ctx);
  } catch {
    return null; // bad input never crashes extraction
  }
}

function extract(text: string, ec: ExtractContext): EventTime | null {
  if (!text || !MAYBE_TIME.test(text)) return null;
  const toks = scanTimeTokens(text);
  if (!toks.length) return null;
  const sourceText = `${ec.source?.name ?? ''} ${ec.source?.account ?? ''}`;
  const hint = ec.zoneHint && isKnownZone(ec.zoneHint) ? ec.zoneHint : null;
  const ctx: Ctx = { text, postedAt: ec.postedAt, hint, usIssuer: US_ISSUER.test(sourceText), usQuoted: false };
  const starts = sentenceStarts(text, toks);

  const all: Resolved[] = [];
  for (const grouped of groupExpressions(text, toks)) {
    const expr = withoutReportingWindow(text, grouped);
    const sentence = sentenceOf(starts, expr.first);
    const hasClock = expr.toks.some((t) => t.k === 'clock');
    const why = trapOf(expr, ctx, starts[sentence]!, hasClock);
    const trap = why !== null;
    const statement = why === 'statement';
    if (expr.toks.every((t) => t.k === 'unresolved')) {
      all.push({ kind: 'unresolved', expr, trap, statement, sentence, day: null, attributive: false });
      continue;
    }
    const dts = dayTokens(expr.toks);
    const primaryGroup = hasClock ? primaryDayTokens(text, expr, dts) : dts;
    // A relative part of the day inside a US statement ("Last night, a drone ...", the Pentagon's press secretary told
    // reporters) was said in Washington time.
    const sentenceText = text.slice(starts[sentence]!, starts[sentence + 1] ?? text.length);
    const day = primaryGroup.some((t) => t.k !== 'part') ? resolveDay(primaryGroup, { ...ctx, usQuoted: US_SPEAKER.test(sentenceText) }) : null;
    const attributive = !hasClock && ATTRIBUTIVE_BEFORE.test(text.slice(Math.max(0, expr.s - 12), expr.s)) && ATTRIBUTIVE_AFTER.test(text.slice(expr.e, expr.e + 30));
    const began = BEGAN_BEFORE.test(text.slice(Math.max(0, expr.s - 30), expr.s));
    if (hasClock) all.push({ kind: 'clock', expr, trap, statement, sentence, day, attributive, began });
    else if (day) all.push({ kind: 'day', expr, trap, statement, sentence, day, attributive, began });
  }

  const live = all.filter((r) => !r.trap);
  const dayCands = live.filter((r) => r.kind === 'day' && r.day && r.day.precision !== 'month');
  const clock = live.find((r) => r.kind === 'clock');
  if (clock) {
    let day = clock.day;
    let borrowed: Resolved | null = null;
    if (!day) {
      borrowed =
        dayCands.filter((r) => r.sentence === clock.sentence).sort((a, b) => Math.abs(a.expr.s - clock.expr.s) - Math.abs(b.expr.s - clock.expr.s))[0] ??
        best(dayCands);
      day = borrowed?.day ?? null;
      // "X said on Saturday that rockets hit at 6:30 p.m.": with no date of its own, the clock time happened no
      // later than the statement, which is a better guess than the post's date.
      if (!day) {
        const said = all.find((r) => r.statement && r.kind === 'day' && r.day?.date && r.day.precision !== 'month');
        const post = parsePostTime(ctx.postedAt, said?.day?.tz ?? hint);
        if (said?.day?.date && post && daysBetween(said.day.date, post.date) > 0) day = { ...said.day, fromPost: false };
      }
    }
    // A US institution named in the clock time's own sentence ("..., the Pentagon said") makes it a US statement.
    const sentenceText = text.slice(starts[clock.sentence]!, starts[clock.sentence + 1] ?? text.length);
    const reading = readClock(clock.expr, day, { ...ctx, usQuoted: US_QUOTED.test(sentenceText) });
    if (reading) {
      const span = mentionOf(text, clock.expr.s, clock.expr.e);
      const own = text.slice(span.s, span.e);
      let mention = own;
      let whole = { start: span.s, end: span.e };
      if (borrowed) {
        const other = mentionOf(text, borrowed.expr.s, borrowed.expr.e);
        const o = text.slice(other.s, other.e);
        mention = other.s < span.s ? `${o} ... ${own}` : `${own} ... ${o}`;
        // The span covers both pieces so a moderator sees everything the mention quotes.
        whole = { start: Math.min(other.s, span.s), end: Math.max(other.e, span.e) };
      }
      const out: EventTime = {
        mention,
        local: reading.local,
        tz: reading.tz,
        utc: reading.utc,
        precision: reading.precision,
        approximate: isApproximate(text, clock.expr),
        span: whole,
        confidence: reading.tz ? (reading.explicitZone ? 0.9 : 0.75) : 0.6,
      };
      if (reading.localEnd) {
        out.local_end = reading.localEnd;
        out.utc_end = reading.utcEnd;
      }
      return out;
    }
  }
  const chosen = best(live.filter((r) => r.kind === 'day' && r.day));
  if (chosen?.day) {
    const d = chosen.day;
    const span = mentionOf(text, chosen.expr.s, chosen.expr.e);
    const local = d.month ? formatMonth(d.month.y, d.month.m) : formatDate(d.date!);
    const out: EventTime = {
      mention: text.slice(span.s, span.e),
      local,
      tz: d.tz,
      utc: null,
      precision: d.precision,
      approximate: d.precision === 'part_of_day' || isApproximate(text, chosen.expr),
      span: { start: span.s, end: span.e },
      confidence: d.precision === 'month' ? 0.6 : 0.8,
    };
    if (d.end && d.date) {
      out.local_end = formatDate(d.end);
      out.utc_end = null;
    }
    return out;
  }
  // "Militants attacked the post at dawn": a part of the day with no day named is the post's day (or the day
  // before, when the post came earlier in the day than that part).
  const dawn = /\b(?:at|before|after|around|since|shortly\s+after|shortly\s+before)\s+(dawn|daybreak|first\s+light|dusk|nightfall)\b|\b(?:at|during\s+the|in\s+the)\s+(night)\b/i.exec(text);
  if (dawn && !live.some((r) => r.kind !== 'unresolved') && !all.some((r) => r.expr.s <= dawn.index && dawn.index < r.expr.e && r.trap)) {
    const post = parsePostTime(ec.postedAt, hint);
    if (post) {
      // "at night" in a morning post is the night just ended, dated (like "overnight") by the post's day.
      const evening = /dusk|nightfall/i.test(dawn[1] ?? '');
      const w = post.ms !== null && hint ? wallClockAt(hint, post.ms) : null;
      const date = evening && w && w.hh < 12 ? addDays(post.date, -1) : post.date;
      return {
        mention: dawn[0],
        local: formatDate(date),
        tz: hint,
        utc: null,
        precision: 'part_of_day',
        approximate: true,
        span: { start: dawn.index, end: dawn.index + dawn[0].length },
        confidence: 0.5,
      };
    }
  }
  const vague = live.find((r) => r.kind === 'unresolved');
  if (vague) {
    return {
      mention: text.slice(vague.expr.s, vague.expr.e),
      local: null,
      tz: null,
      utc: null,
      precision: null,
      approximate: true,
      span: { start: vague.expr.s, end: vague.expr.e },
      confidence: 0.3,
    };
  }
  return null;
}

/**
 * The first date in the text (the lede usually dates the event), refined by a later mention of the same
 * day or month with a finer precision ("on March 3 ... Wednesday morning").
 */
function best(all: Resolved[]): Resolved | null {
  const adverbial = all.filter((r) => !r.attributive);
  // "since the operation began early on Monday": the start of an operation dates it, not a later day of it.
  const began = adverbial.filter((r) => r.began);
  const cands = began.length ? began : adverbial.length ? adverbial : all;
  let out: Resolved | null = null;
  for (const r of cands) {
    if (!out) out = r;
    else if (PRECISION_RANK[r.day!.precision]! > PRECISION_RANK[out.day!.precision]! && sameCalendarSpan(out.day!, r.day!)) out = r;
  }
  return out;
}

function sameCalendarSpan(coarse: DayInfo, fine: DayInfo): boolean {
  if (coarse.month) {
    const f = fine.date ?? fine.month;
    return !!f && f.y === coarse.month.y && f.m === coarse.month.m;
  }
  return !!coarse.date && !!fine.date && daysBetween(coarse.date, fine.date) === 0;
}

/**
 * Drops a parenthesised reporting window that opens at a clock time after a night ("On the night of
 * 17 March (from 19:00 on 16 March), ..."): it says since when the figures count, not when the event happened.
 */
function withoutReportingWindow(text: string, expr: Expr): Expr {
  for (const c of expr.toks) {
    if (c.k !== 'clock' || !/\b(?:from|since)\s+$/i.test(text.slice(Math.max(expr.s, c.s - 12), c.s))) continue;
    const group = openParen(text, expr.s, c.s);
    if (group < 0 || group < expr.first) continue;
    const inGroup = (t: TimeToken): boolean => t.s > group && openParen(text, group, t.s) >= group;
    if (expr.toks.some((t) => t !== c && t.k === 'clock' && inGroup(t))) continue; // a range, not a window start
    const toks = expr.toks.filter((t) => !inGroup(t));
    // Only a night report counts its figures from such a window; elsewhere "from 9 p.m." starts the event.
    if (nightWords(dayTokens(toks))) return { ...expr, toks };
  }
  return expr;
}

/** Date pieces that date the primary clock time, leaving out those inside a parenthesised gloss. */
function primaryDayTokens(text: string, expr: Expr, dts: DayToken[]): DayToken[] {
  const primary = expr.toks.find((t) => t.k === 'clock')!;
  const g0 = openParen(text, expr.s, primary.s);
  return dts.filter((t) => {
    const g = openParen(text, expr.s, t.s);
    return g === g0 || g < primary.s;
  });
}
