import { extractClaim } from '../extract/index.ts';
import { CliError, parseFlags, readInputPosts, writeJsonl } from './jsonl.ts';

export const extractHelp = `claimwatch extract --input FILE.jsonl --output FILE.jsonl

For each input line {id, text, posted_at, source?} writes {"id": ..., "extracted": {claim}}.
Needs no Redis or database. --output - writes to standard output.`;

export async function run(args: string[]): Promise<void> {
  const { flags } = parseFlags(args, { input: 'string', output: 'string', help: 'boolean' });
  if (flags.help) return void console.log(extractHelp);
  if (typeof flags.input !== 'string' || typeof flags.output !== 'string') throw new CliError(`missing --input or --output\n\n${extractHelp}`);
  const out = writeJsonl(flags.output);
  let ok = 0;
  const bad = { count: 0 };
  for await (const post of readInputPosts(flags.input, bad)) {
    await out.write({ id: post.id, extracted: extractClaim({ text: post.text, postedAt: post.posted_at, source: post.source }) });
    ok++;
  }
  await out.close();
  console.error(`extracted ${ok} posts${bad.count ? `, skipped ${bad.count} bad lines` : ''}`);
}
