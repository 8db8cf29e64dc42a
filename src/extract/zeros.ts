/**
 * Zero counts from negations: "no casualties", "no one was hurt", "no injuries were reported", "no rockets were
 * fired", "did not land", and hedged zeros ("no immediate reports of casualties"). Statements that leave room for
 * losses ("no significant losses", "no serious injuries") and damage-only statements ("no damage") are not zeros.
 */
import type { Quantity } from '../domain/claim.ts';

const PEOPLE_NOUN: Record<string, string> = {
  casualties: 'casualties', casualty: 'casualties', causalities: 'casualties', victims: 'casualties',
  'loss of life': 'killed', 'human losses': 'casualties', 'human loss': 'casualties', injuries: 'injured',
  injury: 'injured', injured: 'injured', wounded: 'injured', deaths: 'killed', death: 'killed', fatalities: 'killed',
  dead: 'killed', 'personnel losses': 'casualties',
};
const PERSON_VERB: Record<string, string> = {
  killed: 'killed', died: 'killed', dead: 'killed', injured: 'injured', wounded: 'injured', hurt: 'casualties',
  harmed: 'casualties', 'killed or injured': 'casualties', 'killed or wounded': 'casualties',
  'injured or killed': 'casualties', 'wounded or killed': 'casualties', 'hurt or killed': 'casualties',
  'killed or hurt': 'casualties',
};
const MUNITION_NOUN: Record<string, string> = {
  rocket: 'rocket', rockets: 'rocket', missile: 'missile', missiles: 'missile', drone: 'drone', drones: 'drone',
  uav: 'drone', uavs: 'drone', projectile: 'projectile', projectiles: 'projectile', explosion: 'explosion',
  explosions: 'explosion', mortars: 'projectile', shells: 'projectile', blasts: 'explosion',
};

const GROUP_WORDS = '(?:u\\.s\\.|us|american|coalition|civilian|military|iraqi|israeli|idf|personnel|troops|human|other|further|additional|new|known|confirmed|immediate|initial|reported)';
const GROUP_OF = (w: string): string => {
  const l = w.toLowerCase();
  if (/(?:^|\s)(?:u\.s\.|us|american|coalition|military|idf|troops|personnel|soldiers)(?=\s|$)/.test(l)) return 'military';
  if (/(?:^|\s)civilians?(?=\s|$)/.test(l)) return 'civilian';
  return 'unspecified';
};

