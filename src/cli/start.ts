import { startApp } from '../app.ts';
import { loadConfig, ROLES } from '../config/env.ts';
import { loadSourcesFile } from '../config/sources.ts';
import { CliError, parseFlags } from './jsonl.ts';
import { holdSignalsDuringBoot, runUntilStopped } from './service.ts';

export const startHelp = `claimwatch start [--role api,worker,poller] [--port N]

Runs the service: HTTP API and moderator UI (api), pipeline workers (worker) and source pollers (poller),
all three by default, on the embedded store (DATA_DIR, default ./data) or DATABASE_URL, and the Redis at
REDIS_URL (default redis://127.0.0.1:6379). Sources come from SOURCES_FILE (default config/sources.json).
Stops cleanly on SIGTERM or Ctrl-C.`;

export async function run(args: string[]): Promise<void> {
  const { flags } = parseFlags(args, { role: 'string', port: 'string', help: 'boolean' });
  if (flags.help) return void console.log(startHelp);
  if (flags.role !== undefined && typeof flags.role !== 'string') throw new CliError(`--role takes ${ROLES.join(',')}`);
  const config = loadConfig(process.env, {
    ...(typeof flags.role === 'string' ? { ROLES: flags.role } : {}),
    ...(typeof flags.port === 'string' ? { PORT: flags.port } : {}),
  });
  const sources = config.roles.includes('poller') ? loadSourcesFile(config.sourcesFile) : [];
  const held = holdSignalsDuringBoot();
  let app;
  try {
    app = await startApp({ config, sources });
  } finally {
    held.release();
  }
  if (app.url) console.error(`claimwatch: API and UI at ${app.url}/ (roles: ${app.roles.join(', ')})`);
  await runUntilStopped(app, undefined, held.signal());
}
