import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedEvalFile } from '../../support/sharedEval.ts';
import { clusterSchema, goldItemSchema, predictionSchema, validateRows, type GoldItem, type JsonlRow } from '../../../src/eval/records.ts';
import {
  matchPlaces,
  normName,
  prf,
  quantityKey,
  samePlace,
  scoreIncidentPairs,
  scoreItems,
  singular,
  timeMatches,
  valueKey,
  type ScoreReport,
} from '../../../src/eval/score.ts';

const root = resolve(import.meta.dirname, '../../..');
const fixture = (name: string): string => join(root, 'test/fixtures/eval', name);
const sharedScorer = sharedEvalFile('score.mjs');
const sharedDev = sharedEvalFile('dev.jsonl');

function parseLines(text: string): JsonlRow[] {
  return text.split('\n').flatMap((l, i): JsonlRow[] => {
    if (!l.trim()) return [];
    try {
      return [{ line: i + 1, value: JSON.parse(l) as unknown }];
    } catch {
      return [{ line: i + 1, error: 'not JSON' }];
    }
  });
}

function load<T>(path: string, schema: Parameters<typeof validateRows<T>>[1]): T[] {
  const { values, problems } = validateRows(parseLines(readFileSync(path, 'utf8')), schema);
  expect(problems).toEqual([]);
  return values;
}

function runShared(gold: string, pred: string, clusters?: string): ScoreReport {
  const args = [sharedScorer, gold, pred, ...(clusters ? ['--clusters', clusters] : []), '--json'];
  const out = spawnSync(process.execPath, args, { encoding: 'utf8' });
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as ScoreReport;
}

describe('scoreItems on the hand-built fixture', () => {
  const gold = load(fixture('gold.jsonl'), goldItemSchema);
  const preds = load(fixture('pred.jsonl'), predictionSchema);
  const clusters = load(fixture('clusters.jsonl'), clusterSchema);

  it('gives the figures worked out by hand', () => {
    const { report } = scoreItems(gold, preds, { clusters });
    // Per item (tp/fp/fn), see test/fixtures/eval/README.md:
    // quantity: erbil-ct 2/1/1, erbil-news 1/1/1, redsea-navy 2/1/0, redsea-statement 0/0/2 (no prediction),
    //   kharkiv 1/1/1, asad 2/1/0, ukraine 0/0/2 (extracted null), galilee 1/0/0 -> 9/5/7
    expect(report.quantity).toEqual({ precision: 0.6429, recall: 0.5625, f1: 0.6, tp: 9, fp: 5, fn: 7 }); // 9/14, 9/16, 18/30
    // value only: 3/0/0, 1/1/1, 2/1/0, 0/0/2, 2/0/0, 2/1/0, 0/0/2, 1/0/0 -> 11/3/5
    expect(report.quantity_value_only).toEqual({ precision: 0.7857, recall: 0.6875, f1: 0.7333, tp: 11, fp: 3, fn: 5 });
    // time: ok, wrong precision, ok by utc, both null, as-of trap, ok at hour, missing, spurious -> 3/3/3
    expect(report.event_time).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, tp: 3, fp: 3, fn: 3 });
    // places: 1/1/0, 1/1/1, 1/0/0, 0/0/1, 1/0/0, 1/2/1, 0/0/1, 2/1/0 -> 7/5/4
    expect(report.location).toEqual({ precision: 0.5833, recall: 0.6364, f1: 0.6087, tp: 7, fp: 5, fn: 4 }); // 7/12, 7/11, 14/23
    expect(report.event_type_accuracy).toBe(0.625); // 5 of 8
    expect(report.items).toBe(8);
    expect(report.missing_predictions).toBe(1); // "extracted": null is a prediction, an absent id is not
    // gold pairs: erbil (1,2), redsea (3,4), kharkiv (5,7). Predicted A={1,2}, C={5,6,7}, 3 and 4 null, 8 absent:
    // tp (1,2) (5,7); fp (5,6) (6,7); fn (3,4) because null never clusters.
    expect(report.incident_pairs).toEqual({ precision: 0.5, recall: 0.6667, f1: 0.5714, tp: 2, fp: 2, fn: 1 });
  });

  it('lists misses per item, gold vs predicted', () => {
    const { misses } = scoreItems(gold, preds);
    const byId = new Map(misses.map((m) => [m.id, m]));
    expect(byId.has('fx-redsea-navy')).toBe(true); // the extra "missile"
    const erbil = byId.get('fx-erbil-krd-ct')!;
    expect(erbil.quantities.missed.map(quantityKey)).toEqual(['intercepted|exact|3||']);
    expect(erbil.quantities.extra.map(quantityKey)).toEqual(['intercepted|at_least||3|']);
    expect(erbil.locations.extra.map((l) => l.name)).toEqual(['Kurdistan Region']);
    expect(erbil.event_time).toBeUndefined();
    expect(erbil.event_type).toBeUndefined();
    const statement = byId.get('fx-redsea-statement')!;
    expect(statement.missing_prediction).toBe(true);
    expect(statement.event_type).toEqual({ gold: 'interception_report', predicted: null });
    const kharkiv = byId.get('fx-kharkiv-governor')!;
    expect(kharkiv.event_time?.predicted?.mention).toBe('As of 09:00');
  });

  it.runIf(existsSync(sharedScorer))('agrees with ../shared/eval/score.mjs on the fixture', () => {
    const shared = runShared(fixture('gold.jsonl'), fixture('pred.jsonl'), fixture('clusters.jsonl'));
    expect(scoreItems(gold, preds, { clusters }).report).toEqual(shared);
  });
});

