/**
 * Counts as intervals, so "10", "at least ten" and "about a dozen" can be compared; and the subset
 * relations between counts (killed and injured are casualties; contractors killed are among all killed;
 * intercepted rockets are among the rockets fired), so "no casualties" conflicts with "one killed".
 */
import type { Claim, Quantity } from '../domain/claim.ts';

/** Normalised singular noun, as the scorer compares `what`. */
export function singular(w: string | null | undefined): string {
  const s = String(w ?? '')
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_');
  if (s === 'casualties' || s === 'troops') return s;
  if (s.endsWith('ies')) return s.slice(0, -3) + 'y';
  if (s.endsWith('s') && !s.endsWith('ss')) return s.slice(0, -1);
  return s;
}

/** A closed interval; `hi` may be Infinity (never serialised). */
export interface Interval {
  lo: number;
  hi: number;
}

/** One count a claim states, normalised for comparison. */
export interface Figure {
  key: string;
  what: string;
  group: string;
  lo: number;
  hi: number;
  vague: boolean;
  /** Human form: "10", "at least 10", "about 14". */
  text: string;
  mention: string;
}

const APPROX_TOLERANCE = 0.15;

/** The values a quantity allows. Vague counts ("several", "a number of") allow any number but zero. */
export function quantityInterval(q: Quantity): Interval | null {
  const n = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const value = n(q.value);
  const min = n(q.min);
  const max = n(q.max);
  const pct = singular(q.what).endsWith('pct');
  const step = (x: number): number => (Number.isInteger(x) && !pct ? 1 : 1e-9);
  switch (q.qualifier) {
    case 'exact':
      if (value !== null) return { lo: value, hi: value };
      break;
    case 'approximately': {
      const v = value ?? min ?? max;
      if (v === null) break;
      const tol = Math.max(v * APPROX_TOLERANCE, v >= 1 ? 1 : 0);
      return { lo: Math.max(v >= 1 ? 1 : 0, Math.floor(v - tol)), hi: Math.ceil(v + tol) };
    }
    case 'at_least':
      if ((min ?? value) !== null) return { lo: (min ?? value)!, hi: Infinity };
      break;
    case 'more_than':
      if ((min ?? value) !== null) return { lo: (min ?? value)! + step((min ?? value)!), hi: Infinity };
      break;
    case 'at_most':
      if ((max ?? value) !== null) return { lo: 0, hi: (max ?? value)! };
      break;
    case 'fewer_than':
      if ((max ?? value) !== null) return { lo: 0, hi: Math.max(0, (max ?? value)! - step((max ?? value)!)) };
      break;
    case 'range':
      if (min !== null || max !== null) return { lo: min ?? 0, hi: max ?? Infinity };
      break;
    case 'vague':
      return { lo: 1, hi: Infinity };
  }
  if (value !== null) return { lo: value, hi: value };
  return null;
}

export function formatQuantity(q: Pick<Quantity, 'qualifier' | 'value' | 'min' | 'max'>): string {
  const v = q.value ?? q.min ?? q.max;
  switch (q.qualifier) {
    case 'exact':
      return String(v ?? '?');
    case 'approximately':
      return `about ${v ?? '?'}`;
    case 'at_least':
      return `at least ${q.min ?? q.value ?? '?'}`;
    case 'more_than':
      return `more than ${q.min ?? q.value ?? '?'}`;
    case 'at_most':
      return `up to ${q.max ?? q.value ?? '?'}`;
    case 'fewer_than':
      return `fewer than ${q.max ?? q.value ?? '?'}`;
    case 'range':
      return `${q.min ?? '?'}-${q.max ?? '?'}`;
    case 'vague':
      return 'an unspecified number';
    default:
      return String(v ?? '?');
  }
}

export function figureKey(what: string, group: string): string {
  return `${what}/${group}`;
}

/** "killed", "killed (contractor)", "intercepted (drone)". */
export function keyLabel(key: string): string {
  const [what, group] = key.split('/') as [string, string | undefined];
  return group && group !== 'unspecified' ? `${what} (${group})` : what;
}

/** Figures a claim quotes only to set them aside: superseded or about another event. */
const SET_ASIDE = /superseded|earlier figure|background|another event/i;

