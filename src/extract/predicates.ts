/**
 * What a sentence says happened to a counted thing: the verb (or adjective) next to a count phrase.
 * "25 rockets were intercepted" (right of the phrase), "killed 13 service members" (left of it),
 * "the death of eight" (left noun phrase), "are reportedly in critical condition" (right, with auxiliaries).
 */
import { SEVERITY_WORDS } from './lexicon.ts';
import type { Token } from './tokens.ts';

export type PredKind =
  | 'killed'
  | 'injured'
  | 'casualties'
  | 'detained'
  | 'under_evaluation'
  | 'intercepted'
  | 'impacted'
  | 'failed'
  | 'lost_or_suppressed'
  | 'launch'
  | 'targeted'
  /** Found or seized weapons ("found 11 unfired rockets"): not an attack count. */
  | 'cache';

export interface Pred {
  kind: PredKind;
  /** Token index just after the predicate words. */
  end: number;
  /** Token index of the first predicate word. */
  start: number;
  /** Severity words met on the way ("critically", "critical condition"). */
  severity?: string;
  /** "eliminated"/"neutralized": intercepted for munitions, killed for people. */
  neutralize?: boolean;
  /** The verb is one that destroys (sites: facilities destroyed). */
  destroy?: boolean;
  /** Found through a relative pronoun ("rockets that were fired"): weaker than the main verb. */
  relative?: boolean;
  /** Says something only of counted people with a people noun ("treated two men", not "treated 3"). */
  peopleOnly?: boolean;
}

type Pattern = readonly [readonly string[], PredKind, Partial<Pick<Pred, 'neutralize' | 'destroy'>>?];

const PERSON_PEOPLE_PREDS: readonly Pattern[] = [
  [['killed', 'or', 'wounded'], 'casualties'],
  [['killed', 'or', 'injured'], 'casualties'],
  [['killed', 'and', 'wounded'], 'casualties'],
  [['killed', 'and', 'injured'], 'casualties'],
  [['wounded', 'and', 'killed'], 'casualties'],
  [['dead', 'or', 'wounded'], 'casualties'],
  [['dead', 'and', 'wounded'], 'casualties'],
  [['killed', 'or', 'hurt'], 'casualties'],
  [['lost', 'their', 'lives'], 'killed'],
  [['lost', 'his', 'life'], 'killed'],
  [['lost', 'her', 'life'], 'killed'],
  [['shot', 'dead'], 'killed'],
  [['shot', 'and', 'killed'], 'killed'],
  [['fell', 'victim'], 'casualties'],
  [['fallen', 'victim'], 'casualties'],
  [['taken', 'into', 'custody'], 'detained'],
  [['taken', 'prisoner'], 'detained'],
  [['treated', 'for'], 'injured'],
  [['diagnosed', 'with'], 'injured'],
  [['under', 'evaluation'], 'under_evaluation'],
  [['undergoing', 'evaluation'], 'under_evaluation'],
  [['undergoing', 'evaluations'], 'under_evaluation'],
  [['undergoing', 'assessment'], 'under_evaluation'],
  [['undergoing', 'medical', 'evaluation'], 'under_evaluation'],
  [['being', 'evaluated'], 'under_evaluation'],
  [['evaluated', 'for'], 'under_evaluation'],
  [['assessed', 'for'], 'under_evaluation'],
  [['screened', 'for'], 'under_evaluation'],
  [['checked', 'for'], 'under_evaluation'],
  [['examined', 'for'], 'under_evaluation'],
  [['taken', 'to', 'hospital'], 'injured'],
  [['taken', 'to', 'the', 'hospital'], 'injured'],
  [['admitted', 'to', 'hospital'], 'injured'],
  [['admitted', 'to', 'the', 'hospital'], 'injured'],
  [['receiving', 'treatment'], 'injured'],
  [['received', 'treatment'], 'injured'],
  [['needed', 'treatment'], 'injured'],
  [['sought', 'treatment'], 'injured'],
  [['died', 'of', 'wounds'], 'killed'],
  [['died', 'of', 'their', 'wounds'], 'killed'],
  // Officials' idioms (Pakistan, Afghanistan, Somalia): martyrdom for their own dead, hell for the enemy's.
  [['embraced', 'shahadat'], 'killed'],
  [['embraced', 'shahadah'], 'killed'],
  [['embraced', 'shahadath'], 'killed'],
  [['embraced', 'martyrdom'], 'killed'],
  [['embrace', 'shahadat'], 'killed'],
  [['attained', 'martyrdom'], 'killed'],
  [['attained', 'shahadat'], 'killed'],
  [['achieved', 'martyrdom'], 'killed'],
  [['achieved', 'shahadat'], 'killed'],
  [['laid', 'down', 'their', 'lives'], 'killed'],
  [['laid', 'down', 'his', 'life'], 'killed'],
  [['sacrificed', 'their', 'lives'], 'killed'],
  [['sacrificed', 'his', 'life'], 'killed'],
  [['made', 'the', 'ultimate', 'sacrifice'], 'killed'],
  [['made', 'the', 'supreme', 'sacrifice'], 'killed'],
  [['sent', 'to', 'hell'], 'killed'],
  [['dispatched', 'to', 'hell'], 'killed'],
  // "sent six terrorists to hell": the object sits between the verb and its complement.
  [['to', 'hell'], 'killed'],
  [['wiped', 'out'], 'killed'],
];

