/**
 * Counts with qualifiers (eval/README.md): count phrases, the verbs that say what happened to the counted
 * things, lists and subsets that share a verb, tolls ("death toll rose to nine"), percentages of
 * interceptions, derived totals ("all were destroyed"), zeros from negations and simple Arabic counts.
 * Spans are offsets into `p.text`.
 */
import type { Qualifier, Quantity } from '../domain/claim.ts';
import { arabicQuantities } from './arabic.ts';
import { cyrillicQuantities } from './cyrillic.ts';
import { backgroundRanges, inRanges, type CharRange } from './background.ts';
import type { ExtractContext } from './context.ts';
import { phraseAt, type CountPhrase, type HeadCat } from './countPhrases.ts';
import {
  CIVILIAN_MODIFIERS,
  DEMONYM_HEADS,
  MILITARY_MODIFIERS,
  MUNITION_BLOCKERS,
  MUNITION_HEADS,
  NATIONALITIES,
} from './lexicon.ts';
import { amongBefore, leftPredicate, predicateAt, rightPredicate, type Pred, type PredKind } from './predicates.ts';
import type { PreparedText } from './prepare.ts';
import { tokenize, type Token } from './tokens.ts';
import { tollQuantities } from './tolls.ts';
import { zeroQuantities } from './zeros.ts';

const PERSON_PREDS = new Set<PredKind>(['killed', 'injured', 'casualties', 'detained', 'under_evaluation']);
const MUNITION_OUTCOMES = new Set<PredKind>(['intercepted', 'impacted', 'failed', 'lost_or_suppressed']);
const PRESENCE = new Set([
  'host', 'hosts', 'hosting', 'hosted', 'house', 'houses', 'housing', 'deployed', 'deploy', 'deploys', 'deploying',
  'stationed', 'station', 'based', 'sent', 'send', 'sending', 'keeps', 'keep', 'has', 'have', 'withdraw', 'withdrew',
  'withdrawing', 'withdrawal', 'of',
]);
const PRESENCE_AFTER = new Set(['deployed', 'stationed', 'based', 'present', 'garrisoned']);
const PRESENCE_HEADS = new Set(['troops', 'soldiers', 'personnel', 'servicemembers', 'members', 'marines', 'forces']);
const LINK_WORDS = new Set([',', 'and', 'or', '/', '(', ')', '[', ']', '–', '-', '—', 'as', 'well', 'plus', 'along', 'with', '&', ';']);
const SUBSET_WORDS = new Set(['including', 'among', 'whom', 'of', 'them', 'which', '(']);
// Caches, duds and the defender's own interceptors are not attack counts.
const NOT_ATTACK_MODIFIERS = new Set([
  'unfired', 'unexploded', 'unlaunched', 'spare', 'stockpiled', 'abandoned', 'interceptor', 'anti-aircraft', 'anti-missile',
  'patriot',
]);
const ORIGIN_TERRITORY = /^(?:in|inside|within)\s+(?:the\s+)?(?:lebanese|syrian|gazan|gaza|lebanon|syria|gaza\s+strip|strip)\b/;

interface Resolved {
  phrase: CountPhrase;
  pred: Pred | null;
  /** Token index after the phrase including a verb on its right, for linking lists. */
  reach: number;
  link: 'none' | 'list' | 'subset';
  /** "Of the 5 drones, 3 were shot down", "90 percent of the 38 missiles": the whole a part is taken from. */
  base: boolean;
  /** The verb is a participle after the phrase ("two drones launched from Yemen"): a modifier when a list's verb covers it. */
  participle?: boolean;
  /** "others" of a munition named before, with an outcome ("several others were shot down"). */
  othersOutcome?: boolean;
  /** Restates the person counted just before ("One person, a 47-year-old guard, was injured"): not a count of its own. */
  apposition?: boolean;
}

/** Counts in `p.text`. Never throws: bad input gives an empty list. */
export function extractQuantities(p: PreparedText, ctx: ExtractContext): Quantity[] {
  try {
    return extract(p.text, ctx);
  } catch {
    return [];
  }
}

function extract(text: string, ctx: ExtractContext): Quantity[] {
  if (!text.trim()) return [];
  const toks = tokenize(text);
  const out: Quantity[] = [];
  const consumed = new Uint8Array(toks.length);

  const tolls = tollQuantities(toks, text, consumed);
  out.push(...tolls);
  out.push(...percentQuantities(toks, text, consumed));

  const phrases: CountPhrase[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (consumed[i]) continue;
    const ph = phraseAt(toks, i);
    if (!ph) continue;
    let clash = false;
    for (let k = ph.i0; k < ph.iEnd; k++) if (consumed[k]) clash = true;
    if (clash) continue;
    phrases.push(ph);
    i = Math.max(i, ph.iEnd - 1);
  }

  const resolved = resolvePredicates(toks, phrases, tolls);
  const background = backgroundRanges(text, toks, ctx.postedAt);
  out.push(...toQuantities(toks, text, resolved, background));
  out.push(...derivedTotals(text, toks, resolved));
  out.push(...zeroQuantities(text));
  out.push(...arabicQuantities(text));
  out.push(...cyrillicQuantities(text));
  const foreground = background.length ? out.filter((q) => !inRanges(background, q.span?.start ?? 0)) : out;
  return dedupe(foreground).sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
}

/** Whether a verb can say what happened to this kind of counted thing (a cache verb is kept for munitions to drop them). */
function compatible(cat: HeadCat | null, pred: Pred): boolean {
  if (cat === 'outcome') return false;
  if (cat === 'person') return PERSON_PREDS.has(pred.kind) || (pred.kind === 'intercepted' && !!pred.neutralize);
  if (cat === 'munition') return !PERSON_PREDS.has(pred.kind);
  if (pred.kind === 'cache') return false;
  if (cat === 'site') return pred.kind === 'targeted' || pred.kind === 'impacted' || (pred.kind === 'intercepted' && !!pred.destroy);
  return pred.kind !== 'launch' && pred.kind !== 'targeted';
}

