/** The `claimwatch` command: one verb per task, each with --help. Verbs load lazily so `extract` starts fast. */
import { CliError } from './cli/jsonl.ts';

type VerbModule = { run(args: string[]): Promise<void> };
type Verb = { summary: string; load: () => Promise<VerbModule> };

export const verbs: Record<string, Verb> = {
  extract: { summary: 'text -> claims, JSONL in and out (no Redis or database)', load: () => import('./cli/extract.ts') },
  cluster: { summary: 'text -> incident ids, extraction and matching in memory', load: () => import('./cli/cluster.ts') },
  eval: { summary: 'per-field precision, recall and F1 of extraction on a gold JSONL file', load: () => import('./cli/eval.ts') },
  start: { summary: 'run the service: API and UI, workers, pollers (--role to pick)', load: () => import('./cli/start.ts') },
  users: { summary: 'add users and issue API keys (admin, moderator, researcher)', load: () => import('./cli/users.ts') },
  export: { summary: 'the claim record as CSV, GeoJSON or JSONL (filters: status, type, country, account, dates)', load: () => import('./cli/export.ts') },
  demo: { summary: 'run the service on a bundled replay of sample posts (no credentials needed)', load: () => import('./cli/demo.ts') },
  backfill: { summary: "page an X account's history since a date into the store, with progress", load: () => import('./cli/backfill.ts') },
  accounts: { summary: 'list, add or remove watched X accounts in the sources file', load: () => import('./cli/accounts.ts') },
};

/** Errors a user can fix; printed as one line naming the fix, never as a stack trace. */
const USER_ERROR_CODES = new Set(['CONFIG_INVALID', 'REDIS_UNAVAILABLE', 'REDIS_EVICTION_POLICY', 'STORE_UNAVAILABLE', 'EADDRINUSE', 'EACCES']);

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
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && USER_ERROR_CODES.has(code)) {
      const hint = code === 'EADDRINUSE' ? '; another process uses that port: stop it or set PORT' : '';
      console.error(`claimwatch ${verb}: ${(e as Error).message}${hint}`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
}