/** Point that ranks same-key figures: the largest is the total, smaller ones are subtotals. */
const rank = (f: Figure): number => (f.vague ? -1 : Number.isFinite(f.hi) ? f.hi : f.lo);

/**
 * One figure per (what, group) for a claim. When a claim states several counts of the same thing
 * (per location, a subset and the total) the largest is the claim's figure for that thing, so subtotals
 * are never compared as if they conflicted with the total.
 */
export function claimFigures(claim: Claim): Map<string, Figure> {
  const out = new Map<string, Figure>();
  for (const q of claim?.quantities ?? []) {
    if (q.detail && SET_ASIDE.test(q.detail)) continue;
    const interval = quantityInterval(q);
    if (!interval) continue;
    const what = singular(q.what);
    const group = singular(q.group || 'unspecified') || 'unspecified';
    if (!what) continue;
    const key = figureKey(what, group);
    const f: Figure = {
      key,
      what,
      group,
      lo: interval.lo,
      hi: interval.hi,
      vague: q.qualifier === 'vague',
      text: formatQuantity(q),
      mention: q.mention ?? '',
    };
    const prev = out.get(key);
    if (!prev || rank(f) > rank(prev)) out.set(key, f);
  }
  return out;
}

const PERSON = new Set(['killed', 'injured', 'casualties']);
/** Groups that add up to an unspecified toll; animals and attackers are usually left out of tolls. */
const TOLL_GROUPS = ['civilian', 'military', 'contractor', 'combatant'];
const OUTCOME = new Set(['intercepted', 'impacted', 'failed', 'lost_or_suppressed']);
const MUNITION = new Set(['rocket', 'missile', 'ballistic_missile', 'cruise_missile', 'drone', 'projectile']);
const MISSILE_KINDS = ['ballistic_missile', 'cruise_missile'];

type Key = [what: string, group: string];

/**
 * Disjoint counts that add up to at most this one: the groups of a toll, the kinds of missile, the
 * munitions of a mixed salvo's outcome, killed and injured within casualties.
 */
function partsOf(what: string, group: string): Key[] {
  if (what === 'casualties') return [['killed', group], ['injured', group]];
  if (PERSON.has(what) && group === 'unspecified') return TOLL_GROUPS.map((g): Key => [what, g]);
  if (what === 'missile' && group === 'unspecified') return MISSILE_KINDS.map((m): Key => [m, 'unspecified']);
  if (OUTCOME.has(what) && group === 'missile') return MISSILE_KINDS.map((m): Key => [what, m]);
  if (OUTCOME.has(what) && group === 'mixed') return ['rocket', 'missile', 'drone'].map((m): Key => [what, m]);
  return [];
}

/** Counts this one is part of (the inverse of `partsOf`, plus outcomes within the munitions launched). */
function wholesOf(what: string, group: string): Key[] {
  const out: Key[] = [];
  if ((what === 'killed' || what === 'injured') && group !== 'animal' && group !== 'perpetrator') out.push(['casualties', group]);
  if (PERSON.has(what) && TOLL_GROUPS.includes(group)) out.push([what, 'unspecified']);
  if (MISSILE_KINDS.includes(what) && group === 'unspecified') out.push(['missile', 'unspecified']);
  if (OUTCOME.has(what)) {
    if (MISSILE_KINDS.includes(group)) out.push([what, 'missile']);
    if (['rocket', 'missile', 'drone'].includes(group)) out.push([what, 'mixed']);
    if (MUNITION.has(group)) out.push([group, 'unspecified']);
  }
  return out;
}

/** A bound on a count together with the stated figures it comes from. */
export interface Bound {
  lo: number;
  hi: number;
  /** Stated figures that set the bound (the figure itself, or the subsets/supersets it was derived from). */
  loFrom: Figure[];
  hiFrom: Figure[];
}

const MAX_DEPTH = 3;

function lowerBound(figs: Map<string, Figure>, what: string, group: string, depth = 0): { lo: number; from: Figure[] } {
  const own = figs.get(figureKey(what, group));
  let lo = own ? own.lo : 0;
  let from: Figure[] = own ? [own] : [];
  if (depth >= MAX_DEPTH) return { lo, from };
  const consider = (v: number, f: Figure[]): void => {
    if (v > lo) {
      lo = v;
      from = f;
    }
  };
  let sum = 0;
  const parts: Figure[] = [];
  for (const [w, g] of partsOf(what, group)) {
    const b = lowerBound(figs, w, g, depth + 1);
    sum += b.lo;
    parts.push(...b.from);
  }
  consider(sum, parts);
  // Outcomes (intercepted, impacted, ...) of a munition are among the munitions launched.
  if (MUNITION.has(what) && group === 'unspecified') {
    for (const o of OUTCOME) {
      const f = figs.get(figureKey(o, what));
      if (f) consider(f.lo, [f]);
    }
  }
  return { lo, from };
}

