/** Calendar dates without a zone (the date printed on a wall calendar), with day arithmetic. */
export interface CivilDate {
  y: number;
  m: number; // 1-12
  d: number;
}

function toDays(c: CivilDate): number {
  return Date.UTC(c.y, c.m - 1, c.d) / 86_400_000;
}

function fromDays(days: number): CivilDate {
  const t = new Date(days * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function addDays(c: CivilDate, n: number): CivilDate {
  return fromDays(toDays(c) + n);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round(toDays(b) - toDays(a));
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(c: CivilDate): number {
  return new Date(Date.UTC(c.y, c.m - 1, c.d)).getUTCDay();
}

/** True when the fields name a real calendar day (rejects 31 April, 30 February). */
export function isValidDate(c: CivilDate): boolean {
  if (!Number.isInteger(c.y) || c.m < 1 || c.m > 12 || c.d < 1 || c.d > 31) return false;
  const back = fromDays(toDays(c));
  return back.y === c.y && back.m === c.m && back.d === c.d;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatDate(c: CivilDate): string {
  return `${String(c.y).padStart(4, '0')}-${pad(c.m)}-${pad(c.d)}`;
}

export function formatMonth(y: number, m: number): string {
  return `${String(y).padStart(4, '0')}-${pad(m)}`;
}

export function formatDateTime(c: CivilDate, hh: number, mm: number): string {
  return `${formatDate(c)}T${pad(hh)}:${pad(mm)}`;
}
