/**
 * Counts in Ukrainian and Russian air-defence and casualty reports: a numeral (or a number word) before a
 * munition noun ("36 ударних БпЛА", "90 крилатих ракет"), the verb of its clause saying what happened
 * ("знищено", "перехвачены и уничтожены" = intercepted; "застосувавши" = launched), per-region parts after a
 * colon ("14 – над территорией ... области"), and people ("Загинули двоє людей", "щонайменше 8 поранено",
 * "серед них дитина"). Model names (Х-101, Shahed-136/131, С-300) are single tokens, so their digits never count.
 */
import type { Qualifier, Quantity } from '../domain/claim.ts';

const CYRILLIC = /[\u0400-\u04FF]/;
// A hyphen or slash inside a token keeps model names whole: "Х-47М2", "Shahed-136/131", "С-300".
const WORD = /[\p{L}\d'’ʼ]+(?:[-/][\p{L}\d'’ʼ]+)*/gu;

interface W {
  w: string;
  lower: string;
  start: number;
  end: number;
}

const NUMBER_WORDS: Record<string, number> = {
  один: 1, одна: 1, одного: 1, одну: 1, два: 2, дві: 2, две: 2, двоє: 2, двое: 2, двох: 2, двух: 2, три: 3, троє: 3,
  трое: 3, трьох: 3, трех: 3, трёх: 3, чотири: 4, четыре: 4, четверо: 4, чотирьох: 4, 'п’ять': 5, "п'ять": 5, пять: 5,
  'п’ятеро': 5, "п'ятеро": 5, пятеро: 5, шість: 6, шесть: 6, шестеро: 6, сім: 7, семь: 7, семеро: 7, вісім: 8,
  восемь: 8, 'дев’ять': 9, "дев'ять": 9, девять: 9, десять: 10,
};
const AT_LEAST = new Set(['щонайменше', 'щонайменш', 'минимум', 'мінімум']);
const MORE_THAN = new Set(['понад', 'більше', 'свыше', 'более', 'больше']);
const APPROX = new Set(['близько', 'майже', 'около', 'почти', 'приблизно', 'примерно', 'порядка']);
const MONTHS = /^(?:січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)$/;
const YEAR_WORDS = /^(?:року|рік|роки|года|год|г|рр)$/;

// Outcome verbs (participles and past forms) of air defence: shot down, destroyed, intercepted.
const INTERCEPT = /^(?:збит[оаиі]?|збил[иа]?|знищен[оаиі]?|знищил[иа]?|перехоплен[оаиі]?|перехопил[иа]?|сбит[оаыи]?|сбил[иа]?|уничтожен[оаыи]?|уничтожил[иа]?|перехвачен[оаыи]?|перехватил[иа]?|подавлен[оаыи]?|приземлен[оаыи]?)$/;
const LAUNCH = /^(?:застосувавши|застосував|застосувала|запустив|запустила|запустили|випустив|випустила|випустили|атакував|атакувала|атакували|применив|применил|запустил|выпустил|атаковал[аи]?|використавши|використав)$/;
const KILLED = /^(?:загинул[иа]?|загинув|загиблих|загибли|вбит[оаиі]?|убит[оаыи]?|погиб(?:л[иа])?|погибших|загинуло)$/;
const INJURED = /^(?:поранен[оаиі]?|поранених|поранені|ранен[оаыи]?|раненых|травмован[оаиі]?|постраждал[иа]?|постраждалих|пострадал[иа]?|пострадавших|госпіталізован[оаиі]?)$/;

const PEOPLE = /^(?:людей|людини|людина|осіб|особи|особа|человек|человека|мирних|мирных|жителів|жителей|цивільних|мирян|дітей|детей|військових|военных|військовослужбовців|военнослужащих|жінок|женщин)$/;
const CIVILIAN_SINGULAR: Record<string, string> = { дитина: 'child', ребенок: 'child', ребёнок: 'child', жінка: 'woman', женщина: 'woman', підліток: 'teenager', подросток: 'teenager' };
const CIVILIAN_PLURAL = /^(?:дітей|діти|детей|дети|жінок|женщин|підлітків|подростков)$/;

const DRONE_NOUN = /^(?:бпла|бплa|бплa|дрон(?:ів|и|ами|а|ов)?|шахед(?:ів|и|ов|а)?|безпілотник(?:ів|и|а)?|беспилотник(?:ов|и|а)?|uav|герань|гераней)$/i;
const AIRCRAFT_NOUN = /^(?:апарат(?:ів|и|а)?|аппарат(?:ов|а|ы)?)$/;
const UNMANNED_ADJ = /^(?:безпілотн\p{L}*|беспилотн\p{L}*)$/u;
const MISSILE_NOUN = /^(?:ракет[аиу]?|ракети)$/;
const TARGET_NOUN = /^(?:цілей|цілі|целей|цели)$/;
const MEANS_NOUN = /^(?:засобів|засоби|средств|средства)$/;
const AIR_ADJ = /^(?:повітрян\p{L}*|воздушн\p{L}*)$/u;
const CRUISE_ADJ = /^(?:крилат\p{L}*|крылат\p{L}*|протикорабельн\p{L}*|противокорабельн\p{L}*)$/u;
const BALLISTIC_ADJ = /^(?:балістичн\p{L}*|баллистическ\p{L}*|аеробалістичн\p{L}*|аэробаллистическ\p{L}*)$/u;
const SUBSET_LEAD = /^(?:серед|среди|з|из|в|у)$/;
const SUBSET_THEM = /^(?:них|яких|которых|тому|том)$/;

