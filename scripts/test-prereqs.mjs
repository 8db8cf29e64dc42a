#!/usr/bin/env node
// Runs before `npm test`: makes sure what the tests talk to is there, installing Debian's Chromium for the
// browser tests when it is missing and this user may, and otherwise saying exactly what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const problems = [];

function reachable(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port, timeout: 1500 });
    s.on('connect', () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
    s.on('timeout', () => (s.destroy(), resolve(false)));
  });
}

if (!(await reachable(6379))) {
  problems.push('Redis is not reachable on 127.0.0.1:6379: start it (see DEVELOPERS.md: redis-server --daemonize yes --port 6379 ...)');
}
if (!(await reachable(5432))) {
  problems.push('PostgreSQL is not reachable on 127.0.0.1:5432: start it (see DEVELOPERS.md: pg_ctlcluster ... main start)');
}

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (canApt) {
    console.error('browser tests need Debian\'s chromium: installing it with apt-get');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    } catch {
      execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    }
  }
  if (!existsSync(CHROMIUM)) problems.push('Chromium is missing for the browser tests: sudo apt-get install -y chromium');
}

if (problems.length) {
  for (const p of problems) console.error(`npm test: ${p}`);
  process.exit(1);
}
