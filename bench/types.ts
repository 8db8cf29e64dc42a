/**
 * The contract between `npm run bench` (bench/index.ts) and each bench module: a file `bench/<name>.bench.ts`
 * exports `run(ctx)` and returns the figures it measured; the runner prints them as a table (and JSON).
 */

/** One measured figure, e.g. { name: 'extractClaim', value: 812.4, unit: 'posts/s' }. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** Short context shown next to the figure (spread, sample size, ...). */
  note?: string;
}

export interface BenchResult {
  figures: BenchFigure[];
  /** What the bench measured and how, printed under its table (baseline, corpus, rounds). */
  notes?: string[];
}

export interface BenchContext {
  /** Progress for long runs; goes to stderr so `--json` output stays clean. */
  progress(message: string): void;
  /** Fewer rounds and shorter runs (smoke tests, CI). */
  quick: boolean;
  /** Repository root, for benches that read bundled data. */
  root: string;
}

export type BenchRun = (ctx: BenchContext) => Promise<BenchResult> | BenchResult;

/** What a `*.bench.ts` module must export. */
export interface BenchModule {
  run: BenchRun;
  /** One line saying what the bench measures. */
  description?: string;
}
