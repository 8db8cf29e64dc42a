/**
 * SSRF at connect time, against a canary HTTP listener that must receive nothing. For each loopback
 * vector a plain client first proves the vector really reaches the canary; then the webhook client
 * (SSRF-guarded agent) is refused and the canary's connection count does not move. Private ranges that
 * could not reach the canary anyway must be refused before any connection is attempted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { createWebhookAgent, postWebhook } from '../../../src/alerts/http.ts';
import { checkWebhookUrl, EMPTY_ALLOWLIST, parseAllowlist, type HostResolver } from '../../../src/alerts/ssrf.ts';
import { startCanary, startReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

type Canary = Awaited<ReturnType<typeof startCanary>>;
let canary: Canary;
let canary6: Canary;
let receiver: WebhookReceiver;

beforeAll(async () => {
  canary = await startCanary('127.0.0.1');
  canary6 = await startCanary('::1');
  receiver = await startReceiver();
});
afterAll(async () => {
  await canary.close();
  await canary6.close();
  await receiver.close();
});

/** "evil.test" resolves to loopback; "rebind.test" answers public first, loopback after (DNS rebinding). */
function resolverWith(): HostResolver & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const fn = (async (host: string) => {
    calls[host] = (calls[host] ?? 0) + 1;
    if (host === 'evil.test') return [{ address: '127.0.0.1', family: 4 }];
    if (host === 'evil6.test') return [{ address: '::1', family: 6 }];
    if (host === 'rebind.test') return calls[host] === 1 ? [{ address: '93.184.215.14', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    if (host === 'localhost') return [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }];
    throw new Error(`ENOTFOUND ${host}`);
  }) as HostResolver & { calls: Record<string, number> };
  fn.calls = calls;
  return fn;
}

const post = (agent: Agent, url: string) => postWebhook(url, '{}', { 'content-type': 'application/json', 'webhook-id': 'msg_x' }, { dispatcher: agent, timeoutMs: 3_000 });

describe('SSRF at connect time (canary must stay silent)', () => {
  it('refuses every loopback spelling that a plain client would deliver to the canary', async () => {
    const p = canary.port;
    const p6 = canary6.port;
    const vectors: { url: string; lookupTo?: string }[] = [
      { url: `http://127.0.0.1:${p}/` },
      { url: `http://127.1:${p}/` },
      { url: `http://2130706433:${p}/` },
      { url: `http://0x7f000001:${p}/` },
      { url: `http://0177.0.0.1:${p}/` },
      { url: `http://0x7f.0.0.1:${p}/` },
      { url: `http://[::ffff:127.0.0.1]:${p}/` },
      { url: `http://0.0.0.0:${p}/` },
      { url: `http://localhost:${p}/`, lookupTo: '127.0.0.1' },
      { url: `http://evil.test:${p}/`, lookupTo: '127.0.0.1' },
      { url: `http://[::1]:${p6}/` },
      { url: `http://evil6.test:${p6}/`, lookupTo: '::1' },
    ];
    const resolve = resolverWith();
    const guarded = createWebhookAgent({ allowlist: EMPTY_ALLOWLIST, resolve });
    for (const v of vectors) {
      // Control: without the guard the vector is live.
      const to = v.lookupTo;
      const family = to?.includes(':') ? 6 : 4;
      const lookup = (_h: string, o: { all?: boolean }, cb: (...a: unknown[]) => void) => (o.all ? cb(null, [{ address: to, family }]) : cb(null, to, family));
      const plain = new Agent(to ? ({ connect: { lookup } } as never) : {});
      const before = canary.connections() + canary6.connections();
      const res = await request(v.url, { method: 'POST', body: '{}', dispatcher: plain });
      await res.body.dump();
      expect([v.url, res.statusCode]).toEqual([v.url, 200]);
      expect(canary.connections() + canary6.connections()).toBe(before + 1);
      await plain.close();

      const seen = canary.connections() + canary6.connections();
      const out = await post(guarded, v.url);
      expect([v.url, out.kind, out.kind === 'error' && out.refused]).toEqual([v.url, 'error', true]);
      expect(canary.connections() + canary6.connections()).toBe(seen);
    }
    await guarded.close();
  });

  it('refuses private, link-local, CGNAT, unique-local and mapped addresses before connecting', async () => {
    const guarded = createWebhookAgent({ allowlist: EMPTY_ALLOWLIST, resolve: resolverWith() });
    const urls = [
      'http://10.0.0.1/',
      'http://10.255.255.254:8080/',
      'http://172.16.0.1/',
      'http://172.31.0.9/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://[fc00::1]/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
      'http://[::ffff:10.0.0.1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[::]/',
      'http://[64:ff9b::a00:1]/',
    ];
    for (const url of urls) {
      const out = await post(guarded, url);
      expect([url, out.kind === 'error' && out.refused]).toEqual([url, true]);
      // Refused before any TCP attempt: no connect timeout was waited for.
      expect(out.ms).toBeLessThan(500);
    }
    await guarded.close();
    expect(canary.connections()).toBeGreaterThan(0); // (only the control requests above)
  });

  it('catches DNS rebinding: the name passes at registration and is refused when it turns private at connect', async () => {
    const resolve = resolverWith();
    const policy = { allowlist: EMPTY_ALLOWLIST, resolve };
    await expect(checkWebhookUrl(`http://rebind.test:${canary.port}/hook`, policy)).resolves.toBeInstanceOf(URL);
    const before = canary.connections();
    const guarded = createWebhookAgent(policy);
    const out = await post(guarded, `http://rebind.test:${canary.port}/hook`);
    expect(out).toMatchObject({ kind: 'error', refused: true, error: expect.stringContaining('resolves to 127.0.0.1') });
    expect(resolve.calls['rebind.test']).toBe(2);
    expect(canary.connections()).toBe(before);
    await guarded.close();
  });

  it('reaches an allowlisted local receiver, follows no redirect, and keeps the canary port refused', async () => {
    const allowlist = parseAllowlist([`127.0.0.1:${receiver.port}`]);
    const guarded = createWebhookAgent({ allowlist, resolve: resolverWith() });
    receiver.script = () => ({ status: 302, headers: { location: `http://127.0.0.1:${canary.port}/stolen` } });
    const before = canary.connections();
    const out = await post(guarded, `${receiver.url}/hook`);
    expect(out).toMatchObject({ kind: 'response', status: 302 });
    receiver.script = () => ({ status: 204 });
    expect(await post(guarded, `${receiver.url}/hook`)).toMatchObject({ kind: 'response', status: 204 });
    expect(await post(guarded, `http://127.0.0.1:${canary.port}/`)).toMatchObject({ kind: 'error', refused: true });
    expect(canary.connections()).toBe(before);
    await guarded.close();
  });
});
