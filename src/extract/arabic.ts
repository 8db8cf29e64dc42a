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
  { what: 'air_strike', singular: ['غارة', 'غاره', 'غارةً'], dual: ['غارتين', 'غارتان'], plural: ['غارات'] },
];

// People nouns after a numeral: "93 شهيداً" (93 martyrs = killed), "40 جريحاً" (40 wounded). The tanween alif and its
// mark vary in writing, so forms are compared with both stripped.
const PERSON_NOUNS: Record<string, 'killed' | 'injured'> = {
  شهيد: 'killed', شهداء: 'killed', قتيل: 'killed', قتلى: 'killed', جريح: 'injured', جرحى: 'injured', مصاب: 'injured', مصابين: 'injured',
};
const SITE_NOUNS = new Set(['قواعد', 'مواقع', 'أهداف', 'اهداف', 'مقرات', 'منشآت']);
const TARGET_VERBS = /^(?:و)?(?:استهدف|استهدفت|استهدفنا|قصف|قصفت|قصفنا|ضرب|ضربت|ضربنا|هاجم|هاجمت|هاجمنا)$/;
// A part of the people counted before: "بينهم 11 طفلاً و6 سيدات" (among them 11 children and 6 women).
const CIVILIAN_NOUNS = new Set(['طفل', 'أطفال', 'اطفال', 'سيدات', 'سيدة', 'نساء', 'امرأة', 'امراة', 'مسن', 'مسنين']);
const AMONG = new Set(['بينهم', 'منهم', 'بينهن', 'منهن']);
// "بعدد من المسيّرات" (with a number of drones), "عدة صواريخ" (several rockets): a vague count.
const VAGUE_BEFORE = new Set(['عدة', 'بعدة', 'وعدة']);

function bareNoun(w: string): string {
  return w.replace(/[\u064B-\u065F]/g, '').replace(/ا$/, '');
}

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

// Arabic punctuation (comma, semicolon, question mark, full stop) is in the Arabic block but ends a word.
const WORD = /(?:(?![\u060C\u061B\u061F\u06D4])[\u0600-\u06FF\u0750-\u077F])+|\d+/g;
// "ولم يسفر الحادث عن أي إصابات" (the incident did not result in any injuries) is a zero as well.
const ZERO = /(?:دون|بدون|ولا|لا|عدم|(?:ولم|لم)\s+(?:يسفر|تسفر|يؤد|تؤد)(?:\s+(?!عن|إلى|الى)\S+){0,2}\s+(?:عن|إلى|الى))\s+(?:(?:وقوع|تسجيل|أي|اي|أية|اية|حدوث)\s+)*(خسائر|إصابات|اصابات|ضحايا)(\s+بشرية)?(?!\s+(?:تذكر|كبيرة|جسيمة|مادية))/g;

