/**
 * X post ids are snowflakes: a 64-bit number whose top bits are milliseconds since the X epoch. They are
 * kept as decimal strings (they overflow a JS number); comparing them orders posts by creation time.
 */

const X_EPOCH_MS = 1_288_834_974_657n;

function isId(s: string): boolean {
  return /^[0-9]{1,20}$/.test(s);
}

/** Numeric order of two decimal ids without BigInt parsing on the hot path. */
export function compareIds(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The larger of two ids; undefined counts as "nothing yet". */
export function maxId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareIds(a, b) >= 0 ? a : b;
}

export function minId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareIds(a, b) <= 0 ? a : b;
}

/** When the post with this id was created (ms since 1970), or undefined for a non-snowflake id. */
export function idToMs(id: string): number | undefined {
  if (!isId(id)) return undefined;
  const ms = Number((BigInt(id) >> 22n) + X_EPOCH_MS);
  return ms > Number(X_EPOCH_MS) ? ms : undefined;
}

/** The smallest snowflake created at `ms`: `since_id` of it returns posts created after that instant. */
export function msToId(ms: number): string {
  const t = BigInt(Math.max(0, Math.floor(ms))) - X_EPOCH_MS;
  return (t > 0n ? t << 22n : 0n).toString();
}

export function isPostId(s: unknown): s is string {
  return typeof s === 'string' && isId(s);
}