function resolvePredicates(toks: readonly Token[], phrases: CountPhrase[], tolls: readonly Quantity[] = []): Resolved[] {
  const res: Resolved[] = [];
  const ownVerb: boolean[] = [];
  for (const ph of phrases) {
    const left = leftPredicate(toks, ph.i0, ph.sent);
    // "shot down 92 targets": what is shot down is a munition, whatever it is called.
    if (ph.head?.cat === 'site' && /^targets?$/.test(toks[ph.head.idx]!.lower) && left?.kind === 'intercepted' && !left.destroy) {
      ph.head = { ...ph.head, cat: 'munition', what: 'projectile' };
    }
    let right = rightPredicate(toks, ph.iEnd, ph.sent);
    // "while two others were shot down", "several others were intercepted": "others" of a munition named earlier.
    let othersOutcome = false;
    if (ph.head?.cat === 'person' && toks[ph.head.idx]!.lower === 'others' && right && MUNITION_OUTCOMES.has(right.kind) && !right.neutralize && munitionBefore(toks, ph.i0)) {
      ph.head = null;
      othersOutcome = true;
    }
    const cat = ph.head?.cat ?? null;
    // "A drone launched from Syria was shot down": the participle is a reduced relative, the outcome the main verb.
    let participle = false;
    if (right && right.kind === 'launch' && right.start === ph.iEnd && cat !== 'person') {
      const main = mainOutcomeAfter(toks, right.end, ph.sent);
      if (main) right = main;
      else participle = true;
    }
    // "a man wounded in the strike had died of his injuries": the participle names the earlier state, the main verb the outcome.
    if (right && cat === 'person' && right.kind === 'injured' && right.start === ph.iEnd) right = diedAfter(toks, right.end, ph.sent) ?? right;
    // "A Palestinian stabbed two people", "two soldiers killed three militants": an active verb with an object
    // says what the counted people did, not what happened to them.
    if (right && cat === 'person' && right.start === ph.iEnd && startsObject(toks, right.end, ph.sent)) right = null;
    // "72 missiles and all drones were downed": the verb after a coordinated noun phrase without a number.
    if (!right && toks[ph.iEnd]?.lower === 'and') right = coordinatedRight(toks, ph.iEnd + 1, ph.sent);
    // "X was killed in the strike, along with five civilians": the verb of the sentence's subject.
    if (!right && cat === 'person' && isAlongWith(toks, ph.i0)) right = personVerbBefore(toks, ph.i0, ph.sent);
    // "killed commander Ali Hussein and two other members": a second object of the verb before.
    if (!right && !left && cat === 'person' && toks[ph.i0 - 1]?.lower === 'and' && !hasOwnVerb(toks, ph.iEnd, ph.sent) && !AUXILIARIES.has(toks[ph.iEnd]?.lower ?? '')) {
      const verb = personVerbBefore(toks, ph.i0 + 1, ph.sent, 10);
      if (verb && verb.start > 0 && !AUXILIARIES.has(toks[verb.start - 1]!.lower) && !/^(?:was|were|been)$/.test(toks[verb.start - 1]!.lower)) right = verb;
    }
    // "a soldier guarding the base was lightly wounded": past a participle phrase to the person's verb.
    if (!right && !left && cat === 'person' && /^[a-z]+ing$/.test(toks[ph.iEnd]?.lower ?? '') && !predicateAt(toks, ph.iEnd)) right = personVerbAfter(toks, ph.iEnd + 1, ph.sent);
    // "at least 12 militants who were hiding in the building were eliminated": past a relative clause to the main verb.
    if (!right && !left && cat === 'person' && toks[ph.iEnd]?.lower === 'who') {
      const after = personVerbAfter(toks, ph.iEnd + 1, ph.sent, true);
      if (after && compatible(cat, after)) right = after;
    }
    // "a UAV that crossed from the east was intercepted": past a relative clause to the main verb.
    if (!right && cat === 'munition' && ['that', 'which'].includes(toks[ph.iEnd]?.lower ?? '')) right = mainOutcomeAfter(toks, ph.iEnd + 1, ph.sent);
    let okRight = right && compatible(cat, right) ? right : null;
    // "treated two men", "received 14 patients": medics' verbs count people named as such, not for shock.
    const medical = !left?.peopleOnly || (cat === 'person' && !NOT_INJURY_AFTER.test(toks.slice(ph.iEnd, ph.iEnd + 3).map((t) => t.lower).join(' ')));
    const okLeft = left && medical && compatible(cat, left) && !(left.label && okRight) ? left : null;
    // "Six people, four of whom were children, were killed": the verb follows an appositive clause.
    if (!okLeft && !okRight && toks[ph.iEnd]?.lower === ',') {
      for (let k = ph.iEnd + 1; k < Math.min(toks.length, ph.iEnd + 10) && toks[k]!.sent === ph.sent; k++) {
        if (toks[k]!.lower !== ',') continue;
        // "two soldiers, having fought gallantly, embraced shahadat": the verb may follow the comma directly.
        const after = rightPredicate(toks, k, ph.sent) ?? (toks[k + 1]?.kind === 'word' ? rightPredicate(toks, k + 1, ph.sent) : null);
        if (after && compatible(cat, after)) okRight = { ...after, relative: true };
        break;
      }
    }
    let pred: Pred | null = null;
    if (okRight && !okRight.relative && !okLeft) pred = okRight;
    else if (okLeft) pred = okLeft;
    else if (okRight) pred = okRight;
    // "hits were recorded in 4 locations": places hit.
    if (!pred && cat === 'site' && ['in', 'at'].includes(toks[ph.i0 - 1]?.lower ?? '') && hitsBefore(toks, ph.i0, ph.sent)) {
      pred = { kind: 'impacted', start: ph.i0 - 1, end: ph.i0 };
    }
    // "launched rockets at 11 military sites": the places aimed at.
    if (!pred && cat === 'site' && SITE_TARGET_PREPS.has(toks[ph.i0 - 1]?.lower ?? '') && launchedBefore(toks, ph.i0, ph.sent)) {
      pred = { kind: 'targeted', start: ph.i0 - 1, end: ph.i0 };
    }
    // "Among them is a teenager", "The death toll rose to 15, including the five attackers": a part of the people
    // counted just before (by a phrase or a toll), in this sentence or the one before.
    let partOf = false;
    if (!pred && cat === 'person') {
      const among = amongBefore(toks, ph.i0);
      const including = toks[ph.i0 - 1]?.lower === 'including' || (toks[ph.i0 - 1]?.lower === 'the' && toks[ph.i0 - 2]?.lower === 'including');
      if (among || including) {
        const from = among ? among.start : ph.i0;
        // Lists after a counted phrase link by themselves below; "including" here only follows a toll.
        const prevKind = among?.kind ?? earlierPersonKind(toks, among ? res : [], tolls, from, among ? 1 : 0);
        if (prevKind) {
          pred = { kind: prevKind, start: from, end: ph.i0, relative: true };
          partOf = true;
        }
      }
    }
    const before = toks[ph.i0 - 1]?.lower;
    const base = cat === 'munition' && !okLeft && (before === 'of' || (before === 'the' && toks[ph.i0 - 2]?.lower === 'of'));
    if (base) pred = null;
    // A right-hand verb that is not the phrase's own (the left verb won) still ends the phrase for linking.
    const reach = right && right === pred ? right.end : ph.iEnd;
    const r: Resolved = { phrase: ph, pred, reach, link: partOf ? 'subset' : 'none', base, participle: participle && pred === right, othersOutcome };
    // "One person, a 47-year-old security guard, was injured": the article phrase names the same person again.
    const prevR = res[res.length - 1];
    if (cat === 'person' && (ph.source === 'article' || ph.head?.modifiers.length === 0) && toks[ph.i0 - 1]?.lower === ',' && prevR && prevR.phrase.iEnd === ph.i0 - 1 && (prevR.phrase.head?.cat === 'person') && prevR.phrase.value === 1 && ph.value === 1 && toks[ph.iEnd]?.lower === ',' && (AUXILIARIES.has(toks[ph.iEnd + 1]?.lower ?? '') || !!predicateAt(toks, ph.iEnd + 1))) {
      r.apposition = true;
    }
    // "two soldiers, a 27-year-old sepoy and a 30-year-old havildar, were martyred": people described one by one
    // after their count are the same people.
    if (cat === 'person' && ph.source === 'article' && prevR && prevR.phrase.head?.cat === 'person' && prevR.phrase.iEnd === ph.i0 - 1) {
      const lead = toks[ph.i0 - 1]?.lower;
      // The description closes with a comma or goes on with "and" (its noun may be one the lexicon lacks: "lance naik").
      let k = ph.iEnd;
      while (k < ph.iEnd + 3 && toks[k]?.kind === 'word' && toks[k]!.lower !== 'and' && !predicateAt(toks, k)) k++;
      const closes = toks[k]?.lower === ',' || toks[k]?.lower === 'and';
      if (closes && ((lead === ',' && (prevR.phrase.value ?? 0) >= 2) || (lead === 'and' && prevR.apposition))) r.apposition = true;
    }
    res.push(r);
    ownVerb.push(!!right || hasOwnVerb(toks, ph.iEnd, ph.sent));
  }
  // Lists and subsets: "Eighteen UAVs, two cruise missiles, and one ballistic missile were shot down",
  // "9 injured (8 contractors / 1 US MIL)", "12 Palestinians, including four children".
  for (let k = 1; k < res.length; k++) {
    const prev = res[k - 1]!;
    const cur = res[k]!;
    if (prev.phrase.sent !== cur.phrase.sent || prev.base || cur.base) continue;
    let ok = cur.phrase.i0 >= prev.reach;
    let subset = false;
    for (let m = prev.reach; m < cur.phrase.i0 && ok; m++) {
      const w = toks[m]!.lower;
      if (w === 'including' || w === 'among' || w === 'whom' || w === '(' || w === 'them') subset = true;
      if (!LINK_WORDS.has(w) && !SUBSET_WORDS.has(w)) ok = false;
    }
    if (cur.phrase.i0 - prev.reach > 5) ok = false;
    if (ok) cur.link = subset ? 'subset' : 'list';
    // "shot down 92 targets: 37 missiles and 55 drones": a colon opens the parts of the count before it.
    if (cur.phrase.i0 === prev.reach + 1 && toks[prev.reach]?.lower === ':' && prev.pred) cur.link = 'subset';
    // "... killed in Israel, including at least 155 soldiers": "including" ties a subset across a place phrase.
    const lead = toks[cur.phrase.i0 - 1]?.lower;
    const lead2 = toks[cur.phrase.i0 - 2]?.lower;
    if (!ok && cur.phrase.i0 > prev.reach && (lead === 'including' || (lead === 'whom' && lead2 === 'of') || ((lead === 'them' || lead === 'whom') && lead2 === 'among'))) {
      cur.link = 'subset';
    }
    // "killed at least 11 people overnight, four of them children": "of them" takes a part of the people named last.
    if (cur.link === 'none' && cur.phrase.partitive && !cur.phrase.ofY && ['them', 'whom', 'which'].includes(toks[cur.phrase.numEnd + 1]?.lower ?? '')) {
      if (prev.phrase.head?.cat === 'person' || (!prev.phrase.head && prev.pred && PERSON_PREDS.has(prev.pred.kind))) cur.link = 'subset';
    }
  }
  // "... killed seven aid workers. Three of them were British nationals.": a part named in the next sentence.
  for (let k = 1; k < res.length; k++) {
    const cur = res[k]!;
    const prev = res[k - 1]!;
    const ph = cur.phrase;
    if (cur.pred || cur.link !== 'none' || !ph.partitive || ph.ofY || ph.head?.cat !== 'person') continue;
    if (toks[ph.i0 - 1]?.sent === ph.sent || prev.phrase.sent !== ph.sent - 1 || !prev.pred || !PERSON_PREDS.has(prev.pred.kind)) continue;
    if (['them', 'whom'].includes(toks[ph.numEnd + 1]?.lower ?? '')) {
      cur.link = 'subset';
      cur.pred = { ...prev.pred, relative: true };
    }
  }
  for (let k = 1; k < res.length; k++) {
    const cur = res[k]!;
    const prev = res[k - 1]!;
    // A phrase with a verb of its own ("most of whom were released") does not take the list's verb, but an
    // object of an active verb keeps it past a participle ("destroyed three missiles and two UAS launched from ...").
    const carried = cur.participle && cur.link === 'list' && prev.pred && !prev.pred.relative && prev.pred.kind !== 'launch';
    if ((cur.pred && !carried) || cur.link === 'none' || !prev.pred || (ownVerb[k] && !carried)) continue;
    if (compatible(cur.phrase.head?.cat ?? null, prev.pred) || (cur.phrase.head === null && PERSON_PREDS.has(prev.pred.kind))) {
      cur.pred = { ...prev.pred, relative: true };
    }
  }
  for (let k = res.length - 2; k >= 0; k--) {
    const cur = res[k]!;
    const next = res[k + 1]!;
    // "nearly 20 drones, most of which were shot down": a part's verb is not the whole's; nor does a verb reach
    // back over a semicolon ("engaged all three; two were shot down").
    if (cur.pred || next.link === 'none' || !next.pred || (next.phrase.partitive && !cur.phrase.partitive && !(next.phrase.i0 === cur.reach + 1 && toks[cur.reach]?.lower === 'and' && !['them', 'which', 'whom', 'these', 'those'].includes(toks[next.phrase.numEnd + 1]?.lower ?? ''))) || cur.phrase.sent !== next.phrase.sent) continue;
    if (toks.slice(cur.reach, next.phrase.i0).some((t) => t.lower === ';')) continue;
    if (compatible(cur.phrase.head?.cat ?? null, next.pred)) cur.pred = { ...next.pred, relative: true };
  }
  // "3 landed inside the perimeter and 1 outside": a bare number after a counted outcome shares its verb.
  for (let k = 1; k < res.length; k++) {
    const cur = res[k]!;
    const prev = res[k - 1]!;
    if (cur.pred || cur.phrase.head || ownVerb[k] || !prev.pred || prev.phrase.sent !== cur.phrase.sent) continue;
    if (!MUNITION_OUTCOMES.has(prev.pred.kind) && !PERSON_PREDS.has(prev.pred.kind)) continue;
    const lead = toks[cur.phrase.i0 - 1]?.lower ?? '';
    const next = toks[cur.phrase.iEnd];
    const gap = cur.phrase.i0 - prev.reach;
    // "and five more over the Belgorod region" may stand further from its verb than a bare "and 1 outside".
    // "destroyed 30 UAVs overnight: 12 over Belgorod region, ...": a colon opens the parts of the count before it;
    // "over the Belgorod (14), Kursk (7) and Bryansk (3) regions": parts in brackets after the places (munitions
    // only: a number in brackets after a person's name is an age).
    const bracketed = lead === '(' && toks[cur.phrase.iEnd]?.lower === ')' && MUNITION_OUTCOMES.has(prev.pred.kind) && /^[A-Z]/.test(toks[cur.phrase.i0 - 2]?.text ?? '');
    if ((['and', ',', ';', 'while', 'with', ':'].includes(lead) || bracketed) && gap <= (cur.phrase.additive ? 16 : 12) && (!next || next.sent !== cur.phrase.sent || ELLIPSIS_FOLLOWERS.has(next.lower))) {
      cur.pred = { ...prev.pred, relative: true };
      cur.reach = cur.phrase.iEnd;
    }
  }
  return res;
}

