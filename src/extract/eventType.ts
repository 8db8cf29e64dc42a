/**
 * Event type (eval/README.md vocabulary), judged from the text: which weapon the post is about, whether its
 * substance is an air-defence tally, plus how the ambiguous acronym IDF is read, hedges and corrections.
 */
import type { EventType, Quantity, Span } from '../domain/claim.ts';
import type { ExtractContext } from './context.ts';
import type { PreparedText } from './prepare.ts';

export interface EventReading {
  event_type: EventType;
  confidence: number;
  span?: Span;
  acronyms: Record<string, string>;
  hedges: string[];
  correction: boolean;
}

type Family = 'rocket' | 'missile' | 'drone' | 'airstrike' | 'ied' | 'small_arms';

const FAMILY_TYPE: Record<Family, EventType> = {
  rocket: 'rocket_attack',
  missile: 'missile_attack',
  drone: 'drone_attack',
  airstrike: 'airstrike',
  ied: 'ied',
  small_arms: 'small_arms',
};

const BARE_STRIKE = /(?<!(?:missile|rocket|drone|artillery|ballistic|cruise|hypersonic|retaliatory|general|labou?r|hunger)[\s-]+)\bstrikes?\b(?![\s-]+(?:drones?|uavs?|groups?|force|package))/gi;
const STRIKE_ON = /(?<!(?:missile|rocket|drone|artillery|ballistic|cruise)\s+)\bstrikes?\s+(?:against|on)\b/gi;
const UKRAINE_CONTEXT = /\bUkrain|\bRussia|\bKyiv|\bKharkiv|\bOdesa|\bDnipro|\bZaporizh|\bKherson|\boblast\b|\bBelgorod|\bKursk/i;
// A combined operation (raid, incursion) is "other" unless a counted weapon says otherwise.
const OPERATION = /\b(?:operation|(?<!air\s)raid|incursion|offensive|clashes)\b/i;
const MUNITION_COUNTS = new Set(['rocket', 'missile', 'ballistic_missile', 'cruise_missile', 'drone', 'projectile', 'ied', 'air_strike', 'intercepted', 'impacted']);

const PROJECTILES_CUE = /\bprojectiles?\b/gi;
const SMALL_ARMS_STRONG = /\bshootings?\b|\bgunfire\b|\bgunm[ae]n\b|\b(?:opened|opening|open)\s+fire\b|\bsmall[\s-]+arms\b|\bsnipers?\b|\bshot\s+dead\b|\bfirearms?\b|\bautomatic\s+weapons?\b|\brifles?\b|إطلاق\s+نار|اطلاق\s+نار/gi;
// A bombing followed by gunmen storming in is a combined (complex) attack: "other".
const STORMED = /\bstorm(?:ed|ing)\b|\bover(?:ran|run|running)\b/i;

