import { describe, expect, it } from 'vitest';
import { describeAlert, readSse } from '../../../src/cli/demoAlerts.ts';

describe('demo alert lines', () => {
  it('says who said what for a disputed incident', () => {
    const body = {
      data: {
        incident_id: '12',
        discrepancies: [{ label: 'rocket', a: [{ source: 'Spox', value: 'rocket 10' }], b: [{ source: 'Wire', value: 'rocket 14' }] }],
      },
    };
    expect(describeAlert('incident.disputed', body)).toBe('incident 12 disputed: rocket: Spox says rocket 10 vs Wire says rocket 14');
  });

  it('names the sources and fields of a corroboration, and survives odd bodies', () => {
    expect(describeAlert('incident.corroborated', { data: { incident_id: 3, sources: ['A', 'B'], agreements: [{ label: 'place' }] } })).toBe('incident 3 corroborated by A, B on place');
    expect(describeAlert('incident.disputed', null)).toBe('incident disputed: sources disagree');
    expect(describeAlert('incident.updated', 'garbage')).toBe('incident.updated incident');
  });

  it('reads server-sent events split across chunks, skipping comments', async () => {
    const chunks = [': connected\n\nretry: 3000\n\n', 'id: e1\nevent: incident.dis', 'puted\ndata: {"a":1}\n\n: ping\n\n', 'event: x\ndata: line1\ndata: line2\n\n'];
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const ch of chunks) c.enqueue(new TextEncoder().encode(ch));
        c.close();
      },
    });
    const got = [];
    for await (const e of readSse(body)) got.push(e);
    expect(got).toEqual([
      { event: 'incident.disputed', data: '{"a":1}', id: 'e1' },
      { event: 'x', data: 'line1\nline2' },
    ]);
  });
});
