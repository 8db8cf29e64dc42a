/**
 * Packs `from:` clauses into as few search queries (or stream rules) as the length limit allows, so N
 * accounts cost about N/20 requests a cycle instead of N. Pure: no I/O.
 */

export interface PackedQuery {
  /** The query or rule value, at most `limit` characters. */
  query: string;
  /** Handles it covers, in config order. */
  accounts: string[];
}

export interface PackOptions {
  /** X's query length limit (512 on Basic and Pro). */
  limit: number;
  /** Operators appended to every query, e.g. "-is:retweet". */
  suffix?: string;
}

function build(accounts: readonly string[], suffix: string): string {
  const from = accounts.map((a) => `from:${a}`);
  const core = from.length === 1 ? from[0]! : `(${from.join(' OR ')})`;
  return suffix ? `${core} ${suffix}` : core;
}

/**
 * Greedy packing in the given order, so adding an account at the end of the list changes only the last
 * query (the cursors of the others stay valid). Throws when a single account cannot fit at all.
 */
export function packFromQueries(accounts: readonly string[], options: PackOptions): PackedQuery[] {
  const suffix = options.suffix?.trim() ?? '';
  const out: PackedQuery[] = [];
  let current: string[] = [];
  for (const a of accounts) {
    const next = [...current, a];
    if (build(next, suffix).length <= options.limit) {
      current = next;
      continue;
    }
    if (!current.length) throw new Error(`"from:${a}" with "${suffix}" is longer than the ${options.limit}-character query limit`);
    out.push({ query: build(current, suffix), accounts: current });
    current = [a];
    if (build(current, suffix).length > options.limit) throw new Error(`"from:${a}" with "${suffix}" is longer than the ${options.limit}-character query limit`);
  }
  if (current.length) out.push({ query: build(current, suffix), accounts: current });
  return out;
}

/** Stable key of a query's account set (its cursor key): lower-cased handles joined in order. */
export function groupKey(accounts: readonly string[]): string {
  return accounts.map((a) => a.toLowerCase()).join(',');
}
