import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RecentIds, sseFrame, SseWriter } from '../../../src/alerts/stream.ts';
import { decodeStreamMessage, encodeStreamMessage } from '../../../src/alerts/streamMessage.ts';
import { claimEvent } from './fixtures.ts';

describe('SSE framing', () => {
  it('writes id, event and one data line per line, and keeps fields on one line', () => {
    expect(sseFrame({ id: 'claim.created:1', event: 'claim.created', data: '{"a":1}' })).toBe('id: claim.created:1\nevent: claim.created\ndata: {"a":1}\n\n');
    expect(sseFrame({ id: 'x\ny', data: 'a\nb' })).toBe('id: x y\ndata: a\ndata: b\n\n');
  });

  it('round-trips the fan-out message and ignores malformed ones', () => {
    const e = claimEvent();
    const back = decodeStreamMessage(encodeStreamMessage(e));
    expect(back).toEqual(e);
    for (const raw of ['', 'nope', '{"v":2}', '{"v":1,"id":"a","type":"t","occurred_at":"never"}', 'null']) expect(decodeStreamMessage(raw)).toBeNull();
  });

  it('remembers recent ids so a replayed and a live copy go out once', () => {
    const r = new RecentIds(2);
    expect(r.add('a')).toBe(true);
    expect(r.add('a')).toBe(false);
    r.add('b');
    r.add('c');
    expect(r.add('a')).toBe(true); // forgotten beyond its window
  });
});

describe('SSE backpressure', () => {
  it('drops a client that stops reading once its buffer passes the limit, instead of buffering forever', () => {
    // A sink that never drains: writes pile up in its buffer like a stalled TCP peer.
    const sink = new Writable({ highWaterMark: 16, write: () => {} });
    let overflowed = 0;
    const w = new SseWriter(sink, 1_000, () => overflowed++);
    let sent = 0;
    while (w.send(sseFrame({ id: String(sent), data: 'x'.repeat(100) }))) sent++;
    expect(sent).toBeGreaterThan(5);
    expect(sent).toBeLessThan(15);
    expect(overflowed).toBe(1);
    expect(w.isClosed).toBe(true);
    expect(w.send('more')).toBe(false);
    expect(overflowed).toBe(1);
  });
});