const NOT_INJURY_AFTER = /^(?:for|with) (?:shock|anxiety|panic|stress|hysteria)\b/;
const SITE_TARGET_PREPS = new Set(['at', 'toward', 'towards', 'on']);
const LAUNCH_WORDS = new Set([
  'launched', 'fired', 'launching', 'firing', 'attacked', 'targeted', 'struck', 'aimed', 'strikes', 'strike', 'raids',
  'attacks',
]);

/** "... had died (of his injuries)" later in the clause of a person phrase whose participle said "wounded". */
function diedAfter(toks: readonly Token[], from: number, sent: number): Pred | null {
  for (let j = from; j < Math.min(toks.length, from + 12); j++) {
    const t = toks[j]!;
    if (t.sent !== sent || t.kind === 'num' || t.lower === ';' || t.lower === 'and' || t.lower === 'while') return null;
    const p = predicateAt(toks, j);
    if (p && p.kind === 'killed' && j > from) {
      const w = toks[j - 1]!.lower;
      // Only the clause's finite verb: "had/has died", "later died", "died"; not "killed in the strike" of another.
      if (AUXILIARIES.has(w) || w === 'later' || w === 'subsequently' || w === 'since' || w === 'also' || toks[j]!.lower === 'died' || toks[j]!.lower === 'succumbed') return p;
    }
  }
  return null;
}

