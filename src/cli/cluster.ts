import { writeFile } from 'node:fs/promises';
import { gazetteerCompareContext } from '../compare/gazetteerContext.ts';
import { clusterRecords } from '../compare/memory.ts';
import type { ClaimRecord } from '../compare/records.ts';
import { extractClaim } from '../extract/index.ts';
import { CliError, parseFlags, readInputPosts, writeJsonl } from './jsonl.ts';

export const clusterHelp = `claimwatch cluster --input FILE.jsonl --output FILE.jsonl [--summary FILE.json]

Reads posts {id, text, posted_at, source?: {kind, name, account}}, extracts a claim from each and groups
the claims into incidents in memory, in input order (no Redis or database). Writes one line per input
post: {"id": ..., "incident_id": "inc-N"} (incidents numbered in order of creation).
--summary FILE.json also writes every incident with its status (single_source, corroborated, disputed),
discrepancies (who said what) and version changes. --output - writes to standard output.`;

export async function run(args: string[]): Promise<void> {
  const { flags } = parseFlags(args, { input: 'string', output: 'string', summary: 'string', help: 'boolean' });
  if (flags.help) return void console.log(clusterHelp);
  if (typeof flags.input !== 'string' || typeof flags.output !== 'string') throw new CliError(`missing --input or --output\n\n${clusterHelp}`);
  const records: ClaimRecord[] = [];
  const bad = { count: 0 };
  for await (const post of readInputPosts(flags.input, bad)) {
    const record: ClaimRecord = {
      id: post.id,
      postId: post.id,
      source: { kind: post.source?.kind ?? '', name: post.source?.name ?? '' },
      postedAt: post.posted_at,
      seq: records.length,
      claim: extractClaim({ text: post.text, postedAt: post.posted_at, source: post.source }),
    };
    if (post.source?.account) record.author = post.source.account;
    records.push(record);
  }
  // Merges can move earlier posts, so assignments are written once every post has been matched.
  const result = clusterRecords(records, gazetteerCompareContext());
  const out = writeJsonl(flags.output);
  for (const r of records) await out.write({ id: r.id, incident_id: result.assignment.get(r.id) ?? null });
  await out.close();
  if (typeof flags.summary === 'string') {
    const incidents = result.incidents.map((i) => ({ id: i.id, revision: i.revision, posts: i.members.map((m) => m.postId), ...i.summary }));
    await writeFile(flags.summary, JSON.stringify({ incidents }, null, 2) + '\n', 'utf8');
  }
  const disputed = result.incidents.filter((i) => i.summary.status === 'disputed').length;
  console.error(`clustered ${records.length} posts into ${result.incidents.length} incidents (${disputed} disputed)${bad.count ? `, skipped ${bad.count} bad lines` : ''}`);
}