function upperBound(figs: Map<string, Figure>, what: string, group: string, depth = 0): { hi: number; from: Figure[] } {
  const own = figs.get(figureKey(what, group));
  let hi = own ? own.hi : Infinity;
  let from: Figure[] = own ? [own] : [];
  if (depth >= MAX_DEPTH) return { hi, from };
  for (const [w, g] of wholesOf(what, group)) {
    const b = upperBound(figs, w, g, depth + 1);
    if (b.hi < hi) {
      hi = b.hi;
      from = b.from;
    }
  }
  return { hi, from };
}

/** Everything one claim (or one source's current figures) implies about a count. */
export function impliedBound(figs: Map<string, Figure>, key: string): Bound | null {
  const [what, group] = key.split('/') as [string, string];
  const l = lowerBound(figs, what, group);
  const u = upperBound(figs, what, group);
  if (!l.from.length && !u.from.length) return null;
  return { lo: l.lo, hi: u.hi, loFrom: l.from, hiFrom: u.from };
}

const overlap = (a: { lo: number; hi: number }, b: { lo: number; hi: number }): boolean => a.lo <= b.hi && b.lo <= a.hi;

/** A count two claims disagree on; `a`/`b` are what each side stated or implied. */
export interface FigureConflict {
  key: string;
  a: { figures: Figure[]; implied: boolean };
  b: { figures: Figure[]; implied: boolean };
}

export interface FigureComparison {
  /** Keys both state and agree on (neither vague). */
  agree: string[];
  /** Keys both state with bounded, equal-enough, non-trivial values (evidence the claims are one event). */
  specific: string[];
  conflicts: FigureConflict[];
}

/** Compares two sets of figures key by key, including what each implies through subset relations. */
export function compareFigures(a: Map<string, Figure>, b: Map<string, Figure>): FigureComparison {
  const agree: string[] = [];
  const specific: string[] = [];
  const conflicts: FigureConflict[] = [];
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const key of keys) {
    const sa = a.get(key);
    const sb = b.get(key);
    if (sa && sb) {
      if (!overlap(sa, sb)) {
        conflicts.push({ key, a: { figures: [sa], implied: false }, b: { figures: [sb], implied: false } });
        continue;
      }
      if (!sa.vague && !sb.vague) {
        agree.push(key);
        if (Number.isFinite(sa.hi) && Number.isFinite(sb.hi) && Math.max(sa.lo, sb.lo) >= 2) specific.push(key);
      }
      continue;
    }
    // One side states the count, the other only implies bounds on it.
    const own = (sa ?? sb)!;
    const other = impliedBound(sa ? b : a, key);
    if (!other) continue;
    if (own.hi < other.lo || own.lo > other.hi) {
      const implied = { figures: own.hi < other.lo ? other.loFrom : other.hiFrom, implied: true };
      const direct = { figures: [own], implied: false };
      conflicts.push(sa ? { key, a: direct, b: implied } : { key, a: implied, b: direct });
    }
  }
  return { agree, specific, conflicts: withoutEchoes(conflicts) };
}

/**
 * One disagreement shows up under several keys ("no casualties" vs "one contractor killed" conflicts on
 * casualties and on killed/contractor): keep the conflict that involves the most figures, once.
 */
function withoutEchoes(conflicts: FigureConflict[]): FigureConflict[] {
  const figs = conflicts.map((c) => new Set([...c.a.figures, ...c.b.figures]));
  return conflicts.filter((_, i) =>
    !figs.some((other, j) => j !== i && [...figs[i]!].every((f) => other.has(f)) && (other.size > figs[i]!.size || j < i)),
  );
}

/** Whether two figures say the same (same interval and vagueness). */
export function sameFigure(a: Figure, b: Figure): boolean {
  return a.lo === b.lo && a.hi === b.hi && a.vague === b.vague;
}
