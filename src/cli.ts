/** The `claimwatch` command: one verb per task, each with --help. */
import { extractCommand } from './cli/extract.ts';
import { CliError } from './cli/jsonl.ts';

type Verb = { summary: string; run: (args: string[]) => Promise<void> };

const verbs: Record<string, Verb> = {
  extract: { summary: 'text -> claims, JSONL in and out (no Redis or database)', run: extractCommand },
};

function usage(): string {
  const width = Math.max(...Object.keys(verbs).map((v) => v.length));
  return [
    'usage: claimwatch <verb> [options]   (claimwatch <verb> --help for details)',
    '',
    ...Object.entries(verbs).map(([name, v]) => `  ${name.padEnd(width)}  ${v.summary}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const [verb, ...args] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    console.log(usage());
    return;
  }
  const entry = verbs[verb];
  if (!entry) {
    console.error(`claimwatch: unknown verb "${verb}"\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  try {
    await entry.run(args);
  } catch (e) {
    if (e instanceof CliError) {
      console.error(`claimwatch ${verb}: ${e.message}`);
      process.exitCode = e.exitCode;
      return;
    }
    throw e;
  }
}
