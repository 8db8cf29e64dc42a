/** Small pure helpers shared by benches and the runner. */
import type { BenchFigure } from './types.ts';

export function median(xs: readonly number[]): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Spread of a sample as min..max, for a figure's note. */
export function spread(xs: readonly number[], digits = 0): string {
  if (!xs.length) return '';
  return `${Math.min(...xs).toFixed(digits)}..${Math.max(...xs).toFixed(digits)}`;
}

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Figures as an aligned text table: name, value (right-aligned), unit, note. */
export function formatTable(title: string, figures: readonly BenchFigure[]): string {
  const rows = figures.map((f) => [f.name, formatNumber(f.value), f.unit, f.note ?? '']);
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['figure', 'value', 'unit'][i]!.length));
  const line = (r: string[]): string => `${r[0]!.padEnd(w[0]!)}  ${r[1]!.padStart(w[1]!)}  ${r[2]!.padEnd(w[2]!)}  ${r[3]}`.trimEnd();
  return [`== ${title}`, line(['figure', 'value', 'unit', 'note']), ...rows.map(line)].join('\n');
}

/** Bench files selected by the filter words: all when none, else those whose name contains any word. */
export function selectBenches(files: readonly string[], filters: readonly string[]): string[] {
  const benches = files.filter((f) => f.endsWith('.bench.ts')).sort();
  if (!filters.length) return benches;
  return benches.filter((f) => filters.some((w) => f.replace(/\.bench\.ts$/, '').includes(w)));
}