const MUNITION_PREDS: readonly Pattern[] = [
  [['fell', 'short'], 'failed'],
  // A munition that came down in the water missed its (ship) target; one that crashed into something hit it.
  [['fell', 'into', 'the', 'sea'], 'failed'],
  [['fell', 'in', 'the', 'sea'], 'failed'],
  [['fell', 'into', 'the', 'water'], 'failed'],
  [['fell', 'in', 'the', 'water'], 'failed'],
  [['landed', 'in', 'the', 'sea'], 'failed'],
  [['landed', 'in', 'the', 'water'], 'failed'],
  [['landed', 'into', 'the', 'sea'], 'failed'],
  [['splashed', 'down'], 'failed'],
  [['impacted', 'the', 'water'], 'failed'],
  [['hit', 'the', 'water'], 'failed'],
  [['struck', 'the', 'water'], 'failed'],
  [['splashed', 'into'], 'failed'],
  [['crashed', 'into'], 'impacted'],
  [['crashed', 'onto'], 'impacted'],
  [['crashed', 'on'], 'impacted'],
  [['missed', 'the', 'target'], 'failed'],
  [['missed', 'its', 'target'], 'failed'],
  [['missed', 'their', 'target'], 'failed'],
  [['missed', 'their', 'targets'], 'failed'],
  [['falling', 'short'], 'failed'],
  [['fallen', 'short'], 'failed'],
  [['fall', 'short'], 'failed'],
  [['failed', 'to', 'launch'], 'failed'],
  [['shot', 'down'], 'intercepted'],
  [['brought', 'down'], 'intercepted'],
  [['taken', 'down'], 'intercepted'],
  [['taken', 'out'], 'intercepted'],
  [['knocked', 'out'], 'intercepted'],
  [['came', 'down'], 'impacted'],
  [['come', 'down'], 'impacted'],
  [['coming', 'down'], 'impacted'],
  [['lost', 'from', 'radar'], 'lost_or_suppressed'],
  [['lost', 'in', 'location'], 'lost_or_suppressed'],
  [['did', 'not', 'reach'], 'lost_or_suppressed'],
  [['went', 'astray'], 'lost_or_suppressed'],
  [['locationally', 'lost'], 'lost_or_suppressed'],
  [['shot', 'at'], 'launch'],
  [['shot', 'from'], 'launch'],
];

