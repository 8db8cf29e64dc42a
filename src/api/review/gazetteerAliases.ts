/**
 * The one seam between reviewed place aliases (the store) and the gazetteer (src/extract/gazetteer).
 * The gazetteer registers a sink with `connectGazetteer`; the app loads approved aliases at start, after
 * each approval in this process, and periodically (for worker processes that did not see the approval).
 */
import type { Logger } from 'pino';
import { approvedAliases } from '../../store/placeAliases.ts';
import type { Db } from '../../store/schema.ts';

/** What the gazetteer receives: the whole approved set each time (replace, not append). */
export interface GazetteerAlias {
  alias: string;
  placeId: string | null;
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  kind: string;
}

export interface GazetteerAliasSink {
  applyAliases(aliases: readonly GazetteerAlias[]): void;
}

let sink: GazetteerAliasSink | undefined;
let current: readonly GazetteerAlias[] = [];
let signature = '';

/** Called by the gazetteer module; the aliases already loaded are handed over at once. */
export function connectGazetteer(s: GazetteerAliasSink | undefined): void {
  sink = s;
  sink?.applyAliases(current);
}

/** The approved aliases as last loaded (for readers that prefer to pull). */
export function loadedAliases(): readonly GazetteerAlias[] {
  return current;
}

/** Reads approved aliases and hands them to the gazetteer when the set changed. Returns how many. */
export async function syncGazetteerAliases(db: Db): Promise<number> {
  const rows = await approvedAliases(db);
  const next = rows.map((r) => ({ alias: r.alias, placeId: r.placeId, name: r.name, country: r.country, lat: r.lat, lon: r.lon, kind: r.kind }));
  const sig = JSON.stringify(next);
  if (sig !== signature) {
    signature = sig;
    current = next;
    sink?.applyAliases(current);
  }
  return next.length;
}

/** Loads now, then every `everyMs`; returns a stop function. Failures are logged, never thrown. */
export async function startAliasSync(db: Db, log: Logger, everyMs = 60_000): Promise<() => void> {
  try {
    const n = await syncGazetteerAliases(db);
    if (n) log.info({ aliases: n }, 'loaded reviewed place aliases into the gazetteer');
  } catch (e) {
    log.warn({ err: { message: (e as Error).message } }, 'could not load place aliases; the gazetteer runs without them');
  }
  const timer = setInterval(() => {
    syncGazetteerAliases(db).catch((e: unknown) => log.warn({ err: { message: (e as Error).message } }, 'place alias reload failed'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
