/** Shared by the hostile-input tests: invariants every claim must meet, and arbitraries of hostile text. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { claimSchema, type Claim, type Span } from '../../../src/domain/claim.ts';
import { prepareText } from '../../../src/extract/prepare.ts';

/** Realistic sentences written for these tests (invented incidents, real places). */
export const SENTENCES = [
  'Initial report: 6 rockets hit Al Asad Air Base at about 5:10 a.m. (Iraq time) on June 2. No injuries.',
  'At least three drones were shot down near Erbil airport late on Friday, officials said.',
  'Update: the death toll in Kharkiv has risen to 9; 27 people were injured overnight.',
  'The IDF said approximately 15 launches crossed from Lebanon toward Metula at 13:40.',
  'Houthi forces fired two anti-ship missiles into the Red Sea on 4 May; one struck a tanker.',
  'Between four and six Katyusha rockets landed inside the Green Zone in Baghdad shortly after midnight.',
  'A one-way attack drone targeted coalition forces at al-Tanf Garrison; there were no casualties.',
  'Overnight the enemy launched 93 Shahed drones and 4 Kh-101 cruise missiles; 71 drones were downed.',
  'As of 10:00, two civilians were killed and more than a dozen wounded in Odesa, the governor said Monday.',
  'Sirens sounded in Kiryat Shmona after some 20 rockets were fired from southern Lebanon.',
  'An IED struck a convoy on the road near Diwaniyah on Sunday evening, wounding one contractor.',
  'Syrian state media said Israeli jets hit the T4 airbase in Homs province at 11:45 p.m. on Tuesday.',
] as const;

/** Characters that must change nothing but offsets: zero-width and bidi controls, soft hyphen, BOM. */
export const INVISIBLES = [
  '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u061C', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
  '\u2060', '\u2066', '\u2067', '\u2068', '\u2069', '\uFEFF', '\u00AD',
];

const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u009C', '\t', '\r', '\n', '\u2028', '\u2029'];
const EMOJI = ['😀', '🚀', '💥', '🇮🇶', '👩🏽‍🚒', '1️⃣', '\uD83D', '\uDE00', '\uDBFF\uDFFF', '\uDFFF\uD800'];
const ENTITIES = [
  '&amp;', '&nbsp;', '&lt;b&gt;', '&quot;', '&#39;', '&#x27;', '&#8212;', '&#x1F680;', '&#128640;',
  '&#0;', '&#x0;', '&#xD800;', '&#55357;', '&#x110000;', '&#9999999;', '&#99999999;', '&#x;', '&#;', '&bogus;',
  '&amp', '&&&;', '&#x202E;', '&#8203;', '&#133;', '&AMP;', '&ampamp;',
];
const LONG_NUMBERS = ['9'.repeat(400), '1' + '0'.repeat(320), '1e309', '0.' + '0'.repeat(350) + '1', '-' + '9'.repeat(30), '12,345,678,901,234,567,890'];

/** ASCII digits rewritten as Arabic-Indic (U+0660..) or Persian (U+06F0..) digits. */
export function toEasternDigits(s: string, persian: boolean): string {
  const zero = persian ? 0x06f0 : 0x0660;
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(zero + Number(d)));
}

/** Any UTF-16 code unit, so lone surrogates and noncharacters show up. */
export const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** A hostile token to splice into text. */
export const hostileToken = fc.oneof(
  fc.constantFrom(...INVISIBLES),
  fc.constantFrom(...CONTROLS),
  fc.constantFrom(...EMOJI),
  fc.constantFrom(...ENTITIES),
  fc.constantFrom(...LONG_NUMBERS),
  fc.integer({ min: 0, max: 9999 }).map((n) => toEasternDigits(String(n), n % 2 === 0)),
  fc.string({ unit: anyUnit, maxLength: 6 }),
  fc.tuple(fc.constantFrom('rockets ', 'at least ', '10 ', 'killed ', '&amp; ', '\u200B'), fc.integer({ min: 2, max: 300 })).map(([t, n]) => t.repeat(n)),
);