const NO_LOSS_OF_LIFE = /(?:لم|دون|بدون|ولم)\s+(?:(?:تقع|يقع|تسجل|يسجل|تسجيل|وقوع|ترد|تسفر\s+عن)\s+)?(?:(?:أي|اي|أية|اية)\s+)?خسائر\s+(?:في|ب)\s*الأرواح/g;

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
  let lastPerson: 'killed' | 'injured' | null = null;
  for (let i = 0; i < words.length; i++) {
    const cur = words[i]!;
    const prev = words[i - 1];
    // "استهدف ... ثلاث قواعد" (targeted three bases): places aimed at, after a targeting verb in the sentence.
    if (SITE_NOUNS.has(stripPrefix(cur.w).at(-1)!) && prev && (/^\d+$/.test(prev.w) || NUMBER_WORDS[prev.w] !== undefined)) {
      let targeted = false;
      for (let k = i - 2; k >= 0 && !targeted && !/[.؛]/.test(text.slice(words[k]!.end, words[k + 1]!.start)); k--) targeted = TARGET_VERBS.test(words[k]!.w);
      if (targeted) {
        out.push(q('targeted_site', 'unspecified', /^\d+$/.test(prev.w) ? Number(prev.w) : NUMBER_WORDS[prev.w]!, text, prev, cur));
        continue;
      }
    }
    const personKind = PERSON_NOUNS[bareNoun(cur.w)];
    if (personKind && prev && /^\d+$/.test(prev.w)) {
      out.push(q(personKind, 'unspecified', Number(prev.w), text, prev, cur));
      lastPerson = personKind;
      continue;
    }
    if (CIVILIAN_NOUNS.has(bareNoun(stripPrefix(cur.w).at(-1)!)) && lastPerson && prev && /^\d+$/.test(prev.w)) {
      // Only right after "بينهم" or another part of the list ("و6 سيدات").
      const lead = words.slice(Math.max(0, i - 6), i - 1).map((x) => x.w);
      if (lead.some((x) => AMONG.has(x)) && !/[.؛]/.test(text.slice(words[Math.max(0, i - 6)]!.end, prev.start))) {
        out.push(q(lastPerson, 'civilian', Number(prev.w), text, prev, cur, 'subset'));
        continue;
      }
    }
    // "طائرات مسيرة" (drones, literally "guided aircraft"): the plural noun counts; its adjective does not again.
    const planes = PLANES.has(stripPrefix(cur.w).at(-1)!) && !!words[i + 1] && DRONE_ADJECTIVES.has(words[i + 1]!.w);
    // "بعدد من المسيّرات" (with a number of the drones): a vague count of a definite plural.
    if (prev?.w === 'من' && ['عدد', 'بعدد', 'وعدد'].includes(words[i - 2]?.w ?? '') && cur.w.startsWith('ال')) {
      const vlx = lexemeOf(cur.w.slice(2));
      if (vlx?.form === 'plural') {
        const next = words[i + 1];
        const adj = next && /^ال\S+ية$/.test(next.w) && !/[،,.]/.test(text.slice(cur.end, next.start)) ? next : cur;
        out.push({ ...q(vlx.what, 'unspecified', 0, text, words[i - 2]!, adj), value: null, qualifier: 'vague' });
        lastMunition = vlx.what;
        continue;
      }
    }
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
      // "بعدد من المسيّرات", "عدة صواريخ": a number of them, not counted.
      const vague = lx.form === 'plural' && prev && (VAGUE_BEFORE.has(prev.w) || (prev.w === 'من' && ['عدد', 'بعدد', 'وعدد'].includes(words[i - 2]?.w ?? '')));
      if (value === null && vague) {
        const from = prev.w === 'من' ? words[i - 2]! : prev;
        const adj = words[i + 1] && /^ال\S+ية$/.test(words[i + 1]!.w) && !/[،,.]/.test(text.slice(cur.end, words[i + 1]!.start)) ? words[i + 1]! : cur;
        out.push({ ...q(lx.what, 'unspecified', 0, text, from, adj), value: null, qualifier: 'vague' });
        continue;
      }
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
      lastPerson = what;
      if (nxt && /^\d+$/.test(nxt.w)) out.push(q(what, 'unspecified', Number(nxt.w), text, cur, words[i + 2] ?? nxt));
      else if (nxt && NUMBER_WORDS[nxt.w] !== undefined) out.push(q(what, 'unspecified', NUMBER_WORDS[nxt.w]!, text, cur, words[i + 2] ?? nxt));
      else if (nxt && PERSON_DUAL.has(nxt.w) && nxt.w !== 'مدنيين') out.push(q(what, 'unspecified', 2, text, cur, nxt));
    }
  }
  // "لم تقع أي خسائر في الأرواح" (no loss of life occurred): no one was killed.
  for (const m of text.matchAll(NO_LOSS_OF_LIFE)) {
    const start = m.index ?? 0;
    out.push({ what: 'killed', group: 'unspecified', value: 0, min: null, max: null, qualifier: 'exact', mention: m[0], span: { start, end: start + m[0].length }, confidence: 0.7 });
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
