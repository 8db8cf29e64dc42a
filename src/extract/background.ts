/**
 * Background clauses: parts of a post that recall another, earlier event ("in retaliation for Israeli strikes
 * that killed three of its fighters a day earlier", "an outpost where three soldiers were killed in January").
 * Counts inside them are not counts of the post's incident (eval/README.md: "counts that describe a different
 * (background) event" are not annotated).
 */
import type { Token } from './tokens.ts';

export type CharRange = readonly [number, number];

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?|Aug\\.?|Apr\\.?';
const MONTH_NUMBER: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** A clause that answers another event: everything after the cue, to the end of the sentence. */
const RETALIATION = /\b(?:in\s+(?:retaliation|revenge|response)\s+(?:for|to)|to\s+avenge|retaliating\s+for|avenging)\b/gi;

/** Relative clauses and appositions that can carry another event ("where ...", "which killed ..."). */
const RELATIVE = /\b(?:where|when|in\s+which|which|that|who)\b/gi;

const REPORTING_BEFORE = /\b(?:said|says|say|reported|reports|added|adds|announced|confirmed|stated|noted|claimed|told\s+\w+)\s*$/i;

/** Times that put a clause before the post's incident. Months and years are checked against the post date. */
const DISTANT = new RegExp(
  String.raw`\b(?:last\s+(?:year|month|week|summer|winter|spring|autumn|fall)|(?:a|one|two|three|several|many|\d+)\s+(?:years?|months?|weeks?)\s+(?:ago|earlier|before)|(?:a|one|two|three|several|\d+)\s+days?\s+(?:earlier|before|ago)|earlier\s+this\s+(?:year|month)|the\s+previous\s+(?:day|week|month|year)|(?:in|since|on)\s+(${MONTHS})(?:\s+\d{1,2})?(?:,?\s+(\d{4}))?|(?:in|since)\s+(\d{4}))\b`,
  'gi',
);

/** A sentence after the lede that opens on an earlier time ("Last month, ...", "In January, ..."). */
const DISTANT_OPENING = new RegExp(
  String.raw`^\s*(?:separately|last\s+(?:year|month|week)|(?:a|one|two|three|several|\d+)\s+(?:years?|months?|weeks?)\s+ago|earlier\s+this\s+(?:year|month)|previously|in\s+a\s+(?:previous|similar|separate|earlier)\s+\w+|in\s+(${MONTHS})(?:\s+(\d{4}))?|in\s+(\d{4}))\b`,
  'i',
);

/** A war's overall toll, not the incident's: "The war has killed ...", "... killed since the war began". */
const WAR_TOLL =
  /\b(?:the|this|its|[A-Z][a-z]+['’]s)\s+(?:(?:civil|ongoing|\d+-\w+)\s+)?(?:war|conflict|fighting|insurgency)\s+(?:has|have|had|which\s+has)\s+(?:so\s+far\s+|now\s+|already\s+)?(?:killed|left|claimed|displaced)\b|\bsince\s+the\s+(?:war|conflict|invasion|fighting|insurgency)\s+(?:began|started|erupted|broke\s+out)\b|\bsince\s+the\s+(?:start|beginning|outbreak)\s+of\s+the\s+(?:war|conflict|invasion|fighting)\b/i;

interface PostDate {
  y: number;
  m: number;
}

function postDate(postedAt: string | undefined): PostDate | null {
  const m = /^(\d{4})-(\d{2})/.exec(postedAt ?? '');
  return m ? { y: +m[1]!, m: +m[2]! } : null;
}

/** Whether a matched month/year lies before the post's month (an unknown post date never makes it distant). */
function before(post: PostDate | null, month: string | undefined, year: string | undefined, yearOnly: string | undefined): boolean {
  if (yearOnly) return !!post && +yearOnly < post.y;
  if (!month) return true; // "last year", "a day earlier"
  if (!post) return false;
  const mm = MONTH_NUMBER[month.slice(0, 3).toLowerCase()] ?? 0;
  const yy = year ? +year : mm > post.m ? post.y - 1 : post.y;
  return yy < post.y || (yy === post.y && mm < post.m);
}

function distantIn(text: string, post: PostDate | null): boolean {
  DISTANT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DISTANT.exec(text))) if (before(post, m[1], m[2], m[3])) return true;
  return false;
}

/** Character ranges of `text` that recall an earlier event; counts starting inside them are background. */
export function backgroundRanges(text: string, toks: readonly Token[], postedAt: string | undefined): CharRange[] {
  if (!toks.length) return [];
  const post = postDate(postedAt);
  const out: CharRange[] = [];
  // Sentence extents from the tokenizer's sentence numbers.
  const sentences: [number, number][] = [];
  for (const t of toks) {
    const last = sentences[t.sent];
    if (last) last[1] = t.end;
    else sentences[t.sent] = [t.start, t.end];
  }
  sentences.forEach((range, idx) => {
    if (!range) return;
    const [s, e] = range;
    const sentence = text.slice(s, e);
    if (idx > 0 && WAR_TOLL.test(sentence)) {
      out.push([s, e]);
      return;
    }
    if (idx > 0) {
      const open = DISTANT_OPENING.exec(sentence);
      if (open && (open[0].match(/previous|similar|separate|earlier|last|ago|previously/i) || before(post, open[1], open[2], open[3]))) {
        out.push([s, e]);
        return;
      }
    }
    RETALIATION.lastIndex = 0;
    const r = RETALIATION.exec(sentence);
    if (r) out.push([s + r.index, e]);
    RELATIVE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = RELATIVE.exec(sentence))) {
      const from = m.index;
      // "said that ..." introduces the statement itself, not a clause about something else.
      if (/^that$/i.test(m[0]) && REPORTING_BEFORE.test(sentence.slice(Math.max(0, from - 30), from))) continue;
      // The clause runs to the next comma, semicolon or the end of the sentence; a time just before the
      // pronoun ("in January, when ...") belongs to it too.
      const stop = /[,;]/.exec(sentence.slice(from));
      const to = stop ? from + stop.index : sentence.length;
      const clause = sentence.slice(Math.max(0, from - 24), to);
      if (distantIn(clause, post)) {
        out.push([s + from, s + to]);
        break;
      }
    }
  });
  return out;
}

/** Whether offset `at` lies in one of `ranges`. */
export function inRanges(ranges: readonly CharRange[], at: number): boolean {
  for (const [a, b] of ranges) if (at >= a && at < b) return true;
  return false;
}
