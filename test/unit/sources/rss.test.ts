/** Feeds -> items: RSS 2.0, Atom, RSS 1.0; HTML stripped to text; ids; charset; bad documents. */
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/sources/rss/html.ts';
import { parseFeed } from '../../../src/sources/rss/parse.ts';
import { decodeBody, itemExternalId, retryAfter } from '../../../src/sources/rss/source.ts';

describe('htmlToText', () => {
  it('keeps visible text, turns blocks into lines, drops scripts and decodes entities', () => {
    const html = '<p>Two drones were shot down over <b>Erbil</b>&nbsp;&mdash; officials said.</p><script>alert(1)</script><ul><li>one</li><li>two</li></ul>Caf&eacute; &#x2013; 5 &lt; 6';
    expect(htmlToText(html)).toBe('Two drones were shot down over Erbil — officials said.\n\none\n\ntwo\n\nCafé – 5 < 6');
  });
  it('leaves plain text alone and never throws on broken markup', () => {
    expect(htmlToText('  plain   text ')).toBe('plain text');
    expect(htmlToText('<div><p>unclosed <b>bold')).toBe('unclosed bold');
    expect(htmlToText('')).toBe('');
  });
});

describe('parseFeed', () => {
  it('reads RSS 2.0 items with guid, link, date and escaped HTML descriptions', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Ministry</title>
      <item><title>Rocket attack on base</title><link>https://example.gov/a</link><guid isPermaLink="false">item-1</guid>
        <description>&lt;p&gt;At least &lt;b&gt;five&lt;/b&gt; rockets struck Ain al-Asad.&lt;/p&gt;</description><pubDate>Wed, 03 Mar 2021 05:00:00 GMT</pubDate></item>
      <item><title>No guid</title><link>https://example.gov/b</link><description><![CDATA[<p>CDATA &amp; body</p>]]></description></item>
      <item><description>neither id nor title</description></item>
    </channel></rss>`;
    const f = parseFeed(xml);
    if ('error' in f) throw new Error(f.error);
    expect(f.kind).toBe('rss');
    expect(f.items).toEqual([
      { id: 'item-1', title: 'Rocket attack on base', text: 'Rocket attack on base\n\nAt least five rockets struck Ain al-Asad.', link: 'https://example.gov/a', publishedAt: '2021-03-03T05:00:00.000Z' },
      { id: 'https://example.gov/b', title: 'No guid', text: 'No guid\n\nCDATA & body', link: 'https://example.gov/b' },
    ]);
    expect(f.skipped).toBe(1);
  });

  it('reads Atom entries with html, text and xhtml content', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
      <entry><id>tag:news.example,2021:1</id><title type="html">Strike &amp;amp; response</title><link rel="alternate" href="https://news.example/1"/>
        <updated>2021-03-03T08:00:00Z</updated><content type="html">&lt;p&gt;Ten rockets, no losses.&lt;/p&gt;</content></entry>
      <entry><id>urn:x:2</id><title>Plain</title><summary type="text">a &lt;b&gt; stays</summary><published>2021-03-04T00:00:00Z</published></entry>
      <entry><id>urn:x:3</id><title>X</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>xhtml body</p></div></content></entry>
    </feed>`;
    const f = parseFeed(xml);
    if ('error' in f) throw new Error(f.error);
    expect(f.items.map((i) => [i.id, i.text, i.link, i.publishedAt])).toEqual([
      ['tag:news.example,2021:1', 'Strike & response\n\nTen rockets, no losses.', 'https://news.example/1', '2021-03-03T08:00:00.000Z'],
      ['urn:x:2', 'Plain\n\na <b> stays', undefined, '2021-03-04T00:00:00.000Z'],
      ['urn:x:3', 'X\n\nxhtml body', undefined, undefined],
    ]);
  });

  it('reads RSS 1.0 (RDF) items by rdf:about', () => {
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://r.example/"><title>R</title></channel>
      <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link><description>body</description><dc:date>2021-03-03T01:02:03Z</dc:date></item></rdf:RDF>`;
    const f = parseFeed(xml);
    if ('error' in f) throw new Error(f.error);
    expect(f.items).toEqual([{ id: 'https://r.example/1', title: 'One', text: 'One\n\nbody', link: 'https://r.example/1', publishedAt: '2021-03-03T01:02:03.000Z' }]);
  });

  it('reports what is not a feed instead of throwing', () => {
    expect(parseFeed('<html><body>hi</body></html>')).toEqual({ error: expect.stringMatching(/not an RSS/) });
    expect(parseFeed('<rss><channel><item><title>cut')).toHaveProperty('error');
    expect(parseFeed('')).toHaveProperty('error');
  });

  it('hashes ids longer than 200 characters', () => {
    const long = 'g'.repeat(300);
    const f = parseFeed(`<rss><channel><item><guid>${long}</guid><title>t</title></item></channel></rss>`);
    if ('error' in f) throw new Error(f.error);
    expect(f.items[0]!.id).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('feed helpers', () => {
  it('scopes bare guids to the feed, keeps global ones', () => {
    expect(itemExternalId('dod', { id: '1234', title: '', text: 't' })).toBe('dod:1234');
    expect(itemExternalId('dod', { id: 'https://x.example/a', title: '', text: 't' })).toBe('https://x.example/a');
  });
  it('decodes by the declared charset', () => {
    const latin = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss>caf\xe9</rss>', 'latin1');
    expect(decodeBody(latin, 'application/xml')).toContain('café');
    expect(decodeBody(Buffer.from('<rss>ü</rss>'), 'text/xml; charset=utf-8')).toContain('ü');
  });
  it('reads Retry-After as seconds or a date', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    expect(retryAfter('120', now)).toEqual(new Date('2024-01-01T00:02:00Z'));
    expect(retryAfter('Mon, 01 Jan 2024 01:00:00 GMT', now)).toEqual(new Date('2024-01-01T01:00:00Z'));
    expect(retryAfter('soon', now)).toBeUndefined();
  });
});
