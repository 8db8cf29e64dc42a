/**
 * Simple Arabic counts: dual nouns (صاروخين = two rockets), numerals or number words before a munition noun,
 * "one of them ... the other" impacts, killed/injured with a number, and zeros ("دون خسائر بشرية").
 * Arabic-Indic digits were already converted to ASCII by prepare.ts.
 */
import type { Quantity } from '../domain/claim.ts';

interface Lexeme {
  what: string;
  singular: string[];
  dual: string[];
  plural: string[];
}

const LEXEMES: Lexeme[] = [
  { what: 'rocket', singular: ['صاروخ', 'صاروخا'], dual: ['صاروخين', 'صاروخان'], plural: ['صواريخ'] },
  { what: 'projectile', singular: ['قذيفة', 'قذيفه'], dual: ['قذيفتين', 'قذيفتان'], plural: ['قذائف'] },
  { what: 'drone', singular: ['مسيرة', 'مسيّرة', 'درون'], dual: ['مسيرتين', 'مسيرتان', 'طائرتين', 'طائرتان'], plural: ['مسيرات', 'مسيّرات'] },
  { what: 'ied', singular: ['عبوة', 'عبوه'], dual: ['عبوتين', 'عبوتان'], plural: ['عبوات'] },
];

const NUMBER_WORDS: Record<string, number> = {
  'ثلاثة': 3, 'ثلاث': 3, 'أربعة': 4, 'اربعة': 4, 'أربع': 4, 'اربع': 4, 'خمسة': 5, 'خمس': 5, 'ستة': 6, 'ست': 6,
  'سبعة': 7, 'سبع': 7, 'ثمانية': 8, 'ثماني': 8, 'ثمان': 8, 'تسعة': 9, 'تسع': 9, 'عشرة': 10, 'عشر': 10,
};
const ONE_WORDS = new Set(['واحد', 'واحدة']);
const PLANES = new Set(['طائرات']);
const DRONE_ADJECTIVES = new Set(['مسيرة', 'مسيّرة', 'مسيرات', 'مسيّرات', 'بدون', 'درون']);
const PREFIXES = ['و', 'ب', 'ف', 'ل'];
const FELL = new Set(['سقط', 'سقطت', 'وقع', 'وقعت', 'انفجر', 'انفجرت']);
const ONE_OF_THEM = new Set(['أحدهما', 'احدهما', 'إحداهما', 'احداهما']);
const THE_OTHER = new Set(['الآخر', 'الاخر', 'الأخرى', 'الاخرى', 'الثاني', 'الثانية']);
const INTERCEPT = new Set([
  'اعتراض', 'إسقاط', 'اسقاط', 'تدمير', 'إعتراض', 'تسقط', 'أسقطت', 'اسقطت', 'أسقط', 'اسقط', 'تعترض', 'اعترضت', 'دمرت', 'تدمر',
  'اعترض', 'إعترض', 'دمر', 'أسقطنا', 'اسقطنا', 'اعترضنا', 'تصدت', 'تصدى', 'التصدي',
]);
const KILLED = new Set(['مقتل', 'استشهاد', 'مصرع']);
const INJURED = new Set(['إصابة', 'اصابة', 'جرح', 'إصابات', 'اصابات']);
const ATTACK_WORDS = new Set(['سقوط', 'سقط', 'سقطت', 'استهداف', 'استهدف', 'استهدفت', 'هجوم', 'إطلاق', 'اطلاق', 'أطلق', 'اطلق', 'بطائرة', 'طائرة']);
const PERSON_DUAL = new Set(['شخصين', 'شخصان', 'جنديين', 'جنديان', 'عنصرين', 'مدنيين']);

const WORD = /[\u0600-\u06FF\u0750-\u077F]+|\d+/g;
const ZERO = /(?:دون|بدون|ولا|لا|عدم)\s+(?:(?:وقوع|تسجيل|أي|اي|حدوث)\s+)*(خسائر|إصابات|اصابات|ضحايا)(\s+بشرية)?(?!\s+(?:تذكر|كبيرة|جسيمة|مادية))/g;

interface W {
  w: string;
  start: number;
  end: number;
}

function stripPrefix(w: string): string[] {
  const forms = [w];
  if (w.length > 3 && PREFIXES.includes(w[0]!)) forms.push(w.slice(1));
  return forms;
}

function definite(w: string): boolean {
  return stripPrefix(w).some((f) => f.startsWith('ال'));
}

function lexemeOf(w: string): { what: string; form: 'singular' | 'dual' | 'plural' } | null {
  for (const f of stripPrefix(w)) {
    for (const lx of LEXEMES) {
      if (lx.dual.includes(f)) return { what: lx.what, form: 'dual' };
      if (lx.plural.includes(f)) return { what: lx.what, form: 'plural' };
      if (lx.singular.includes(f)) return { what: lx.what, form: 'singular' };
    }
  }
  return null;
}

function q(what: string, group: string, value: number, text: string, a: W, b: W, detail?: string): Quantity {
  const out: Quantity = {
    what,
    group,
    value,
    min: null,
    max: null,
    qualifier: 'exact',
    mention: text.slice(a.start, b.end),
    span: { start: a.start, end: b.end },
    confidence: 0.7,
  };
  if (detail) out.detail = detail;
  return out;
}

