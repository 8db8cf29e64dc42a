/**
 * A local feed server for tests: serves RSS 2.0 / Atom documents it builds from in-memory items, with a
 * strong ETag and Last-Modified, answering 304 to a matching If-None-Match / If-Modified-Since. Items can
 * be added, rewritten and removed; faults (an HTTP status with Retry-After, a truncated document, a
 * redirect) can be injected. It counts requests and 304s.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestFeedItem {
  guid?: string;
  title: string;
  /** HTML allowed (it is escaped into the document as feeds do). */
  description: string;
  link?: string;
  pubDate?: Date;
}

export type FeedFault = { status: number; retryAfter?: string } | { truncated: true } | { redirectTo: string };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export class FeedServer {
  url = '';
  requests = 0;
  notModified = 0;
  /** Conditional headers of the last request. */
  lastConditional: { ifNoneMatch?: string; ifModifiedSince?: string } = {};
  private server: Server | undefined;
  private readonly feeds = new Map<string, { kind: 'rss' | 'atom'; title: string; items: TestFeedItem[]; modified: Date }>();
  private readonly faults = new Map<string, FeedFault[]>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      this.requests++;
      this.lastConditional = {
        ...(req.headers['if-none-match'] ? { ifNoneMatch: String(req.headers['if-none-match']) } : {}),
        ...(req.headers['if-modified-since'] ? { ifModifiedSince: String(req.headers['if-modified-since']) } : {}),
      };
      const fault = this.faults.get(path)?.shift();
      if (fault && 'redirectTo' in fault) {
        res.writeHead(301, { location: fault.redirectTo });
        return void res.end();
      }
      const feed = this.feeds.get(path);
      if (!feed) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return void res.end('not found');
      }
      const body = this.render(feed);
      if (fault && 'truncated' in fault) {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        return void res.end(body.slice(0, Math.floor(body.length / 2)));
      }
      if (fault && 'status' in fault) {
        res.writeHead(fault.status, { 'content-type': 'text/plain', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
        return void res.end('unavailable');
      }
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      const lastModified = feed.modified.toUTCString();
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const fresh = inm ? inm === etag : ims ? Date.parse(String(ims)) >= Math.floor(feed.modified.getTime() / 1000) * 1000 : false;
      if (fresh) {
        this.notModified++;
        res.writeHead(304, { etag, 'last-modified': lastModified });
        return void res.end();
      }
      res.writeHead(200, {
        'content-type': feed.kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
        etag,
        'last-modified': lastModified,
      });
      res.end(body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Creates or replaces a feed at `path`; returns its URL. */
  setFeed(path: string, kind: 'rss' | 'atom', title: string, items: TestFeedItem[], modified = new Date()): string {
    this.feeds.set(path, { kind, title, items: items.map((i) => ({ ...i })), modified });
    return this.url + path;
  }

  /** Changes one item (by guid) or adds it; bumps Last-Modified. */
  upsertItem(path: string, item: TestFeedItem, modified = new Date()): void {
    const f = this.feeds.get(path);
    if (!f) throw new Error(`no feed ${path}`);
    const i = f.items.findIndex((x) => x.guid !== undefined && x.guid === item.guid);
    if (i >= 0) f.items[i] = { ...item };
    else f.items.unshift({ ...item });
    f.modified = modified;
  }

  fail(path: string, fault: FeedFault, times = 1): void {
    const list = this.faults.get(path) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.faults.set(path, list);
  }

  private render(f: { kind: 'rss' | 'atom'; title: string; items: TestFeedItem[]; modified: Date }): string {
    if (f.kind === 'rss') {
      const items = f.items
        .map(
          (i) =>
            `<item><title>${esc(i.title)}</title>${i.link ? `<link>${esc(i.link)}</link>` : ''}${i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''}<description>${esc(i.description)}</description>${i.pubDate ? `<pubDate>${i.pubDate.toUTCString()}</pubDate>` : ''}</item>`,
        )
        .join('\n');
      return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${esc(f.title)}</title><link>http://example.test/</link><description>test feed</description>\n${items}\n</channel></rss>\n`;
    }
    const entries = f.items
      .map(
        (i) =>
          `<entry><id>${esc(i.guid ?? i.link ?? i.title)}</id><title type="text">${esc(i.title)}</title>${i.link ? `<link rel="alternate" href="${esc(i.link)}"/>` : ''}<updated>${(i.pubDate ?? f.modified).toISOString()}</updated><content type="html">${esc(i.description)}</content></entry>`,
      )
      .join('\n');
    return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(f.title)}</title><id>urn:test:feed</id><updated>${f.modified.toISOString()}</updated>\n${entries}\n</feed>\n`;
  }
}