const MULTI_BY_FIRST = new Map<string, Pattern[]>();
for (const pat of [...PERSON_PEOPLE_PREDS, ...MUNITION_PREDS]) {
  const first = pat[0][0]!;
  const list = MULTI_BY_FIRST.get(first) ?? [];
  list.push(pat);
  MULTI_BY_FIRST.set(first, list);
}

const SINGLE: Record<string, PredKind> = {
  killed: 'killed', dead: 'killed', died: 'killed', perished: 'killed', slain: 'killed', martyred: 'killed',
  succumbed: 'killed', executed: 'killed', murdered: 'killed',
  injured: 'injured', wounded: 'injured', hospitalized: 'injured', hospitalised: 'injured',
  hurt: 'casualties', harmed: 'casualties', shot: 'casualties', stabbed: 'casualties',
  detained: 'detained', arrested: 'detained', captured: 'detained', apprehended: 'detained',
  evaluated: 'under_evaluation', kia: 'killed', wia: 'injured',
  intercepted: 'intercepted', downed: 'intercepted', destroyed: 'intercepted', neutralized: 'intercepted',
  neutralised: 'intercepted', eliminated: 'intercepted',
  landed: 'impacted', struck: 'impacted', hit: 'impacted', impacted: 'impacted', impacting: 'impacted',
  fell: 'impacted', fallen: 'impacted', falling: 'impacted', exploded: 'impacted', landing: 'impacted',
  // A drone that crashed (not "crashed into" something) came down short of any target.
  hitting: 'impacted', striking: 'impacted', crashed: 'failed', crashing: 'failed', slammed: 'impacted',
  slamming: 'impacted', detonated: 'impacted', exploding: 'impacted',
  failed: 'failed', malfunctioned: 'failed', missed: 'failed', misfired: 'failed',
  lost: 'lost_or_suppressed', jammed: 'lost_or_suppressed', suppressed: 'lost_or_suppressed',
  fired: 'launch', launched: 'launch', targeted: 'launch', targeting: 'launch', aimed: 'launch', used: 'launch',
};

const NOT_INJURIES = new Set(['shock', 'anxiety', 'panic', 'stress', 'hysteria']);

const AMONG_THE: Record<string, PredKind> = {
  dead: 'killed', killed: 'killed', fatalities: 'killed', wounded: 'injured', injured: 'injured', casualties: 'casualties',
  victims: 'casualties', detained: 'detained', arrested: 'detained',
};

const BE = new Set(['is', 'are', 'was', 'were']);

/**
 * "Among them is a teenager", "Among the dead were two children": a part of people counted before. Returns the
 * kind the words name ("the dead": killed), `null` for a pronoun ("them") whose kind is the earlier count's, or
 * `undefined` when the words are not there. `start` is the index of "among".
 */
export function amongBefore(toks: readonly Token[], i: number): { kind: PredKind | null; start: number } | undefined {
  let k = i - 1;
  if (BE.has(toks[k]?.lower ?? '')) k--;
  const w = toks[k]?.lower ?? '';
  if ((w === 'them' || w === 'those' || w === 'whom') && toks[k - 1]?.lower === 'among') return { kind: null, start: k - 1 };
  if (AMONG_THE[w] && toks[k - 1]?.lower === 'the' && toks[k - 2]?.lower === 'among') return { kind: AMONG_THE[w]!, start: k - 2 };
  return undefined;
}

/** Words between a count phrase and its verb: auxiliaries, hedges, adverbs. */
/** Participles of motion that may describe counted munitions before their verb. */
const MOTION_PARTICIPLES = new Set(['approaching', 'heading', 'flying', 'coming', 'travelling', 'traveling', 'advancing', 'crossing']);

