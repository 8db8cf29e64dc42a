/**
 * The pipeline end to end on real services: a replay source (a JSONL file the bench appends invented posts
 * to at a fixed offered rate) -> poll -> posts -> extract -> claims -> match -> incidents, and
 * claim.created events -> alert -> deliver -> a signed webhook received and verified by a local receiver
 * (a real HTTP server, test/support/webhook-receiver.ts). BullMQ on the local Redis (a unique prefix,
 * deleted afterwards), the embedded PGlite store in a temp dir, workers in this process.
 *
 * Phases: steady offered rates (5 posts/s, then 20 posts/s) and a burst (every post offered at once,
 * which measures capacity). Per post: latency from being offered (appended to the file) and from being
 * stored (posts.ingested_at) to its claim stored and to its webhook received; p50/p99 per phase.
 * Baseline, same run: extractClaim alone over the same posts, which bounds what the pipeline can do.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, type App } from '../src/app.ts';
import { generateWebhookSecret } from '../src/alerts/signing.ts';
import type { SourceConfig } from '../src/config/sources.ts';
import { extractClaim } from '../src/extract/index.ts';
import { createSubscription } from '../src/store/subscriptions.ts';
import { dropRedisPrefix, tempDir, testConfig } from '../test/support/services.ts';
import { startReceiver, type WebhookReceiver } from '../test/support/webhook-receiver.ts';
import { median } from './stats.ts';
import { inventPosts, type BenchPost } from './support/posts.ts';
import type { BenchContext, BenchFigure, BenchResult } from './types.ts';

export const description = 'replay -> claims -> incidents -> signed webhook at a local receiver: posts/s and latency p50/p99 at fixed offered rates, vs extraction alone';

const POLL_EVERY_MS = 100;

interface Phase {
  name: string;
  /** Posts per second offered; 0 = all at once (burst). */
  rate: number;
  posts: number;
}

