import { describe, expect, it } from 'vitest';
import { allowedAddresses, checkWebhookUrl, EMPTY_ALLOWLIST, parseAllowlist, refusedRange, type HostResolver } from '../../../src/alerts/ssrf.ts';

const PUBLIC = '93.184.215.14';
const resolver: HostResolver = async (host) => {
  const table: Record<string, string[]> = {
    'hooks.example.org': [PUBLIC],
    'inside.example.org': ['10.1.2.3'],
    'mixed.example.org': [PUBLIC, '192.168.0.7'],
    'v6.example.org': ['2606:4700::1111'],
    'mapped.example.org': ['::ffff:127.0.0.1'],
    localhost: ['127.0.0.1', '::1'],
    'receiver.test': ['127.0.0.1'],
  };
  const hit = table[host];
  if (!hit) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
  return hit.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const policy = { allowlist: EMPTY_ALLOWLIST, resolve: resolver };

describe('address classification', () => {
  it('refuses every non-public range in any spelling', () => {
    const cases: [string, string][] = [
      ['127.0.0.1', 'loopback'],
      ['127.1', 'loopback'],
      ['2130706433', 'loopback'],
      ['0x7f000001', 'loopback'],
      ['0177.0.0.1', 'loopback'],
      ['::1', 'loopback'],
      ['[::1]', 'loopback'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['::127.0.0.1', 'loopback'],
      ['::7f00:1', 'ipv4Compatible'],
      ['::a00:1', 'ipv4Compatible'],
      ['10.0.0.1', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['169.254.169.254', 'linkLocal'],
      ['100.64.0.1', 'carrierGradeNat'],
      ['100.127.255.254', 'carrierGradeNat'],
      ['fc00::1', 'uniqueLocal'],
      ['fd12:3456::1', 'uniqueLocal'],
      ['fe80::1', 'linkLocal'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
      ['224.0.0.1', 'multicast'],
      ['255.255.255.255', 'broadcast'],
      ['198.18.0.1', 'reserved'],
      ['64:ff9b::7f00:1', 'rfc6052'],
      ['2002:7f00:1::1', '6to4'],
      ['not-an-ip', 'invalid'],
    ];
    for (const [ip, range] of cases) expect([ip, refusedRange(ip)]).toEqual([ip, range]);
  });

  it('lets public unicast addresses through', () => {
    for (const ip of ['8.8.8.8', PUBLIC, '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) expect([ip, refusedRange(ip)]).toEqual([ip, null]);
  });
});

describe('webhook URL registration check', () => {
  const refused = async (url: string, p = policy) => {
    await expect(checkWebhookUrl(url, p), url).rejects.toMatchObject({ code: 'WEBHOOK_ADDRESS_REFUSED' });
  };

  it('accepts public hosts and normalises the URL', async () => {
    expect((await checkWebhookUrl('https://hooks.example.org/claimwatch#frag', policy)).href).toBe('https://hooks.example.org/claimwatch');
    expect((await checkWebhookUrl('http://v6.example.org:8443/x', policy)).port).toBe('8443');
    expect((await checkWebhookUrl('https://8.8.8.8/', policy)).hostname).toBe('8.8.8.8');
  });

  it('refuses private literals in decimal, octal, hex and mapped spellings, private DNS answers and bad URLs', async () => {
    for (const host of ['127.0.0.1', '127.1', '2130706433', '0x7f000001', '0177.0.0.1', '0x7f.1', 'localhost', 'LOCALHOST.', '[::1]', '[::ffff:127.0.0.1]', '[0:0:0:0:0:ffff:7f00:1]', '10.0.0.1', '172.16.0.1', '192.168.0.1', '169.254.169.254', '100.64.0.1', '[fc00::1]', '[fe80::1]', '0.0.0.0', '0', '[::]', 'inside.example.org', 'mixed.example.org', 'mapped.example.org']) {
      await refused(`http://${host}:8080/hook`);
    }
    await refused('ftp://hooks.example.org/');
    await refused('file:///etc/passwd');
    await refused('https://user:pw@hooks.example.org/');
    await refused('not a url');
    await refused('https://nowhere.invalid/');
    await refused(`https://hooks.example.org/${'x'.repeat(2100)}`);
    await expect(checkWebhookUrl('http://hooks.example.org/', policy, { requireHttps: true })).rejects.toThrow(/must use https/);
  });

  it('names the reason and the fix', async () => {
    await expect(checkWebhookUrl('http://inside.example.org/', policy)).rejects.toThrow(
      'webhook host inside.example.org (resolves to 10.1.2.3) is in a private range; only public addresses may receive webhooks (add it to WEBHOOK_ALLOWLIST for a local receiver in development)',
    );
  });

  it('opens exceptions only for allowlisted hosts, addresses, ports and CIDRs', async () => {
    const allow = (entries: string[]) => ({ allowlist: parseAllowlist(entries), resolve: resolver });
    await expect(checkWebhookUrl('http://127.0.0.1:4000/', allow(['127.0.0.1:4000']))).resolves.toBeInstanceOf(URL);
    await refused('http://127.0.0.1:4001/', allow(['127.0.0.1:4000']));
    await expect(checkWebhookUrl('http://127.0.0.1:4001/', allow(['127.0.0.0/8']))).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://receiver.test:9/', allow(['receiver.test']))).resolves.toBeInstanceOf(URL);
    await refused('http://localhost:9/', allow(['receiver.test']));
    await expect(checkWebhookUrl('http://[::1]:5000/', allow(['[::1]:5000']))).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://127.0.0.1/', allow(['::ffff:127.0.0.0/104']))).resolves.toBeInstanceOf(URL);
    expect(() => parseAllowlist(['10.0.0.0/99'])).toThrow(/not a CIDR/);
    expect(() => parseAllowlist(['bad host!'])).toThrow(/WEBHOOK_ALLOWLIST entry "bad host!"/);
  });

  it('checks every address a name resolves to', async () => {
    await expect(allowedAddresses('mixed.example.org', 443, policy)).rejects.toThrow(/192\.168\.0\.7/);
    expect(await allowedAddresses('hooks.example.org', 443, policy)).toEqual([{ address: PUBLIC, family: 4 }]);
  });
});
