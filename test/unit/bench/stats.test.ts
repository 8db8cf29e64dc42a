import { describe, expect, it } from 'vitest';
import { formatNumber, formatTable, median, selectBenches, spread } from '../../../bench/stats.ts';

describe('bench helpers', () => {
  it('median of odd and even samples, NaN when empty', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('spread and number formatting', () => {
    expect(spread([3.2, 9.7, 5])).toBe('3..10');
    expect(spread([0.25, 0.5], 2)).toBe('0.25..0.50');
    expect(formatNumber(98)).toBe('98');
    expect(formatNumber(83325.4)).toBe('83,325');
    expect(formatNumber(13.26)).toBe('13.3');
    expect(formatNumber(1.416)).toBe('1.42');
    expect(formatNumber(0.0123)).toBe('0.012');
  });

  it('formats figures as an aligned table', () => {
    const t = formatTable('extract', [
      { name: 'extractClaim', value: 812.4, unit: 'posts/s', note: 'median' },
      { name: 'ratio', value: 0.5, unit: 'x' },
    ]);
    expect(t.split('\n')).toEqual([
      '== extract',
      'figure        value  unit     note',
      'extractClaim    812  posts/s  median',
      'ratio         0.500  x',
    ]);
  });

  it('selects bench files by filter words', () => {
    const files = ['types.ts', 'queue.bench.ts', 'extract.bench.ts', 'index.ts', 'poll.bench.ts'];
    expect(selectBenches(files, [])).toEqual(['extract.bench.ts', 'poll.bench.ts', 'queue.bench.ts']);
    expect(selectBenches(files, ['extract'])).toEqual(['extract.bench.ts']);
    expect(selectBenches(files, ['ext', 'queue'])).toEqual(['extract.bench.ts', 'queue.bench.ts']);
    expect(selectBenches(files, ['bench'])).toEqual([]);
  });
});