const RIGHT_SKIP = new Set([
  'were', 'was', 'are', 'is', 'have', 'has', 'had', 'been', 'being', 'be', 'reportedly', 'also', 'all', 'later',
  'reported', 'confirmed', 'then', 'subsequently', 'eventually', 'allegedly', 'initially', 'apparently', 'both',
  'each', 'already', 'since', 'successfully', 'still', 'now', 'currently', 'either', 'believed', 'thought', 'to',
  'say', 'said', 'says', 'likely', 'probably', 'mostly', 'reportedly', 'officially', 'just', 'remain', 'remained',
  'remains', 'immediately', 'quickly',
]);
const RELATIVE = new Set(['that', 'which', 'who', 'whom']);
const NEGATORS = new Set(['not', 'never', "n't", 'no']);
const FATAL = new Set(['fatally', 'mortally']);

function seqAt(toks: readonly Token[], k: number, words: readonly string[]): boolean {
  for (let m = 0; m < words.length; m++) {
    const t = toks[k + m];
    if (!t || t.lower !== words[m]) return false;
  }
  return true;
}

function seqEndingAt(toks: readonly Token[], last: number, words: readonly string[]): boolean {
  const first = last - words.length + 1;
  if (first < 0) return false;
  return seqAt(toks, first, words);
}

/** Predicate words starting exactly at token k (no skipping). */
export function predicateAt(toks: readonly Token[], k: number): Pred | null {
  const t = toks[k];
  if (!t || t.kind !== 'word') return null;
  for (const [words, kind, extra] of MULTI_BY_FIRST.get(t.lower) ?? []) {
    if (seqAt(toks, k, words)) {
      // "treated for shock": a reaction, not an injury.
      if (kind === 'injured' && NOT_INJURIES.has(toks[k + words.length]?.lower ?? '')) return null;
      // "were shot down the slopes": a passive with an object is not an interception but a launch.
      if (words[0] === 'shot' && words[1] === 'down') {
        const nxt = toks[k + 2]?.lower;
        if (nxt === 'the' || nxt === 'a' || nxt === 'an') return { kind: 'launch', start: k, end: k + 2 };
      }
      return { kind, start: k, end: k + words.length, ...extra };
    }
  }
  // "suffered minor injuries", "sustained serious wounds"
  if (t.lower === 'suffered' || t.lower === 'sustained' || t.lower === 'received') {
    for (let m = k + 1; m <= k + 3 && m < toks.length; m++) {
      const w = toks[m]!.lower;
      if (w === 'injuries' || w === 'injury' || w === 'wounds' || w === 'wound') {
        const sev = toks.slice(k + 1, m).map((x) => x.lower).find((x) => SEVERITY_WORDS.has(x));
        return { kind: 'injured', start: k, end: m + 1, ...(sev ? { severity: sev } : {}) };
      }
      if (!/^[a-z-]+$/.test(w)) break;
    }
    return null;
  }
  // "were engaged and destroyed", "engaged and shot down": the outcome is the second verb.
  if (t.lower === 'engaged' && toks[k + 1]?.lower === 'and') {
    const p = predicateAt(toks, k + 2);
    return p && p.kind === 'intercepted' ? { ...p, start: k } : null;
  }
  // "two children were among the dead", "among the wounded"
  if (t.lower === 'among' && toks[k + 1]?.lower === 'the') {
    const kind = AMONG_THE[toks[k + 2]?.lower ?? ''];
    return kind ? { kind, start: k, end: k + 3 } : null;
  }
  // "in critical condition", "in serious but stable condition", "(remain) in hospital"
  if (t.lower === 'in') {
    const n1 = toks[k + 1]?.lower;
    const n2 = toks[k + 2]?.lower;
    if (n1 === 'hospital' || n1 === 'hospitals' || (n1 === 'the' && n2 === 'hospital')) return { kind: 'injured', start: k, end: k + (n1 === 'the' ? 3 : 2) };
    for (let m = k + 1; m <= k + 4 && m < toks.length; m++) {
      const w = toks[m]!.lower;
      if (w === 'condition' || w === 'conditions') {
        const sev = toks.slice(k + 1, m).map((x) => x.lower).find((x) => SEVERITY_WORDS.has(x) || x === 'stable');
        return sev ? { kind: 'injured', start: k, end: m + 1, severity: sev } : null;
      }
      if (!/^[a-z]+$/.test(w)) break;
    }
    return null;
  }
  const kind = SINGLE[t.lower];
  if (!kind) return null;
  const extra: Partial<Pred> = {};
  if (t.lower === 'eliminated' || t.lower === 'neutralized' || t.lower === 'neutralised') extra.neutralize = true;
  if (t.lower === 'destroyed') extra.destroy = true;
  // "hit/struck by ..." after a count is passive: the counted things were hit (people: casualties).
  return { kind, start: k, end: k + 1, ...extra };
}

