/**
 * `claimwatch start` stops cleanly on SIGTERM: HTTP, pollers and workers close, the embedded store lets go
 * of its directory, and the process exits 0 on its own (a leaked connection or timer would keep it alive).
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { dropRedisPrefix, REDIS_URL, tempDir, uniqueName, waitFor } from '../support/services.ts';

const BIN = fileURLToPath(new URL('../../bin/claimwatch', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/replay/pipeline.jsonl', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('closes everything and exits 0 on SIGTERM while it is working', async () => {
  const dir = tempDir();
  const prefix = uniqueName('cwterm');
  cleanups.push(dir.remove, () => dropRedisPrefix(prefix));
  const sources = join(dir.path, 'sources.json');
  writeFileSync(sources, JSON.stringify({ sources: [{ type: 'replay', id: 'fixture', file: FIXTURE, batch: 1, every: '200ms' }] }));
  const child = spawn(BIN, ['start', '--port', '0'], {
    env: { ...process.env, DATA_DIR: dir.path, QUEUE_PREFIX: prefix, REDIS_URL, SOURCES_FILE: sources, DATABASE_URL: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(() => void (child.exitCode === null && child.kill('SIGKILL')));

  // Let it work: the replay hands a post over every 200 ms, so jobs are in flight when the signal comes.
  await waitFor(async () => /"msg":"extracted"/.test(out), 'a first extraction', 30_000);
  expect(existsSync(join(dir.path, 'pglite', 'claimwatch.lock'))).toBe(true);
  child.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
  expect(code, `the process did not exit after SIGTERM; its output:\n${out.slice(-2000)}`).toBe(0);
  expect(out).toMatch(/shutting down: closing HTTP, pollers, workers, then connections/);
  expect(out).not.toMatch(/Error:|at .*\.ts:\d+/);
  expect(existsSync(join(dir.path, 'pglite', 'claimwatch.lock'))).toBe(false);
}, 60_000);
