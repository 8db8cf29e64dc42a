/**
 * Tolls: "the death toll rose to nine", "bringing the total death toll to 12", "the number of wounded was 18",
 * "the number of American troops killed ... rose by one to 13". The figure after the toll is the count;
 * a delta ("by one") is not.
 */
import type { Qualifier, Quantity } from '../domain/claim.ts';
import { MILITARY_MODIFIERS, NATIONALITIES, PERSON_HEADS } from './lexicon.ts';
import { parseNumber } from './numbers.ts';
import type { Token } from './tokens.ts';

const KIND_WORDS: Record<string, string> = {
  dead: 'killed', killed: 'killed', deaths: 'killed', fatalities: 'killed', death: 'killed', died: 'killed',
  wounded: 'injured', injured: 'injured', injuries: 'injured', casualties: 'casualties', detained: 'detained',
  arrested: 'detained', detainees: 'detained', arrests: 'detained', victims: 'casualties',
  // "put the number of targets at around 60"
  targets: 'targeted_site',
};
const BEFORE_FIGURE = new Set([
  'to', 'at', 'was', 'is', 'reached', 'reaches', 'hit', 'of', 'stands', 'stood', '=', ':', 'now', 'totals',
  'totaled', 'totalled', 'climbed', 'rose', 'increased', 'are', 'were', 'became', 'nears', 'topped', 'passed',
  'exceeded', 'surpassed',
]);
const QUALS: [string[], Qualifier][] = [
  [['at', 'least'], 'at_least'],
  [['more', 'than'], 'more_than'],
  [['over'], 'more_than'],
  [['about'], 'approximately'],
  [['around'], 'approximately'],
  [['nearly'], 'approximately'],
  [['almost'], 'approximately'],
  [['some'], 'approximately'],
  [['up', 'to'], 'at_most'],
];

const SUPERSEDED_TOLL = new Set(['earlier', 'previous', 'initial', 'preliminary', 'original', 'prior']);

const PUT_VERBS = new Set(['put', 'puts', 'putting', 'placed', 'places', 'set']);
const SUBJECT_TOLLS: Record<string, string> = { injuries: 'injured', deaths: 'killed', casualties: 'casualties', fatalities: 'killed' };
const RISE_VERBS = new Set(['risen', 'rose', 'rises', 'climbed', 'increased', 'grown', 'grew', 'jumped', 'reached']);
// "up from the 34 reported a day earlier": the figure the new one replaces.
const UP_FROM = new Set(['up', 'down']);

const PEOPLE_AFTER_FIGURE: Record<string, string> = {
  servicemen: 'military', soldiers: 'military', troops: 'military', personnel: 'military', militants: 'combatant',
  fighters: 'combatant', people: 'unspecified', men: 'unspecified',
};

interface TollStart {
  /** The figure counts only with a people noun after it ("90 servicemen"), which also gives the group. */
  people?: boolean;
  /** The figure counts only after a verb of rising ("have risen to"). */
  rise?: boolean;
  what: string;
  /** Token index after the toll noun phrase. */
  after: number;
  group: string;
  detail?: string;
}

function tollAt(toks: readonly Token[], i: number): TollStart | null {
  const l = toks[i]!.lower;
  const next = toks[i + 1]?.lower;
  if (next === 'toll' && (l === 'death' || l === 'casualty' || l === 'injury' || l === 'fatality')) {
    const what = l === 'death' || l === 'fatality' ? 'killed' : l === 'injury' ? 'injured' : 'casualties';
    return { what, after: i + 2, group: 'unspecified' };
  }
  // "revising an earlier toll of 32": a superseded toll, counted as what the text's tolls count.
  if (l === 'toll' && SUPERSEDED_TOLL.has(toks[i - 1]?.lower ?? '') && next === 'of') {
    return { what: 'killed', after: i + 2, group: 'unspecified', detail: 'initial figure, superseded' };
  }
  // "Initial reports had put the toll at 14": a bare toll put at a figure is a death toll.
  if (l === 'toll' && toks[i - 1]?.lower === 'the' && PUT_VERBS.has(toks[i - 2]?.lower ?? '') && next === 'at') {
    const lead = toks.slice(Math.max(0, i - 8), i - 2).filter((t) => t.sent === toks[i]!.sent).map((t) => t.lower);
    const superseded = lead.some((w) => SUPERSEDED_TOLL.has(w) || w === 'first');
    return { what: 'killed', after: i + 1, group: 'unspecified', ...(superseded ? { detail: 'initial figure, superseded' } : {}) };
  }
  // "Injuries among U.S. troops ... have risen to more than 40": a people noun opening the sentence with a verb of
  // rising (checked by the caller: `rise`).
  if (SUBJECT_TOLLS[l] && (i === 0 || toks[i - 1]!.sent !== toks[i]!.sent || (toks[i - 1]!.lower === 'the' && (i === 1 || toks[i - 2]!.sent !== toks[i]!.sent)))) {
    let group = 'unspecified';
    let detail: string | undefined;
    for (let k = i + 1; k < Math.min(toks.length, i + 6) && toks[k]!.sent === toks[i]!.sent; k++) {
      const w = toks[k]!.lower;
      if (PERSON_HEADS[w] && group === 'unspecified') group = PERSON_HEADS[w]!;
      if (MILITARY_MODIFIERS.has(w) && group === 'unspecified') group = 'military';
      if (NATIONALITIES[w]) detail = NATIONALITIES[w];
    }
    return { what: SUBJECT_TOLLS[l]!, after: i + 1, group, rise: true, ...(detail ? { detail } : {}) };
  }
  // "AFU losses in this direction amounted to up to 90 servicemen": personnel losses (the figure needs a people noun).
  if (l === 'losses' && toks.slice(i + 1, i + 8).some((t) => t.lower === 'amounted' || t.lower === 'totalled' || t.lower === 'totaled')) {
    return { what: 'casualties', after: i + 1, group: 'unspecified', people: true };
  }
  if (l === 'number' && next === 'of') {
    let group = 'unspecified';
    let detail: string | undefined;
    for (let k = i + 2; k < Math.min(toks.length, i + 8); k++) {
      const w = toks[k]!.lower;
      if (toks[k]!.sent !== toks[i]!.sent) return null;
      if (PERSON_HEADS[w]) group = PERSON_HEADS[w]!;
      if (MILITARY_MODIFIERS.has(w) && group === 'unspecified') group = 'military';
      if (NATIONALITIES[w]) detail = NATIONALITIES[w];
      const what = KIND_WORDS[w];
      if (what) return { what, after: k + 1, group, ...(detail ? { detail } : {}) };
      if (toks[k]!.kind !== 'word') return null;
    }
  }
  return null;
}