type Cat = { kind: 'munition'; what: string } | { kind: 'target' } | { kind: 'person'; group: string } | null;

/** What the noun phrase starting at word k (within 4 words) counts, and the index of its last word. */
function nounAt(ws: readonly W[], k: number, text: string): { cat: Cat; last: number } | null {
  let adjCruise = false;
  let adjBallistic = false;
  let adjAir = false;
  let adjUnmanned = false;
  for (let j = k; j < Math.min(ws.length, k + 4); j++) {
    if (j > k && /[.!?;:,–—()]/.test(text.slice(ws[j - 1]!.end, ws[j]!.start))) return null;
    const w = ws[j]!.lower;
    if (/^\d/.test(w)) return null;
    if (DRONE_NOUN.test(w)) return { cat: { kind: 'munition', what: 'drone' }, last: j };
    if (AIRCRAFT_NOUN.test(w) && adjUnmanned) return { cat: { kind: 'munition', what: 'drone' }, last: j };
    if (MISSILE_NOUN.test(w)) {
      const what = adjBallistic ? 'ballistic_missile' : adjCruise ? 'cruise_missile' : 'missile';
      return { cat: { kind: 'munition', what }, last: j };
    }
    if (TARGET_NOUN.test(w) && adjAir) return { cat: { kind: 'target' }, last: j };
    if (MEANS_NOUN.test(w)) {
      // "засобів повітряного нападу": means of air attack, a mixed count.
      const nxt = ws[j + 1]?.lower ?? '';
      if (AIR_ADJ.test(nxt)) return { cat: { kind: 'munition', what: 'projectile' }, last: Math.min(ws.length - 1, j + 2) };
      return null;
    }
    if (PEOPLE.test(w)) return { cat: { kind: 'person', group: CIVILIAN_PLURAL.test(w) ? 'civilian' : /^(?:військових|военных|військовослужбовців|военнослужащих)$/.test(w) ? 'military' : 'unspecified' }, last: j };
    if (CIVILIAN_PLURAL.test(w)) return { cat: { kind: 'person', group: 'civilian' }, last: j };
    if (CRUISE_ADJ.test(w)) adjCruise = true;
    else if (BALLISTIC_ADJ.test(w)) adjBallistic = true;
    else if (AIR_ADJ.test(w)) adjAir = true;
    else if (UNMANNED_ADJ.test(w)) adjUnmanned = true;
    else if (!/(?:их|ых|іх|их|ого|ого|ої|ой|ий|ый|ні|ные|ним|ным|ими|ыми|ного|ної|типа|типу)$/.test(w)) return null;
  }
  return null;
}

type Kind = 'intercepted' | 'launch' | 'killed' | 'injured';

function verbKind(w: string): Kind | null {
  if (INTERCEPT.test(w)) return 'intercepted';
  if (LAUNCH.test(w)) return 'launch';
  if (KILLED.test(w)) return 'killed';
  if (INJURED.test(w)) return 'injured';
  return null;
}

function q(what: string, group: string, value: number, qualifier: Qualifier, text: string, a: W, b: W, detail?: string): Quantity {
  const bound = qualifier === 'at_least' || qualifier === 'more_than' ? { value: null, min: value, max: null } : { value, min: null, max: null };
  const out: Quantity = { what, group, ...bound, qualifier, mention: text.slice(a.start, b.end), span: { start: a.start, end: b.end }, confidence: 0.7 };
  if (detail) out.detail = detail;
  return out;
}

