/**
 * Scores extracted claims (and optionally incident clusters) against gold items, by the rules of
 * ../shared/eval/README.md. The figures must equal those of the shared scorer (score.mjs) on the same
 * files, so each rule below mirrors it exactly, including its coercions (String(), Number()) and its
 * rounding to four decimals. Pure: no I/O.
 */
import type { ClusterAssignment, GoldItem, Prediction, ScoredClaim, ScoredPlace, ScoredQuantity, ScoredTime } from './records.ts';

/** Precision, recall and F1 with the counts they come from. An empty side counts as perfect (1), as in score.mjs. */
export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

/** The scorer's result, key for key the JSON that `score.mjs --json` prints. */
export interface ScoreReport {
  items: number;
  missing_predictions: number;
  quantity: Prf;
  quantity_value_only: Prf;
  event_time: Prf;
  location: Prf;
  event_type_accuracy: number;
  incident_pairs?: Prf;
}

/** What went wrong on one item, for engineers fixing extraction (gold vs predicted). */
export interface ItemMisses {
  id: string | number;
  text?: string;
  /** True when no prediction line had this item's id. */
  missing_prediction: boolean;
  quantities: { missed: ScoredQuantity[]; extra: ScoredQuantity[] };
  /** Set when gold and predicted event time disagree (either may be null). */
  event_time?: { gold: ScoredTime | null; predicted: ScoredTime | null };
  locations: { missed: ScoredPlace[]; extra: ScoredPlace[] };
  /** Set when the event type is wrong. */
  event_type?: { gold: string; predicted: string | null };
}

const round4 = (x: number): number => +x.toFixed(4);

/** Precision/recall/F1 from counts; a side with nothing to count scores 1, and F1 is 0 when both are 0. */
export function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return { precision: round4(p), recall: round4(r), f1: round4(f), tp, fp, fn };
}

const IRREGULAR = new Set(['casualties', 'troops']);

