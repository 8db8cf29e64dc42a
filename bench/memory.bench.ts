/**
 * Memory of `claimwatch start` (all roles: api, worker, poller; embedded PGlite) holding 100,000 stored
 * claims, against the same command on an empty store in the same run. Each runs as a child process
 * through the real CLI entry (bench/support/measured.ts), which reports its RSS and heap over IPC:
 * after boot (and a short settle), after serving a set of API requests, and its peak RSS at the end.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey } from '../src/store/users.ts';
import { dropRedisPrefix } from '../test/support/services.ts';
import { MB, MeasuredChild, type Usage } from './support/child.ts';
import { copySeed, sharedSeed } from './support/seedCache.ts';
import type { BenchContext, BenchFigure, BenchResult } from './types.ts';

export const description = 'RSS of `claimwatch start` (all roles, PGlite) with 100,000 stored claims vs an empty store, after boot and after API requests';

const SETTLE_MS = 3_000;

interface Sample {
  boot: Usage;
  served: Usage;
  final: Usage;
  bootSeconds: number;
  requests: number;
}

/** A few requests of the kinds the UI and researchers make: lists, one of each detail, the review queue, stats. */
async function serve(url: string, key: string): Promise<number> {
  const get = async (path: string): Promise<unknown> => {
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    const body = await res.text();
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${body.slice(0, 300)}`);
    return path.startsWith('/api/') ? JSON.parse(body) : body;
  };
  let n = 0;
  const claims = (await get('/api/v1/claims?limit=500')) as { items: Array<{ id: string }>; next: string | null };
  n++;
  if (claims.next) (await get(`/api/v1/claims?limit=500&before=${claims.next}`), n++);
  const incidents = (await get('/api/v1/incidents?limit=200')) as { items: Array<{ id: string }> };
  n++;
  for (const c of claims.items.slice(0, 5)) (await get(`/api/v1/claims/${c.id}`), await get(`/api/v1/review/claims/${c.id}`), (n += 2));
  for (const i of incidents.items.slice(0, 5)) (await get(`/api/v1/incidents/${i.id}`), await get(`/api/v1/review/incidents/${i.id}`), (n += 2));
  for (const p of ['/api/v1/review/queue', '/api/v1/stats', '/api/v1/places', '/api/v1/audit', '/ui/']) (await get(p), n++);
  return n;
}

async function measure(ctx: BenchContext, label: string, dataDir: string, sourcesFile: string): Promise<Sample> {
  const admin = generateApiKey();
  const prefix = `cwbench_${randomBytes(4).toString('hex')}`;
  const t0 = performance.now();
  const child = MeasuredChild.spawn(ctx.root, ['start'], {
    DATA_DIR: dataDir,
    SOURCES_FILE: sourcesFile,
    ADMIN_API_KEY: admin.key,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  });
  try {
    const url = (await child.line(/API and UI at (http:\/\/\S+?)\/? /))[1]!;
    const bootSeconds = (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const boot = await child.usage('boot');
    ctx.progress(`${label}: booted in ${bootSeconds.toFixed(1)} s, RSS ${(boot.rss / MB).toFixed(0)} MB`);
    const requests = await serve(url, admin.key);
    const served = await child.usage('served');
    ctx.progress(`${label}: ${requests} API requests served, RSS ${(served.rss / MB).toFixed(0)} MB`);
    const final = await child.stop();
    return { boot, served, final, bootSeconds, requests };
  } catch (e) {
    await child.stop().catch(() => undefined);
    throw e;
  } finally {
    await dropRedisPrefix(prefix).catch(() => undefined);
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const count = ctx.quick ? 5_000 : 100_000;
  const { dataDir: seeded } = await sharedSeed(count, ctx.progress);
  const work = mkdtempSync(join(tmpdir(), 'claimwatch-bench-memory-'));
  const sourcesFile = join(work, 'sources.json');
  // No sources: the poller role runs (schedules, the poll worker) with nothing to fetch from outside.
  writeFileSync(sourcesFile, JSON.stringify({ sources: [] }));
  let empty: Sample;
  let full: Sample;
  let created: Usage;
  try {
    // The empty store is created (and migrated) by a process of its own first: creating a PGlite
    // database costs far more memory than opening one, and the seeded store was created earlier too.
    ctx.progress('creating an empty store');
    created = await MeasuredChild.spawn(ctx.root, ['open-store'], { DATA_DIR: join(work, 'empty'), LOG_LEVEL: 'warn' }).done();
    ctx.progress('empty store');
    empty = await measure(ctx, 'empty', join(work, 'empty'), sourcesFile);
    ctx.progress(`store with ${count} claims (a private copy of the seed, since boot writes to it)`);
    const copy = copySeed(seeded, join(work, 'seeded'));
    full = await measure(ctx, `${count} claims`, copy, sourcesFile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const row = (name: string, pick: (s: Sample) => number, note = ''): BenchFigure[] => [
    { name: `empty store: ${name}`, value: pick(empty) / MB, unit: 'MB', ...(note ? { note } : {}) },
    { name: `${count} claims: ${name}`, value: pick(full) / MB, unit: 'MB', note: `${(pick(full) / pick(empty)).toFixed(2)}x the empty store` },
  ];
  return {
    figures: [
      ...row('RSS after boot', (s) => s.boot.rss, `${SETTLE_MS / 1000} s after the API listened`),
      ...row('heap used after boot', (s) => s.boot.heapUsed),
      ...row('RSS after API requests', (s) => s.served.rss, `${full.requests} requests (${empty.requests} on the empty store, which has no claims to open)`),
      ...row('heap used after API requests', (s) => s.served.heapUsed),
      ...row('peak RSS', (s) => s.final.maxRss, 'whole run, including shutdown'),
      { name: 'creating an empty store: peak RSS', value: created.maxRss / MB, unit: 'MB', note: 'a separate process: PGlite initdb + migrations (first boot of a new install)' },
      { name: 'empty store: boot time', value: empty.bootSeconds, unit: 's', note: 'spawn to "API and UI at"' },
      { name: `${count} claims: boot time`, value: full.bootSeconds, unit: 's' },
    ],
    notes: [
      '`claimwatch start` with all roles (api, worker, poller), no sources, PGlite, the local Redis under a unique prefix; a child process per store through the real CLI entry.',
      'Requests: claims (2 pages of 500), incidents (200), 5 claims and 5 incidents in detail and in review, the review queue, stats, places, audit and the UI page.',
      'Baseline: the same command on an empty store (created and migrated beforehand by another process) in the same run (ratio). RSS includes PGlite\'s WASM memory (~260 MB when a store is opened).',
    ],
  };
}
