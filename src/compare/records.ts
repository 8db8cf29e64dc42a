/**
 * The unit the incident matcher works on: one extracted claim plus what it needs to know about its post.
 * Plain JSON (no Dates, no Infinity) so the store can persist it inside an incident and reload it.
 */
import type { Claim } from '../domain/claim.ts';
import { parseInstant } from './time.ts';

export interface ClaimRecord {
  /** Stable id of this claim (store: claims.id; the cluster verb: the post id). */
  id: string;
  /** Id of the post the claim was extracted from. */
  postId: string;
  /** Account handle or feed id ("OIRSpox", "reuters-world"); empty or absent when unknown. */
  author?: string;
  /** Outlet or office; `name` is compared after normalisation to spot syndicated copies. */
  source: { kind?: string; name?: string };
  /** ISO date-time of the post; a bare date (YYYY-MM-DD) means "some time that day, zone unknown". */
  postedAt: string;
  /** Platform identity across edits: same platform + externalId with a higher version is an edit. */
  platform?: string;
  externalId?: string;
  version?: number;
  /** Arrival order (store: claims.id as a number; the cluster verb: input line); breaks ties between equal post times. */
  seq?: number;
  claim: Claim;
}

/** Lower-case, accents and punctuation removed, single spaces. */
export function normText(s: string | null | undefined): string {
  return String(s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`ʿʾ]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Normalised outlet name: annotations in brackets ("(syndicated)", "(early version)", "(Col. X)"),
 * issue numbers ("Flash Update #2") and a leading article are dropped, because they name copies,
 * editions or speakers of one source rather than different sources.
 */
export function normSourceName(name: string | undefined): string {
  const s = String(name ?? '')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/#\s*\d+/g, ' ')
    .replace(/\b(no\.?|number)\s*\d+\b/gi, ' ');
  return normText(s).replace(/^the /, '');
}

/**
 * Whether two records come from one source, so they do not corroborate each other:
 * the same account, or the same outlet name (a syndicated copy or a later edition).
 */
export function sameSource(a: ClaimRecord, b: ClaimRecord): boolean {
  const aa = normText(a.author);
  const ba = normText(b.author);
  if (aa && ba && aa === ba) return true;
  const an = normSourceName(a.source?.name);
  const bn = normSourceName(b.source?.name);
  return an !== '' && an === bn;
}

/** Platform identity of the post across edits, or undefined when the record does not carry one. */
export function postKey(r: ClaimRecord): string | undefined {
  return r.platform && r.externalId ? `${r.platform}:${r.externalId}` : undefined;
}

/** A readable label for the source of a record. */
export function sourceLabel(r: ClaimRecord): string {
  return r.source?.name || r.author || r.postId;
}

/**
 * Groups records into independent sources: records linked by `sameSource`, transitively.
 * Returns a group index per record, groups numbered in order of first appearance.
 */
export function sourceGroups(records: readonly ClaimRecord[]): number[] {
  const parent = records.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < records.length; i++) {
    for (let j = i + 1; j < records.length; j++) {
      if (sameSource(records[i]!, records[j]!)) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const number = new Map<number, number>();
  return records.map((_, i) => {
    const root = find(i);
    if (!number.has(root)) number.set(root, number.size);
    return number.get(root)!;
  });
}

/** Order of reports from one source: post time, then edit version, then arrival. */
export function compareRecordsByTime(a: ClaimRecord, b: ClaimRecord): number {
  const ta = parseInstant(a.postedAt);
  const tb = parseInstant(b.postedAt);
  if (Number.isFinite(ta) && Number.isFinite(tb) && ta !== tb) return ta - tb;
  const va = a.version ?? 1;
  const vb = b.version ?? 1;
  if (va !== vb) return va - vb;
  const sa = a.seq ?? Number.NaN;
  const sb = b.seq ?? Number.NaN;
  if (Number.isFinite(sa) && Number.isFinite(sb) && sa !== sb) return sa - sb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
