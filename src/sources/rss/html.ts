/**
 * HTML (feed descriptions, Atom content) -> plain text for extraction, pure. htmlparser2 tokenizes and
 * decodes entities the way browsers do; block elements become line breaks, scripts and styles vanish,
 * runs of whitespace collapse. Anything unparseable degrades to its visible text, never an exception.
 */
import { Parser } from 'htmlparser2';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'head']);

export function htmlToText(html: string): string {
  if (!html) return '';
  // Plain text with no markup and no entities needs no parser.
  if (!/[<&]/.test(html)) return tidy(html);
  const out: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipping++;
        else if (BLOCK.has(name)) out.push('\n');
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name)) out.push('\n');
      },
      ontext(text) {
        if (!skipping) out.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  try {
    parser.write(html);
    parser.end();
  } catch {
    return tidy(html.replace(/<[^>]*>/g, ' '));
  }
  return tidy(out.join(''));
}

function tidy(s: string): string {
  return s
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t\f\v\r]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