// "no casualties", "no reported casualties", "no immediate reports of casualties", "no U.S. injuries", "zero deaths"
const NO_NOUN = new RegExp(
  String.raw`\b(?:no|zero|without(?:\s+any)?)\s+(?:(?:material\s+)?damage\s+(?:or|and)\s+)?((?:${GROUP_WORDS}\s+)*)(?:(?:reports?|word|indication|sign)\s+of\s+(?:any\s+)?((?:${GROUP_WORDS}\s+)*))?(casualties|casualty|causalities|victims|loss\s+of\s+life|human\s+(?:or\s+material\s+|and\s+material\s+)?loss(?:es)?|personnel\s+losses|injuries|injury|injured|wounded|deaths|death|fatalities|dead)\b`,
  'gi',
);
// Any modifier of the people noun ("no RS personnel", "no Resolute Support troops"), but not a conjunction or a number.
const ANY_MODIFIER = String.raw`(?!(?:and|or|but|than|\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b)[\w.'’-]+`;
// "no one was hurt", "nobody was killed", "none of the soldiers were injured", "no U.S. personnel were injured"
const NO_ONE = new RegExp(
  String.raw`\b(no\s*one|nobody|none(?:\s+of\s+(?:the|them|our)(?:\s+[\w.]+){0,3}(?:\s+(?:at|in|on|inside|aboard)\s+the(?:\s+[\w.]+){1,2})?)?|no\s+(?:${GROUP_WORDS}\s+)*(?:${ANY_MODIFIER}\s+){0,3}?(?:personnel|troops|soldiers|service\s*members|servicemembers|civilians|people|contractors|crew\s*members|crew|sailors|staff|employees|workers|residents|children|passengers|israelis|palestinians|americans|iraqis|syrians|ukrainians|russians|lebanese|one\s+else))\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are|got)\s+(?:\w+ly\s+)?(?:(?:reported|believed|said\s+to\s+have\s+been)\s+)?(killed\s+or\s+(?:injured|wounded|hurt)|(?:injured|wounded|hurt)\s+or\s+killed|killed|died|dead|injured|wounded|hurt|harmed)\b`,
  'gi',
);
// "did not cause any casualties", "caused no injuries" is covered by NO_NOUN; "resulted in no deaths" likewise.
const DID_NOT = /\b(?:(?:did\s+not|didn't|does\s+not|has\s+not|have\s+not)\s+(?:cause|result\s+in|lead\s+to|inflict)|without\s+(?:causing|resulting\s+in|inflicting)|none\s+(?:of\s+(?:them|which)\s+)?(?:caused|resulted\s+in|inflicted))\s+(?:any\s+)?((?:u\.s\.|us|american|coalition|civilian|military|human)\s+)?(casualties|injuries|deaths|fatalities|loss\s+of\s+life|human\s+(?:or\s+material\s+|and\s+material\s+)?losses)\b/gi;
// "casualties were not (immediately) reported": no reports of casualties, a hedged zero.
const NOT_REPORTED = /\b(casualties|injuries|deaths|fatalities)\s+(?:were|have\s+been|had\s+been)\s+not\s+(?:immediately\s+)?reported\b/gi;
// "no rockets were fired", "no explosions occurred", "no drones hit"
const NO_MUNITION = /\bno\s+(?:(?:further|more|other|additional|new)\s+)?(rockets?|missiles?|drones?|uavs?|projectiles?|explosions?|mortars|shells|blasts)\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?(?:\w+ly\s+)?(fired|launched|occurred|reported|detected|heard|landed|hit|struck|impacted)\b/gi;
// "the rocket did not land on the base", "none of the rockets landed"
// "none struck a vessel", "none of them reached their targets": nothing got through.
const NONE_HIT = /\bnone(?:\s+of\s+(?:them|which|these|those|the\s+(rockets|missiles|drones|projectiles|uavs)))?\s+(?:(?:was|were|had|has|have)\s+)?(?:\w+ly\s+)?(struck|hit|landed|impacted|reached)\b/gi;
// "Neither drone reached the base", "neither of the missiles hit": of two, none got through.
const NEITHER_HIT = /\bneither(?:\s+of\s+(?:them|the))?(?:\s+(rockets?|missiles?|drones?|projectiles?|uavs?))?\s+(?:(?:was|were|had|has|have)\s+)?(?:\w+ly\s+)?(struck|hit|landed|impacted|reached)\b/gi;
const NOT_LAND = /\b(rockets?|missiles?|drones?|projectiles?|it|they|which)\s+(?:did\s+not|didn't|failed\s+to)\s+(land|hit|strike|impact)\b|\bnone\s+of\s+the\s+(rockets|missiles|drones|projectiles)\s+(?:\w+ly\s+)?(landed|hit|struck|impacted)\b/gi;

/** Words between "no" and the noun that leave room for losses: "no significant losses", "no serious injuries". */
const HEDGED = /\b(?:significant|notable|major|serious|substantial|considerable|heavy|large|great|big)\b/i;

function zero(what: string, group: string, mention: string, start: number, detail?: string): Quantity {
  const q: Quantity = {
    what,
    group,
    value: 0,
    min: null,
    max: null,
    qualifier: 'exact',
    mention,
    span: { start, end: start + mention.length },
    confidence: 0.8,
  };
  if (detail) q.detail = detail;
  return q;
}

/** Zero counts stated by negation in `text`. */
export function zeroQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(NO_NOUN)) {
    const groupWords = `${m[1] ?? ''} ${m[2] ?? ''}`;
    if (HEDGED.test(groupWords)) continue;
    const noun = m[3]!.toLowerCase().replace(/\s+/g, ' ');
    const what = /^human\b/.test(noun) ? 'casualties' : PEOPLE_NOUN[noun];
    if (!what) continue;
    // "no deaths" inside "no deaths or injuries": both are zero; the second noun is picked up below.
    out.push(zero(what, GROUP_OF(groupWords), m[0], m.index ?? 0, /\bimmediate\b/i.test(m[0]) ? 'hedged' : undefined));
    // "no casualties or injuries", "no injuries or deaths"
    const tail = /^\s+or\s+(injuries|deaths|fatalities|casualties)\b/i.exec(text.slice((m.index ?? 0) + m[0].length));
    if (tail) {
      const w2 = PEOPLE_NOUN[tail[1]!.toLowerCase()];
      const start = (m.index ?? 0) + m[0].length + tail[0].indexOf(tail[1]!);
      if (w2 && w2 !== what) out.push(zero(w2, GROUP_OF(groupWords), tail[1]!, start));
    }
  }
  for (const m of text.matchAll(NO_ONE)) {
    const verb = m[2]!.toLowerCase().replace(/\s+/g, ' ');
    const what = PERSON_VERB[verb];
    if (!what) continue;
    out.push(zero(what, GROUP_OF(m[1]!), m[0], m.index ?? 0));
  }
  for (const m of text.matchAll(DID_NOT)) {
    const noun = m[2]!.toLowerCase().replace(/\s+/g, ' ');
    const what = /^human\b/.test(noun) ? 'casualties' : PEOPLE_NOUN[noun];
    if (what) out.push(zero(what, GROUP_OF(m[1] ?? ''), m[0], m.index ?? 0));
  }
  for (const m of text.matchAll(NOT_REPORTED)) {
    const what = PEOPLE_NOUN[m[1]!.toLowerCase()];
    if (what) out.push(zero(what, 'unspecified', m[0], m.index ?? 0, 'hedged'));
  }
  for (const m of text.matchAll(NO_MUNITION)) {
    const munition = MUNITION_NOUN[m[1]!.toLowerCase()];
    if (!munition) continue;
    const verb = m[2]!.toLowerCase();
    const impacted = verb === 'landed' || verb === 'hit' || verb === 'struck' || verb === 'impacted';
    out.push(impacted ? zero('impacted', munition, m[0], m.index ?? 0) : zero(munition, 'unspecified', m[0], m.index ?? 0));
  }
  for (const m of text.matchAll(NONE_HIT)) {
    // "none of the rockets landed" is read by NOT_LAND below.
    if (m[1]) continue;
    const group = munitionBefore(text, m.index ?? 0);
    if (group) out.push(zero('impacted', group, m[0], m.index ?? 0));
  }
  for (const m of text.matchAll(NEITHER_HIT)) {
    const group = MUNITION_NOUN[(m[1] ?? '').toLowerCase()] ?? munitionBefore(text, m.index ?? 0);
    if (group) out.push(zero('impacted', group, m[0], m.index ?? 0));
  }
  for (const m of text.matchAll(NOT_LAND)) {
    const noun = (m[1] ?? m[3] ?? '').toLowerCase();
    // "it/they/which did not land" counts only when a munition was named just before.
    const group = MUNITION_NOUN[noun] ?? munitionBefore(text, m.index ?? 0);
    if (group) out.push(zero('impacted', group, m[0], m.index ?? 0));
  }
  return out;
}

function munitionBefore(text: string, at: number): string | null {
  const before = text.slice(Math.max(0, at - 160), at).toLowerCase();
  let best: string | null = null;
  let bestAt = -1;
  for (const [w, what] of Object.entries(MUNITION_NOUN)) {
    const k = before.lastIndexOf(w);
    if (k > bestAt) {
      bestAt = k;
      best = what;
    }
  }
  // "three anti-ship ballistic missiles; none struck": the kind of missile.
  if (best === 'missile') {
    const kind = /\b(ballistic|cruise)\s+$/.exec(before.slice(Math.max(0, bestAt - 12), bestAt));
    if (kind) best = `${kind[1]}_missile`;
  }
  return best;
}