/** Weapon cues with weights; a weak cue (a bare "strike", shelling) only decides when nothing stronger is named. */
const CUES: [Family, RegExp, number][] = [
  ['rocket', /\brockets?\b(?!\s+(?:launchers?|artillery))|\bkatyushas?\b|\bindirect[\s-]+fire\b|\bmortars?\b|\bqassams?\b|\bgrad\s+rockets?\b|صاروخ|صواريخ|كاتيوشا|قذائف|قذيفة|هاون/gi, 1],
  ['rocket', PROJECTILES_CUE, 0.6],
  // Shelling is indirect fire too, but weaker evidence than a named rocket or mortar.
  ['rocket', /\bshell(?:ing|ed)\b|\bartillery\s+(?:fire|shells?|strikes?)\b/gi, 0.7],
  ['missile', /\b(?:ballistic|cruise)\s+missiles?\b|\b(?:ballistic|cruise|hypersonic)\b|(?<!(?:interceptor|anti-aircraft|surface-to-air|air[\s-]+defen[cs]e|patriot|anti-missile)\s+)\bmissiles?\b(?!\s+(?:defen[cs]e|system|batter(?:y|ies)|interceptors?|shield|alert|sirens?))|\b(?:iskanders?|kinzhals?|kalibrs?|kh-\d+\w*|tomahawks?|s-300s?)\b|ракет/gi, 1],
  // The Russian defence ministry's "long-range precision(-guided) weapons" are missiles.
  ['missile', /\b(?:long-range|high-precision)\s+(?:(?:high-)?precision(?:-guided)?\s+|long-range\s+|air-launched\s+|sea-based\s+|ground-based\s+){0,2}weapons?\b/gi, 1],
  ['drone', /\bdrones?\b|\buavs?\b|\buas\b|\bunmanned\s+aerial\b|\bshaheds?\b|\bgerans?\b|\bone-way\s+attack\b|\bloitering\s+munitions?\b|\bquadcopters?\b|\bkamikaze\b|\blancets?\b|مسيرة|مسيّرة|مسيرات|مسيّرات|бпла|дрон|шахед|безпілотн|беспилотн/gi, 1],
  ['airstrike', /\bair\s*strikes?\b|\bair\s+raids?\b|\bwarplanes?\b|\bfighter\s+jets?\b|\bjets\b|\b(?:military|fighter|israeli|russian|syrian|coalition)\s+aircraft\b|\bbombing\s+raids?\b|\b(?:us|u\.s\.|american|coalition|israeli|british|precision)\s+(?:air\s+)?strikes?\b|\bconducted\s+(?:\w+\s+)?strikes?\b|غارة|غارات/gi, 1.2],
  // Bombs dropped from aircraft: glide bombs, guided aerial bombs, KAB/FAB, barrel bombs.
  ['airstrike', /\b(?:glide|guided|aerial|air-dropped|barrel|gliding|cluster)\s+(?:aerial\s+)?bombs?\b|\b(?:KAB|FAB|UMPK)(?:-\d+\w*)?s?\b|\baerial\s+bombing\b|\bbombed\b|\bdropped\s+(?:\w+\s+){0,2}bombs?\b/gi, 1.2],
  // Bombers, and a state's forces or aircraft striking counted targets: "aircraft including B-1 bombers hit more than
  // 85 targets", "U.S. and British forces struck Houthi targets".
  ['airstrike', /(?<!suicide\s)\bbombers\b|\bB-(?:1B?|2|52)\b|\b(?:forces|aircraft|warplanes|jets|military)\s+(?:\w+\s+){0,4}?(?:struck|hit|bombed|pounded)\s+(?:more\s+than\s+|over\s+|about\s+|around\s+|some\s+)?(?:[\w'’-]+\s+){0,3}?targets\b/gi, 1.2],
  // A bare "strike" with no weapon named: in these feeds most often from the air (not read in Ukraine reports).
  // A state's raids on sites are air raids: "the overnight U.S. raids on sites in Deir al-Zor" (ground raids are told
  // with troops or forces, not with the state's name alone).
  ['airstrike', /\b(?:U\.S\.|US|American|Israeli|British|Russian|coalition)\s+raids\s+(?:on|against)\b/gi, 1.2],
  // Precision-guided munitions (JDAMs, guided bombs) are what aircraft drop on counted targets.
  ['airstrike', /\bprecision[\s-]+guided\s+(?:munitions|bombs)\b|\bPGMs\b|\bJDAMs?\b/gi, 1.2],
  ['airstrike', BARE_STRIKE, 0.6],
  ['airstrike', STRIKE_ON, 1.2],
  ['ied', /\bieds?\b|\bvbieds?\b|\broadside\s+bombs?\b|\bexplosive\s+devices?\b|\bcar\s+bombs?\b|\bsuicide\s+(?:bomb(?:ings?|ers?|s)?|attacks?|vests?|belts?)\b|(?<!(?:aerial|air)\s+)\bbombings?\b(?!\s+raids?)|\bexplosives?-laden\s+(?:car|vehicle|truck|van|motorcycle|motorbike|lorry)s?\b|\b(?:car|vehicle|truck|van|motorcycle|motorbike|lorry)s?\s+(?:packed|laden|loaded|rigged|filled|stuffed)\s+with\s+explosives\b|\bvehicle-borne\b|\bbooby-trapped\b|\blandmines?\b|عبوة|عبوات|تفجير/gi, 1.2],
  ['small_arms', SMALL_ARMS_STRONG, 1.2],
  ['small_arms', /\bexchanges?\s+of\s+fire\b|\bexchang(?:ed|ing)\s+fire\b|\bgun\s*battles?\b|\bgun\s*fights?\b|\bfire\s*fights?\b|\bshoot-?outs?\b|تبادل\s+(?:لإطلاق|إطلاق|اطلاق)\s+النار/gi, 1.2],
  // An assault on a post or checkpoint with no weapon named is most often a gun attack.
  ['small_arms', /\bambush(?:ed|es)?\b|\b(?:attack(?:ed|s)?|assault(?:ed|s)?|raided|stormed)\s+(?:on\s+)?(?:a|an|the|their|two|three|several)\s+(?:[\w'’-]+\s+){0,3}?(?:check\s*-?\s*posts?|checkpoints?|posts?|outposts?|police\s+stations?|pickets?)\b/gi, 0.8],
];

// Rockets and drones launched together ("210 rockets and around 20 drones", "rockets at the base, followed by a
// number of drones") name no single weapon: a combined salvo is "other". Two separate attacks joined by "while" are not.
const ROCKET_WORD = String.raw`(?:rockets?|katyushas?|mortars?)`;
const DRONE_WORD = String.raw`(?:drones?|uavs?)`;
const JOINED = String.raw`(?:(?!\b(?:while|whereas|after|before|since|missiles?)\b)[^.;]){0,100}?\b(?:and|followed\s+by|as\s+well\s+as|along\s+with|plus)\b(?:(?!\b(?:while|whereas|after|before|since|missiles?)\b)[^.;]){0,60}?`;
const ROCKETS_AND_DRONES = new RegExp(String.raw`\b${ROCKET_WORD}\b${JOINED}\b${DRONE_WORD}\b|\b${DRONE_WORD}\b${JOINED}\b${ROCKET_WORD}\b`, 'i');

const DIVERSION = /\b(rockets?|missiles?|drones?)\b(?:(?!\b(?:rockets?|missiles?|drones?|while|whereas)\b)[^.,;]){0,80}?\bto\s+(?:occupy|distract|divert|exhaust|overwhelm|saturate|preoccupy|tie\s+up)\s+(?:the\s+)?(?:[\w'’]+\s+){0,2}?air[\s-]+defen[cs]es?\b/i;

/** Explosions and blasts say something happened, not with what: they decide only when no weapon is named. */
const EXPLOSION = /\bexplosions?\b|\bblasts?\b/i;
// Explosions heard while air defence works are interceptions or aerial strikes, not bombings.
const AIR_DEFENCE = /\bair[\s-]+defen[cs]es?\b|\bdebris\b|\bair[\s-]+raid\s+(?:alert|sirens?|warning)\b|\bintercept/i;
const MARITIME = /\b(?:vessel|ship|tanker|bulk\s+carrier|merchant|master|crew|UKMTO|nautical|NM)\b/i;

const FAMILY_OF_WHAT: Record<string, Family> = {
  rocket: 'rocket', projectile: 'rocket', missile: 'missile', ballistic_missile: 'missile', cruise_missile: 'missile',
  drone: 'drone', air_strike: 'airstrike', aircraft: 'airstrike', ied: 'ied',
};

const HEDGES = [
  /\binitial(?:ly)?\s+(?:reports?|inquiry|assessment|indications?|information|figures?)\b/gi,
  /\bpreliminary(?:\s+(?:reports?|information|findings|figures?|assessment))?\b/gi,
  /\bno\s+immediate\s+reports?\b/gi,
  /\bearly\s+reports?\b/gi,
  /\bappeared\s+to\b/gi,
  /\breportedly\b/gi,
  /\bunconfirmed\b|\bunverified\b/gi,
  /\bcould\s+not\s+(?:be\s+)?(?:independently\s+)?(?:confirmed|verified)\b/gi,
  /\b(?:might|may|could)\s+change\b|\bsubject\s+to\s+change\b/gi,
  /\bstill\s+being\s+(?:gathered|assessed|determined|investigated|verified)\b/gi,
  /\bunder\s+review\b/gi,
  /\bnot\s+immediately\s+(?:known|clear|available)\b/gi,
];
const CORRECTION = /\b(?:update|updated|correction|corrected|clarification)\s*[:\-–—]|\brose\s+(?:by\s+\w+\s+)?to\b|\b(?:has|had)\s+risen\s+to\b|\bupdated\s+(?:information|figures?|toll|numbers?|data)\b|\brevised\s+(?:figures?|toll|numbers?|count)\b|\bclimbed\s+to\b|\bincreased\s+to\b|\bcorrects?\s+(?:an\s+)?earlier\b/i;

// "Air defence systems worked over the district", "air defences were activated": the text is about air defence.
const AIR_DEFENCE_WORKED = /\bair[\s-]+defen[cs]es?(?:\s+(?:systems?|forces|units|means|crews))?\s+(?:(?:was|were|have\s+been|had\s+been)\s+)?(?:worked|working|operated|operating|activated|active|engaged\s+targets|went\s+into\s+action|repelled)\b|\bdefen[cs]e\s+systems?\s+(?:worked|operated)\b|عملت\s+الدفاعات|تصدت\s+الدفاعات/i;
// A drone or missile that entered a country's airspace and was brought down: a national air-defence report.
const AIRSPACE = /\b(?:entered|violated|penetrated|breached|infiltrated|crossed|intruded|strayed)\s+(?:[\w'’-]+\s+){0,5}?air\s*space\b|\bair\s*space\s+violations?\b|اخترق\S*\s+الأجواء|اخترق\S*\s+الاجواء/i;
// Generic "projectiles" name no weapon: a tally of them is an air-defence report.
const PROJECTILE_WORD = /\bprojectiles?\b/i;
// "air defence" or "aerial defense" (the IDF's Arrow), and "destroyed a drone ... with its Sea Viper air-defence system".
const INTERCEPT_TEXT = /\b(?:air|aerial)[\s-]+defen[cs]es?\b[^.]{0,120}\b(?:destroyed|shot\s+down|intercepted|downed|neutrali[sz]ed)\b|\b(?:destroyed|shot\s+down|intercepted|downed|neutrali[sz]ed)\b[^.]{0,120}\b(?:air|aerial)[\s-]+defen[cs]es?\b/i;
const AIR_FORCE_SOURCE = /air\s*force|kpszsu|пс\s*зсу|повітряні/i;

/** Reads "IDF" as indirect fire (coalition usage) or the Israel Defense Forces. */
function readIdf(text: string, ctx: ExtractContext): string | null {
  if (!/\bIDF\b/.test(text)) return null;
  let indirect = 0;
  let israel = 0;
  if (/\bIDF\s+(?:rockets?|rounds?|attacks?|impacts?|fire|mortars?)\b/i.test(text)) indirect += 3;
  if (/\b(?:\d+|several|multiple|two|three|four|five|six|seven|eight|nine|ten)\s+IDF\b/i.test(text)) indirect += 2;
  if (/indirect[\s-]+fire\s*\(IDF\)/i.test(text)) indirect += 3;
  if (/Israel(?:i)?\s+Defen[cs]e\s+Forces?/i.test(text)) israel += 3;
  if (/\bthe\s+IDF\b/i.test(text)) israel += 2;
  if (/\bIDF\s+(?:said|says|spokes\w*|soldiers?|troops|forces|aerial|air|aircraft|jets|fighter|chief|statement|reported|announced|confirmed|struck|strikes?|troops|units?|intelligence|identified|intercepted)\b/i.test(text)) israel += 2;
  if (/\b(?:Israel|Israeli|Gaza|Hezbollah|Hamas|Lebanon|West\s+Bank|Tel\s+Aviv|Jerusalem|Iron\s+Dome)\b/.test(text)) israel += 1;
  if (/\b(?:Coalition|CJTF|OIR|Iraq|Iraqi|Erbil|Baghdad|Taji|Asad|Syria)\b/.test(text)) indirect += 1;
  const src = `${ctx.source?.name ?? ''} ${ctx.source?.account ?? ''}`;
  if (/\bIDF\b|Israel/i.test(src)) israel += 2;
  if (/OIR|CJTF|Coalition|CENTCOM|Inherent\s+Resolve/i.test(src)) indirect += 2;
  if (indirect === 0 && israel === 0) return null;
  return indirect > israel ? 'indirect_fire' : 'israel_defense_forces';
}

interface Tally {
  /** Interceptions (of drones or missiles) that are counted with a number. */
  count: number;
  /** Sum of the exact (not derived, not vague) interception counts. */
  exact: number;
  isTally: boolean;
  /** Everything counted as launched was intercepted, nothing got through (one drone downed counts). */
  allDowned: boolean;
  span?: Span;
}

const OUTCOME_GROUPS_EXCLUDED = new Set(['rocket', 'projectile']);

/**
 * Whether the interceptions are the substance of the text (an air-defence tally: "shot down 52 of 54", "most
 * were shot down", "all were destroyed") rather than one outcome of an attack ("two drones targeted the base
 * and one was brought down"). Rocket salvos with interceptions stay rocket attacks.
 */
function interceptionTally(quantities: readonly Quantity[]): Tally {
  let exact = 0;
  let count = 0;
  let broad = false;
  let span: Span | undefined;
  let launched = 0;
  let impacted = false;
  for (const q of quantities) {
    if (OUTCOME_GROUPS_EXCLUDED.has(q.group)) continue;
    const n = q.value ?? q.min ?? q.max;
    if (q.what === 'intercepted' || q.what === 'intercepted_pct') {
      if (n === 0) continue;
      count++;
      span ??= q.span;
      if (q.what === 'intercepted_pct') broad = true;
      else if (q.qualifier === 'vague' || q.detail?.includes('derived')) broad = true;
      else exact += n ?? 0;
    } else if (q.what === 'impacted' && n !== 0) impacted = true;
    else if (['drone', 'missile', 'ballistic_missile', 'cruise_missile'].includes(q.what) && q.group === 'unspecified') launched += n ?? 0;
  }
  // Every one of several shot down, with nothing through, is a tally as well.
  const all = exact >= 2 && !impacted && (launched === 0 || exact >= launched);
  // Vague interceptions beside stated impacts ("four landed inside, several others were shot down") are one outcome of an attack.
  const allDowned = exact >= 1 && !impacted && (launched === 0 || exact >= launched);
  return { count, exact, isTally: count > 0 && (exact >= 3 || (broad && !impacted) || all), allDowned, ...(span ? { span } : {}) };
}

function isCasualty(q: Quantity): boolean {
  return (q.what === 'killed' || q.what === 'injured' || q.what === 'casualties') && (q.value === null ? q.qualifier !== 'exact' : q.value > 0 || (q.min ?? 0) > 0);
}

/** Classifies the post; quantities (already extracted) weigh in as evidence. Never throws. */
export function classifyEvent(p: PreparedText, ctx: ExtractContext, quantities: Quantity[]): EventReading {
  try {
    return classify(p.text, ctx, quantities);
  } catch {
    return { event_type: 'other', confidence: 0.1, acronyms: {}, hedges: [], correction: false };
  }
}

function classify(text: string, ctx: ExtractContext, quantities: Quantity[]): EventReading {
  const acronyms: Record<string, string> = {};
  const idf = readIdf(text, ctx);
  if (idf) acronyms.IDF = idf;

  const hedges: string[] = [];
  const hedgeAt: number[] = [];
  for (const re of HEDGES) {
    for (const m of text.matchAll(re)) {
      if (!hedges.some((h) => h.toLowerCase() === m[0].toLowerCase())) {
        hedges.push(m[0]);
        hedgeAt.push(m.index ?? 0);
      }
    }
  }
  const orderedHedges = hedges.map((h, k) => [h, hedgeAt[k]!] as const).sort((a, b) => a[1] - b[1]).map(([h]) => h);
  const correction = CORRECTION.test(text);
  const base = { acronyms, hedges: orderedHedges, correction };

  // Weapon evidence: cue words (earlier mentions weigh a little more) and counted munitions.
  const score: Record<Family, number> = { rocket: 0, missile: 0, drone: 0, airstrike: 0, ied: 0, small_arms: 0 };
  const first: Partial<Record<Family, Span>> = {};
  const len = Math.max(1, text.length);
  // In reports from the war in Ukraine a bare "strike" is as often a missile or a drone: no evidence there.
  const ukraine = UKRAINE_CONTEXT.test(text);
  // Whether a weapon is named other than by the generic word "projectiles".
  let named = false;
  for (const [fam, re, w] of CUES) {
    if (ukraine && (re === BARE_STRIKE || re === STRIKE_ON)) continue;
    for (const m of text.matchAll(re)) {
      if (re !== PROJECTILES_CUE) named = true;
      const at = m.index ?? 0;
      score[fam] += w * (1 + 0.3 * (1 - at / len));
      const span = { start: at, end: at + m[0].length };
      if (!first[fam] || first[fam]!.start > at) first[fam] = span;
    }
  }
  if (idf === 'indirect_fire') {
    score.rocket += 2;
    const at = text.search(/\bIDF\b/);
    if (!first.rocket || first.rocket.start > at) first.rocket = { start: at, end: at + 3 };
  }
  for (const q of quantities) {
    let fam = FAMILY_OF_WHAT[q.what] ?? FAMILY_OF_WHAT[q.group];
    // A projectile count is indirect fire only when it counts launches, shells or rounds; "drones and missiles"
    // is a missile salvo, and "three munitions" says nothing.
    if (q.what === 'projectile' || (q.group === 'projectile' && !FAMILY_OF_WHAT[q.what])) {
      // A tank shell is direct fire, not indirect.
      const first = /tank\s+(?:shell|round)/.test(q.mention.toLowerCase()) ? null : /missile|launch|mortar|shell|round|projectile|rocket|katyusha/.exec(q.mention.toLowerCase());
      fam = !first ? undefined : first[0] === 'missile' ? 'missile' : 'rocket';
    }
    if (!fam) continue;
    score[fam] += 1;
  }

  // Air-defence tallies: interceptions of drones or missiles are the substance, casualties are not. A large
  // national tally stays one when its debris hurt someone; a death, or injuries beside a small tally, make it an attack.
  const droneOrMissile = score.drone + score.missile > 0 && score.drone + score.missile >= score.rocket;
  const tally = interceptionTally(quantities);
  const killed = quantities.some((q) => isCasualty(q) && q.what === 'killed');
  const hurt = quantities.some(isCasualty);
  const impactedAny = quantities.some((q) => q.what === 'impacted' && (q.value ?? q.min ?? 1) > 0);
  const intercepts = quantities.some((q) => q.what === 'intercepted' && (q.value ?? q.min ?? 1) > 0);
  // "5 projectiles were identified ...; 4 of the 5 were intercepted": no weapon named, an air-defence count.
  if (!named && PROJECTILE_WORD.test(text) && intercepts && !hurt) {
    return { event_type: 'interception_report', confidence: 0.6, ...(tally.span ? { span: tally.span } : {}), ...base };
  }
  // "air defences downed a drone that entered the Kingdom's airspace": a country guarding its airspace.
  if (droneOrMissile && AIRSPACE.test(text) && (intercepts || INTERCEPT_TEXT.test(text)) && !impactedAny && !killed) {
    return { event_type: 'interception_report', confidence: 0.6, ...(tally.span ? { span: tally.span } : {}), ...base };
  }
  if (droneOrMissile && !killed && (!hurt || tally.exact >= 10)) {
    const airForceSource = AIR_FORCE_SOURCE.test(`${ctx.source?.name ?? ''} ${ctx.source?.account ?? ''}`);
    // An air force's own count of what was launched is its tally too ("the air force said Russia launched 30 drones").
    const airForceSays = airForceSource || /\bair\s+force\s+(?:said|says|reported)\b/i.test(text);
    const textOnly = tally.count === 0 && !hurt && !impactedAny && (INTERCEPT_TEXT.test(text) || AIR_DEFENCE_WORKED.test(text) || (airForceSays && /\b(?:launched|attacked|enemy)\b/i.test(text)));
    // "HMS Diamond destroyed a drone with its Sea Viper air-defence system": one interception, told as air defence.
    const defended = tally.allDowned && !hurt && INTERCEPT_TEXT.test(text);
    if (tally.isTally || textOnly || defended) {
      const span = tally.span;
      return { event_type: 'interception_report', confidence: tally.isTally ? 0.8 : 0.6, ...(span ? { span } : {}), ...base };
    }
  }

  // "dozens of rockets targeted Acre to occupy the enemy's air defences": a diversion, not the attack's weapon.
  const diversion = DIVERSION.exec(text);
  if (diversion) {
    const fam: Family = /^rocket/i.test(diversion[1]!) ? 'rocket' : /^drone/i.test(diversion[1]!) ? 'drone' : 'missile';
    if (Object.entries(score).some(([f, v]) => f !== fam && v > 0)) score[fam] *= 0.3;
  }
  // "17 ballistic missiles and rockets": a salvo with ballistic or cruise missiles in it is a missile attack.
  if (score.rocket > 0 && score.missile > 0 && quantities.some((q) => (q.what === 'projectile' || q.what === 'ballistic_missile' || q.what === 'cruise_missile') && /\b(?:ballistic|cruise)\s+missiles\b/i.test(q.mention))) score.rocket = 0;
  // A mixed missile-and-drone salvo is a missile attack.
  if (score.missile > 0 && score.drone > 0 && score.missile >= 0.5 * score.drone) score.drone = 0;
  // Rockets and drones in one salvo, both counted or launched, with no missile named: a combined attack.
  if (score.rocket >= 1 && score.drone > 0 && score.missile === 0 && quantities.some((q) => q.what === 'rocket') && ROCKETS_AND_DRONES.test(text)) {
    return { event_type: 'other', confidence: 0.5, ...base };
  }
  const ranked = (Object.keys(score) as Family[]).filter((f) => score[f] > 0).sort((a, b) => score[b] - score[a] || (first[a]?.start ?? 0) - (first[b]?.start ?? 0));
  const top = ranked[0];
  // A bombing with gunmen or gunfire (a car bomb, then gunmen storming the hotel) is a combined attack.
  SMALL_ARMS_STRONG.lastIndex = 0;
  if ((top === 'ied' || top === 'small_arms') && score.ied > 0 && (SMALL_ARMS_STRONG.test(text) || STORMED.test(text))) {
    return { event_type: 'other', confidence: 0.5, ...base };
  }
  // "a large-scale operation in Jenin, using drone strikes": a combined operation, unless a weapon is counted.
  const droneStrikesOnly = top === 'drone' && !/\b(?:drones?|uavs?)\b(?![\s-]+strikes?)/i.test(text);
  // An operation whose fighting is told as an exchange of fire is a gun battle.
  const gunBattle = top === 'small_arms' && /\bexchanges?\s+of\s+fire\b|\bexchang(?:ed|ing)\s+fire\b|\bgun\s*battles?\b|\bfire\s*fights?\b/i.test(text);
  if (top && !gunBattle && (top === 'airstrike' || top === 'small_arms' || droneStrikesOnly) && OPERATION.test(text) && !quantities.some((q) => MUNITION_COUNTS.has(q.what))) {
    return { event_type: 'other', confidence: 0.5, ...base };
  }
  if (top) {
    const margin = score[top] - (ranked[1] ? score[ranked[1]]! : 0);
    const confidence = Math.min(0.95, 0.55 + 0.15 * margin + 0.05 * Math.min(3, score[top]));
    const span = first[top];
    return { event_type: FAMILY_TYPE[top], confidence: +confidence.toFixed(2), ...(span ? { span } : {}), ...base };
  }

  // "Overnight, air defence systems worked over the district": no weapon named, the substance is air defence.
  if (AIR_DEFENCE_WORKED.test(text) && !hurt && !impactedAny) {
    return { event_type: 'interception_report', confidence: 0.45, ...base };
  }
  // Explosions with no weapon named: a bombing when people were hurt on land; at sea the weapon is unknown.
  const explosion = EXPLOSION.exec(text);
  if (explosion && !MARITIME.test(text) && !AIR_DEFENCE.test(text) && (quantities.some(isCasualty) || /\b(?:attack|bomber|suicide|convoy|patrol|checkpoint|roadside)\b/i.test(text))) {
    return { event_type: 'ied', confidence: 0.4, span: { start: explosion.index, end: explosion.index + explosion[0].length }, ...base };
  }

  // No weapon named. Houthi attacks on shipping are missile/drone salvos; an unspecified attack on a base
  // in these feeds is most often indirect fire. Both are weak priors.
  const houthi = /\bHouthis?\b/.exec(text);
  if (houthi && /\b(?:shipping|ships?|vessels?|tankers?|Red\s+Sea|Gulf\s+of\s+Aden)\b/i.test(text)) {
    return { event_type: 'missile_attack', confidence: 0.3, span: { start: houthi.index, end: houthi.index + houthi[0].length }, ...base };
  }
  const baseAttack = /\battack(?:ed|s)?\b[\s\S]{0,160}?\b(?:air\s*base|airbase|base|camp|airfield)\b|\b(?:air\s*base|airbase|base|camp)\b[\s\S]{0,60}?\battacked\b/i.exec(text);
  if (baseAttack && !/\b(?:complex\s+attack|raid|operation|ground)\b/i.test(text)) {
    return { event_type: 'rocket_attack', confidence: 0.3, span: { start: baseAttack.index, end: baseAttack.index + baseAttack[0].length }, ...base };
  }
  return { event_type: 'other', confidence: 0.4, ...base };
}