/** The kind of the people counted last before token `i` (a phrase with a people verb or a toll), at most `back` sentences earlier. */
function earlierPersonKind(toks: readonly Token[], res: readonly Resolved[], tolls: readonly Quantity[], i: number, back: number): PredKind | null {
  const sent = toks[i]!.sent;
  const at = toks[i]!.start;
  // Only the sentences in reach are looked at, so long texts stay linear.
  let from = i;
  while (from > 0 && toks[from - 1]!.sent >= sent - back) from--;
  const floor = toks[from]!.start;
  let best: { end: number; kind: PredKind } | null = null;
  for (let k = res.length - 1; k >= 0; k--) {
    const r = res[k]!;
    if (r.phrase.sent < sent - back) break;
    if (!r.pred || !PERSON_PREDS.has(r.pred.kind) || r.phrase.i0 >= i) continue;
    best = { end: toks[Math.max(r.phrase.iEnd, r.reach) - 1]!.end, kind: r.pred.kind };
    break;
  }
  for (const q of tolls) {
    const start = q.span?.start ?? 0;
    const end = q.span?.end ?? 0;
    if (end > at || start < floor || !PERSON_PREDS.has(q.what as PredKind)) continue;
    if (!best || end > best.end) best = { end, kind: q.what as PredKind };
  }
  return best?.kind ?? null;
}

/** "Hits were recorded", "impacts were reported": outcome nouns earlier in the sentence. */
function hitsBefore(toks: readonly Token[], i: number, sent: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 8) && toks[k]!.sent === sent; k--) if (['hits', 'impacts'].includes(toks[k]!.lower)) return true;
  return false;
}

/** Whether a launch or attack verb comes earlier in the sentence. */
function launchedBefore(toks: readonly Token[], i: number, sent: number): boolean {
  for (let k = i - 1; k >= 0 && toks[k]!.sent === sent; k--) if (LAUNCH_WORDS.has(toks[k]!.lower)) return true;
  return false;
}

/** "and all drones were downed", "and the cruise missiles were intercepted": a noun phrase with no number, then a verb. */
function coordinatedRight(toks: readonly Token[], from: number, sent: number): Pred | null {
  for (let j = from; j < Math.min(toks.length, from + 5); j++) {
    const t = toks[j]!;
    if (t.sent !== sent || t.kind === 'num' || t.kind === 'punct') return null;
    if (MUNITION_HEADS[t.lower] && t.lower.endsWith('s')) {
      const p = rightPredicate(toks, j + 1, sent);
      return p && MUNITION_OUTCOMES.has(p.kind) ? p : null;
    }
  }
  return null;
}

const OBJECT_STARTERS = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'its', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'dozens', 'one']);

function startsObject(toks: readonly Token[], k: number, sent: number): boolean {
  const t = toks[k];
  return !!t && t.sent === sent && (t.kind === 'num' || OBJECT_STARTERS.has(t.lower));
}

function isAlongWith(toks: readonly Token[], i: number): boolean {
  const a = toks[i - 2]?.lower;
  const b = toks[i - 1]?.lower;
  return b === 'with' && (a === 'along' || a === 'together');
}

/** The person verb of the sentence before token i ("... was killed ..., along with"). */
function personVerbBefore(toks: readonly Token[], i: number, sent: number, within = 40): Pred | null {
  for (let k = i - 3; k >= Math.max(0, i - within) && toks[k]!.sent === sent; k--) {
    const p = predicateAt(toks, k);
    if (p && PERSON_PREDS.has(p.kind)) return { ...p, relative: true };
  }
  return null;
}

/** Words that may follow a number whose verb was left out ("and 1 outside", "and two in Kupiansk"). */
const ELLIPSIS_FOLLOWERS = new Set([
  'outside', 'inside', 'nearby', 'elsewhere', 'near', 'in', 'on', 'at', 'within', 'beyond', 'into', 'onto', 'off',
  'short', ',', '.', ';', ')', 'close', 'over', 'across', 'around', 'during', 'along', '–', '—', '-',
]);
const AUXILIARIES = new Set(['was', 'were', 'is', 'are', 'had', 'has', 'have', 'been']);

/** The outcome verb of a clause whose subject carries a participle ("launched from Syria") first. */
function mainOutcomeAfter(toks: readonly Token[], from: number, sent: number): Pred | null {
  for (let j = from; j < Math.min(toks.length, from + 12); j++) {
    const t = toks[j]!;
    if (t.sent !== sent || t.lower === ';' || t.lower === ',' || t.kind === 'num') return null;
    if (!AUXILIARIES.has(t.lower)) continue;
    const p = rightPredicate(toks, j, sent);
    return p && MUNITION_OUTCOMES.has(p.kind) ? p : null;
  }
  return null;
}

/** The people verb after a participle phrase: "guarding the base was (lightly) wounded"; none past a comma or a number. */
function personVerbAfter(toks: readonly Token[], from: number, sent: number, relative = false): Pred | null {
  for (let j = from; j < Math.min(toks.length, from + (relative ? 12 : 8)); j++) {
    const t = toks[j]!;
    if (t.sent !== sent || t.kind !== 'word' || t.lower === 'and' || t.lower === 'who') return null;
    if (t.lower !== 'was' && t.lower !== 'were') continue;
    const p = rightPredicate(toks, j, sent);
    // In a relative clause the first auxiliary may be the clause's own ("who were using the compound were killed").
    if (relative && (!p || !(PERSON_PREDS.has(p.kind) || p.neutralize))) continue;
    return p && (PERSON_PREDS.has(p.kind) || (relative && !!p.neutralize)) ? p : null;
  }
  return null;
}

