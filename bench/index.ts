/**
 * `npm run bench [-- [--json] [--quick] [filter ...]]`: runs every bench/*.bench.ts (or those whose name
 * contains a filter word) one after the other in this process and prints each one's figures as a table;
 * `--json` prints one JSON object for all of them instead (progress stays on stderr).
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable, selectBenches } from './stats.ts';
import type { BenchModule, BenchResult } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const usage = `usage: npm run bench -- [--json] [--quick] [filter ...]

Runs bench/<name>.bench.ts modules whose name contains a filter word (all when none).
  --json   one JSON object {bench: {figures, notes}} on stdout; tables and progress go to stderr
  --quick  fewer rounds (smoke test)`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--json' && a !== '--quick');
  if (unknown.length) {
    console.error(`unknown option ${unknown.join(' ')}\n\n${usage}`);
    return 2;
  }
  const json = argv.includes('--json');
  const quick = argv.includes('--quick');
  const filters = argv.filter((a) => !a.startsWith('-'));
  const files = selectBenches(readdirSync(here), filters);
  if (!files.length) {
    console.error(`no bench matches ${filters.join(' ')} (have: ${selectBenches(readdirSync(here), []).join(', ')})`);
    return 2;
  }
  const print = json ? (s: string) => console.error(s) : (s: string) => console.log(s);
  const results: Record<string, BenchResult & { error?: string }> = {};
  let failed = 0;
  for (const file of files) {
    const name = file.replace(/\.bench\.ts$/, '');
    const started = performance.now();
    const progress = (m: string): void => console.error(`[${name}] ${m}`);
    try {
      const mod = (await import(pathToFileURL(join(here, file)).href)) as Partial<BenchModule>;
      if (typeof mod.run !== 'function') throw new Error(`${file} does not export a run function`);
      progress(`start${mod.description ? `: ${mod.description}` : ''}`);
      const result = await mod.run({ progress, quick, root: resolve(here, '..') });
      results[name] = result;
      print(formatTable(`${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`, result.figures));
      for (const n of result.notes ?? []) print(`   ${n}`);
      print('');
    } catch (e) {
      failed++;
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
      results[name] = { figures: [], error: message };
      console.error(`[${name}] failed: ${message}`);
    }
  }
  if (json) console.log(JSON.stringify(results, null, 2));
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