/** Inserts each token at its position (a fraction of the text's length) into the text. */
export function splice(text: string, inserts: ReadonlyArray<readonly [number, string]>): string {
  const sorted = [...inserts].sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [at, token] of sorted) {
    const k = Math.floor(at * out.length);
    out = out.slice(0, k) + token + out.slice(k);
  }
  return out;
}

/** A realistic sentence with hostile tokens spliced in at random places. */
export const sentenceWithHostileTokens = fc
  .tuple(fc.constantFrom(...SENTENCES), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), hostileToken), { maxLength: 6 }))
  .map(([s, inserts]) => splice(s, inserts));

/** Post times: valid ISO stamps, dates only, and garbage. */
export const postedAt = fc.oneof(
  fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2025-02-11', '2025-02-11T04:10:00+03:00', '', 'yesterday', '2025-13-45T99:99:99Z', '0000-00-00', '275760-09-13T00:00:00Z'),
  fc.string({ maxLength: 12 }),
);

export const source = fc.option(
  fc.record({
    kind: fc.constantFrom('social', 'news', 'official_release', 'weird', ''),
    name: fc.string({ maxLength: 20 }),
    account: fc.string({ maxLength: 12 }),
  }),
  { nil: undefined },
);

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The mention of a span must be found in the span's source text once both are normalized the way
 * extraction normalizes (entities, invisibles, digits); `...` or `…` in a mention marks a gap.
 */
export function mentionCorresponds(original: string, span: Span, mention: string): boolean {
  const slice = collapse(prepareText(original.slice(span.start, span.end), Number.MAX_SAFE_INTEGER).text);
  const parts = collapse(prepareText(mention, Number.MAX_SAFE_INTEGER).text)
    .split(/\s*(?:\.\.\.|…)\s*/)
    .filter(Boolean);
  let from = 0;
  for (const part of parts) {
    const at = slice.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

function checkSpan(text: string, span: Span | undefined, mention: string | undefined, where: string): void {
  if (!span) return;
  expect(Number.isInteger(span.start) && Number.isInteger(span.end), `${where}: integer span`).toBe(true);
  expect(0 <= span.start && span.start <= span.end && span.end <= text.length, `${where}: span ${span.start}..${span.end} inside 0..${text.length}`).toBe(true);
  if (mention) expect(mentionCorresponds(text, span, mention), `${where}: mention ${JSON.stringify(mention)} vs ${JSON.stringify(text.slice(span.start, span.end))}`).toBe(true);
}

/** Every invariant of a claim extracted from `text`. */
export function expectSoundClaim(text: string, claim: Claim): void {
  const parsed = claimSchema.safeParse(claim);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  claim.quantities.forEach((q, i) => checkSpan(text, q.span, q.mention, `quantities[${i}]`));
  claim.locations.forEach((l, i) => checkSpan(text, l.span, l.mention, `locations[${i}]`));
  if (claim.event_time) checkSpan(text, claim.event_time.span, claim.event_time.mention, 'event_time');
  checkSpan(text, claim.event_type_span, undefined, 'event_type_span');
}

/** A claim without spans, with mentions normalized: what must not change when only offsets change. */
export function offsetFree(claim: Claim): unknown {
  const norm = (m: string): string => prepareText(m, Number.MAX_SAFE_INTEGER).text;
  return {
    ...claim,
    event_type_span: undefined,
    quantities: claim.quantities.map((q) => ({ ...q, span: undefined, mention: norm(q.mention) })),
    locations: claim.locations.map((l) => ({ ...l, span: undefined, mention: norm(l.mention) })),
    event_time: claim.event_time ? { ...claim.event_time, span: undefined, mention: norm(claim.event_time.mention) } : null,
  };
}
