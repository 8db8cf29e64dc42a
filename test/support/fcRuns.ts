/**
 * How many runs a fast-check property makes: FC_RUNS when set (the nightly profile sets 100000, see
 * `npm run test:nightly`), else the test's own CI default, small enough for every push.
 */
export function fcRuns(ciDefault: number): number {
  const raw = process.env.FC_RUNS;
  if (raw === undefined || raw === '') return ciDefault;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FC_RUNS must be a positive whole number, not "${raw}"`);
  return n;
}

/** A test timeout for `runs` runs of about `msPerRun` each, plus a fixed allowance for setup. */
export function fcTimeout(runs: number, msPerRun: number, baseMs = 60_000): number {
  return baseMs + runs * msPerRun;
}