/**
 * The predicate right after a count phrase ending at token `k`: skips auxiliaries, hedges and adverbs,
 * one closing bracket, and a comma when a verb group follows. Returns null on negation ("were not hurt").
 */
export function rightPredicate(toks: readonly Token[], k: number, sent: number): Pred | null {
  let j = k;
  let relative = false;
  let fatal = false;
  let severity: string | undefined;
  if (toks[j] && (toks[j]!.lower === ')' || toks[j]!.lower === ']')) j++;
  if (toks[j]?.lower === ',' && toks[j + 1] && RIGHT_SKIP.has(toks[j + 1]!.lower) && toks[j + 1]!.lower !== 'to') j++;
  let skipped = 0;
  for (; j < toks.length && skipped < 6; j++) {
    const t = toks[j]!;
    if (t.sent !== sent) return null;
    if (NEGATORS.has(t.lower)) return null;
    if (RELATIVE.has(t.lower) && j === k) {
      relative = true;
      skipped++;
      continue;
    }
    // "two aerial targets approaching from the same direction were intercepted": a participle of motion right after
    // the count describes the things counted; the verb comes after it.
    if (j === k && MOTION_PARTICIPLES.has(t.lower)) {
      let e = j + 1;
      while (e < toks.length && e - j <= 6 && toks[e]!.sent === sent && toks[e]!.lower !== 'were' && toks[e]!.lower !== 'was' && /^[a-z-]+$/.test(toks[e]!.lower)) e++;
      if (toks[e]?.sent === sent && (toks[e]!.lower === 'were' || toks[e]!.lower === 'was')) {
        j = e - 1;
        continue;
      }
      return null;
    }
    if (FATAL.has(t.lower)) {
      fatal = true;
      skipped++;
      continue;
    }
    if (SEVERITY_WORDS.has(t.lower) && t.lower.endsWith('ly')) {
      severity = t.lower;
      skipped++;
      continue;
    }
    const p = predicateAt(toks, j);
    if (p) {
      if (fatal && (p.kind === 'casualties' || p.kind === 'injured')) p.kind = 'killed';
      if (severity && !p.severity) p.severity = severity;
      if (relative) p.relative = true;
      return p;
    }
    if (RIGHT_SKIP.has(t.lower)) {
      skipped++;
      continue;
    }
    return null;
  }
  return null;
}

