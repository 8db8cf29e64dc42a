/**
 * Stream mode: the filtered stream pushes matching posts as they are published. Rules come from the config
 * (`from:` rules packed like search queries, plus extra rule values), tagged with the source id so only
 * this source's rules are added or removed. The connection is watched: 20 s without data or a keep-alive
 * counts as a disconnect; reconnects follow X's backoff rules (backoff.ts); after any disconnect (or a
 * restart) the gap is filled with a recent search since the last post the stream delivered. Scheduled
 * polls of a stream source run the same search (a safety net) and the deletion checks.
 */
import { ETwitterStreamEvent, type TweetStream } from 'twitter-api-v2';
import { SourcePermanentError, SourceRateLimitedError, type FetchContext, type StreamContext, type StreamHandle, type StreamSink } from '../types.ts';
import { XPermanentError, XRateLimitedError, XTransientError, type XRule } from './api.ts';
import { isFatalStreamStatus, reconnectDelay, type DisconnectKind } from './backoff.ts';
import { idToMs, maxId, minId, msToId } from './ids.ts';
import { mapTweets } from './map.ts';
import type { XFeed, XPollCursor } from './polling.ts';
import { groupKey, packFromQueries } from './query.ts';
import { searchBounds, searchSuffix, XSearchSource } from './search.ts';
import { readStreamMessage } from './wire.ts';
import { sleep } from '../../lib/sleep.ts';

/** Stream delivery lags publication by a few seconds: a gap starts this long before the last sign of life. */
export const GAP_MARGIN_MS = 30_000;

/** Where a gap fill must start: after the last post delivered, or shortly before the last keep-alive when quiet. */
export function gapStart(lastSeenId: string | undefined, aliveAtMs: number | undefined): string | undefined {
  const alive = aliveAtMs !== undefined ? msToId(aliveAtMs - GAP_MARGIN_MS) : undefined;
  return maxId(lastSeenId, alive);
}


export class XStreamSource extends XSearchSource {
  /** Rule tag marking this source's rules among the app's. */
  get ruleTag(): string {
    return `claimwatch:${this.id}`;
  }

  /** Rule values this source wants on the stream. */
  ruleValues(): string[] {
    const from = packFromQueries(this.config.accounts, { limit: this.config.queryLimit, suffix: searchSuffix(this.config.include) }).map((g) => g.query);
    return [...new Set([...from, ...this.config.rules])];
  }

  /** Gap fills and safety-net polls search the extra rules too, not only the accounts. */
  protected override feeds(c: XPollCursor, ctx: FetchContext): XFeed[] {
    // The account queries are regrouped by the search mode; the extra rules keep their own cursors.
    const ruleCursors = Object.entries(c.feeds).filter(([k]) => k.startsWith('rule:'));
    const base = super.feeds(c, ctx);
    for (const [k, f] of ruleCursors) if (this.config.rules.includes(k.slice(5))) c.feeds[k] = f;
    const extra: XFeed[] = this.config.rules.map((value, i) => ({
      key: `rule:${value}`,
      label: `rule ${i + 1}/${this.config.rules.length}`,
      mapOptions: { sourceKind: this.config.sourceKind, include: this.config.include },
      fetchPage: (req) => this.api.searchRecent(value, { ...searchBounds(req.sinceId, ctx.now().getTime()), nextToken: req.token, maxResults: this.config.maxResults }),
    }));
    return [...base, ...extra];
  }

  /** A cursor that makes `fetch` search every feed since `sinceId` (a gap fill). */
  gapCursor(sinceId: string): XPollCursor {
    const groups = packFromQueries(this.config.accounts, { limit: this.config.queryLimit, suffix: searchSuffix(this.config.include) });
    const feeds: XPollCursor['feeds'] = {};
    for (const g of groups) feeds[groupKey(g.accounts)] = { newestId: sinceId };
    for (const value of this.config.rules) feeds[`rule:${value}`] = { newestId: sinceId };
    return { v: 1, feeds, next: 0, users: {}, deletions: { recent: [] } };
  }

  /** Makes the app's rules tagged for this source exactly the configured ones; returns the ids that are ours. */
  async syncRules(): Promise<Set<string>> {
    const wanted = new Set(this.ruleValues());
    const existing = await this.api.streamRules();
    const stale = existing.filter((r) => r.tag === this.ruleTag && !wanted.has(r.value)).map((r) => r.id);
    await this.api.deleteStreamRules(stale);
    const have = new Set(existing.filter((r) => !stale.includes(r.id)).map((r) => r.value));
    await this.api.addStreamRules([...wanted].filter((v) => !have.has(v)).map((value) => ({ value, tag: this.ruleTag })));
    const now: XRule[] = await this.api.streamRules();
    // A rule with the same value under another tag (another tool on the same app) also serves this source.
    return new Set(now.filter((r) => wanted.has(r.value)).map((r) => r.id));
  }

