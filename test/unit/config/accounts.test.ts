import { describe, expect, it } from 'vitest';
import { AccountsEditError, addAccount, listAccounts, removeAccount } from '../../../src/config/accounts.ts';
import { parseSources } from '../../../src/config/sources.ts';

const FILE = `{
  "sources": [
    { "type": "rss", "id": "feed", "url": "https://example.org/rss", "name": "Example" },
    {
      "type": "x",
      "id": "x-main",
      "mode": "search",
      "accounts": ["OIRSpox", "@CENTCOM"],
      "every": "2m"
    }
  ]
}
`;

describe('watched accounts edits', () => {
  it('lists X accounts with their source and mode', () => {
    expect(listAccounts(FILE, 'f')).toEqual([
      { handle: 'OIRSpox', sourceId: 'x-main', mode: 'search', enabled: true },
      { handle: 'CENTCOM', sourceId: 'x-main', mode: 'search', enabled: true },
    ]);
  });

  it('adds to the only X source, touching nothing else', () => {
    const r = addAccount(FILE, 'f', '@KpsZSU');
    expect(r).toMatchObject({ handle: 'KpsZSU', sourceId: 'x-main', createdSource: false });
    expect(r.text).toBe(FILE.replace('["OIRSpox", "@CENTCOM"]', '["OIRSpox", "@CENTCOM", "KpsZSU"]'));
    expect(parseSources(JSON.parse(r.text), 'f')).toHaveLength(2);
  });

  it('adds a source for a mode nobody polls in yet, and removes it with its last account', () => {
    const r = addAccount(FILE, 'f', 'StreamSpox', { mode: 'stream' });
    expect(r).toMatchObject({ sourceId: 'x-stream', createdSource: true });
    expect(JSON.parse(r.text).sources[2]).toEqual({ type: 'x', id: 'x-stream', mode: 'stream', accounts: ['StreamSpox'] });
    const back = removeAccount(r.text, 'f', '@streamspox');
    expect(back).toMatchObject({ handle: 'StreamSpox', sourceId: 'x-stream', removedSource: true });
    expect(JSON.parse(back.text)).toEqual(JSON.parse(FILE));
  });

  it('removes from a one-line list in place', () => {
    expect(removeAccount(FILE, 'f', 'oirspox').text).toBe(FILE.replace('["OIRSpox", "@CENTCOM"]', '["@CENTCOM"]'));
    expect(removeAccount(FILE, 'f', 'CENTCOM').text).toBe(FILE.replace('["OIRSpox", "@CENTCOM"]', '["OIRSpox"]'));
  });

  it('refuses bad handles, duplicates, unknown accounts and ambiguous targets with a reason', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(AccountsEditError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(err(() => addAccount(FILE, 'f', 'not a handle'))).toMatch(/"not a handle" is not an X handle/);
    expect(err(() => addAccount(FILE, 'f', 'way_too_long_handle_here'))).toMatch(/is not an X handle/);
    expect(err(() => addAccount(FILE, 'f', '@centcom'))).toBe('@centcom is already watched by source "x-main" (search mode)');
    expect(err(() => addAccount(FILE, 'f', 'New', { mode: 'firehose' }))).toMatch(/--mode must be one of timeline, search, stream/);
    expect(err(() => addAccount(FILE, 'f', 'New', { source: 'feed' }))).toBe('source "feed" is a rss source, not an X one');
    expect(err(() => addAccount(FILE, 'f', 'New', { source: 'x-main', mode: 'timeline' }))).toMatch(/polls in search mode, not timeline/);
    const two = addAccount(FILE, 'f', 'A', { mode: 'timeline' }).text;
    expect(err(() => addAccount(two, 'f', 'B'))).toMatch(/several X sources \(x-main: search, x-timeline: timeline\); choose one with --source ID or --mode MODE/);
    expect(err(() => removeAccount(FILE, 'f', 'Nobody'))).toBe('@Nobody is not watched (watched: @OIRSpox, @CENTCOM)');
    expect(err(() => listAccounts('{"sources": [', 'f'))).toMatch(/^f: not valid JSON/);
    expect(err(() => listAccounts('{"sources": [{"type": "x", "id": "Bad Id", "accounts": ["a"]}]}', 'f'))).toMatch(/sources\[0\]\.id/);
  });
});
