/**
 * Whether two claims' event types can describe one incident. Reports of one incident often differ in
 * type (one outlet counts the rockets, another the interceptions), so only clearly different kinds of
 * attack are kept apart.
 */
import type { Claim, EventType } from '../domain/claim.ts';
import { singular } from './quantities.ts';

/** Score for matching: higher is stronger evidence; 'conflict' keeps the claims apart. */
export type TypeRelation = number | 'conflict';

const PROJECTILE = new Set<EventType>(['rocket_attack', 'missile_attack', 'drone_attack', 'interception_report']);
const GROUND = new Set<EventType>(['ied', 'small_arms']);
const OUTCOMES = new Set(['intercepted', 'intercepted_pct', 'lost_or_suppressed', 'impacted', 'failed']);

type Munition = 'rocket' | 'missile' | 'drone';

function munitionOf(word: string): Munition | 'mixed' | null {
  const w = singular(word);
  if (w === 'rocket') return 'rocket';
  if (w === 'drone' || w === 'uav') return 'drone';
  if (w.endsWith('missile')) return 'missile';
  if (w === 'mixed' || w === 'projectile') return 'mixed';
  return null;
}

/** Which munitions an interception tally is about; empty when it does not say. */
function interceptedMunitions(claim: Claim): Set<Munition | 'mixed'> {
  const found = new Set<Munition | 'mixed'>();
  for (const q of claim.quantities ?? []) {
    const m = OUTCOMES.has(singular(q.what)) ? munitionOf(q.group) : munitionOf(q.what);
    if (m) found.add(m);
  }
  return found;
}

function attackMunition(t: EventType): Munition | null {
  return t === 'rocket_attack' ? 'rocket' : t === 'missile_attack' ? 'missile' : t === 'drone_attack' ? 'drone' : null;
}

function interceptionFits(report: Claim, attack: Munition): boolean {
  const m = interceptedMunitions(report);
  if (m.size === 0 || m.has('mixed') || m.has(attack)) return true;
  // Missile and drone salvos are reported together ("drones and missiles").
  return attack !== 'rocket' && (m.has('missile') || m.has('drone'));
}

/** How well two claims' event types fit one incident. */
export function typeRelation(a: Claim, b: Claim): TypeRelation {
  const ta = a.event_type;
  const tb = b.event_type;
  // "other" (combined operations, weapon not named) fits anything, but says nothing.
  if (ta === 'other' && tb === 'other') return 0;
  if (ta === 'other' || tb === 'other') return 1;
  if (ta === tb) return 2;
  if (PROJECTILE.has(ta) && PROJECTILE.has(tb)) {
    if (ta === 'interception_report' || tb === 'interception_report') {
      const report = ta === 'interception_report' ? a : b;
      const attack = attackMunition(ta === 'interception_report' ? tb : ta)!;
      return interceptionFits(report, attack) ? 1 : -1;
    }
    const pair = new Set([ta, tb]);
    if (pair.has('missile_attack') && pair.has('drone_attack')) return 1;
    // Rockets reported as missiles or drones happen in early reports, but it is evidence against.
    return -1;
  }
  if (GROUND.has(ta) && GROUND.has(tb)) return 1;
  // Strikes are reported as missile or drone strikes; still weak.
  const pair = new Set([ta, tb]);
  if (pair.has('airstrike') && (pair.has('missile_attack') || pair.has('drone_attack'))) return -1;
  return 'conflict';
}