  stream(sink: StreamSink, ctx: StreamContext): StreamHandle {
    const ac = new AbortController();
    const onAbort = () => ac.abort();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    let current: TweetStream | undefined;
    const done = new StreamLoop(this, sink, ctx, ac.signal, (s) => (current = s)).run().finally(() => ctx.signal.removeEventListener('abort', onAbort));
    return {
      done,
      stop: async () => {
        ac.abort();
        current?.close();
        await done.catch(() => {});
      },
    };
  }
}

/** One stream source's connect / read / reconnect loop with its gap filler. */
class StreamLoop {
  private lastSeenId: string | undefined;
  private aliveAtMs: number | undefined;
  private gapSince: string | undefined;
  /** The gap being searched right now (no longer in gapSince, still open until done). */
  private fillingSince: string | undefined;
  private filling: Promise<void> | undefined;
  private deliveries: Promise<void> = Promise.resolve();
  private ourRules = new Set<string>();

  constructor(
    private readonly source: XStreamSource,
    private readonly sink: StreamSink,
    private readonly ctx: StreamContext,
    private readonly signal: AbortSignal,
    private readonly setCurrent: (s: TweetStream | undefined) => void,
  ) {
    this.lastSeenId = ctx.lastSeenId;
    this.aliveAtMs = ctx.aliveAt?.getTime();
    // A restart is a disconnect too: whatever was published while we were down is searched for.
    const since = minId(ctx.gapSinceId, gapStart(ctx.lastSeenId, this.aliveAtMs));
    if (since) this.gapSince = since;
  }

  private now(): number {
    return this.ctx.now().getTime();
  }

  async run(): Promise<void> {
    const log = this.ctx.log;
    let failures: { kind: DisconnectKind; n: number } | undefined;
    let rulesSynced = false;
    while (!this.signal.aborted) {
      let stream: TweetStream;
      try {
        if (!rulesSynced) {
          this.ourRules = await this.source.syncRules();
          rulesSynced = true;
          log.info({ rules: this.ourRules.size }, 'stream rules in place');
        }
        stream = await this.source.api.openStream(this.source.config.stallTimeout);
      } catch (e) {
        if (this.signal.aborted) break;
        const { kind, resetAt, fatal } = classify(e);
        if (fatal) {
          const message = `filtered stream cannot connect: ${(e as Error).message}`;
          this.sink.status({ state: 'disconnected', reason: message });
          throw new SourcePermanentError(this.source.id, message);
        }
        failures = failures?.kind === kind ? { kind, n: failures.n + 1 } : { kind, n: 1 };
        const delay = reconnectDelay(kind, failures.n, new Date(this.now()), resetAt);
        const until = new Date(this.now() + delay);
        log.warn({ attempt: failures.n, kind, until: until.toISOString(), err: { message: (e as Error).message } }, 'stream connect failed; backing off');
        this.sink.status({ state: 'waiting', reason: (e as Error).message, until });
        await sleep(delay, this.signal);
        continue;
      }
      failures = undefined;
      this.setCurrent(stream);
      this.alive();
      this.sink.status({ state: 'connected', ...(this.lastSeenId ? { lastSeenId: this.lastSeenId } : {}) });
      log.info('stream connected');
      if (this.gapSince) this.startGapFill('reconnected');
      const reason = await this.consume(stream);
      this.setCurrent(undefined);
      if (this.signal.aborted) break;
      // An established connection that drops is retried at once (X's rule); failures then back off.
      this.openGap(gapStart(this.lastSeenId, this.aliveAtMs), reason);
      this.sink.status({ state: 'disconnected', reason });
      log.warn({ reason }, 'stream disconnected; reconnecting');
    }
    await this.deliveries;
    await this.filling;
  }

  private alive(): void {
    this.aliveAtMs = this.now();
  }

  /** Reads one connection until it ends; resolves with why it ended. */
  private consume(stream: TweetStream): Promise<string> {
    return new Promise<string>((resolve) => {
      let reason = 'connection closed by X';
      const onAbort = () => stream.close();
      this.signal.addEventListener('abort', onAbort, { once: true });
      stream.on(ETwitterStreamEvent.Data, (payload: unknown) => {
        this.alive();
        this.onMessage(payload);
      });
      stream.on(ETwitterStreamEvent.DataKeepAlive, () => {
        this.alive();
        this.sink.status({ state: 'connected' });
      });
      stream.on(ETwitterStreamEvent.DataError, (payload: unknown) => {
        this.ctx.log.warn({ payload: JSON.stringify(payload).slice(0, 500) }, 'stream sent an error message');
      });
      stream.on(ETwitterStreamEvent.TweetParseError, (err: unknown) => {
        this.ctx.log.warn({ err: { message: String((err as Error)?.message ?? err) } }, 'stream sent an unreadable line; skipped');
      });
      stream.on(ETwitterStreamEvent.ConnectionLost, () => {
        reason = `no data and no keep-alive for ${this.source.config.stallTimeout} ms`;
      });
      stream.on(ETwitterStreamEvent.ConnectionError, (err: unknown) => {
        reason = `connection error: ${(err as Error)?.message ?? String(err)}`;
      });
      stream.on(ETwitterStreamEvent.ConnectionClosed, () => {
        this.signal.removeEventListener('abort', onAbort);
        stream.removeAllListeners();
        resolve(reason);
      });
    });
  }