/** Whether an auxiliary and a verb the rules do not know follow ("most of whom were released"). */
function hasOwnVerb(toks: readonly Token[], k: number, sent: number): boolean {
  const aux = toks[k];
  const verb = toks[k + 1];
  if (!aux || aux.sent !== sent) return false;
  // "2 others remain at large", "three escaped": a finite verb the rules do not count.
  if (OWN_VERBS.has(aux.lower)) return true;
  if (!verb || verb.sent !== sent || !AUXILIARIES.has(aux.lower)) return false;
  return verb.kind === 'word' && (/^[a-z]+(?:ed|en)$/.test(verb.lower) || UNHARMED.has(verb.lower));
}
const OWN_VERBS = new Set(['remain', 'remains', 'remained', 'escaped', 'fled', 'survived', 'returned', 'released', 'freed']);
const UNHARMED = new Set(['missing', 'safe', 'unharmed', 'unhurt', 'alive', 'free', 'fine', 'well']);

/** People group from the head noun and its modifiers ("civilian contractor", "members of the air force"). */
function personGroup(ph: CountPhrase, fallback: string): { group: string; detail: string[] } {
  const detail: string[] = [];
  const head = ph.head;
  if (!head || head.cat !== 'person') return { group: fallback, detail };
  let group = head.what;
  const mods = head.modifiers;
  const comp = head.complement;
  const nat = [...mods, ...comp].map((m) => NATIONALITIES[m]).find(Boolean);
  if (nat) detail.push(nat);
  if (group === 'unspecified') {
    if (mods.some((m) => MILITARY_MODIFIERS.has(m)) || comp.some((m) => MILITARY_MODIFIERS.has(m))) group = 'military';
    else if (mods.some((m) => CIVILIAN_MODIFIERS.has(m))) group = 'civilian';
  }
  if (group === 'civilian' && mods.some((m) => m === 'contractor' || m === 'contractors')) group = 'contractor';
  return { group, detail };
}

function headLowerOf(toks: readonly Token[], ph: CountPhrase): string {
  return ph.head ? toks[ph.head.idx]!.lower : '';
}

/** "... and was shot down", "... and were intercepted" later in the clause of a subject, with no other count between. */
function sameSubjectOutcome(toks: readonly Token[], from: number, sent: number): Pred | null {
  for (let j = from; j < Math.min(toks.length, from + 20); j++) {
    const t = toks[j]!;
    if (t.sent !== sent || t.kind === 'num' || t.lower === ';' || t.lower === 'while' || t.lower === 'but') return null;
    if (t.lower !== 'and' || !['was', 'were'].includes(toks[j + 1]?.lower ?? '')) continue;
    const p = rightPredicate(toks, j + 1, sent);
    return p && MUNITION_OUTCOMES.has(p.kind) ? { ...p, start: j + 1 } : null;
  }
  return null;
}

const EARLIER_WORDS = new Set(['earlier', 'initial', 'previous', 'original', 'first', 'preliminary']);
const ACCOUNT_WORDS = new Set(['account', 'estimate', 'figure', 'report', 'tally', 'count', 'statement']);

/** "an earlier (Pentagon) account of" right before token i. */
function earlierAccountBefore(toks: readonly Token[], i: number): boolean {
  if (toks[i - 1]?.lower !== 'of' || !ACCOUNT_WORDS.has(toks[i - 2]?.lower ?? '')) return false;
  for (let k = i - 3; k >= Math.max(0, i - 5); k--) if (EARLIER_WORDS.has(toks[k]!.lower)) return true;
  return false;
}

/** Whether a munition noun comes earlier in this sentence or the one before. */
function munitionBefore(toks: readonly Token[], i: number): boolean {
  const sent = toks[i]!.sent;
  for (let k = i - 1; k >= 0 && toks[k]!.sent >= sent - 1; k--) {
    const w = MUNITION_HEADS[toks[k]!.lower];
    if (w && w !== 'explosion' && w !== 'air_strike') return true;
  }
  return false;
}

/** The munition a count of outcomes refers to: the nearest munition named before (or after) token i. */
function munitionContext(toks: readonly Token[], resolved: readonly Resolved[], i: number): string | null {
  // A list of different munitions right before ("one missile and four drones ... all were destroyed") is mixed.
  let best: Resolved | null = null;
  for (const r of resolved) {
    if (r.phrase.i0 >= i) break;
    if (r.phrase.head?.cat === 'munition') best = r;
  }
  let bestTok = -1;
  for (let k = i - 1; k >= 0; k--) {
    const w = MUNITION_HEADS[toks[k]!.lower] ?? MUNITION_HEADS[toks[k]!.parts[0] ?? ''];
    if (w && w !== 'explosion' && w !== 'air_strike' && !MUNITION_BLOCKERS.has(toks[k + 1]?.lower ?? '')) {
      bestTok = k;
      break;
    }
  }
  if (best && best.phrase.head && (bestTok < 0 || best.phrase.head.idx >= bestTok)) {
    const idx = resolved.indexOf(best);
    const kinds = new Set<string>([best.phrase.head.what]);
    for (let m = idx; m > 0 && resolved[m]!.link === 'list'; m--) {
      const prevHead = resolved[m - 1]!.phrase.head;
      if (prevHead?.cat === 'munition') kinds.add(prevHead.what);
    }
    return kinds.size > 1 ? 'mixed' : best.phrase.head.what;
  }
  if (bestTok >= 0) return MUNITION_HEADS[toks[bestTok]!.lower] ?? MUNITION_HEADS[toks[bestTok]!.parts[0]!] ?? null;
  for (let k = i; k < toks.length; k++) {
    const w = MUNITION_HEADS[toks[k]!.lower];
    if (w && w !== 'explosion' && w !== 'air_strike') return w;
  }
  return null;
}

/** Group of the people named last before token `upto` ("killed 13 U.S. service members and injured 15 others"). */
function personContext(resolved: readonly Resolved[], upto: number): string {
  let group = 'unspecified';
  for (const r of resolved) {
    if (r.phrase.i0 >= upto) break;
    if (r.phrase.head?.cat === 'person') group = personGroup(r.phrase, 'unspecified').group;
  }
  return group;
}

/** Identity of a claim for de-duplication: what was counted, how, and the words that carried the number. */
const SIGNATURE = new WeakMap<Quantity, string>();
function mention(text: string, toks: readonly Token[], a: number, b: number): { mention: string; span: { start: number; end: number } } {
  const s = toks[a]!.start;
  const e = toks[Math.max(a, b - 1)]!.end;
  return { mention: text.slice(s, e), span: { start: s, end: e } };
}

function quantity(
  what: string,
  group: string,
  ph: Pick<CountPhrase, 'qualifier' | 'value' | 'min' | 'max'>,
  m: { mention: string; span: { start: number; end: number } },
  confidence: number,
  detail: string[],
): Quantity {
  const q: Quantity = {
    what,
    group,
    value: ph.value,
    min: ph.min,
    max: ph.max,
    qualifier: ph.qualifier,
    mention: m.mention,
    span: m.span,
    confidence,
  };
  const d = [...new Set(detail.filter(Boolean))].join('; ');
  if (d) q.detail = d;
  return q;
}

function baseConfidence(ph: CountPhrase, pred: Pred | null): number {
  let c = ph.source === 'numeral' ? 0.9 : ph.source === 'word' ? 0.85 : ph.source === 'article' ? 0.7 : 0.6;
  if (!ph.head) c -= 0.1;
  if (pred?.relative) c -= 0.05;
  return Math.max(0.3, Math.min(0.95, c));
}

