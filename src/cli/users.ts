/** `claimwatch users`: people and API keys, straight on the store (no Redis needed). */
import { join } from 'node:path';
import { loadConfig } from '../config/env.ts';
import { openStore } from '../store/db.ts';
import type { UserRole } from '../store/schema.ts';
import { createUser, findUserByName, generateApiKey, issueApiKey } from '../store/users.ts';
import { CliError, parseFlags } from './jsonl.ts';

export const usersHelp = `claimwatch users add NAME --role admin|moderator|researcher [--password PASSWORD]
claimwatch users key NAME [--label LABEL]     issue another API key for NAME
claimwatch users list
claimwatch users new-key                      print a fresh key (e.g. for ADMIN_API_KEY), storing nothing

Keys are printed once; only their hash is stored. Uses DATABASE_URL or the embedded store in DATA_DIR.`;

const ROLES_OK = ['admin', 'moderator', 'researcher'];

export async function run(args: string[]): Promise<void> {
  const { flags, rest } = parseFlags(args, { role: 'string', password: 'string', label: 'string', help: 'boolean' });
  const [cmd, name] = rest;
  if (flags.help || !cmd) return void console.log(usersHelp);
  if (cmd === 'new-key') return void console.log(generateApiKey().key);
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.store.databaseUrl, dataDir: join(config.store.dataDir, 'pglite') });
  try {
    switch (cmd) {
      case 'add': {
        if (!name) throw new CliError(`users add needs a NAME\n\n${usersHelp}`);
        if (typeof flags.role !== 'string' || !ROLES_OK.includes(flags.role)) throw new CliError(`--role must be one of ${ROLES_OK.join(', ')}`);
        if (await findUserByName(store.db, name)) throw new CliError(`a user named "${name}" exists; use "users key ${name}" for another key`);
        const id = await createUser(store.db, { name, role: flags.role as UserRole, ...(typeof flags.password === 'string' ? { password: flags.password } : {}) });
        const key = await issueApiKey(store.db, id);
        console.log(key.key);
        console.error(`created ${flags.role} "${name}"; the API key above is shown once`);
        return;
      }
      case 'key': {
        const user = name ? await findUserByName(store.db, name) : undefined;
        if (!user) throw new CliError(`no user named "${name ?? ''}"`);
        const key = await issueApiKey(store.db, user.id, typeof flags.label === 'string' ? flags.label : 'cli');
        console.log(key.key);
        return;
      }
      case 'list': {
        const rows = await store.db.selectFrom('users').select(['name', 'role', 'disabled_at', 'created_at']).orderBy('name').execute();
        for (const r of rows) console.log(`${r.name}\t${r.role}${r.disabled_at ? '\tdisabled' : ''}`);
        return;
      }
      default:
        throw new CliError(`unknown users command "${cmd}"\n\n${usersHelp}`);
    }
  } finally {
    await store.close();
  }
}