  private onMessage(payload: unknown): void {
    const msg = readStreamMessage(payload);
    if (!msg) return;
    if (this.ourRules.size && !msg.matchingRules.some((r) => this.ourRules.has(r.id))) return;
    const cfg = this.source.config;
    const { posts } = mapTweets([msg.tweet], msg.includes, { sourceKind: cfg.sourceKind, include: cfg.include });
    const id = msg.tweet.id;
    // Deliveries are chained so posts are stored in arrival order; a failed one becomes a gap to search.
    this.deliveries = this.deliveries.then(async () => {
      try {
        if (posts.length) await this.sink.deliver({ posts, deletions: [], live: true });
        this.lastSeenId = maxId(this.lastSeenId, id);
        this.sink.status({ state: 'connected', lastSeenId: this.lastSeenId });
      } catch (e) {
        this.ctx.log.warn({ err: { message: (e as Error).message }, id }, 'storing a streamed post failed; it will be searched for');
        const at = idToMs(id);
        this.openGap(at !== undefined ? msToId(at - 1_000) : undefined, 'a streamed post could not be stored');
        if (this.filling === undefined) this.startGapFill('delivery failed');
      }
    });
  }

  private openGap(since: string | undefined, reason: string): void {
    if (!since) return;
    this.gapSince = minId(this.gapSince, since);
    this.persistGap(reason);
  }

  private persistGap(reason?: string): void {
    const open = minId(this.fillingSince, this.gapSince) ?? null;
    this.sink.gap(open, reason).catch((e: unknown) => this.ctx.log.warn({ err: { message: (e as Error).message } }, 'could not record the stream gap'));
  }

  private startGapFill(reason: string): void {
    if (this.filling) return;
    this.filling = this.fillGaps(reason).finally(() => (this.filling = undefined));
  }

  /** Searches since the oldest open gap until nothing is left; gaps opened meanwhile are filled next. */
  private async fillGaps(reason: string): Promise<void> {
    const log = this.ctx.log;
    while (this.gapSince && !this.signal.aborted) {
      const since = this.gapSince;
      this.fillingSince = since;
      this.gapSince = undefined;
      let cursor: unknown = this.source.gapCursor(since);
      let found = 0;
      log.info({ since, reason }, 'filling the stream gap with a search');
      try {
        for (;;) {
          if (this.signal.aborted) throw new Error('stopped');
          let r;
          try {
            r = await this.source.fetch(cursor, { signal: this.signal, log, now: this.ctx.now });
          } catch (e) {
            if (e instanceof SourceRateLimitedError) {
              this.sink.status({ state: 'connected', reason: 'gap fill waiting for the search rate limit', until: e.resetAt });
              await sleep(e.resetAt.getTime() - this.now(), this.signal);
              continue;
            }
            throw e;
          }
          for (const w of r.warnings ?? []) log.warn(w);
          found += r.posts.length;
          if (r.posts.length) await this.sink.deliver({ posts: r.posts, deletions: [], live: false });
          cursor = r.cursor;
          if (!r.more) break;
          if (r.notBefore) await sleep(r.notBefore.getTime() - this.now(), this.signal);
        }
        log.info({ since, found }, 'stream gap filled');
        this.fillingSince = undefined;
        this.persistGap();
      } catch (e) {
        // Keep the gap open (persisted by the sink): the next reconnect or restart tries again.
        this.fillingSince = undefined;
        this.gapSince = minId(this.gapSince, since);
        if (this.signal.aborted) return;
        log.warn({ since, err: { message: (e as Error).message } }, 'stream gap fill failed; retrying in a minute');
        await sleep(60_000, this.signal);
      }
    }
  }
}

function classify(e: unknown): { kind: DisconnectKind; resetAt?: Date; fatal: boolean } {
  if (e instanceof XRateLimitedError) return { kind: 'rate_limited', resetAt: e.resetAt, fatal: false };
  if (e instanceof XPermanentError) return { kind: 'http', fatal: isFatalStreamStatus(e.status) };
  if (e instanceof XTransientError) return { kind: e.status ? 'http' : 'network', fatal: false };
  return { kind: 'network', fatal: false };
}