/** Counts written in Arabic script. Returns [] for text without Arabic letters. */
export function arabicQuantities(text: string): Quantity[] {
  if (!/[\u0600-\u06FF]/.test(text)) return [];
  const words: W[] = [...text.matchAll(WORD)].map((m) => ({ w: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  const out: Quantity[] = [];
  let lastMunition: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const cur = words[i]!;
    const prev = words[i - 1];
    // "طائرات مسيرة" (drones, literally "guided aircraft"): the plural noun counts; its adjective does not again.
    const planes = PLANES.has(stripPrefix(cur.w).at(-1)!) && !!words[i + 1] && DRONE_ADJECTIVES.has(words[i + 1]!.w);
    const lx = planes ? { what: 'drone', form: 'plural' as const } : lexemeOf(cur.w);
    if (lx && prev && PLANES.has(stripPrefix(prev.w).at(-1)!) && DRONE_ADJECTIVES.has(cur.w)) continue;
    if (lx) {
      let value: number | null = null;
      let first = cur;
      // "بطائرتين مسيرتين": a dual noun and its dual adjective count the same two drones.
      if (lx.form === 'dual' && prev && lexemeOf(prev.w)?.form === 'dual' && lexemeOf(prev.w)?.what === lx.what) continue;
      if (lx.form === 'dual') value = 2;
      else if (prev && /^\d+$/.test(prev.w)) {
        value = Number(prev.w);
        first = prev;
      } else if (prev && NUMBER_WORDS[prev.w] !== undefined && lx.form === 'plural') {
        value = NUMBER_WORDS[prev.w]!;
        first = prev;
      } else if (lx.form === 'singular' && words[i + 1] && ONE_WORDS.has(words[i + 1]!.w)) value = 1;
      else if (lx.form === 'singular' && !definite(cur.w) && [prev, words[i - 2]].some((x) => x && ATTACK_WORDS.has(stripPrefix(x.w).at(-1)!))) {
        // An indefinite singular after a fall/attack word counts one ("سقوط صاروخ", "هجوم بطائرة مسيرة").
        value = 1;
      }
      lastMunition = lx.what;
      if (value === null) continue;
      const interceptWord = (x: W | undefined) => !!x && stripPrefix(x.w).some((f) => INTERCEPT.has(f));
      // The verb may come first with its subject in between ("اعترض سلاح الجو طائرتين"): look a few words back
      // within the clause.
      let verb: W | undefined;
      const from = first === prev ? i - 2 : i - 1;
      for (let k = from; k >= Math.max(0, from - 3) && !verb; k--) {
        const w = words[k]!;
        if (/[،,.;:]/.test(text.slice(w.end, words[k + 1]?.start ?? w.end))) break;
        if (interceptWord(w)) verb = w;
      }
      // "اعترض طائرتين مسيرتين": the dual adjective after the noun belongs to the mention.
      const nextLx = words[i + 1] ? lexemeOf(words[i + 1]!.w) : null;
      const adj = planes || (nextLx?.form === 'dual' && lx.form === 'dual' && nextLx.what === lx.what) ? words[i + 1]! : cur;
      if (verb) out.push(q('intercepted', lx.what, value, text, verb, adj));
      else out.push(q(lx.what, 'unspecified', value, text, first, cur));
      continue;
    }
    // "أحدهما سقط ..." / "والآخر سقط ...": one impact each, per location.
    const bare = stripPrefix(cur.w).at(-1)!;
    if ((ONE_OF_THEM.has(cur.w) || THE_OTHER.has(bare) || THE_OTHER.has(cur.w)) && lastMunition) {
      const verbAt = [words[i + 1], words[i + 2]].findIndex((x) => x && FELL.has(x.w));
      const verbBefore = prev && FELL.has(prev.w);
      if (verbAt >= 0 || verbBefore) {
        const end = verbAt >= 0 ? words[i + 1 + verbAt]! : cur;
        const start = verbBefore && verbAt < 0 ? prev! : cur;
        out.push(q('impacted', lastMunition, 1, text, start, end, 'per location'));
      }
      continue;
    }
    if (KILLED.has(bare) || INJURED.has(bare)) {
      const what = KILLED.has(bare) ? 'killed' : 'injured';
      const nxt = words[i + 1];
      if (nxt && /^\d+$/.test(nxt.w)) out.push(q(what, 'unspecified', Number(nxt.w), text, cur, words[i + 2] ?? nxt));
      else if (nxt && NUMBER_WORDS[nxt.w] !== undefined) out.push(q(what, 'unspecified', NUMBER_WORDS[nxt.w]!, text, cur, words[i + 2] ?? nxt));
      else if (nxt && PERSON_DUAL.has(nxt.w) && nxt.w !== 'مدنيين') out.push(q(what, 'unspecified', 2, text, cur, nxt));
    }
  }
  for (const m of text.matchAll(ZERO)) {
    const noun = m[1]!;
    const what = noun === 'خسائر' ? 'casualties' : noun === 'ضحايا' ? 'casualties' : 'injured';
    // "دون خسائر" alone could be material losses; require بشرية or a people noun.
    if (noun === 'خسائر' && !m[2]) continue;
    const start = m.index ?? 0;
    out.push({ what, group: 'unspecified', value: 0, min: null, max: null, qualifier: 'exact', mention: m[0], span: { start, end: start + m[0].length }, confidence: 0.7 });
  }
  return out;
}
