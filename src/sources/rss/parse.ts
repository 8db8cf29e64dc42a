/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom documents -> feed items, pure. The item's id is its guid (RSS), id
 * (Atom), rdf:about or link, in that order; its text is the title and the description / content with
 * HTML stripped. A document that is not a feed yields an error message, never an exception.
 */
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { htmlToText } from './html.ts';

export interface FeedItem {
  /** Stable id within the feed (at most 200 characters; longer ones are hashed). */
  id: string;
  title: string;
  /** Title and body as plain text. */
  text: string;
  link?: string;
  /** ISO 8601 when the feed gave a readable date. */
  publishedAt?: string;
  author?: string;
}

export interface ParsedFeed {
  kind: 'rss' | 'atom' | 'rdf';
  title?: string;
  items: FeedItem[];
  /** Items skipped (no id, no link, no title). */
  skipped: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
});

type Node = Record<string, unknown>;

/** Text content of an element that may be a string, {#text}, or an array of either. */
function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(text).filter(Boolean).join(' ');
  if (typeof v === 'object') return text((v as Node)['#text']);
  return '';
}

function isoDate(v: unknown): string | undefined {
  const s = text(v).trim();
  if (!s) return undefined;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function stableId(raw: string): string {
  const s = raw.trim();
  return s.length <= 200 ? s : `sha256:${createHash('sha256').update(s).digest('hex')}`;
}

function atomLink(links: unknown): string | undefined {
  const list = (Array.isArray(links) ? links : [links]).filter((l): l is Node => !!l && typeof l === 'object');
  const alt = list.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? list[0];
  const href = alt ? text(alt['@_href']) : '';
  return href || undefined;
}

function rssLink(links: unknown): string | undefined {
  for (const l of Array.isArray(links) ? links : [links]) {
    const s = typeof l === 'object' && l ? text((l as Node)['@_href']) || text(l) : text(l);
    if (s) return s.trim();
  }
  return undefined;
}

/** Atom text constructs: type="html" holds escaped HTML, "xhtml" a div, "text" plain text. */
function atomText(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const n = v as Node;
    const type = text(n['@_type']);
    if (type === 'xhtml') return htmlToText(flatten(n));
    return type === 'text' ? text(n) : htmlToText(text(n));
  }
  return htmlToText(text(v));
}

/** Visible text of an already parsed XHTML subtree. */
function flatten(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return v.map(flatten).join(' ');
  return Object.entries(v as Node)
    .filter(([k]) => !k.startsWith('@_'))
    .map(([, x]) => flatten(x))
    .join(' ');
}

function compose(title: string, body: string): string {
  if (!body) return title;
  if (!title || body.startsWith(title)) return body;
  return `${title}\n\n${body}`;
}

function item(fields: { id?: string | undefined; title: string; body: string; link?: string | undefined; date?: string | undefined; author?: string | undefined }): FeedItem | undefined {
  const rawId = fields.id || fields.link || (fields.title ? `title:${fields.title}|${fields.date ?? ''}` : '');
  if (!rawId) return undefined;
  const text = compose(fields.title, fields.body);
  if (!text) return undefined;
  return {
    id: stableId(rawId),
    title: fields.title,
    text,
    ...(fields.link ? { link: fields.link } : {}),
    ...(fields.date ? { publishedAt: fields.date } : {}),
    ...(fields.author ? { author: fields.author } : {}),
  };
}

export function parseFeed(xml: string): ParsedFeed | { error: string } {
  // The parser is lenient with unclosed tags; a truncated download must not yield cut items (they would
  // look like rewritten ones and become new versions), so the document is validated first.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { error: `not well-formed XML (${valid.err.msg} at line ${valid.err.line})` };
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    return { error: `not well-formed XML (${(e as Error).message.split('\n')[0]})` };
  }
  const items: FeedItem[] = [];
  let skipped = 0;
  const push = (i: FeedItem | undefined) => (i ? items.push(i) : skipped++);

  const rss = doc.rss as Node | undefined;
  if (rss && typeof rss === 'object') {
    const channel = (rss.channel ?? {}) as Node;
    for (const it of (channel.item as Node[] | undefined) ?? []) {
      const guid = text(it.guid).trim();
      const body = htmlToText(text(it['content:encoded']) || text(it.description));
      push(item({ id: guid, title: htmlToText(text(it.title)), body, link: rssLink(it.link), date: isoDate(it.pubDate) ?? isoDate(it['dc:date']), author: text(it['dc:creator']) || text(it.author) || undefined }));
    }
    return { kind: 'rss', title: text(channel.title) || undefined, items, skipped } as ParsedFeed;
  }
  const feed = doc.feed as Node | undefined;
  if (feed && typeof feed === 'object') {
    for (const e of (feed.entry as Node[] | undefined) ?? []) {
      const body = atomText(e.content) || atomText(e.summary);
      const author = e.author && typeof e.author === 'object' ? text((e.author as Node).name) : undefined;
      push(item({ id: text(e.id).trim(), title: atomText(e.title), body, link: atomLink(e.link), date: isoDate(e.published) ?? isoDate(e.updated), author }));
    }
    return { kind: 'atom', title: atomText(feed.title) || undefined, items, skipped } as ParsedFeed;
  }
  const rdf = doc['rdf:RDF'] as Node | undefined;
  if (rdf && typeof rdf === 'object') {
    for (const it of (rdf.item as Node[] | undefined) ?? []) {
      const body = htmlToText(text(it['content:encoded']) || text(it.description));
      push(item({ id: text(it['@_rdf:about']).trim(), title: htmlToText(text(it.title)), body, link: rssLink(it.link), date: isoDate(it['dc:date']) }));
    }
    const channel = (rdf.channel ?? {}) as Node;
    return { kind: 'rdf', title: text(channel.title) || undefined, items, skipped } as ParsedFeed;
  }
  return { error: 'not an RSS, RSS 1.0 or Atom document (no <rss>, <feed> or <rdf:RDF> root)' };
}
