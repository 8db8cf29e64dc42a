/**
 * Extraction throughput against the tagging it builds on. Both sides run over the same texts in the same
 * process, interleaved round by round, after a warm-up; the figure is the median of the rounds.
 *
 * Baseline: `nlp(text)` alone. compromise tokenizes and runs its full tagger in the constructor, which is
 * the work every rule shares through `PreparedText.doc`; `.json()` is left out because it only serializes
 * an already-tagged document and no rule needs it. The ratio extract/tagging says how much the rules,
 * text preparation and gazetteer cost on top of tagging (1.0 = free, 0.5 = twice the time of tagging).
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import nlp from 'compromise';
import { extractClaim, type ExtractInput } from '../src/extract/index.ts';
import { median, spread } from './stats.ts';
import type { BenchContext, BenchFigure, BenchResult } from './types.ts';

export const description = 'extractClaim posts/s vs bare compromise tagging nlp(text), same texts; heap and RSS';

interface Corpus {
  inputs: ExtractInput[];
  demo: number;
  dev: number;
}

function readInputs(path: string): ExtractInput[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = JSON.parse(l) as { text?: unknown; posted_at?: unknown; source?: ExtractInput['source'] };
      return { text: String(r.text ?? ''), postedAt: String(r.posted_at ?? ''), source: r.source };
    });
}

/** Bundled sample posts, plus the shared dev texts when they are present (read here, never copied). */
function loadCorpus(root: string): Corpus {
  const demo = readInputs(resolve(root, 'config/demo/posts.jsonl'));
  const devPath = resolve(root, '../shared/eval/dev.jsonl');
  const dev = existsSync(devPath) ? readInputs(devPath) : [];
  return { inputs: [...demo, ...dev], demo: demo.length, dev: dev.length };
}

/** A handle on V8's collector without needing `node --expose-gc` in the npm script. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return () => {
    gc?.();
    gc?.();
  };
}

// Results are folded into this so the work cannot be optimised away.
let sink = 0;

const extractPass = (inputs: readonly ExtractInput[]): void => {
  for (const input of inputs) sink += extractClaim(input).quantities.length;
};
const tagPass = (inputs: readonly ExtractInput[]): void => {
  for (const input of inputs) sink += nlp(input.text).length;
};

/** Seconds for `passes` passes over the inputs. */
function time(pass: (inputs: readonly ExtractInput[]) => void, inputs: readonly ExtractInput[], passes: number): number {
  const t0 = performance.now();
  for (let i = 0; i < passes; i++) pass(inputs);
  return (performance.now() - t0) / 1000;
}

const MB = 1024 * 1024;

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const corpus = loadCorpus(ctx.root);
  const { inputs } = corpus;
  const chars = inputs.reduce((n, i) => n + i.text.length, 0);
  const rounds = ctx.quick ? 3 : 9;
  const targetSeconds = ctx.quick ? 0.1 : 0.5;
  ctx.progress(`${inputs.length} texts (${corpus.demo} demo, ${corpus.dev} dev), ${chars} chars; warming up`);

  const warmups = ctx.quick ? 2 : 5;
  let extractOnce = 0;
  let tagOnce = 0;
  for (let i = 0; i < warmups; i++) {
    extractOnce = time(extractPass, inputs, 1);
    tagOnce = time(tagPass, inputs, 1);
  }
  // Enough passes per round that each side runs about targetSeconds, so timer noise is small.
  const extractPasses = Math.max(1, Math.ceil(targetSeconds / Math.max(extractOnce, 1e-6)));
  const tagPasses = Math.max(1, Math.ceil(targetSeconds / Math.max(tagOnce, 1e-6)));
  ctx.progress(`passes per round: extract ${extractPasses}, tagging ${tagPasses}; ${rounds} rounds`);

  const extractRate: number[] = [];
  const tagRate: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which side goes first so drift (heat, GC debt) does not favour one.
    const sides: Array<() => void> = [
      () => void extractRate.push((inputs.length * extractPasses) / time(extractPass, inputs, extractPasses)),
      () => void tagRate.push((inputs.length * tagPasses) / time(tagPass, inputs, tagPasses)),
    ];
    if (r % 2) sides.reverse();
    for (const side of sides) side();
    ctx.progress(`round ${r + 1}/${rounds}: extract ${extractRate.at(-1)!.toFixed(0)} posts/s, tagging ${tagRate.at(-1)!.toFixed(0)} posts/s`);
  }

  const gc = collector();
  gc();
  const base = process.memoryUsage();
  const claims = inputs.map((i) => extractClaim(i));
  const afterExtract = process.memoryUsage();
  gc();
  const retained = process.memoryUsage().heapUsed - base.heapUsed;
  sink += claims.length;
  gc();
  const beforeTag = process.memoryUsage();
  const docs = inputs.map((i) => nlp(i.text));
  const afterTag = process.memoryUsage();
  sink += docs.length;
  const rssNow = process.memoryUsage().rss;
  const maxRss = process.resourceUsage().maxRSS * 1024;

  const ex = median(extractRate);
  const tg = median(tagRate);
  const figures: BenchFigure[] = [
    { name: 'texts', value: inputs.length, unit: 'posts', note: `${corpus.demo} demo + ${corpus.dev} dev, ${Math.round(chars / inputs.length)} chars avg` },
    { name: 'extractClaim', value: ex, unit: 'posts/s', note: `median of ${rounds} rounds, range ${spread(extractRate)}` },
    { name: 'nlp(text) tagging', value: tg, unit: 'posts/s', note: `median of ${rounds} rounds, range ${spread(tagRate)}` },
    { name: 'ratio extract/tagging', value: ex / tg, unit: 'x', note: '<1: extraction slower than bare tagging' },
    { name: 'extractClaim per post', value: 1000 / ex, unit: 'ms' },
    { name: 'tagging per post', value: 1000 / tg, unit: 'ms' },
    { name: 'heap delta, 1 extract pass', value: (afterExtract.heapUsed - base.heapUsed) / MB, unit: 'MB', note: 'claims kept, garbage not collected' },
    { name: 'heap retained by claims', value: retained / 1024 / inputs.length, unit: 'KB/post', note: 'after GC, claims kept' },
    { name: 'heap delta, 1 tagging pass', value: (afterTag.heapUsed - beforeTag.heapUsed) / MB, unit: 'MB', note: 'documents kept' },
    { name: 'RSS', value: rssNow / MB, unit: 'MB', note: 'at the end' },
    { name: 'max RSS', value: maxRss / MB, unit: 'MB', note: 'whole process so far' },
  ];
  return {
    figures,
    notes: [
      'baseline: nlp(text) (compromise tokenize + tag, no .json()), on the raw texts; extractClaim includes text preparation and all rules.',
      `${warmups} warm-up passes per side; interleaved rounds of ~${targetSeconds}s per side. checksum ${sink % 997}`,
    ],
  };
}
