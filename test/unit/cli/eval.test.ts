import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/eval.ts';
import { CliError } from '../../../src/cli/jsonl.ts';

const fixtures = resolve(import.meta.dirname, '../../fixtures/eval');
const gold = join(fixtures, 'gold.jsonl');
const pred = join(fixtures, 'pred.jsonl');
const clusters = join(fixtures, 'clusters.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'cw-eval-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

const emptyGold = { event_type: 'other', quantities: [], event_time: null, locations: [] };
let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function failure(args: string[]): Promise<string> {
  const e = await run(args).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(CliError);
  return (e as CliError).message;
}

describe('claimwatch eval', () => {
  it('prints help', async () => {
    await run(['--help']);
    expect(out.join('\n')).toMatch(/^claimwatch eval GOLD\.jsonl/);
  });

  it('scores a predictions file as a table', async () => {
    await run([gold, '--predictions', pred, '--clusters', clusters]);
    const text = out.join('\n');
    expect(text).toMatch(/^quantity\s+0\.6429\s+0\.5625\s+0\.6000\s+9\s+5\s+7$/m);
    expect(text).toMatch(/^incident_pairs\s+0\.5000\s+0\.6667\s+0\.5714\s+2\s+2\s+1$/m);
    expect(text).toMatch(/^event_type_accuracy: 0\.6250$/m);
  });

  it('prints JSON, with misses when verbose', async () => {
    await run([gold, '--predictions', pred, '--json', '--verbose']);
    const result = JSON.parse(out.join('\n')) as { quantity: { f1: number }; misses: Array<{ id: string }> };
    expect(result.quantity.f1).toBe(0.6);
    expect(result.misses.map((m) => m.id)).toContain('fx-redsea-statement');
  });

  it('lists misses per item in verbose text mode', async () => {
    await run([gold, '--predictions', pred, '--verbose']);
    const text = out.join('\n');
    expect(text).toContain('## fx-redsea-statement  (no prediction)');
    expect(text).toContain('+ event_time 2024-05-18T09:00 Europe/Kyiv utc=2024-05-18T06:00Z minute "As of 09:00"');
  });

  it('runs the extractor when no predictions are given', async () => {
    await run([gold, '--json']);
    const result = JSON.parse(out.join('\n')) as { items: number; missing_predictions: number };
    expect(result).toMatchObject({ items: 8, missing_predictions: 0 });
    expect(err.join('\n')).toMatch(/extracted 8 items/);
  });

  it('explains a missing file', async () => {
    expect(await failure([join(dir, 'nope.jsonl')])).toMatch(/cannot read gold file .*nope\.jsonl: no such file/);
    expect(await failure([gold, '--predictions', join(dir, 'nope.jsonl')])).toMatch(/cannot read predictions file/);
  });

  it('names bad JSON lines and missing fields with line numbers', async () => {
    const bad = file('bad.jsonl', [{ id: 'a', gold: emptyGold }, '', '{"id": "b",', { id: 'c', gold: { ...emptyGold, locations: undefined } }]);
    const msg = await failure([bad, '--predictions', pred]);
    expect(msg).toContain('2 bad line(s) in gold file');
    expect(msg).toContain(`${bad}:3: not JSON`);
    expect(msg).toContain(`${bad}:4: gold.locations: missing`);
  });

  it('needs text and posted_at to run the extractor, incident for --clusters', async () => {
    const noText = file('notext.jsonl', [{ id: 'a', posted_at: '2024-01-01', gold: emptyGold }]);
    expect(await failure([noText])).toContain(`${noText}:1: text: missing`);
    expect(await failure([noText, '--predictions', pred, '--clusters', clusters])).toContain(`${noText}:1: incident: missing`);
    const badPred = file('badpred.jsonl', [{ id: 'a', extracted: { quantities: [{ what: 'rocket', value: 'ten' }] } }]);
    expect(await failure([noText, '--predictions', badPred])).toMatch(/badpred\.jsonl:1: extracted\.quantities\.0\.value: .*\(got string\)/);
  });

  it('rejects a missing gold argument and unknown options', async () => {
    expect(await failure([])).toMatch(/missing GOLD\.jsonl/);
    expect(await failure([gold, '--bogus'])).toMatch(/unknown option --bogus/);
    expect(await failure([gold, pred])).toMatch(/expected one gold file/);
  });
});
