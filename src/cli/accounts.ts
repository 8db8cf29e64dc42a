/** `claimwatch accounts`: the watched X accounts in the sources file (SOURCES_FILE), listed and edited. */
import { existsSync, readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { AccountsEditError, addAccount, listAccounts, removeAccount, X_MODES } from '../config/accounts.ts';
import { loadConfig } from '../config/env.ts';
import { CliError, parseFlags } from './jsonl.ts';

export const accountsHelp = `claimwatch accounts list [--file FILE]
claimwatch accounts add @HANDLE [--mode ${X_MODES.join('|')}] [--source ID] [--file FILE]
claimwatch accounts remove @HANDLE [--file FILE]

  list            every watched X account: handle, source id, mode (tab-separated)
  add             watch an account: in the source named by --source, else the first X source in
                  --mode, else the only X source; with none, a new X source is added
                  (x-<mode>, timeline mode unless --mode says otherwise)
  remove          stop watching an account (a source left without accounts is removed)
  --file FILE     the sources file; default SOURCES_FILE (config/sources.json)

Handles are checked (1-15 letters, digits or "_") and compared without case; the file is validated by
the sources schema before it is replaced (atomically), and the rest of it is left as it was. Running
pollers read the file when they start: restart them to apply a change.`;

export async function run(args: string[]): Promise<void> {
  const { flags, rest } = parseFlags(args, { mode: 'string', source: 'string', file: 'string', help: 'boolean' });
  const [cmd, handle, ...extra] = rest;
  if (flags.help) return void console.log(accountsHelp);
  if (!cmd) throw new CliError(`accounts needs a command: list, add or remove\n\n${accountsHelp}`);
  const file = typeof flags.file === 'string' ? flags.file : loadConfig().sourcesFile;
  if (extra.length) throw new CliError(`unexpected argument(s): ${extra.join(' ')} (one handle at a time)`);
  try {
    switch (cmd) {
      case 'list': {
        for (const a of listAccounts(read(file), file)) console.log(`@${a.handle}\t${a.sourceId}\t${a.mode}${a.enabled ? '' : '\tdisabled'}`);
        return;
      }
      case 'add': {
        if (!handle) throw new CliError(`accounts add needs a handle, e.g. @OIRSpox\n\n${accountsHelp}`);
        // A missing file is created: adding the first account is how a fresh install starts watching.
        const text = existsSync(file) ? read(file) : '{\n  "sources": []\n}\n';
        const r = addAccount(text, file, handle, { mode: flags.mode as string | undefined, source: flags.source as string | undefined });
        await writeFileAtomic(file, r.text);
        console.error(`now watching @${r.handle} in ${r.createdSource ? 'the new ' : ''}source "${r.sourceId}" (${file}); restart the pollers to apply it`);
        return;
      }
      case 'remove': {
        if (!handle) throw new CliError(`accounts remove needs a handle, e.g. @OIRSpox\n\n${accountsHelp}`);
        const r = removeAccount(read(file), file, handle);
        await writeFileAtomic(file, r.text);
        console.error(`no longer watching @${r.handle} (source "${r.sourceId}"${r.removedSource ? ', removed as it had no other account' : ''}); restart the pollers to apply it`);
        return;
      }
      default:
        throw new CliError(`unknown accounts command "${cmd}" (list, add or remove)\n\n${accountsHelp}`);
    }
  } catch (e) {
    if (e instanceof AccountsEditError) throw new CliError(e.message, 1);
    throw e;
  }
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError((e as NodeJS.ErrnoException).code === 'ENOENT' ? `${file}: no such file (set SOURCES_FILE or pass --file)` : `${file}: cannot read (${(e as Error).message})`, 1);
  }
}