const LEFT_PATTERNS: readonly Pattern[] = [
  [['killed', 'and', 'wounded'], 'casualties'],
  [['killed', 'and', 'injured'], 'casualties'],
  [['killed', 'or', 'wounded'], 'casualties'],
  [['killed', 'or', 'injured'], 'casualties'],
  [['wounded', 'and', 'killed'], 'casualties'],
  [['injured', 'and', 'killed'], 'casualties'],
  [['claimed', 'the', 'lives', 'of'], 'killed'],
  [['the', 'lives', 'of'], 'killed'],
  // "taking the life of an American contractor"
  [['the', 'life', 'of'], 'killed'],
  [['death', 'of'], 'killed'],
  [['bodies', 'of'], 'killed'],
  [['deaths', 'of'], 'killed'],
  [['killing', 'of'], 'killed'],
  [['killings', 'of'], 'killed'],
  [['shot', 'dead'], 'killed'],
  [['shot', 'and', 'killed'], 'killed'],
  [['injuries', 'to'], 'injured'],
  [['injury', 'to'], 'injured'],
  [['wounding', 'of'], 'injured'],
  [['arrest', 'of'], 'detained'],
  [['arrests', 'of'], 'detained'],
  [['detention', 'of'], 'detained'],
  [['shot', 'down'], 'intercepted'],
  [['shooting', 'down'], 'intercepted'],
  [['shoot', 'down'], 'intercepted'],
  [['shoots', 'down'], 'intercepted'],
  [['brought', 'down'], 'intercepted'],
  [['took', 'down'], 'intercepted'],
  [['interception', 'of'], 'intercepted'],
  [['destruction', 'of'], 'intercepted', { destroy: true }],
  [['attacked', 'by'], 'launch'],
  [['attacked', 'with'], 'launch'],
  [['attack', 'by'], 'launch'],
  [['attack', 'with'], 'launch'],
  [['attack', 'of'], 'launch'],
  [['attacks', 'by'], 'launch'],
  [['targeted', 'by'], 'launch'],
  [['targeted', 'with'], 'launch'],
  [['hit', 'by'], 'launch'],
  [['struck', 'by'], 'launch'],
  [['barrage', 'of'], 'launch'],
  [['salvo', 'of'], 'launch'],
  [['volley', 'of'], 'launch'],
  [['wave', 'of'], 'launch'],
  [['launch', 'of'], 'launch'],
  [['launches', 'of'], 'launch'],
  [['firing', 'of'], 'launch'],
];

const LEFT_SINGLE: Record<string, [PredKind, Partial<Pred>?]> = {
  killed: ['killed'], killing: ['killed'], kills: ['killed'], kill: ['killed'], executed: ['killed'],
  martyred: ['killed'], martyring: ['killed'], murdering: ['killed'], murdered: ['killed'], murders: ['killed'],
  injured: ['injured'], injuring: ['injured'], wounded: ['injured'], wounding: ['injured'], injures: ['injured'],
  wounds: ['injured'], injure: ['injured'], wound: ['injured'],
  hurt: ['casualties'], hurting: ['casualties'], stabbed: ['casualties'], stabbing: ['casualties'],
  detained: ['detained'], detaining: ['detained'], arrested: ['detained'], arresting: ['detained'],
  captured: ['detained'], capturing: ['detained'], detains: ['detained'], arrests: ['detained'],
  intercepted: ['intercepted'], intercepting: ['intercepted'], intercept: ['intercepted'], intercepts: ['intercepted'],
  downed: ['intercepted'], downing: ['intercepted'],
  destroyed: ['intercepted', { destroy: true }], destroying: ['intercepted', { destroy: true }],
  destroy: ['intercepted', { destroy: true }], destroys: ['intercepted', { destroy: true }],
  neutralized: ['intercepted', { neutralize: true }], neutralised: ['intercepted', { neutralize: true }],
  eliminated: ['intercepted', { neutralize: true }], neutralizing: ['intercepted', { neutralize: true }],
  fired: ['launch'], launched: ['launch'], firing: ['launch'], launching: ['launch'], fires: ['launch'],
  launches: ['launch'], fire: ['launch'], launch: ['launch'], involving: ['launch'], involved: ['launch'],
  involve: ['launch'], using: ['launch'], used: ['launch'], deployed: ['launch'], sent: ['launch'],
  identified: ['launch'], detected: ['launch'], recorded: ['launch'], tracked: ['launch'], shot: ['casualties'],
  targeted: ['targeted'], targeting: ['targeted'], targets: ['targeted'], against: ['targeted'],
  attacked: ['targeted'], attacking: ['targeted'], attacks: ['targeted'],
  found: ['cache'], seized: ['cache'], recovered: ['cache'], discovered: ['cache'], confiscated: ['cache'],
  seizing: ['cache'], finding: ['cache'], uncovered: ['cache'], defused: ['cache'], dismantled: ['cache'],
  hit: ['impacted'], struck: ['impacted'], striking: ['impacted'], hitting: ['impacted'], strikes: ['impacted'],
  // Medics and hospitals: "treated two men", "received 14 patients" (people only, see `peopleOnly`).
  treated: ['injured', { peopleOnly: true }], treating: ['injured', { peopleOnly: true }],
  received: ['casualties', { peopleOnly: true }], admitted: ['casualties', { peopleOnly: true }],
  receiving: ['casualties', { peopleOnly: true }], admitting: ['casualties', { peopleOnly: true }],
};