function toQuantities(toks: readonly Token[], text: string, resolved: Resolved[], background: readonly CharRange[] = []): Quantity[] {
  const out: Quantity[] = [];
  const hasIsrael = /\bisrael/i.test(text);
  // Munition counts that are launches (not outcomes), by munition: decides whether "3 rockets struck" is a subset.
  const launchCounts = new Map<string, number>();
  for (const r of resolved) {
    const h = r.phrase.head;
    // A munition of an earlier event ("where three soldiers were killed in a drone strike in January") launched nothing now.
    if (h?.cat === 'munition' && !inRanges(background, toks[r.phrase.i0]!.start) && !r.phrase.partitive && (!r.pred || r.pred.kind === 'launch' || r.pred.kind === 'targeted') && !h.modifiers.some((w) => NOT_ATTACK_MODIFIERS.has(w))) {
      launchCounts.set(family(h.what), (launchCounts.get(family(h.what)) ?? 0) + 1);
    }
  }
  const emitted = new Map<Resolved, Quantity>();
  for (const r of resolved) {
    const ph = r.phrase;
    const before = out.length;
    emit(r);
    if (out.length > before) emitted.set(r, out[out.length - 1]!);
    const headLower = headLowerOf(toks, ph);
    for (let k = before; k < out.length; k++) {
      const q = out[k]!;
      // A repeated "40 out of 42" is one claim; "2 landed in X ... 2 landed in Y" are two.
      const after = toks.slice(r.reach, r.reach + 3).map((t) => t.lower).join(' ');
      const sig =
        ph.source === 'article' && ph.head?.cat === 'munition'
          ? `${keyOf(q)}|article|${q.what}`
          : ph.ofY
            ? `${keyOf(q)}|${q.group}|${ph.numSurface}|of ${ph.ofY.numSurface}`
            : `${keyOf(q)}|${q.group}|${ph.numSurface}|${headLower || after}`;
      SIGNATURE.set(q, sig);
    }
  }
  return out;

  /** "54 of the 87 drones" after "launched 87 drones": the whole was counted already. */
  function restatesLaunch(r: Resolved, y: CountPhrase): boolean {
    const fam = family(y.head!.what);
    return resolved.some(
      (o) =>
        o !== r &&
        !o.phrase.partitive &&
        o.phrase.head?.cat === 'munition' &&
        family(o.phrase.head.what) === fam &&
        o.phrase.value === y.value &&
        o.phrase.qualifier === 'exact' &&
        (!o.pred || o.pred.kind === 'launch' || o.pred.kind === 'targeted'),
    );
  }

  /** The claim a superseded figure restates: the count just before a "not N", "instead of N", "up from N". */
  function supersededOf(r: Resolved): Quantity | null {
    const i = r.phrase.i0;
    const w1 = toks[i - 1]?.lower;
    const w2 = toks[i - 2]?.lower;
    const lead = w1 === 'not' || (w1 === 'of' && w2 === 'instead') || (w1 === 'than' && w2 === 'rather') || (w1 === 'from' && (w2 === 'up' || w2 === 'down' || w2 === 'revised' || w2 === 'corrected'));
    if (!lead) return null;
    const prev = resolved[resolved.indexOf(r) - 1];
    if (!prev || prev.phrase.sent !== r.phrase.sent || i - prev.reach > 4) return null;
    return emitted.get(prev) ?? null;
  }

  function emit(r: Resolved): void {
    if (r.apposition) return;
    const ph = r.phrase;
    const pred = r.pred;
    const head = ph.head;
    const cat = head?.cat ?? null;
    const details: string[] = [];
    if (ph.total) details.push('total');
    if (ph.updated) details.push('updated figure');
    if (r.link === 'subset') details.push('subset');
    if (pred?.severity) details.push(pred.severity);
    const endTok = Math.max(ph.iEnd, r.reach);
    const m = mention(text, toks, ph.i0, endTok);
    let conf = baseConfidence(ph, pred);
    if (ph.ofY && ph.ofY.head?.cat === 'munition' && !restatesLaunch(r, ph.ofY)) {
      const y = ph.ofY;
      out.push(quantity(y.head!.what, 'unspecified', y, mention(text, toks, y.i0, y.iEnd), baseConfidence(y, null), []));
    }
    if (cat === 'outcome' && head) {
      // "more than 40 injuries", "several impacts recorded in open areas"
      if (PERSON_PREDS.has(head.what as PredKind)) out.push(quantity(head.what, 'unspecified', ph, m, conf - 0.05, details));
      else {
        const group = munitionContext(toks, resolved, ph.i0);
        if (group) out.push(quantity(head.what, group, ph, m, conf - 0.1, details));
      }
      return;
    }
    if (cat === 'person' || (cat === null && pred && PERSON_PREDS.has(pred.kind))) {
      if (pred && (PERSON_PREDS.has(pred.kind) || pred.neutralize)) {
        const what = pred.kind === 'intercepted' ? 'killed' : pred.kind;
        // "15 others" are more of the people named before; a bare "9 injured" says nothing about who.
        const isOthers = headLowerOf(toks, ph) === 'others' || (!head && /^(?:the |a )?(?:other|second|third|fourth|fifth)$|^another$/.test(ph.numSurface));
        // "nine militants, including two commanders": a subset without a people noun belongs to its parent's group.
        const prevPhrase = resolved[resolved.indexOf(r) - 1]?.phrase;
        const fallback = isOthers
          ? personContext(resolved, ph.i0)
          : !head && r.link === 'subset' && prevPhrase
            ? personGroup(prevPhrase, 'unspecified').group
            : 'unspecified';
        const { group, detail } = personGroup(ph, fallback);
        const g = (isOthers || !head) && group === 'unspecified' ? fallback : group;
        if (head && DEMONYM_HEADS.has(headLowerOf(toks, ph))) detail.push(toks[head.idx]!.text);
        if (!head) {
          const nat = toks.slice(ph.numEnd, ph.iEnd + 3).map((t) => NATIONALITIES[t.lower]).find(Boolean);
          if (nat && r.link !== 'none') detail.push(nat);
        }
        out.push(quantity(what, g, ph, m, conf, [...detail, ...details]));
        return;
      }
      // "eight of the wounded were flown out": a subset of the wounded is a count of wounded people.
      const partitiveOf = ph.partitive && !pred && head ? headLowerOf(toks, ph) : '';
      if ((partitiveOf === 'wounded' || partitiveOf === 'injured' || partitiveOf === 'dead') && ph.value !== null) {
        const { group, detail } = personGroup(ph, personContext(resolved, ph.i0));
        out.push(quantity(partitiveOf === 'dead' ? 'killed' : 'injured', group, ph, m, conf - 0.1, [...detail, ...details]));
        return;
      }
      if (!pred && head && PRESENCE_HEADS.has(headLowerOf(toks, ph)) && ph.value !== null) {
        const near = toks.slice(Math.max(0, ph.i0 - 3), ph.i0).map((t) => t.lower);
        // "Some 900 U.S. troops are deployed in Syria": the presence verb after the count.
        const after = toks.slice(ph.iEnd, ph.iEnd + 3).filter((t) => t.sent === ph.sent).map((t) => t.lower);
        if (near.some((w) => PRESENCE.has(w)) || after.some((w) => PRESENCE_AFTER.has(w))) {
          const { group, detail } = personGroup(ph, 'military');
          out.push(quantity('troops', group === 'unspecified' ? 'military' : group, ph, m, conf - 0.1, detail));
        }
      }
      return;
    }
    if (cat === 'site') {
      const debris = /\bdebris\b/i.test(text.slice(toks[Math.max(0, ph.i0 - 8)]!.start, toks[ph.i0]!.start));
      if (!pred && !debris) return;
      let what: string;
      if (debris) what = 'debris_sites';
      else if (pred!.kind === 'targeted') what = 'targeted_site';
      // "hit more than 60 targets", "struck three enemy bases": what was aimed at (the annotation's targeted_site);
      // "16 locations", "seven facilities" hit are places hit.
      else if (pred!.kind === 'impacted' && TARGET_HEADS.has(headLowerOf(toks, ph))) what = 'targeted_site';
      else if (pred!.kind === 'impacted') what = 'locations_hit';
      else what = 'facilities_destroyed';
      out.push(quantity(what, 'unspecified', ph, m, conf, details));
      return;
    }
    if (cat === 'munition' && head) {
      // "intercepted 10 of the projectiles": the generic word refers back to the munition named before.
      const what = ph.partitive && !ph.ofY && head.what === 'projectile' ? (munitionContext(toks, resolved, ph.i0) ?? head.what) : head.what;
      const outcome = pred && MUNITION_OUTCOMES.has(pred.kind) ? pred.kind : null;
      // Caches and duds are not attack counts: "found 11 unfired rockets".
      if (pred?.kind === 'cache' || head.modifiers.some((w) => NOT_ATTACK_MODIFIERS.has(w))) return;
      // "An explosion occurred": one explosion counts only when the text counts no weapon that made it.
      if (what === 'explosion' && ph.source === 'article' && resolved.some((o) => o.phrase.head?.cat === 'munition' && o.phrase.head.what !== 'explosion')) return;
      if (!outcome) {
        // "both drones" restates two counted before unless something happened to them.
        if (ph.numSurface === 'both') return;
        // "revising an earlier Pentagon account of three missiles": an older figure of a count given before.
        if (earlierAccountBefore(toks, ph.i0)) {
          const restated = [...out].reverse().find((o) => MUNITION_OUTCOMES.has(o.what as PredKind) && family(o.group) === family(what));
          if (restated) {
            out.push(quantity(restated.what, restated.group, ph, m, conf - 0.2, ['initial figure, superseded']));
            return;
          }
        }
        // A part of something ("Most of the UAVs were headed for ...") is a count only with an outcome or a
        // launch verb of its own ("at least two of the rockets were launched from ...").
        if (ph.partitive && !(pred?.kind === 'launch' && !pred.relative)) return;
        out.push(quantity(what, 'unspecified', ph, m, conf, details));
        // "A drone targeted the base ... and was shot down": the same subject's second verb is its outcome.
        const later = (!pred || pred.kind === 'launch' || pred.kind === 'targeted') && ph.qualifier === 'exact' ? sameSubjectOutcome(toks, Math.max(ph.iEnd, r.reach), ph.sent) : null;
        if (later) out.push(quantity(later.kind, what, ph, mention(text, toks, later.start, later.end), conf - 0.1, details));
        return;
        return;
      }
      // "launched two missiles ...; both missiles were lost": a total derived from the count named before.
      if (ph.numSurface === 'both' && resolved.some((o) => o.phrase.i0 < ph.i0 && o.phrase.value === 2 && o.phrase.head?.cat === 'munition' && family(o.phrase.head.what) === family(what))) details.push('derived');
      let kind: string = outcome;
      if (outcome === 'impacted') {
        if (failsInOrigin(toks, pred!.end, hasIsrael)) kind = 'failed';
        // "four missiles landed inside, while several others were shot down": the ones that landed are a part.
        else if (!ph.partitive && !ph.all && !launchCounts.has(family(what)) && !resolved.some((o) => o.othersOutcome && o.phrase.sent === ph.sent && o.phrase.i0 > ph.i0)) {
          // "a rocket had fallen near the base": the only count of those rockets, so it counts the rockets.
          out.push(quantity(what, 'unspecified', ph, m, conf, details));
          return;
        }
      }
      out.push(quantity(kind, what, ph, m, conf, details));
      // "destroyed all 36 drones": the launched total too, unless it was already given.
      if (ph.all && !ph.ofY && !launchCounts.has(family(what))) out.push(quantity(what, 'unspecified', ph, m, conf - 0.1, ['all']));
      return;
    }
    // A figure the text corrects: "4 rockets, not 2 as first reported", "12 killed, up from 9".
    if (!pred && !head && ph.value !== null) {
      const superseded = supersededOf(r);
      if (superseded) {
        out.push(quantity(superseded.what, superseded.group, ph, m, conf - 0.2, ['initial figure, superseded']));
        return;
      }
    }
    // Apposition to a munition noun: "a barrage of rockets, at least 8, at the airport".
    if (!pred && !head && ph.value !== null || (!pred && !head && ph.qualifier !== 'vague' && ph.qualifier !== 'exact')) {
      const sep = toks[ph.i0 - 1]?.lower;
      const noun = toks[ph.i0 - 2];
      const w = noun ? MUNITION_HEADS[noun.lower] : undefined;
      if ((sep === ',' || sep === '(' || sep === '—' || sep === '–') && w && noun!.lower.endsWith('s') && w !== 'explosion') {
        out.push(quantity(w, 'unspecified', ph, m, conf - 0.15, ['apposition']));
        return;
      }
    }
    // No head noun: "5 landed", "Four failed in flight", "six of them landed", "most of which were intercepted".
    if (pred && MUNITION_OUTCOMES.has(pred.kind)) {
      const group = munitionContext(toks, resolved, ph.i0);
      if (!group) return;
      let kind: string = pred.kind;
      if (kind === 'impacted' && failsInOrigin(toks, pred.end, hasIsrael)) kind = 'failed';
      conf -= 0.05;
      out.push(quantity(kind, group, ph, m, conf, details));
    }
  }
}

