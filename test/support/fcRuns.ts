/** fast-check run count: FC_RUNS from the environment (the nightly profile sets 100000), else the CI default. */
export function fcRuns(ciDefault: number): number {
  const n = Number(process.env.FC_RUNS);
  return Number.isInteger(n) && n > 0 ? n : ciDefault;
}