interface PhaseResult {
  phase: Phase;
  completed: number;
  /** Seconds from the first offer to the last webhook. */
  seconds: number;
  toClaim: number[];
  toWebhook: number[];
  ingestToWebhook: number[];
  incidents: number;
  matched: number;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

function replayLine(p: BenchPost): string {
  return `${JSON.stringify({ id: p.id, text: p.text, posted_at: p.postedAt, source: { kind: p.sourceKind, name: p.sourceName, account: p.author } })}\n`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Offers `posts` to the replay file at `rate` per second (all at once when 0); resolves with offer times. */
async function offer(file: string, posts: readonly BenchPost[], rate: number): Promise<Map<string, number>> {
  const offeredAt = new Map<string, number>();
  if (rate === 0) {
    const now = Date.now();
    appendFileSync(file, posts.map(replayLine).join(''));
    for (const p of posts) offeredAt.set(p.id, now);
    return offeredAt;
  }
  const t0 = Date.now();
  let next = 0;
  while (next < posts.length) {
    // Every post that is due by now goes in one append, so a late timer does not lower the rate.
    const due = Math.min(posts.length, Math.floor(((Date.now() - t0) / 1000) * rate) + 1);
    if (due > next) {
      const batch = posts.slice(next, due);
      appendFileSync(file, batch.map(replayLine).join(''));
      const now = Date.now();
      for (const p of batch) offeredAt.set(p.id, now);
      next = due;
    }
    await sleep(Math.max(1, Math.min(50, 1000 / rate / 2)));
  }
  return offeredAt;
}

async function runPhase(ctx: BenchContext, app: App, receiver: WebhookReceiver, file: string, phase: Phase, posts: readonly BenchPost[]): Promise<PhaseResult> {
  const ids = new Set(posts.map((p) => p.id));
  const received = () => [...receiver.processed.values()].filter((a) => ids.has(externalIdOf(a.body) ?? '')).length;
  const t0 = Date.now();
  const offered = offer(file, posts, phase.rate);
  // Progress while the phase runs; the phase ends when every post's webhook has arrived.
  const deadline = t0 + 120_000 + (phase.rate ? (posts.length / phase.rate) * 1000 : 0);
  let last = 0;
  for (;;) {
    const got = received();
    if (got >= posts.length) break;
    if (Date.now() > deadline) {
      ctx.progress(`${phase.name}: gave up waiting, ${got}/${posts.length} webhooks after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      break;
    }
    if (Date.now() - last >= 2_000) {
      last = Date.now();
      ctx.progress(`${phase.name}: ${got}/${posts.length} webhooks, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    await sleep(50);
  }
  const offeredAt = await offered;
  const arrivals = [...receiver.processed.values()].filter((a) => ids.has(externalIdOf(a.body) ?? ''));
  const lastArrival = Math.max(...arrivals.map((a) => a.at));
  // Matching runs beside alerting; let it finish so the incident figures are complete.
  const matchDeadline = Date.now() + 60_000;
  while ((await app.queues.pending(['extract', 'match'])) > 0 && Date.now() < matchDeadline) await sleep(100);

  const rows = await app.store.db
    .selectFrom('posts as p')
    .innerJoin('claims as c', 'c.post_id', 'p.id')
    .select(['p.external_id', 'p.ingested_at', 'c.created_at', 'c.incident_id'])
    .where('p.external_id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.external_id, r]));
  const toClaim: number[] = [];
  const toWebhook: number[] = [];
  const ingestToWebhook: number[] = [];
  for (const a of arrivals) {
    const id = externalIdOf(a.body)!;
    const at = offeredAt.get(id)!;
    toWebhook.push(a.at - at);
    const r = byId.get(id);
    if (r) ingestToWebhook.push(a.at - r.ingested_at.getTime());
  }
  for (const r of rows) toClaim.push(r.created_at.getTime() - offeredAt.get(r.external_id)!);
  const incidents = new Set(rows.map((r) => r.incident_id).filter(Boolean)).size;
  return {
    phase,
    completed: arrivals.length,
    seconds: (lastArrival - t0) / 1000,
    toClaim,
    toWebhook,
    ingestToWebhook,
    incidents,
    matched: rows.filter((r) => r.incident_id).length,
  };
}

function externalIdOf(body: string): string | undefined {
  try {
    const o = JSON.parse(body) as { type?: string; data?: { post?: { external_id?: string } } };
    return o.type === 'claim.created' ? o.data?.post?.external_id : undefined;
  } catch {
    return undefined;
  }
}

/** Extraction alone over the same posts, same process: the ceiling the pipeline's throughput is read against. */
function extractionRate(posts: readonly BenchPost[], rounds: number): number[] {
  const rates: number[] = [];
  let sink = 0;
  for (const p of posts.slice(0, 50)) sink += extractClaim(p).quantities.length; // warm-up
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const p of posts) sink += extractClaim(p).quantities.length;
    rates.push(posts.length / ((performance.now() - t0) / 1000));
  }
  if (sink < 0) throw new Error('unreachable');
  return rates;
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const phases: Phase[] = ctx.quick
    ? [
        { name: 'steady 20/s', rate: 20, posts: 60 },
        { name: 'burst', rate: 0, posts: 60 },
      ]
    : [
        { name: 'steady 5/s', rate: 5, posts: 300 },
        { name: 'steady 20/s', rate: 20, posts: 600 },
        { name: 'burst', rate: 0, posts: 500 },
      ];
  const runTag = Date.now().toString(36);
  const all = inventPosts(phases.reduce((n, p) => n + p.posts, 0), { seed: 424242, idPrefix: `pipe-${runTag}-`, start: '2024-03-01T00:00:00Z', spacingMinutes: 9 });

  const dir = tempDir('claimwatch-bench-pipeline-');
  const file = join(dir.path, 'offered.jsonl');
  writeFileSync(file, '');
  const receiver = await startReceiver();
  const config = testConfig('pglite', dir.path, { LOG_LEVEL: 'warn', WEBHOOK_ALLOWLIST: `127.0.0.1:${receiver.port}` });
  const sources: SourceConfig[] = [{ type: 'replay', id: 'bench', file, batch: 100, every: POLL_EVERY_MS, enabled: true }];
  const app = await startApp({ config, sources, roles: ['worker', 'poller'] });
  const results: PhaseResult[] = [];
  let extractRates: number[] = [];
  try {
    const secret = generateWebhookSecret();
    receiver.secrets = [secret];
    await createSubscription(app.store.db, { owner: 'bench', name: 'every claim', filter: { event_types: ['claim.created'] }, webhookUrl: `${receiver.url}/hook`, webhookSecret: secret });
    ctx.progress(`app started (worker, poller; PGlite; Redis prefix ${config.redis.prefix}); replay polled every ${POLL_EVERY_MS} ms`);
    let offset = 0;
    for (const phase of phases) {
      const posts = all.slice(offset, offset + phase.posts);
      offset += phase.posts;
      ctx.progress(`${phase.name}: offering ${posts.length} posts${phase.rate ? ` at ${phase.rate}/s` : ' at once'}`);
      results.push(await runPhase(ctx, app, receiver, file, phase, posts));
    }
    ctx.progress('baseline: extractClaim alone over the same posts');
    extractRates = extractionRate(all, ctx.quick ? 3 : 5);
  } finally {
    await app.stop();
    await receiver.close();
    await dropRedisPrefix(config.redis.prefix).catch(() => undefined);
    dir.remove();
  }

  const extract = median(extractRates);
  const verified = receiver.arrivals.every((a) => a.verified === true);
  const figures: BenchFigure[] = [{ name: 'extractClaim alone (baseline)', value: extract, unit: 'posts/s', note: `same ${all.length} posts, median of ${extractRates.length} passes` }];
  for (const r of results) {
    const n = r.phase.name;
    figures.push(
      { name: `${n}: completed`, value: r.completed, unit: `of ${r.phase.posts}`, note: `webhooks received and verified; ${r.matched} claims matched into ${r.incidents} incidents` },
      { name: `${n}: throughput`, value: r.completed / r.seconds, unit: 'posts/s', note: `first offer to last webhook, ${r.seconds.toFixed(1)} s; offered ${r.phase.rate ? `${r.phase.rate}/s` : 'all at once'}` },
      { name: `${n}: offer -> claim stored p50`, value: percentile(r.toClaim, 50), unit: 'ms' },
      { name: `${n}: offer -> claim stored p99`, value: percentile(r.toClaim, 99), unit: 'ms' },
      { name: `${n}: offer -> webhook p50`, value: percentile(r.toWebhook, 50), unit: 'ms' },
      { name: `${n}: offer -> webhook p99`, value: percentile(r.toWebhook, 99), unit: 'ms' },
      { name: `${n}: ingested -> webhook p50`, value: percentile(r.ingestToWebhook, 50), unit: 'ms', note: 'from posts.ingested_at' },
      { name: `${n}: ingested -> webhook p99`, value: percentile(r.ingestToWebhook, 99), unit: 'ms' },
    );
  }
  const burst = results.find((r) => r.phase.rate === 0);
  if (burst) {
    figures.push({ name: 'burst throughput / extraction alone', value: burst.completed / burst.seconds / extract, unit: 'x', note: 'share of extraction-only speed the whole pipeline keeps' });
  }
  figures.push({ name: 'webhook signatures verified', value: receiver.arrivals.filter((a) => a.verified).length, unit: `of ${receiver.arrivals.length}`, note: verified ? 'all' : 'SOME FAILED' });
  return {
    figures,
    notes: [
      `One process: workers and poller (startApp, WORKER_CONCURRENCY ${config.workerConcurrency}), PGlite in a temp dir, BullMQ on the local Redis, the receiver; the replay source is polled every ${POLL_EVERY_MS} ms (up to that much of each latency is the wait for the next poll).`,
      'Offered = the moment the bench appended the post to the replay file. Claim stored = claims.created_at (transaction start). Webhook = arrival at the receiver, which verifies the Standard Webhooks signature.',
      'Steady phases offer at a fixed rate; the burst offers every post at once, so its throughput is the capacity of this setup. Baseline: extractClaim over the same posts in this process, no I/O.',
    ],
  };
}
