/**
 * Turns hostile raw text into analysable text while keeping a map back to the original offsets,
 * so every span a rule finds can be shown on the source text a moderator sees.
 */
import nlp from 'compromise';

/** Longest text analysed; a post longer than this is analysed on its first window only (flagged as truncated). */
export const MAX_ANALYSED_CHARS = 20_000;

type Doc = ReturnType<typeof nlp>;

export interface PreparedText {
  /** The original text, unchanged. */
  readonly original: string;
  /** Normalized text: entities decoded, invisible/bidi controls dropped, Arabic-Indic digits as ASCII, NUL as space. */
  readonly text: string;
  readonly truncated: boolean;
  /** Maps an offset in `text` to the offset in `original` (end offsets map to the end of the source char). */
  toOriginal(offset: number): number;
  /** The compromise document of `text`, parsed once and shared by every rule. */
  readonly doc: Doc;
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…', deg: '°', middot: '·',
};

// Zero-width, bidi controls (incl. the Arabic letter mark), soft hyphen, BOM: invisible characters that split words without a trace.
const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
// C0 and C1 controls except tab, newline and carriage return.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

function digitOf(code: number): string | null {
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660); // Arabic-Indic
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0); // Extended Arabic-Indic (Persian)
  if (code >= 0xff10 && code <= 0xff19) return String(code - 0xff10); // full-width
  return null;
}

export function prepareText(raw: string, maxChars = MAX_ANALYSED_CHARS): PreparedText {
  const original = typeof raw === 'string' ? raw : String(raw ?? '');
  let limit = Math.min(original.length, maxChars);
  // Never cut a surrogate pair in half at the window's edge.
  if (limit < original.length && limit > 0 && /[\uD800-\uDBFF]/.test(original[limit - 1]!)) limit--;
  const out: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < limit) {
    const ch = original[i]!;
    if (ch === '&') {
      const m = /^&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/i.exec(original.slice(i, Math.min(i + 12, limit)));
      if (m) {
        const body = m[1]!;
        let decoded: string | undefined;
        if (body[0] === '#') {
          const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
          if (Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
            decoded = String.fromCodePoint(code);
          }
        } else decoded = ENTITIES[body.toLowerCase()];
        if (decoded !== undefined && !INVISIBLE.test(decoded) && !CONTROL.test(decoded)) {
          // One map entry per UTF-16 unit (an astral code point is two), since spans count units.
          for (let k = 0; k < decoded.length; k++) {
            out.push(decoded[k] === '\u00A0' ? ' ' : decoded[k]!);
            map.push(i);
          }
          i += m[0].length;
          continue;
        }
      }
    }
    const code = ch.charCodeAt(0);
    if (INVISIBLE.test(ch)) {
      i++;
      continue;
    }
    const digit = digitOf(code);
    if (digit !== null) out.push(digit);
    else if (CONTROL.test(ch) || ch === '\u00A0' || ch === '\u2028' || ch === '\u2029') out.push(' ');
    else if (ch === '\u066B') out.push('.'); // Arabic decimal separator
    else if (ch === '\u066C') out.push(','); // Arabic thousands separator
    else out.push(ch);
    map.push(i);
    i++;
  }
  map.push(limit);
  const text = out.join('');
  let doc: Doc | undefined;
  return {
    original,
    text,
    truncated: original.length > limit,
    toOriginal(offset: number): number {
      if (!(offset > 0)) return 0; // also NaN
      if (offset >= map.length - 1) return map[map.length - 1]!;
      return map[Math.floor(offset)]!;
    },
    get doc(): Doc {
      doc ??= nlp(text);
      return doc;
    },
  };
}
