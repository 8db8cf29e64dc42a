/**
 * Requests per poll cycle for 500 watched X accounts, timeline mode vs search mode, counted by the local
 * X API v2 server (test/support/x-api-server.ts) that the real twitter-api-v2 client talks to.
 *
 * Runs under the bench runner (`npm run bench -- ingest`, exporting run()) or alone:
 * `npx tsx bench/ingest.bench.ts [--quick] [--json]`.
 */
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { xSourceSchema } from '../src/config/sources.ts';
import type { FetchContext, SourceAdapter } from '../src/sources/types.ts';
import { XApi } from '../src/sources/x/api.ts';
import { packFromQueries } from '../src/sources/x/query.ts';
import { searchSuffix, XSearchSource } from '../src/sources/x/search.ts';
import { XTimelineSource } from '../src/sources/x/timeline.ts';
import { TEST_BEARER, XApiServer, type Endpoint } from '../test/support/x-api-server.ts';

/** Structurally the runner's BenchContext / BenchResult (bench/types.ts on main). */
interface Ctx {
  progress(message: string): void;
  quick: boolean;
  root?: string;
}
interface Figure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export const description = 'X requests per poll cycle for 500 watched accounts: timeline mode vs batched search mode';

/** Deterministic handles of realistic lengths (4-15 characters, as X allows). */
function handles(n: number): string[] {
  let seed = 42;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from({ length: n }, (_, i) => {
    const tag = `_${i.toString(36)}`;
    const len = 4 + Math.floor(rand() * 12) - tag.length;
    let s = '';
    for (let k = 0; k < Math.max(1, len); k++) s += letters[Math.floor(rand() * letters.length)];
    return (s + tag).slice(0, 15);
  });
}

async function cycle(adapter: SourceAdapter, cursor: unknown, ctx: FetchContext): Promise<unknown> {
  for (let i = 0; i < 10_000; i++) {
    const r = await adapter.fetch(cursor, ctx);
    cursor = r.cursor;
    if (!r.more) return cursor;
  }
  throw new Error('a cycle did not end');
}

function count(server: XApiServer): Record<Endpoint | 'unknown', number> {
  const out = {} as Record<Endpoint | 'unknown', number>;
  for (const r of server.requests) out[r.endpoint] = (out[r.endpoint] ?? 0) + 1;
  return out;
}

function total(c: Record<string, number>): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}

export async function run(ctx: Ctx): Promise<{ figures: Figure[]; notes: string[] }> {
  const n = 500;
  const accounts = handles(n);
  const server = new XApiServer();
  await server.start();
  for (const a of accounts) server.addUser(a);
  const fetchCtx: FetchContext = { signal: new AbortController().signal, log: pino({ level: 'silent' }), now: () => new Date() };
  const figures: Figure[] = [];
  const perMode: Record<string, { cold: number; quiet: number; busy: number; ms: number }> = {};
  try {
    for (const mode of ['timeline', 'search'] as const) {
      const config = xSourceSchema.parse({ type: 'x', id: `bench-${mode}`, mode, accounts, deletions: { check: false } });
      const api = new XApi({ bearerToken: TEST_BEARER, baseUrl: server.url });
      const adapter = mode === 'timeline' ? new XTimelineSource(config.id, config, api) : new XSearchSource(config.id, config, api);
      server.resetCounts();
      let cursor = await cycle(adapter, null, fetchCtx);
      const cold = total(count(server));
      ctx.progress(`${mode}: first cycle ${cold} requests ${JSON.stringify(count(server))}`);

      // A quiet cycle: one account in ten posted once since the last poll.
      accounts.forEach((a, i) => i % 10 === 0 && server.post(a, `${mode} quiet-cycle statement from ${a}`));
      server.resetCounts();
      const t0 = performance.now();
      cursor = await cycle(adapter, cursor, fetchCtx);
      const ms = performance.now() - t0;
      const quiet = total(count(server));
      ctx.progress(`${mode}: quiet cycle ${quiet} requests in ${ms.toFixed(0)} ms`);

      // A busy cycle: every account posted five times (a major incident).
      if (!ctx.quick) {
        for (const a of accounts) for (let k = 0; k < 5; k++) server.post(a, `${mode} busy-cycle statement ${k} from ${a}`);
      }
      server.resetCounts();
      cursor = await cycle(adapter, cursor, fetchCtx);
      const busy = total(count(server));
      ctx.progress(`${mode}: busy cycle ${busy} requests`);
      perMode[mode] = { cold, quiet, busy, ms };
      await adapter.close?.();
    }
  } finally {
    await server.close();
  }
  const tl = perMode.timeline!;
  const sr = perMode.search!;
  figures.push(
    { name: 'timeline: requests per cycle (quiet)', value: tl.quiet, unit: 'requests', note: `${n} accounts, 1 in 10 posted once` },
    { name: 'search: requests per cycle (quiet)', value: sr.quiet, unit: 'requests', note: `${n} accounts packed into <=512-char queries` },
    { name: 'timeline / search (quiet)', value: Number((tl.quiet / sr.quiet).toFixed(1)), unit: 'x' },
    { name: 'timeline: first cycle', value: tl.cold, unit: 'requests', note: 'includes /2/users/by lookups (100 handles each)' },
    { name: 'search: first cycle', value: sr.cold, unit: 'requests' },
  );
  if (!ctx.quick) {
    figures.push(
      { name: 'timeline: requests per cycle (busy)', value: tl.busy, unit: 'requests', note: 'every account posted 5 times' },
      { name: 'search: requests per cycle (busy)', value: sr.busy, unit: 'requests', note: 'queries page past 100 results' },
      { name: 'timeline / search (busy)', value: Number((tl.busy / sr.busy).toFixed(1)), unit: 'x' },
    );
  }
  // Worst case for packing: every handle at X's 15-character maximum.
  const longest = packFromQueries(Array.from({ length: n }, (_, i) => `h${String(i).padStart(14, '0')}`), { limit: 512, suffix: searchSuffix({ retweets: false, quotes: true, replies: 'same_author' }) });
  figures.push({ name: 'search: queries per cycle, 15-character handles', value: longest.length, unit: 'requests', note: `${(n / longest.length).toFixed(1)} accounts per query` });
  const avg = accounts.reduce((s, a) => s + a.length, 0) / n;
  return {
    figures,
    notes: [
      `Counted by the local X API v2 server from the real twitter-api-v2 client; ${n} deterministic handles, average ${avg.toFixed(1)} characters.`,
      'Defaults of the x source: max_results 100, retweets excluded (search adds -is:retweet), deletion checks off (they add ids/100 lookups every 15 min).',
      'A cycle = polls until the adapter reports nothing more; a first cycle reads only the newest page of each feed.',
    ],
  };
}

// Alone: `npx tsx bench/ingest.bench.ts [--quick] [--json]`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const result = await run({ quick, progress: (m) => console.error(`[ingest] ${m}`) });
  if (process.argv.includes('--json')) console.log(JSON.stringify({ ingest: result }, null, 2));
  else {
    const w = Math.max(...result.figures.map((f) => f.name.length));
    for (const f of result.figures) console.log(`${f.name.padEnd(w)}  ${String(f.value).padStart(7)} ${f.unit}${f.note ? `   (${f.note})` : ''}`);
    for (const n of result.notes) console.log(`  ${n}`);
  }
}