/** Counts written in Cyrillic. Returns [] for text without Cyrillic letters. */
export function cyrillicQuantities(text: string): Quantity[] {
  if (!CYRILLIC.test(text)) return [];
  const ws: W[] = [...text.matchAll(WORD)].map((m) => ({ w: m[0], lower: m[0].toLowerCase(), start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  const out: Quantity[] = [];
  const sentenceBreak = (a: number, b: number): boolean => /[.!?]/.test(text.slice(ws[a]!.end, ws[b]!.start));
  // The count a colon list or a per-region part belongs to: what it counts and what happened to it.
  let last = null as { group: string; kind: Kind | null } | null;
  let lastPerson: Kind | null = null;
  for (let i = 0; i < ws.length; i++) {
    const cur = ws[i]!;
    const isDigits = /^\d+$/.test(cur.w);
    const value = isDigits ? Number(cur.w) : NUMBER_WORDS[cur.lower];
    if (value === undefined) {
      // "серед них дитина": one child among the people counted just before.
      if (SUBSET_LEAD.test(cur.lower) && SUBSET_THEM.test(ws[i + 1]?.lower ?? '') && lastPerson) {
        const noun = ws[i + 2];
        if (noun && CIVILIAN_SINGULAR[noun.lower] && !sentenceBreak(i, i + 2)) out.push(q(lastPerson, 'civilian', 1, 'exact', text, cur, noun, `${CIVILIAN_SINGULAR[noun.lower]}; subset`));
      }
      continue;
    }
    const next = ws[i + 1];
    // Years and dates: "29 грудня", "2023 року".
    if (next && (MONTHS.test(next.lower) || YEAR_WORDS.test(next.lower))) continue;
    if (i > 0 && MONTHS.test(ws[i - 1]!.lower)) continue;
    let qualifier: Qualifier = 'exact';
    let first = cur;
    const prev = ws[i - 1];
    if (prev && !sentenceBreak(i - 1, i)) {
      if (AT_LEAST.has(prev.lower)) qualifier = 'at_least';
      else if (MORE_THAN.has(prev.lower)) qualifier = 'more_than';
      else if (APPROX.has(prev.lower)) qualifier = 'approximately';
      else if ((prev.lower === 'менше' || prev.lower === 'менее') && ['не'].includes(ws[i - 2]?.lower ?? '')) qualifier = 'at_least';
      if (qualifier !== 'exact') first = qualifier === 'at_least' && (prev.lower === 'менше' || prev.lower === 'менее') ? ws[i - 2]! : prev;
    }
    const noun = nounAt(ws, i + 1, text);
    // The verb right after the phrase ("8 поранено", "12 дронів збито") or the nearest one before it in the sentence.
    const after = noun ? noun.last + 1 : i + 1;
    let kind: Kind | null = null;
    let verb: W | null = null;
    if (ws[after] && !/[.!?;:,–—]/.test(text.slice(ws[after - 1]!.end, ws[after]!.start))) {
      kind = verbKind(ws[after]!.lower);
      if (kind) verb = ws[after]!;
    }
    if (!kind) {
      for (let k = i - 1; k >= 0 && !sentenceBreak(k, k + 1); k--) {
        const kk = verbKind(ws[k]!.lower);
        if (kk) {
          kind = kk;
          verb = ws[k]!;
          break;
        }
      }
    }
    const cat = noun?.cat ?? null;
    if (cat?.kind === 'munition' || cat?.kind === 'target') {
      const what = cat.kind === 'target' ? 'projectile' : cat.what;
      const end = ws[noun!.last]!;
      // A list after a colon takes the kind of the count before the colon.
      const colonPart: Kind | null = last && /:\s*$/.test(text.slice(0, first.start).slice(-6)) ? last.kind : null;
      const k: Kind | null = kind === 'intercepted' || kind === 'launch' ? kind : colonPart;
      if (k === 'intercepted') {
        const start = verb && verb.end <= first.start && i - ws.indexOf(verb) <= 2 ? verb : first;
        out.push(q('intercepted', cat.kind === 'target' ? 'mixed' : what, value, qualifier, text, start, end));
      } else out.push(q(what, 'unspecified', value, qualifier, text, first, end));
      last = { group: cat.kind === 'target' ? 'mixed' : what, kind: k };
      continue;
    }
    if (cat?.kind === 'person' || (!cat && (kind === 'killed' || kind === 'injured') && verb && Math.abs(ws.indexOf(verb) - i) <= 2)) {
      if (kind !== 'killed' && kind !== 'injured') continue;
      const end = cat ? ws[noun!.last]! : cur;
      const a = verb && verb.end <= first.start ? verb : first;
      const b = verb && verb.start > end.end ? verb : end;
      out.push(q(kind, cat?.kind === 'person' ? cat.group : 'unspecified', value, qualifier, text, a, b));
      lastPerson = kind;
      continue;
    }
    // "14 – над территорией Брянской области": a bare number after a dash or a place preposition is a part of the
    // count before it.
    if (!cat && isDigits && last && last.kind === 'intercepted') {
      const gap = text.slice(cur.end, next?.start ?? cur.end);
      if (/^\s*[–—-]\s*$/.test(gap) || /^(?:над|в|у|по)$/.test(next?.lower ?? '')) {
        let j = i + 1;
        while (j < ws.length && j < i + 6 && !/[,;.]/.test(text.slice(ws[j - 1]!.end, ws[j]!.start)) && !/^\d+$/.test(ws[j]!.w) && ws[j]!.lower !== 'і' && ws[j]!.lower !== 'и') j++;
        out.push(q('intercepted', last.group, value, 'exact', text, cur, ws[j - 1]!, 'per location'));
      }
    }
  }
  return out;
}
