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

interface TollStart {
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
    for (let j = start.after; j < Math.min(toks.length, start.after + 20); j++) {
      const t = toks[j]!;
      if (t.sent !== sent || tollAt(toks, j)) break;
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
      const v = n.value;
      const q: Quantity = {
        what: start.what,
        group: start.group,
        value: qualifier === 'exact' || qualifier === 'approximately' ? v : null,
        min: qualifier === 'at_least' || qualifier === 'more_than' ? v : null,
        max: qualifier === 'at_most' ? v : null,
        qualifier,
        mention: text.slice(toks[i]!.start, toks[n.end - 1]!.end),
        span: { start: toks[i]!.start, end: toks[n.end - 1]!.end },
        confidence: 0.8,
      };
      const detail = [start.detail, start.detail?.includes('superseded') ? '' : 'total'].filter(Boolean).join('; ');
      if (detail) q.detail = detail;
      out.push(q);
      for (let m = i; m < n.end; m++) consumed[m] = 1;
      break;
    }
  }
  return out;
}
