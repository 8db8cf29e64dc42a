/** The command line as people run it: the real bin/claimwatch in a child process. */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/cli.ts';
import { loadSourcesFile } from '../../src/config/sources.ts';
import { tempDir } from '../support/services.ts';

const exec = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/claimwatch', import.meta.url));
const dir = tempDir();
afterAll(() => dir.remove());

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  try {
    const r = await exec(BIN, args, { env: { ...process.env, ...env }, cwd: dir.path });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('every verb answers --help', () => {
  it.each(Object.keys(verbs))('%s --help prints its usage and exits 0', async (verb) => {
    const r = await cli([verb, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^claimwatch ${verb} `));
    expect(r.stdout).toMatch(/--/);
    expect(r.stderr.replace(/^npm warn.*\n/gm, '')).toBe('');
  });

  it('lists the verbs with no arguments', async () => {
    const r = await cli([]);
    expect(r.code).toBe(0);
    for (const verb of Object.keys(verbs)) expect(r.stdout).toContain(`  ${verb} `);
  });
});

describe('accounts verb', () => {
  const file = join(dir.path, 'sources.json');
  const original = `{
  "sources": [
    {
      "type": "x",
      "id": "x-spokespeople",
      "mode": "search",
      "accounts": ["OIRSpox", "CENTCOM"],
      "every": "2m"
    },
    { "type": "rss", "id": "dod", "url": "https://example.org/feed.xml", "name": "DoD", "every": "10m" }
  ]
}
`;

  it('adds, lists and removes accounts in SOURCES_FILE, keeping the rest of the file', async () => {
    writeFileSync(file, original);
    const env = { SOURCES_FILE: file };
    const add = await cli(['accounts', 'add', '@KpsZSU'], env);
    expect(add).toMatchObject({ code: 0, stderr: expect.stringContaining('now watching @KpsZSU in source "x-spokespeople"') });
    expect(readFileSync(file, 'utf8')).toBe(original.replace('["OIRSpox", "CENTCOM"]', '["OIRSpox", "CENTCOM", "KpsZSU"]'));

    const stream = await cli(['accounts', 'add', 'SecMedCell', '--mode', 'stream'], env);
    expect(stream.code).toBe(0);
    expect(stream.stderr).toContain('the new source "x-stream"');
    // The service reads the edited file as it is.
    const loaded = loadSourcesFile(file);
    expect(loaded.map((s) => s.id)).toEqual(['x-spokespeople', 'dod', 'x-stream']);

    const list = await cli(['accounts', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual(['@OIRSpox\tx-spokespeople\tsearch', '@CENTCOM\tx-spokespeople\tsearch', '@KpsZSU\tx-spokespeople\tsearch', '@SecMedCell\tx-stream\tstream']);

    expect((await cli(['accounts', 'remove', '@secmedcell'], env)).stderr).toContain('removed as it had no other account');
    expect((await cli(['accounts', 'remove', 'KpsZSU', '--file', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('refuses bad handles, duplicates and unknown accounts, leaving the file alone', async () => {
    writeFileSync(file, original);
    const env = { SOURCES_FILE: file };
    const bad = await cli(['accounts', 'add', '@not-a-handle'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/claimwatch accounts: "@not-a-handle" is not an X handle/);
    const dup = await cli(['accounts', 'add', '@oirspox'], env);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('@oirspox is already watched by source "x-spokespeople"');
    const gone = await cli(['accounts', 'remove', '@Nobody'], env);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('@Nobody is not watched (watched: @OIRSpox, @CENTCOM)');
    const missing = await cli(['accounts', 'list', '--file', join(dir.path, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('starts a sources file when there is none', async () => {
    const fresh = join(dir.path, 'fresh.json');
    expect((await cli(['accounts', 'add', '@OIRSpox', '--file', fresh])).code).toBe(0);
    expect(loadSourcesFile(fresh)).toMatchObject([{ type: 'x', id: 'x-timeline', mode: 'timeline', accounts: ['OIRSpox'] }]);
  });
});
