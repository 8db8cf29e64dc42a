/** The `claimwatch` command: one verb per task, each with --help. Verbs load lazily so `extract` starts fast. */
import { CliError } from './cli/jsonl.ts';

type VerbModule = { run(args: string[]): Promise<void> };
type Verb = { summary: string; load: () => Promise<VerbModule> };

const verbs: Record<string, Verb> = {
  extract: { summary: 'text -> claims, JSONL in and out (no Redis or database)', load: () => import('./cli/extract.ts') },
  cluster: { summary: 'text -> incident ids, extraction and matching in memory', load: () => import('./cli/cluster.ts') },
  eval: { summary: 'per-field precision, recall and F1 of extraction on a gold JSONL file', load: () => import('./cli/eval.ts') },
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
    const mod = await entry.load();
    await mod.run(args);
  } catch (e) {
    if (e instanceof CliError) {
      console.error(`claimwatch ${verb}: ${e.message}`);
      process.exitCode = e.exitCode;
      return;
    }
    throw e;
  }
}
