import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import { extractClaim } from '../extract/index.ts';
import {
  clusterSchema,
  goldItemSchema,
  predictionSchema,
  validateRows,
  type GoldItem,
  type JsonlRow,
  type LineProblem,
  type Prediction,
} from '../eval/records.ts';
import { formatMisses, formatReport, scoreItems } from '../eval/score.ts';
import { CliError, parseFlags, readJsonl } from './jsonl.ts';

export const evalHelp = `claimwatch eval GOLD.jsonl [--predictions PRED.jsonl] [--clusters C.jsonl] [--json] [--verbose]

Per-field precision, recall and F1 of extraction against a gold file, by the rules of the shared
eval README (the same figures as eval/score.mjs on the same predictions):
quantity, quantity_value_only, event_time, location, event_type_accuracy, and incident_pairs.

  GOLD.jsonl               one item per line: {id, text, posted_at, source?, incident?, gold: {event_type,
                           quantities, event_time, locations}}
  --predictions PRED.jsonl score these predictions ({id, extracted}) instead of running the extractor
  --clusters C.jsonl       add pairwise incident F1 from {id, incident_id} lines (gold items need "incident")
  --json                   print the figures as one JSON object (with "misses" when --verbose)
  --verbose                list, per item, what gold has that the prediction lacks (-) and extras (+)

Without --predictions every gold item is run through extractClaim (text, posted_at, source).`;

const MAX_PROBLEMS_SHOWN = 20;

async function readRecords<T>(path: string, what: string, schema: z.ZodType<T>): Promise<{ values: T[]; lines: number[] }> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new CliError(`${what} file ${path} is not a file`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${what} file ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const rows: JsonlRow[] = [];
  for await (const row of readJsonl(path)) rows.push(row);
  const { values, lines, problems } = validateRows(rows, schema);
  failOnProblems(path, what, problems);
  if (values.length === 0) throw new CliError(`${what} file ${path} has no records`);
  return { values, lines };
}

function failOnProblems(path: string, what: string, problems: LineProblem[]): void {
  if (!problems.length) return;
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `  ${path}:${p.line}: ${p.message}`);
  const more = problems.length > MAX_PROBLEMS_SHOWN ? [`  ... and ${problems.length - MAX_PROBLEMS_SHOWN} more`] : [];
  throw new CliError([`${problems.length} bad line(s) in ${what} file:`, ...shown, ...more].join('\n'));
}

/** Runs our extractor over the gold items; a throw is reported and scored as an empty prediction. */
function extractAll(gold: GoldItem[], lines: number[], path: string): { predictions: Prediction[]; crashes: number } {
  const problems: LineProblem[] = [];
  gold.forEach((g, i) => {
    if (g.text === undefined) problems.push({ line: lines[i]!, message: 'text: missing (needed to run the extractor; or pass --predictions)' });
    else if (g.posted_at === undefined) problems.push({ line: lines[i]!, message: 'posted_at: missing (needed to run the extractor; or pass --predictions)' });
  });
  failOnProblems(path, 'gold', problems);
  let crashes = 0;
  const started = performance.now();
  const predictions = gold.map((g): Prediction => {
    const source = g.source ? { kind: g.source.kind, name: g.source.name, account: g.source.account } : undefined;
    try {
      return { id: g.id, extracted: extractClaim({ text: g.text!, postedAt: g.posted_at!, source }) };
    } catch (e) {
      crashes++;
      console.error(`extractClaim threw on item ${g.id}: ${(e as Error).stack ?? String(e)}`);
      return { id: g.id, extracted: null };
    }
  });
  const ms = performance.now() - started;
  console.error(`extracted ${gold.length} items in ${ms.toFixed(0)} ms${crashes ? `, ${crashes} crashed` : ''}`);
  return { predictions, crashes };
}

let pipeGuarded = false;
/** `claimwatch eval ... --verbose | head` closes the pipe early; that is not an error. */
function exitQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

export async function run(args: string[]): Promise<void> {
  const { flags, rest } = parseFlags(args, { predictions: 'string', clusters: 'string', json: 'boolean', verbose: 'boolean', help: 'boolean' });
  if (flags.help) return void console.log(evalHelp);
  exitQuietlyOnClosedPipe();
  if (rest.length !== 1) throw new CliError(`${rest.length ? 'expected one gold file, got ' + rest.join(' ') : 'missing GOLD.jsonl'}\n\n${evalHelp}`);
  const goldPath = rest[0]!;
  const predPath = typeof flags.predictions === 'string' ? flags.predictions : undefined;
  const clustersPath = typeof flags.clusters === 'string' ? flags.clusters : undefined;

  const { values: gold, lines } = await readRecords(goldPath, 'gold', goldItemSchema);
  const seen = new Set<string | number>();
  for (const g of gold) {
    if (seen.has(g.id)) console.error(`warning: gold id ${JSON.stringify(g.id)} appears more than once; each copy is scored`);
    seen.add(g.id);
  }
  if (clustersPath) {
    const problems = gold.flatMap((g, i) => (g.incident == null ? [{ line: lines[i]!, message: 'incident: missing (needed with --clusters)' }] : []));
    failOnProblems(goldPath, 'gold', problems);
  }

  let predictions: Prediction[];
  let crashes = 0;
  if (predPath) predictions = (await readRecords(predPath, 'predictions', predictionSchema)).values;
  else ({ predictions, crashes } = extractAll(gold, lines, goldPath));
  const clusters = clustersPath ? (await readRecords(clustersPath, 'clusters', clusterSchema)).values : undefined;

  const { report, misses } = scoreItems(gold, predictions, clusters ? { clusters } : {});
  if (flags.json) console.log(JSON.stringify(flags.verbose ? { ...report, misses } : report));
  else {
    console.log(formatReport(report));
    if (flags.verbose) {
      console.log(`\n${misses.length} item(s) with misses (- in gold, not predicted; + predicted, not in gold):\n`);
      for (const m of misses) console.log(formatMisses(m) + '\n');
    }
  }
  if (crashes) process.exitCode = 1;
}
