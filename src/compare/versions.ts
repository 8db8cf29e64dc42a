/**
 * Versions of one source's figures within an incident: an initial report and its update, or an edited
 * post. Every version is kept; the newest figure of each count is current for that source, and the
 * changes between versions are listed ("killed 3 -> 7").
 */
import type { PreparedRecord } from './evidence.ts';
import { keyLabel, sameFigure, type Figure } from './quantities.ts';
import { compareRecordsByTime, postKey, sourceGroups } from './records.ts';

/** One count changed between two reports of the same source. */
export interface FigureChange {
  key: string;
  before: string;
  after: string;
  /** "killed 3 -> 7", "injured (contractor) 5 -> 8". */
  text: string;
}

/** The changes an update (or edit) made to one earlier report of the same source. */
export interface VersionChange {
  source: string;
  fromRecordId: string;
  fromPostId: string;
  toRecordId: string;
  toPostId: string;
  changes: FigureChange[];
}

export interface MemberVersion {
  recordId: string;
  /** Source group index (records of one source share it). */
  source: number;
  /** False once an edit replaced the post, or newer reports of the same source restated all its counts. */
  current: boolean;
  supersededBy: string | null;
}

/** A source's current figure for one count and the report it comes from. */
export interface CurrentFigure {
  figure: Figure;
  from: PreparedRecord;
}

export interface SourceState {
  index: number;
  label: string;
  /** Reports in publication order. */
  records: PreparedRecord[];
  /** Reports still current (not replaced by an edit, not wholly restated). */
  current: PreparedRecord[];
  /** Newest figure per count. */
  figures: Map<string, CurrentFigure>;
}

export interface VersionAnalysis {
  sources: SourceState[];
  members: MemberVersion[];
  changes: VersionChange[];
}

/** Splits an incident's members into sources and works out which of each source's figures are current. */
export function analyseVersions(members: readonly PreparedRecord[]): VersionAnalysis {
  const groups = sourceGroups(members.map((m) => m.record));
  // An edit of a post (same platform id, higher version) replaces it entirely.
  const editedBy = new Map<string, string>();
  const byPost = new Map<string, PreparedRecord[]>();
  for (const m of members) {
    const k = postKey(m.record);
    if (!k) continue;
    byPost.set(k, [...(byPost.get(k) ?? []), m]);
  }
  for (const list of byPost.values()) {
    const sorted = [...list].sort((x, y) => compareRecordsByTime(x.record, y.record));
    const newest = sorted[sorted.length - 1]!;
    for (const m of sorted) if (m !== newest) editedBy.set(m.record.id, newest.record.id);
  }

  const sources: SourceState[] = [];
  const versionOf = new Map<string, MemberVersion>();
  const changes: VersionChange[] = [];
  const count = Math.max(-1, ...groups) + 1;
  for (let g = 0; g < count; g++) {
    const records = members.filter((_, i) => groups[i] === g).sort((x, y) => compareRecordsByTime(x.record, y.record));
    const latest = new Map<string, CurrentFigure>();
    const pending = new Map<string, VersionChange>();
    for (const rec of records) {
      for (const f of rec.figures.values()) {
        const prev = latest.get(f.key);
        if (prev && prev.from !== rec && !sameFigure(prev.figure, f)) {
          const id = `${prev.from.record.id}\u0000${rec.record.id}`;
          let vc = pending.get(id);
          if (!vc) {
            vc = {
              source: label(rec),
              fromRecordId: prev.from.record.id,
              fromPostId: prev.from.record.postId,
              toRecordId: rec.record.id,
              toPostId: rec.record.postId,
              changes: [],
            };
            pending.set(id, vc);
          }
          vc.changes.push({ key: f.key, before: prev.figure.text, after: f.text, text: `${keyLabel(f.key)} ${prev.figure.text} -> ${f.text}` });
        }
        latest.set(f.key, { figure: f, from: rec });
      }
    }
    changes.push(...pending.values());
    const current: PreparedRecord[] = [];
    for (const rec of records) {
      let supersededBy = editedBy.get(rec.record.id) ?? null;
      if (!supersededBy && rec.figures.size > 0) {
        const owners = [...rec.figures.keys()].map((k) => latest.get(k)!.from);
        if (owners.every((o) => o !== rec)) {
          supersededBy = owners.sort((x, y) => compareRecordsByTime(x.record, y.record))[owners.length - 1]!.record.id;
        }
      }
      versionOf.set(rec.record.id, { recordId: rec.record.id, source: g, current: supersededBy === null, supersededBy });
      if (supersededBy === null) current.push(rec);
    }
    // Figures of an edited-away version are not current even if the edit dropped them.
    for (const [k, cf] of latest) if (editedBy.has(cf.from.record.id)) latest.delete(k);
    sources.push({ index: g, label: records[0] ? label(records[0]) : '', records, current, figures: latest });
  }
  return { sources, members: members.map((m) => versionOf.get(m.record.id)!), changes };
}

function label(p: PreparedRecord): string {
  return p.record.source?.name || p.record.author || p.record.postId;
}
