/**
 * PGlite is one PostgreSQL in one process: two processes on one data directory would corrupt it.
 * A lock file holding the owner's pid keeps a second process out; a lock left by a dead process is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or returns the pid holding it. */
export function lockDir(dir: string): { release(): void } | { heldBy: number } {
  const file = join(dir, 'claimwatch.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return { heldBy: pid };
      rmSync(file, { force: true }); // stale: its process is gone (or it is ours, left by an unclean close)
    }
  }
  throw new Error(`cannot lock ${dir}`);
}