/** "three falling in Lebanese territory": rockets fired at Israel that came down where they were launched. */
function failsInOrigin(toks: readonly Token[], k: number, hasIsrael: boolean): boolean {
  if (!hasIsrael) return false;
  const tail = toks.slice(k, k + 4).map((t) => t.lower).join(' ');
  return ORIGIN_TERRITORY.test(tail);
}

function family(what: string): string {
  return what.endsWith('missile') ? 'missile' : what;
}

const PCT_CUES = new Set([
  'efficiency', 'success', 'effectiveness', 'intercepted', 'interception', 'intercept', 'downed', 'destroyed',
  'neutralized', 'neutralised', 'shot', 'rate',
]);
const PCT_QUALIFIERS: [string[], 'approximately' | 'at_least' | 'more_than' | 'at_most' | 'fewer_than'][] = [
  [['more', 'than'], 'more_than'], [['over'], 'more_than'], [['at', 'least'], 'at_least'], [['up', 'to'], 'at_most'],
  [['less', 'than'], 'fewer_than'], [['under'], 'fewer_than'], [['about'], 'approximately'], [['around'], 'approximately'],
  [['roughly'], 'approximately'], [['nearly'], 'approximately'], [['almost'], 'approximately'], [['some'], 'approximately'],
  [['approximately'], 'approximately'], [['approx.'], 'approximately'], [['approx'], 'approximately'], [['~'], 'approximately'],
];