describe.runIf(existsSync(sharedScorer) && existsSync(sharedDev))('agreement with score.mjs on perturbed dev gold', () => {
  // The dev file is read at run time (never copied); its gold is turned into predictions with deterministic
  // damage of every kind the scorer distinguishes, so both scorers see many real-world shapes.
  it('gives identical figures', () => {
    const gold = load(sharedDev, goldItemSchema);
    const lines: string[] = [];
    const clusterLines: string[] = [];
    gold.forEach((item, i) => {
      const g = structuredClone(item.gold) as Record<string, unknown> & GoldItem['gold'];
      clusterLines.push(JSON.stringify({ id: item.id, incident_id: i % 3 === 0 ? item.incident : i % 3 === 1 ? 'one' : null }));
      switch (i % 6) {
        case 0:
          return; // no prediction
        case 1:
          lines.push(JSON.stringify({ id: item.id, extracted: null }));
          return;
        case 2:
          g.quantities = g.quantities.slice(1).map((q, k) => (k % 2 ? { ...q, qualifier: 'approximately' } : q));
          // 0.24 deg ~ 26.7 km (just outside a city's 25 km), 0.2 deg ~ 22 km (inside): both sides of the radius.
          g.locations = g.locations.map((l, k) => ({ ...l, name: 'Somewhere', mention: 'else', lat: l.lat == null ? null : l.lat + (k % 2 ? 0.2 : 0.24) }));
          break;
        case 3:
          if (g.event_time) g.event_time = { ...g.event_time, precision: g.event_time.precision === 'day' ? 'part_of_day' : 'day' };
          g.event_type = 'other';
          g.quantities = [...g.quantities, { what: 'Rockets', value: 107, min: null, max: null, qualifier: null }];
          break;
        case 4:
          if (g.event_time?.utc) g.event_time = { ...g.event_time, utc: g.event_time.utc.replace(/T(\d\d)/, (_, h: string) => `T${String((+h + 1) % 24).padStart(2, '0')}`) };
          g.locations = g.locations.map((l) => ({ ...l, country: 'ZZ' }));
          break;
        default:
          break; // exact copy
      }
      lines.push(JSON.stringify({ id: item.id, extracted: g }));
    });
    const dir = mkdtempSync(join(tmpdir(), 'cw-eval-'));
    try {
      writeFileSync(join(dir, 'pred.jsonl'), lines.join('\n') + '\n');
      writeFileSync(join(dir, 'clusters.jsonl'), clusterLines.join('\n') + '\n');
      const preds = load(join(dir, 'pred.jsonl'), predictionSchema);
      const clusters = load(join(dir, 'clusters.jsonl'), clusterSchema);
      const ours = scoreItems(gold, preds, { clusters }).report;
      expect(ours).toEqual(runShared(sharedDev, join(dir, 'pred.jsonl'), join(dir, 'clusters.jsonl')));
      // The damage must show, or the comparison proves little.
      expect(ours.quantity.fp).toBeGreaterThan(0);
      expect(ours.location.fn).toBeGreaterThan(0);
      expect(ours.event_time.fp).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scoring rules', () => {
  it('prf: empty sides count as perfect; no hits give F1 0', () => {
    expect(prf(0, 0, 0)).toEqual({ precision: 1, recall: 1, f1: 1, tp: 0, fp: 0, fn: 0 });
    expect(prf(0, 2, 0)).toMatchObject({ precision: 0, recall: 1, f1: 0 });
    expect(prf(0, 2, 3)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(prf(1, 2, 0)).toMatchObject({ precision: 0.3333, recall: 1, f1: 0.5 });
  });

  it('singular normalises case, spaces, hyphens and plurals but keeps casualties/troops', () => {
    expect(singular('Ballistic Missiles')).toBe('ballistic_missile');
    expect(singular('cruise-missile')).toBe('cruise_missile');
    expect(singular('casualties')).toBe('casualties');
    expect(singular('Troops')).toBe('troops');
    expect(singular('debris_sites')).toBe('debris_site');
    expect(singular('facilities_destroyed')).toBe('facilities_destroyed');
    expect(singular('intercepted_pct')).toBe('intercepted_pct');
    expect(singular('Countries')).toBe('country');
    expect(singular('mass')).toBe('mass');
  });

  it('quantity keys: exact by default, qualifier ignored by the value key', () => {
    const q = { what: 'rockets', value: 10, min: null, max: null };
    expect(quantityKey(q)).toBe('rocket|exact|10||');
    expect(quantityKey({ what: 'rocket', value: null, min: 3, max: 5, qualifier: 'range' })).toBe('rocket|range||3|5');
    expect(valueKey({ what: 'rocket', value: null, min: null, max: 8, qualifier: 'at_most' })).toBe('rocket|8');
    expect(valueKey({ what: 'drone', value: null, min: null, max: null, qualifier: 'vague' })).toBe('drone|');
  });

  it('normName drops articles, generic place words, accents and punctuation', () => {
    expect(normName('Ain al-Asad Air Base')).toBe('ain asad');
    expect(normName('Al Asad Airbase')).toBe('asad');
    expect(normName('Nineveh Governorate')).toBe('nineveh');
    expect(normName('Dnipropetrovsk Oblast')).toBe('dnipropetrovsk');
    expect(normName('Ṣanʿāʾ')).toBe('sana');
    expect(normName(null)).toBe('');
  });

  it('samePlace: names, then distance by gold kind, never across countries', () => {
    const city = { name: 'Erbil', mention: 'Erbil', country: 'IQ', lat: 36.19, lon: 44.01, kind: 'city' };
    expect(samePlace(city, { name: 'Erbil Governorate', country: 'IQ', lat: null, lon: null })).toBe(true);
    expect(samePlace(city, { name: 'Erbil', country: 'SY' })).toBe(false);
    expect(samePlace(city, { name: 'x', country: 'IQ', lat: 36.3, lon: 44.1 })).toBe(true); // ~14 km
    expect(samePlace(city, { name: 'x', country: 'IQ', lat: 36.5, lon: 44.01 })).toBe(false); // ~34 km
    expect(samePlace(city, { name: 'x', country: 'IQ', lat: 36.43, lon: 44.01 })).toBe(false); // ~26.7 km
    expect(samePlace({ ...city, kind: 'province' }, { name: 'x', lat: 36.9, lon: 44.01 })).toBe(true); // ~79 km
    expect(samePlace({ ...city, kind: 'country' }, { name: 'x', lat: 40, lon: 44.01 })).toBe(true); // ~424 km
    expect(samePlace({ name: 'Red Sea', kind: 'region', lat: null, lon: null }, { name: 'Gulf of Aden', lat: 12, lon: 47 })).toBe(false);
    expect(samePlace({ name: 'Al Asad Airbase', aliases: ['Ayn al Asad'] }, { name: 'Ayn al-Asad' })).toBe(true);
  });

  it('matchPlaces is greedy in gold order and uses each prediction once', () => {
    const gold = [
      { name: 'Erbil', country: 'IQ', lat: 36.19, lon: 44.01, kind: 'city' },
      { name: 'Erbil Governorate', country: 'IQ', lat: 36.2, lon: 44.0, kind: 'province' },
    ];
    const m = matchPlaces(gold, [{ name: 'Erbil' }]);
    expect([...m.matchedGold]).toEqual([0]);
    expect([...m.matchedPred]).toEqual([0]);
  });

  it('timeMatches: precision must agree; minute/hour compare UTC, else local prefixes', () => {
    const g = { local: '2024-01-21T15:00', utc: '2024-01-21T12:00Z', precision: 'hour' };
    expect(timeMatches(g, { local: 'garbage', utc: '2024-01-21T12:59Z', precision: 'hour' })).toBe(true);
    expect(timeMatches(g, { local: '2024-01-21T15:00', utc: '2024-01-21T13:00Z', precision: 'hour' })).toBe(false);
    expect(timeMatches(g, { local: '2024-01-21T15:00', utc: null, precision: 'hour' })).toBe(true);
    expect(timeMatches(g, { local: '2024-01-21T15:00', utc: '2024-01-21T12:00Z', precision: 'minute' })).toBe(false);
    expect(timeMatches({ local: '2024-03', precision: 'month' }, { local: '2024-03-02', precision: 'month' })).toBe(true);
    expect(timeMatches({ local: '2024-03-02', precision: null }, { local: '2024-03-02T10:00', precision: null })).toBe(true);
    expect(timeMatches(g, null)).toBe(false);
    // score.mjs would throw on an unparsable utc; here it is simply not a match.
    expect(timeMatches(g, { utc: 'not a time', precision: 'hour' })).toBe(false);
  });

  it('incident pairs: items without a predicted incident are never paired', () => {
    const gold = ['a', 'a', 'b'].map((incident, i) => ({
      id: i,
      incident,
      gold: { event_type: 'other', quantities: [], event_time: null, locations: [] },
    }));
    expect(scoreIncidentPairs(gold, [])).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(scoreIncidentPairs(gold, [0, 1, 2].map((id) => ({ id, incident_id: 'x' })))).toMatchObject({ tp: 1, fp: 2, fn: 0 });
  });
});

describe('validateRows', () => {
  it('reports bad JSON and missing fields with line numbers and keeps good rows', () => {
    const text = [
      JSON.stringify({ id: 'a', gold: { event_type: 'other', quantities: [], event_time: null, locations: [] } }),
      '',
      '{"id": "b", "gold": ',
      JSON.stringify({ id: 'c', gold: { event_type: 'other', quantities: [], locations: [] } }),
      JSON.stringify({ gold: { event_type: 'other', quantities: [], event_time: null, locations: [] } }),
      JSON.stringify({ id: 'e', gold: { event_type: 'other', quantities: [{ value: 3 }], event_time: null, locations: [] } }),
      JSON.stringify({ id: 'f', gold: { event_type: 'other', quantities: [], event_time: null, locations: [{ lat: 'north' }] } }),
    ].join('\n');
    const { values, lines, problems } = validateRows(parseLines(text), goldItemSchema);
    expect(values.map((v) => v.id)).toEqual(['a']);
    expect(lines).toEqual([1]);
    expect(problems).toEqual([
      { line: 3, message: 'not JSON' },
      { line: 4, message: 'gold.event_time: missing' },
      { line: 5, message: 'id: missing' },
      { line: 6, message: 'gold.quantities.0.what: missing' },
      { line: 7, message: expect.stringMatching(/^gold\.locations\.0\.lat: .*number/) },
    ]);
  });

  it('accepts predictions whose claim omits fields (absent = empty)', () => {
    const { values, problems } = validateRows(parseLines('{"id": 1, "extracted": {"event_type": "other"}}\n{"id": 2}'), predictionSchema);
    expect(problems).toEqual([]);
    const gold = [1, 2].map((id) => ({ id, gold: { event_type: 'other', quantities: [], event_time: null, locations: [] } }));
    expect(scoreItems(gold, values).report).toMatchObject({ missing_predictions: 0, event_type_accuracy: 0.5 });
  });
});
