/**
 * RSS / Atom feeds over undici with conditional GET: the ETag and Last-Modified of the last good fetch go
 * back as If-None-Match / If-Modified-Since, so an unchanged feed costs a 304 and no parsing. Every item
 * is handed over as a revision: the store keeps one version per distinct text, so an item the publisher
 * rewrites becomes a new version (re-extracted, older claims superseded) and an unchanged one changes nothing.
 */
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import type { RssSourceConfig } from '../../config/sources.ts';
import type { IncomingPost } from '../../domain/post.ts';
import { SourcePermanentError, SourceRateLimitedError, type FetchContext, type FetchResult, type SourceAdapter } from '../types.ts';
import { parseFeed, type FeedItem } from './parse.ts';

interface RssCursor {
  url: string;
  etag?: string;
  lastModified?: string;
}

function readCursor(v: unknown, url: string): RssCursor {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  // Validators of another URL (the config changed) must not be sent to this one.
  if (o.url !== url) return { url };
  return {
    url,
    ...(typeof o.etag === 'string' ? { etag: o.etag } : {}),
    ...(typeof o.lastModified === 'string' ? { lastModified: o.lastModified } : {}),
  };
}

function header(h: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Retry-After as a date: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfter(value: string | undefined, now: Date): Date | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return new Date(now.getTime() + Number(value.trim()) * 1000);
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

/** The charset of the document: Content-Type first, then the XML declaration, else UTF-8. */
export function decodeBody(bytes: Buffer, contentType: string | undefined): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  const head = bytes.subarray(0, 200).toString('latin1');
  const fromDecl = /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  for (const label of [fromHeader, fromDecl, 'utf-8']) {
    if (!label) continue;
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // unknown label: try the next source of truth
    }
  }
  return bytes.toString('utf8');
}

/** Globally unique guids (URLs, URNs, tag: URIs) are used as they are; bare ones are scoped to the feed. */
export function itemExternalId(feedId: string, item: FeedItem): string {
  if (/^(https?:|urn:|tag:|sha256:)/i.test(item.id)) return item.id;
  const scoped = `${feedId}:${item.id}`;
  return scoped.length <= 200 ? scoped : `${feedId}:${item.id.slice(0, 150)}`;
}

export class RssSource implements SourceAdapter {
  readonly type = 'rss' as const;
  private readonly dispatcher: Dispatcher;

  constructor(
    readonly id: string,
    readonly config: RssSourceConfig,
  ) {
    this.dispatcher = new Agent({ connectTimeout: Math.min(config.timeout, 10_000) }).compose(interceptors.redirect({ maxRedirections: 5 }));
  }

  async fetch(cursor: unknown, ctx: FetchContext): Promise<FetchResult> {
    const c = readCursor(cursor, this.config.url);
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(this.config.timeout)]);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(this.config.url, {
        method: 'GET',
        dispatcher: this.dispatcher,
        signal,
        headersTimeout: this.config.timeout,
        bodyTimeout: this.config.timeout,
        headers: {
          accept: 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1',
          'user-agent': 'claimwatch/0.1 (feed reader)',
          ...(c.etag ? { 'if-none-match': c.etag } : {}),
          ...(c.lastModified ? { 'if-modified-since': c.lastModified } : {}),
        },
      });
    } catch (e) {
      ctx.signal.throwIfAborted();
      throw new Error(`feed ${this.config.url}: request failed (${(e as Error).message})`);
    }
    const status = res.statusCode;
    const headers = res.headers as Record<string, string | string[] | undefined>;
    if (status === 304) {
      await res.body.dump();
      return { posts: [], deletions: [], cursor: c, warnings: [] };
    }
    if (status !== 200) {
      await res.body.dump().catch(() => {});
      const later = retryAfter(header(headers, 'retry-after'), ctx.now());
      if ((status === 429 || status === 503) && later) throw new SourceRateLimitedError(this.id, later);
      if (status === 429) throw new SourceRateLimitedError(this.id, new Date(ctx.now().getTime() + 15 * 60_000));
      if ([401, 403, 404, 410].includes(status)) {
        throw new SourcePermanentError(this.id, `feed ${this.config.url} answered ${status}; check "url" of source "${this.id}" in the sources config`);
      }
      throw new Error(`feed ${this.config.url} answered ${status}`);
    }
    const bytes = await this.readCapped(res);
    const parsed = parseFeed(decodeBody(bytes, header(headers, 'content-type')));
    if ('error' in parsed) {
      // Keep the old validators: the next poll fetches the whole document again.
      return { posts: [], deletions: [], cursor: c, warnings: [`feed ${this.config.url}: ${parsed.error}; nothing read`] };
    }
    const fetchedAt = ctx.now().toISOString();
    const revisions: IncomingPost[] = parsed.items.map((item) => ({
      platform: 'rss',
      externalId: itemExternalId(this.id, item),
      version: 1,
      author: this.id,
      sourceKind: this.config.sourceKind,
      sourceName: this.config.name,
      text: item.text,
      postedAt: item.publishedAt ?? fetchedAt,
      ...(item.link ? { url: item.link.slice(0, 2000) } : {}),
      kind: 'original',
      raw: { feed: this.config.url, item },
    }));
    const etag = header(headers, 'etag');
    const lastModified = header(headers, 'last-modified');
    return {
      posts: [],
      revisions,
      deletions: [],
      cursor: { url: c.url, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) } satisfies RssCursor,
      warnings: parsed.skipped ? [`feed ${this.config.url}: ${parsed.skipped} item(s) without id, link or title skipped`] : [],
    };
  }

  private async readCapped(res: Dispatcher.ResponseData): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > this.config.maxBytes) {
        res.body.destroy();
        throw new SourcePermanentError(this.id, `feed ${this.config.url} is larger than ${this.config.maxBytes} bytes; raise "maxBytes" of source "${this.id}" if that is expected`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