/** Lower-cased, underscored, singular form of a `what`: "Ballistic Missiles" -> "ballistic_missile". */
export function singular(what: unknown): string {
  const w = String(what ?? '').toLowerCase().trim().replace(/[\s-]+/g, '_');
  if (IRREGULAR.has(w)) return w;
  if (w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

const num = (x: unknown): number | null => (x === null || x === undefined || x === '' ? null : Number(x));
// Array.prototype.join writes null as the empty string; spelled out so the keys read the same as score.mjs's.
const part = (x: number | null): string => (x === null ? '' : String(x));

/** Strict key: the thing counted, the qualifier (default exact) and value/min/max. */
export function quantityKey(q: ScoredQuantity): string {
  const qual = String(q.qualifier ?? 'exact');
  return [singular(q.what), qual, part(num(q.value)), part(num(q.min)), part(num(q.max))].join('|');
}

/** Loose key: the thing counted and the number that carries it (value, else min, else max); qualifier ignored. */
export function valueKey(q: ScoredQuantity): string {
  const n = num(q.value) ?? num(q.min) ?? num(q.max);
  return [singular(q.what), part(n)].join('|');
}

/**
 * Multiset matching of keys: each gold key can be used once. Returns the counts and which indexes matched,
 * so misses can be listed.
 */
export function matchKeys(
  goldKeys: readonly string[],
  predKeys: readonly string[],
): { tp: number; fp: number; fn: number; matchedGold: Set<number>; matchedPred: Set<number> } {
  const bag = new Map<string, number[]>();
  goldKeys.forEach((k, i) => {
    const list = bag.get(k);
    if (list) list.push(i);
    else bag.set(k, [i]);
  });
  const matchedGold = new Set<number>();
  const matchedPred = new Set<number>();
  predKeys.forEach((k, j) => {
    const g = bag.get(k)?.shift();
    if (g !== undefined) {
      matchedGold.add(g);
      matchedPred.add(j);
    }
  });
  const tp = matchedPred.size;
  return { tp, fp: predKeys.length - tp, fn: goldKeys.length - tp, matchedGold, matchedPred };
}

/**
 * Place name for comparison: accents, apostrophes, Arabic article prefixes and generic words
 * (base, camp, city, province, ...) removed, so "Ain al-Asad Air Base" and "Ain Asad" compare equal.
 */
export function normName(s: unknown): string {
  return String(s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`ʿʾ]/g, '')
    .replace(/\b(al|el|ad|ar|as|an|at|ash)[-\s]/g, '')
    .replace(/\b(air\s*base|airbase|airfield|base|camp|city|province|governorate|oblast|region)\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Great-circle distance in km. */
export function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = Math.PI / 180;
  const dLat = (b.lat - a.lat) * r;
  const dLon = (b.lon - a.lon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function coords(p: ScoredPlace): { lat: number; lon: number } | null {
  const lat = num(p.lat);
  const lon = num(p.lon);
  return lat !== null && lon !== null && Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
}

/** Distance within which coordinates alone match a gold place of this kind. */
export function matchRadiusKm(kind: unknown): number {
  return kind === 'country' ? 500 : kind === 'province' || kind === 'region' ? 100 : 25;
}

/**
 * A predicted place matches a gold place when countries do not contradict and either a normalized name
 * (gold name, mention or alias vs predicted name or mention) is equal or the coordinates are close enough.
 */
export function samePlace(g: ScoredPlace, p: ScoredPlace): boolean {
  if (g.country && p.country && String(g.country).toUpperCase() !== String(p.country).toUpperCase()) return false;
  const names = [g.name, g.mention, ...(g.aliases ?? [])].map(normName).filter(Boolean);
  if (names.includes(normName(p.name)) || names.includes(normName(p.mention))) return true;
  const gc = coords(g);
  const pc = coords(p);
  if (gc && pc) return km(gc, pc) <= matchRadiusKm(g.kind);
  return false;
}

const CUT: Record<string, number> = { minute: 16, hour: 13, part_of_day: 10, day: 10, month: 7 };

function isoPrefix(s: string, cut: number): string | null {
  const d = new Date(s);
  // score.mjs throws on an unparsable utc; here it is a non-match instead, so one bad line cannot stop a run.
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, cut);
}

/**
 * Event times match when precisions are equal and the times agree at that precision: UTC instants for
 * minute/hour precision when both sides have one, else the local wall-clock string's prefix.
 */
export function timeMatches(g: ScoredTime | null | undefined, p: ScoredTime | null | undefined): boolean {
  if (!g || !p) return false;
  if (String(p.precision) !== String(g.precision)) return false;
  const cut = CUT[String(g.precision)] ?? 10;
  if (g.utc && p.utc && (g.precision === 'minute' || g.precision === 'hour')) {
    const a = isoPrefix(p.utc, cut);
    return a !== null && a === isoPrefix(g.utc, cut);
  }
  return String(p.local ?? '').slice(0, cut) === String(g.local ?? '').slice(0, cut);
}

/** Greedy place matching in gold order, each prediction used once (as score.mjs does). */
export function matchPlaces(gold: readonly ScoredPlace[], pred: readonly ScoredPlace[]): { matchedGold: Set<number>; matchedPred: Set<number> } {
  const matchedGold = new Set<number>();
  const matchedPred = new Set<number>();
  gold.forEach((gp, i) => {
    const j = pred.findIndex((pp, k) => !matchedPred.has(k) && samePlace(gp, pp));
    if (j >= 0) {
      matchedPred.add(j);
      matchedGold.add(i);
    }
  });
  return { matchedGold, matchedPred };
}

type Tally = [tp: number, fp: number, fn: number];

/** Options of {@link scoreItems}. */
export interface ScoreOptions {
  /** Incident assignment per item id; when given, pairwise incident precision/recall/F1 is added. */
  clusters?: readonly ClusterAssignment[];
}

/**
 * Scores predictions against gold items. A prediction is found by id (the last line wins on duplicate
 * ids); an item without one counts as missing and as an empty claim.
 */
export function scoreItems(
  gold: readonly GoldItem[],
  predictions: readonly Prediction[],
  options: ScoreOptions = {},
): { report: ScoreReport; misses: ItemMisses[] } {
  const preds = new Map<string | number, ScoredClaim | null>(predictions.map((r) => [r.id, r.extracted ?? null]));
  const tally: Record<'quantity' | 'value' | 'time' | 'location', Tally> = {
    quantity: [0, 0, 0],
    value: [0, 0, 0],
    time: [0, 0, 0],
    location: [0, 0, 0],
  };
  const add = (name: keyof typeof tally, tp: number, fp: number, fn: number): void => {
    const t = tally[name];
    t[0] += tp;
    t[1] += fp;
    t[2] += fn;
  };
  let typeRight = 0;
  let missing = 0;
  const misses: ItemMisses[] = [];

  for (const item of gold) {
    const g = item.gold;
    const p = preds.get(item.id);
    if (p === undefined) missing++;
    const gq = g.quantities;
    const pq = p?.quantities ?? [];
    const mq = matchKeys(gq.map(quantityKey), pq.map(quantityKey));
    add('quantity', mq.tp, mq.fp, mq.fn);
    const mv = matchKeys(gq.map(valueKey), pq.map(valueKey));
    add('value', mv.tp, mv.fp, mv.fn);

    const gt = g.event_time ?? null;
    const pt = p?.event_time ?? null;
    const timeOk = timeMatches(gt, pt);
    if (gt && pt) {
      if (timeOk) add('time', 1, 0, 0);
      else add('time', 0, 1, 1);
    } else if (gt) add('time', 0, 0, 1);
    else if (pt) add('time', 0, 1, 0);

    const gl = g.locations;
    const pl = p?.locations ?? [];
    const ml = matchPlaces(gl, pl);
    add('location', ml.matchedGold.size, pl.length - ml.matchedPred.size, gl.length - ml.matchedGold.size);

    const typeOk = !!p && String(p.event_type) === String(g.event_type);
    if (typeOk) typeRight++;

    const itemMisses: ItemMisses = {
      id: item.id,
      ...(item.text !== undefined ? { text: item.text } : {}),
      missing_prediction: p === undefined,
      quantities: { missed: gq.filter((_, i) => !mq.matchedGold.has(i)), extra: pq.filter((_, j) => !mq.matchedPred.has(j)) },
      locations: { missed: gl.filter((_, i) => !ml.matchedGold.has(i)), extra: pl.filter((_, j) => !ml.matchedPred.has(j)) },
    };
    if (!timeOk && (gt || pt)) itemMisses.event_time = { gold: gt, predicted: pt };
    if (!typeOk) itemMisses.event_type = { gold: g.event_type, predicted: p?.event_type ?? null };
    const q = itemMisses.quantities;
    const l = itemMisses.locations;
    if (itemMisses.missing_prediction || q.missed.length || q.extra.length || l.missed.length || l.extra.length || itemMisses.event_time || itemMisses.event_type) {
      misses.push(itemMisses);
    }
  }

  const report: ScoreReport = {
    items: gold.length,
    missing_predictions: missing,
    quantity: prf(...tally.quantity),
    quantity_value_only: prf(...tally.value),
    event_time: prf(...tally.time),
    location: prf(...tally.location),
    event_type_accuracy: round4(typeRight / Math.max(1, gold.length)),
  };
  if (options.clusters) report.incident_pairs = scoreIncidentPairs(gold, options.clusters);
  return { report, misses };
}

/**
 * Pairwise clustering score over all pairs of gold items: a pair is a true positive when both items share
 * a gold incident and the same (non-null) predicted incident id; an item without an assignment is alone.
 */
export function scoreIncidentPairs(gold: readonly GoldItem[], clusters: readonly ClusterAssignment[]): Prf {
  const predInc = new Map<string | number, string | number | null>(clusters.map((r) => [r.id, r.incident_id]));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    for (let j = i + 1; j < gold.length; j++) {
      const sameGold = gold[i]!.incident === gold[j]!.incident;
      const a = predInc.get(gold[i]!.id);
      const b = predInc.get(gold[j]!.id);
      const samePred = a !== undefined && a !== null && a === b;
      if (sameGold && samePred) tp++;
      else if (samePred) fp++;
      else if (sameGold) fn++;
    }
  }
  return prf(tp, fp, fn);
}

/** The human-readable form of a report: one aligned row per field. */
export function formatReport(report: ScoreReport): string {
  const rows: Array<[string, Prf]> = [
    ['quantity', report.quantity],
    ['quantity_value_only', report.quantity_value_only],
    ['event_time', report.event_time],
    ['location', report.location],
  ];
  if (report.incident_pairs) rows.push(['incident_pairs', report.incident_pairs]);
  const w = Math.max(...rows.map(([k]) => k.length));
  const f = (x: number): string => x.toFixed(4).padStart(7);
  const n = (x: number): string => String(x).padStart(5);
  return [
    `items: ${report.items}   missing_predictions: ${report.missing_predictions}`,
    `${'field'.padEnd(w)}  ${'P'.padStart(7)}  ${'R'.padStart(7)}  ${'F1'.padStart(7)}  ${'tp'.padStart(5)}  ${'fp'.padStart(5)}  ${'fn'.padStart(5)}`,
    ...rows.map(([k, v]) => `${k.padEnd(w)}  ${f(v.precision)}  ${f(v.recall)}  ${f(v.f1)}  ${n(v.tp)}  ${n(v.fp)}  ${n(v.fn)}`),
    `event_type_accuracy: ${report.event_type_accuracy.toFixed(4)}`,
  ].join('\n');
}

const qText = (q: ScoredQuantity): string => `${quantityKey(q)}${q.group ? ` [${q.group}]` : ''}${q.mention ? ` "${q.mention}"` : ''}`;
const tText = (t: ScoredTime | null): string =>
  t ? `${t.local ?? '-'} ${t.tz ?? '-'} utc=${t.utc ?? '-'} ${t.precision ?? '-'}${t.mention ? ` "${t.mention}"` : ''}` : 'none';
const lText = (l: ScoredPlace): string =>
  `${l.name ?? '-'} (${l.country ?? '-'}, ${l.kind ?? '-'}${coordsText(l)})${l.mention ? ` "${l.mention}"` : ''}`;
const coordsText = (l: ScoredPlace): string => {
  const c = coords(l);
  return c ? ` ${c.lat},${c.lon}` : '';
};

/** The human-readable list of misses of one item: what gold has that the prediction lacks (-) and extras (+). */
export function formatMisses(m: ItemMisses): string {
  const lines = [`## ${m.id}${m.missing_prediction ? '  (no prediction)' : ''}`];
  if (m.text !== undefined) lines.push(`   text: ${m.text.length > 300 ? m.text.slice(0, 300) + '…' : m.text}`);
  if (m.event_type) lines.push(`   event_type: gold ${m.event_type.gold}, predicted ${m.event_type.predicted ?? 'none'}`);
  for (const q of m.quantities.missed) lines.push(`   - quantity ${qText(q)}`);
  for (const q of m.quantities.extra) lines.push(`   + quantity ${qText(q)}`);
  if (m.event_time) {
    lines.push(`   - event_time ${tText(m.event_time.gold)}`);
    lines.push(`   + event_time ${tText(m.event_time.predicted)}`);
  }
  for (const l of m.locations.missed) lines.push(`   - location ${lText(l)}`);
  for (const l of m.locations.extra) lines.push(`   + location ${lText(l)}`);
  return lines.join('\n');
}