/** Toll counts; marks the tokens it reads in `consumed` so count phrases skip them. */
export function tollQuantities(toks: readonly Token[], text: string, consumed: Uint8Array): Quantity[] {
  const out: Quantity[] = [];
  for (let i = 0; i < toks.length; i++) {
    const start = tollAt(toks, i);
    if (!start) continue;
    const sent = toks[i]!.sent;
    let risen = !start.rise;
    // A subject may carry an apposition ("Injuries among troops from the attack on Tower 22, a small outpost in
    // Jordan, have risen to ..."): it may run longer before its verb.
    for (let j = start.after; j < Math.min(toks.length, start.after + (start.rise ? 32 : 20)); j++) {
      const t = toks[j]!;
      if (t.sent !== sent || tollAt(toks, j)) break;
      if (RISE_VERBS.has(t.lower)) risen = true;
      if (!risen) {
        // Numbers in names ("Tower 22") may stand in the subject; other numbers and semicolons end it.
        if ((t.kind === 'num' && !/^[A-Z]/.test(toks[j - 1]?.text ?? '')) || t.lower === ';') break;
        continue;
      }
      const prev = toks[j - 1]?.lower ?? '';
      let qualifier: Qualifier = 'exact';
      let k = j;
      for (const [words, q] of QUALS) {
        if (words.every((w, m) => toks[j + m]?.lower === w)) {
          qualifier = q;
          k = j + words.length;
          break;
        }
      }
      const n = parseNumber(toks, k);
      if (!n) continue;
      if (prev === 'by') {
        // a delta ("rose by one"): skip it but keep it out of count phrases
        for (let m = j; m < n.end; m++) consumed[m] = 1;
        j = n.end - 1;
        continue;
      }
      if (!BEFORE_FIGURE.has(prev) && qualifier === 'exact') continue;
      let group = start.group;
      let end = n.end;
      if (start.people) {
        const noun = toks[n.end];
        const g = noun && noun.sent === sent ? PEOPLE_AFTER_FIGURE[noun.lower] : undefined;
        if (g === undefined) break;
        group = g;
        end = n.end + 1;
      }
      const v = n.value;
      const q: Quantity = {
        what: start.what,
        group,
        value: qualifier === 'exact' || qualifier === 'approximately' ? v : null,
        min: qualifier === 'at_least' || qualifier === 'more_than' ? v : null,
        max: qualifier === 'at_most' ? v : null,
        qualifier,
        mention: text.slice(toks[start.people ? j : i]!.start, toks[end - 1]!.end),
        span: { start: toks[start.people ? j : i]!.start, end: toks[end - 1]!.end },
        confidence: 0.8,
      };
      const detail = [start.detail, start.detail?.includes('superseded') ? '' : 'total'].filter(Boolean).join('; ');
      if (detail) q.detail = detail;
      out.push(q);
      for (let m = i; m < end; m++) consumed[m] = 1;
      // "..., up from the 34 reported a day earlier": the superseded figure, later in the sentence.
      for (let m = n.end; m < Math.min(toks.length, n.end + 12) && toks[m]!.sent === sent; m++) {
        if (!UP_FROM.has(toks[m]!.lower) || toks[m + 1]?.lower !== 'from') continue;
        const at = toks[m + 2]?.lower === 'the' ? m + 3 : m + 2;
        const old = parseNumber(toks, at);
        if (!old || old.value === null) break;
        const span = { start: toks[m + 2]!.start, end: toks[old.end - 1]!.end };
        out.push({ ...q, value: old.value, min: null, max: null, qualifier: 'exact', mention: text.slice(span.start, span.end), span, confidence: 0.6, detail: 'initial figure, superseded' });
        for (let c = m; c < old.end; c++) consumed[c] = 1;
        break;
      }
      break;
    }
  }
  return out;
}
