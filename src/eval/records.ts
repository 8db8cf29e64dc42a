/**
 * Shapes of the files the eval verb reads: gold items, predictions and clusters (../shared/eval/README.md).
 * Schemas are loose on purpose: they demand what scoring needs and keep every other key, so a gold file
 * with extra annotations (notes, phenomena, detail, role) or a prediction with spans still parses.
 */
import { z } from 'zod';

const id = z.union([z.string(), z.number()]);
const num = z.number().nullish();
const str = z.string().nullish();

export const scoredQuantitySchema = z.looseObject({
  what: z.string(),
  group: str,
  qualifier: str,
  value: num,
  min: num,
  max: num,
  mention: str,
  detail: str,
});
export type ScoredQuantity = z.infer<typeof scoredQuantitySchema>;

export const scoredTimeSchema = z.looseObject({
  mention: str,
  local: str,
  tz: str,
  utc: str,
  precision: str,
});
export type ScoredTime = z.infer<typeof scoredTimeSchema>;

export const scoredPlaceSchema = z.looseObject({
  mention: str,
  name: str,
  country: str,
  lat: num,
  lon: num,
  kind: str,
  /** Other accepted names of a gold place. */
  aliases: z.array(z.string()).optional(),
});
export type ScoredPlace = z.infer<typeof scoredPlaceSchema>;

/** A predicted claim as scoring sees it: every field may be absent (absent = empty). */
export const scoredClaimSchema = z.looseObject({
  event_type: str,
  quantities: z.array(scoredQuantitySchema).nullish(),
  event_time: scoredTimeSchema.nullish(),
  locations: z.array(scoredPlaceSchema).nullish(),
});
export type ScoredClaim = z.infer<typeof scoredClaimSchema>;

/** The gold annotation of one item: every field of the claim format must be present (event_time may be null). */
export const goldClaimSchema = z.looseObject({
  event_type: z.string(),
  quantities: z.array(scoredQuantitySchema),
  event_time: scoredTimeSchema.nullable(),
  locations: z.array(scoredPlaceSchema),
});
export type GoldClaim = z.infer<typeof goldClaimSchema>;

export const goldItemSchema = z.looseObject({
  id,
  /** Incident key; items with the same key report the same incident (needed for pairwise incident scoring). */
  incident: id.nullish(),
  text: z.string().optional(),
  posted_at: z.string().optional(),
  source: z.looseObject({ kind: z.string().optional(), name: z.string().optional(), account: z.string().optional() }).optional(),
  gold: goldClaimSchema,
});
export type GoldItem = z.infer<typeof goldItemSchema>;

export const predictionSchema = z.looseObject({ id, extracted: scoredClaimSchema.nullish() });
export type Prediction = z.infer<typeof predictionSchema>;

export const clusterSchema = z.looseObject({ id, incident_id: id.nullable() });
export type ClusterAssignment = z.infer<typeof clusterSchema>;

/** A line of a JSONL file after JSON.parse: its value, or why it is not JSON. Line numbers start at 1. */
export type JsonlRow = { line: number; value: unknown } | { line: number; error: string };

/** One problem with one line of an input file, for a message like `gold.jsonl:12: gold.event_type: required`. */
export interface LineProblem {
  line: number;
  message: string;
}

/**
 * Validates already-parsed JSONL rows against a schema. Returns the values, or every problem found
 * (a line number and the first failing field of each bad line), so a user can fix a file in one pass.
 */
export function validateRows<T>(
  rows: ReadonlyArray<JsonlRow>,
  schema: z.ZodType<T>,
): { values: T[]; lines: number[]; problems: LineProblem[] } {
  const values: T[] = [];
  const lines: number[] = [];
  const problems: LineProblem[] = [];
  for (const row of rows) {
    if ('error' in row) {
      problems.push({ line: row.line, message: row.error });
      continue;
    }
    const parsed = schema.safeParse(row.value);
    if (parsed.success) {
      values.push(parsed.data);
      lines.push(row.line);
      continue;
    }
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'line';
    const found = issue ? readPath(row.value, issue.path) : undefined;
    const missing = (issue?.code === 'invalid_type' || issue?.code === 'invalid_union') && found === undefined;
    const got = found === null ? 'null' : Array.isArray(found) ? 'array' : typeof found;
    problems.push({ line: row.line, message: `${where}: ${missing ? 'missing' : `${issue?.message ?? 'invalid'} (got ${got})`}` });
  }
  return { values, lines, problems };
}

function readPath(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}