const DOWN_VERBS = new Set(['shot', 'shoot', 'shoots', 'shooting', 'brought', 'bring', 'took', 'take', 'knocked']);

/** Label words of tallies written as lists ("Killed: 3. Injured: 12."). */
const LABELS: Record<string, PredKind> = {
  killed: 'killed', dead: 'killed', deaths: 'killed', died: 'killed', fatalities: 'killed',
  injured: 'injured', wounded: 'injured', injuries: 'injured', hurt: 'injured', hospitalised: 'injured',
  hospitalized: 'injured', casualties: 'casualties', detained: 'detained', arrested: 'detained',
  intercepted: 'intercepted', destroyed: 'intercepted', downed: 'intercepted',
};
const LABEL_LEADS = new Set(['.', ',', ';', '(', '•', '-', '–', '—', ':', '\n']);

/** Active verbs whose object is the count phrase: they win over a verb found on the right. */
export interface LeftPred extends Pred {
  active: boolean;
  /** A list label ("Killed: 3"): a verb right after the number ("Casualties: 4 dead") says more. */
  label?: boolean;
}

/** The predicate ending just before token `s` (the first token of a count phrase). */
export function leftPredicate(toks: readonly Token[], s: number, sent: number): LeftPred | null {
  const last = s - 1;
  const t = toks[last];
  if (!t || t.sent !== sent) return null;
  for (const [words, kind, extra] of LEFT_PATTERNS) {
    if (seqEndingAt(toks, last, words)) {
      const start = last - words.length + 1;
      if (toks[start]!.sent !== sent) continue;
      return { kind, start, end: s, active: true, ...extra };
    }
  }
  // Lists written as labels: "Killed: 1 man. Injured: 13", "Wounded - 4".
  if ((t.lower === ':' || t.lower === '-' || t.lower === '–' || t.lower === '—') && toks[last - 1]?.sent === sent) {
    const label = LABELS[toks[last - 1]!.lower];
    const lead = toks[last - 2];
    if (label && (!lead || lead.sent !== sent || LABEL_LEADS.has(lead.lower))) return { kind: label, start: last - 1, end: s, active: true, label: true };
    return null;
  }
  // "shot one down", "brought two drones down": the particle after the object makes it an interception.
  if (DOWN_VERBS.has(t.lower)) {
    for (let k = s; k < Math.min(toks.length, s + 4) && toks[k]!.sent === sent && toks[k]!.kind !== 'punct'; k++) {
      if (toks[k]!.lower === 'down' && k > s) return { kind: 'intercepted', start: last, end: s, active: true };
    }
  }
  const hit = LEFT_SINGLE[t.lower];
  if (!hit) return null;
  // "was killed 3 days ago" style noise is rare; a passive auxiliary before the verb makes it not the phrase's verb.
  const before = toks[last - 1]?.lower;
  if (before === 'was' || before === 'were' || before === 'been' || before === 'being') {
    if (hit[0] !== 'launch') return null;
  }
  return { kind: hit[0], start: last, end: s, active: true, ...(hit[1] ?? {}) };
}
