/**
 * A private PostgreSQL cluster on a free port in a temporary directory, for tests that stop the database.
 * Never touches the shared server on 5432. As root it runs the server as the postgres user (PostgreSQL
 * refuses to run as root).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './own-redis.ts';
import { tempDir } from './services.ts';

function pgBin(name: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  return join('/usr/lib/postgresql', versions[0]!, 'bin', name);
}

const asRoot = process.getuid?.() === 0;

function runPg(args: string[]): void {
  const [cmd, ...rest] = args;
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', pgBin(cmd!), ...rest], { stdio: 'pipe' });
  else execFileSync(pgBin(cmd!), rest, { stdio: 'pipe' });
}

export interface OwnPostgres {
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const port = await freePort();
  const dir = tempDir('claimwatch-pg-');
  const data = join(dir.path, 'data');
  if (asRoot) chownSync(dir.path, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  runPg(['initdb', '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const start = () =>
    runPg(['pg_ctl', '-D', data, '-w', '-t', '30', '-l', join(dir.path, 'log'), '-o', `-p ${port} -k ${dir.path} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  const stop = () => runPg(['pg_ctl', '-D', data, '-w', '-m', 'fast', 'stop']);
  start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (running) stop();
      running = false;
    },
    start() {
      if (!running) start();
      running = true;
    },
    destroy() {
      try {
        if (running) stop();
      } finally {
        running = false;
        dir.remove();
      }
    },
  };
}