/** "96% efficiency", "A 100% success rate", "intercepted 90% of the drones", "a rate of roughly 62%". */
function percentQuantities(toks: readonly Token[], text: string, consumed: Uint8Array): Quantity[] {
  const out: Quantity[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const isPct = toks[i + 1]?.lower === '%' || toks[i + 1]?.lower === 'percent' || (toks[i + 1]?.lower === 'per' && toks[i + 2]?.lower === 'cent');
    if (t.kind !== 'num' || !isPct) continue;
    const v = Number(t.text.replace(/,/g, ''));
    if (!Number.isFinite(v) || v > 100) continue;
    // An interception rate is said so in its sentence ("shot down ..., a rate of 62%").
    let intercept = false;
    for (let k = i - 1; k >= 0 && toks[k]!.sent === t.sent && !intercept; k--) intercept = PCT_CUES.has(toks[k]!.lower);
    for (let k = i + 1; k < toks.length && toks[k]!.sent === t.sent && !intercept; k++) intercept = PCT_CUES.has(toks[k]!.lower);
    if (!intercept) continue;
    // What was intercepted: the nearest munition before (or after); strikes and explosions are not shot down.
    const interceptable = (t: Token): string | null => {
      const w = MUNITION_HEADS[t.lower] ?? MUNITION_HEADS[t.parts[0] ?? ''] ?? null;
      return w === 'air_strike' || w === 'explosion' ? null : w;
    };
    let group: string | null = null;
    for (let k = i; k >= 0 && !group; k--) group = interceptable(toks[k]!);
    for (let k = i; k < toks.length && !group; k++) group = interceptable(toks[k]!);
    let a = i;
    let qualifier: Qualifier = 'exact';
    for (const [words, q] of PCT_QUALIFIERS) {
      if (words.every((w, m) => toks[i - words.length + m]?.lower === w)) {
        a = i - words.length;
        qualifier = q;
        break;
      }
    }
    let b = i + 2;
    if (qualifier === 'exact' && toks[i - 1] && (toks[i - 1]!.lower === 'a' || toks[i - 1]!.lower === 'an')) a = i - 1;
    while (b < toks.length && toks[b]!.kind === 'word' && ['efficiency', 'success', 'rate', 'interception', 'effectiveness'].includes(toks[b]!.lower)) b++;
    consumed[i] = 1;
    const m = mention(text, toks, a, b);
    const bound = qualifier === 'at_least' || qualifier === 'more_than' ? { min: v, max: null, value: null } : qualifier === 'at_most' || qualifier === 'fewer_than' ? { min: null, max: v, value: null } : { value: v, min: null, max: null };
    out.push(quantity('intercepted_pct', group ?? 'unspecified', { qualifier, ...bound }, m, 0.8, []));
  }
  return out;
}

/** Site heads that name what was aimed at rather than a place hit. */
const TARGET_HEADS = new Set(['targets', 'target', 'bases', 'airbases']);

const DOWN_VERBS = String.raw`(?:destroyed|intercepted|shot\s+down|downed|neutrali[sz]ed|brought\s+down|eliminated|taken\s+out|lost\s+from\s+radar|locationally\s+lost|lost\s+in\s+location|suppressed|jammed)`;
const LOST = /\b(?:lost|suppressed|jammed)\b/i;
const EVERY = String.raw`(?:all|both|each|every\s+one)`;
// "all were destroyed", "all of the drones were shot down", "both were intercepted", "destroyed every one of them",
// "shot down both" (but not "engaged both", which only restates the count).
const DERIVED = new RegExp(
  String.raw`\b${EVERY}(?:\s+of\s+(?:them|these|those|the\s+(\w+)(?:\s+(\w+))?)|\s+(?:the\s+)?(drones|missiles|rockets|uavs|projectiles))?\s+(?:were|was|have\s+been|had\s+been|are)\s+(?:successfully\s+|reportedly\s+)?(?:engaged\s+and\s+)?${DOWN_VERBS}\b|\b${DOWN_VERBS}\s+(?:${EVERY}\s+of\s+(?:them|these|those)|them\s+all|both\b)`,
  'gi',
);

/** "fired one missile and four drones, but all were destroyed": the total of the counts named before. */
function derivedTotals(text: string, toks: readonly Token[], resolved: readonly Resolved[]): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(DERIVED)) {
    const at = m.index ?? 0;
    let sum = 0;
    let exact = true;
    let kinds = new Set<string>();
    const items: { value: number; what: string }[] = [];
    // "all of the drones were destroyed" totals the drones only.
    const named = MUNITION_HEADS[(m[3] ?? m[2] ?? m[1] ?? '').toLowerCase()];
    for (const r of resolved) {
      const h = r.phrase.head;
      if (!h || h.cat !== 'munition' || toks[r.phrase.i0]!.start >= at) continue;
      if (named && family(h.what) !== family(named)) continue;
      if (r.pred && r.pred.kind !== 'launch' && r.pred.kind !== 'targeted') continue;
      if (r.phrase.value === null) {
        exact = false;
        continue;
      }
      if (r.phrase.qualifier !== 'exact') exact = false;
      sum += r.phrase.value;
      kinds.add(h.what);
      items.push({ value: r.phrase.value, what: h.what });
    }
    // "launched 18 missiles: six Kinzhals, nine Kalibrs and three Iskanders. All of them were destroyed": a total
    // followed by its breakdown is counted once (the parts after it add up to it).
    for (let i = 0; i + 2 < items.length; i++) {
      const rest = items.slice(i + 1).reduce((n, x) => n + x.value, 0);
      if (items[i]!.value === rest) {
        const kept = items.slice(0, i + 1);
        sum = kept.reduce((n, x) => n + x.value, 0);
        kinds = new Set(kept.map((x) => x.what));
        break;
      }
    }
    if (!sum || !exact || (/\bboth\b/i.test(m[0]) && sum !== 2)) continue;
    const group = kinds.size > 1 ? 'mixed' : [...kinds][0]!;
    const q: Quantity = {
      what: LOST.test(m[0]) ? 'lost_or_suppressed' : 'intercepted',
      group,
      value: sum,
      min: null,
      max: null,
      qualifier: 'exact',
      mention: m[0],
      span: { start: at, end: at + m[0].length },
      confidence: 0.6,
      detail: 'derived',
    };
    out.push(q);
  }
  return out;
}

function keyOf(q: Quantity): string {
  return [q.what, q.qualifier, q.value, q.min, q.max].join('|');
}

/** Repeated identical claims once ("58 out of 59" twice); distinct mentions of equal counts stay. */
function dedupe(qs: Quantity[]): Quantity[] {
  const seen = new Map<string, Quantity>();
  const out: Quantity[] = [];
  for (const q of qs) {
    const norm = q.mention.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const k = SIGNATURE.get(q) ?? `${keyOf(q)}|${q.group}|${norm}`;
    if (seen.has(k)) continue;
    // Overlapping spans with the same key are one claim found twice.
    const dup = out.find((o) => keyOf(o) === keyOf(q) && o.span && q.span && o.span.start < q.span.end && q.span.start < o.span.end);
    if (dup) continue;
    seen.set(k, q);
    out.push(q);
  }
  return out;
}

