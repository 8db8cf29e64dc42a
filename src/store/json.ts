/**
 * PostgreSQL rejects NUL in text and the \u0000 escape in jsonb; untrusted posts may carry either.
 * Every write path goes through these so no job can fail on it.
 */

export function stripNul(s: string): string {
  return s.includes('\u0000') ? s.replace(/\u0000/g, '') : s;
}

/** JSON text safe for a jsonb column: drops \u0000 escapes (but not an escaped backslash before "u0000"). */
export function toJsonb(value: unknown): string {
  const s = JSON.stringify(value) ?? 'null';
  return s.includes('\\u0000') ? s.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1') : s;
}
