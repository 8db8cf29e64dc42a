/**
 * Server-side request forgery guard for webhook URLs. A webhook URL is a request we make on a stranger's
 * behalf, so only public unicast addresses may be reached: loopback, private, link-local (cloud metadata),
 * CGNAT, unique-local, multicast, reserved, NAT64/6to4/Teredo and IPv4-mapped/compatible spellings of any
 * of those are refused. Checked twice: at registration (URL and DNS answer) and at connect time, where the
 * connection is pinned to the address that passed the check, so a DNS answer that changes in between
 * (rebinding) cannot slip through.
 *
 * The allowlist (config `webhooks.allowlist`, env WEBHOOK_ALLOWLIST) opens exceptions for local receivers
 * in development and tests. Entries: `host`, `host:port`, `ip`, `ip:port`, `[v6]:port`, `cidr` (10.0.0.0/8).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses. Injected in tests; the default asks the system resolver. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (hostname) => {
  const rows = await dnsLookup(hostname, { all: true, verbatim: true });
  return rows.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
};

export class WebhookAddressError extends Error {
  readonly code = 'WEBHOOK_ADDRESS_REFUSED';
}

interface CidrEntry {
  net: [ipaddr.IPv4 | ipaddr.IPv6, number];
}
interface IpEntry {
  ip: string;
  port: number | null;
}

export interface Allowlist {
  readonly hosts: ReadonlySet<string>;
  readonly ips: readonly IpEntry[];
  readonly cidrs: readonly CidrEntry[];
}

export const EMPTY_ALLOWLIST: Allowlist = { hosts: new Set(), ips: [], cidrs: [] };

export function normHost(h: string): string {
  return h.toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
}

function canonicalIp(ip: string): string | null {
  try {
    return ipaddr.process(ip).toString();
  } catch {
    return null;
  }
}

/** Parses allowlist entries; throws naming the entry that is not a host, host:port, ip[:port] or CIDR. */
export function parseAllowlist(entries: readonly string[]): Allowlist {
  const hosts = new Set<string>();
  const ips: IpEntry[] = [];
  const cidrs: CidrEntry[] = [];
  for (const raw of entries) {
    const e = raw.trim();
    if (!e) continue;
    if (e.includes('/')) {
      let net: [ipaddr.IPv4 | ipaddr.IPv6, number];
      try {
        net = ipaddr.parseCIDR(e);
      } catch {
        throw new Error(`WEBHOOK_ALLOWLIST entry "${e}" is not a CIDR such as 10.0.0.0/8`);
      }
      const [addr, bits] = net;
      // ::ffff:a.b.c.d/n and a.b.c.d/(n-96) are the same range; addresses are compared in IPv4 form.
      if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) net = [(addr as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)];
      cidrs.push({ net });
      continue;
    }
    const v6port = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(e);
    if (v6port) {
      const ip = canonicalIp(v6port[1]!);
      if (!ip) throw new Error(`WEBHOOK_ALLOWLIST entry "${e}" is not an IPv6 address`);
      ips.push({ ip, port: v6port[2] ? Number(v6port[2]) : null });
      continue;
    }
    if (isIP(e)) {
      ips.push({ ip: canonicalIp(e)!, port: null });
      continue;
    }
    const hp = /^([^:]+):(\d{1,5})$/.exec(e);
    const host = hp ? hp[1]! : e;
    const port = hp ? Number(hp[2]) : null;
    if (isIP(host)) {
      ips.push({ ip: canonicalIp(host)!, port });
      continue;
    }
    if (!/^[a-z0-9.-]+$/i.test(host)) throw new Error(`WEBHOOK_ALLOWLIST entry "${e}" is not a host, host:port, ip[:port] or CIDR`);
    hosts.add(port === null ? normHost(host) : `${normHost(host)}:${port}`);
  }
  return { hosts, ips, cidrs };
}

function hostAllowed(allow: Allowlist, host: string, port: number): boolean {
  const h = normHost(host);
  return allow.hosts.has(h) || allow.hosts.has(`${h}:${port}`);
}

function addressAllowed(allow: Allowlist, address: string, port: number): boolean {
  const ip = canonicalIp(address);
  if (!ip) return false;
  if (allow.ips.some((e) => e.ip === ip && (e.port === null || e.port === port))) return true;
  const parsed = ipaddr.process(ip);
  return allow.cidrs.some((c) => c.net[0].kind() === parsed.kind() && parsed.match(c.net));
}

// IPv4-compatible IPv6 (::a.b.c.d, deprecated) is "unicast" to ipaddr.js yet reaches an IPv4 host.
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Why an address may not receive webhooks (its range name: loopback, private, linkLocal, ...), or null when
 * it is a public unicast address. Accepts any spelling ipaddr.js parses (octal, hex, single number, mapped).
 */
export function refusedRange(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(normHost(address));
  } catch {
    return 'invalid';
  }
  const range = parsed.range();
  if (range !== 'unicast') return range;
  if (parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE)) return 'ipv4Compatible';
  return null;
}

export interface AddressPolicy {
  allowlist: Allowlist;
  resolve: HostResolver;
}

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

function refusal(host: string, address: string, range: string): WebhookAddressError {
  const what = address === normHost(host) ? `address ${address}` : `host ${host} (resolves to ${address})`;
  return new WebhookAddressError(
    `webhook ${what} is ${range === 'invalid' ? 'not a valid address' : `in a ${range} range`}; only public addresses may receive webhooks (add it to WEBHOOK_ALLOWLIST for a local receiver in development)`,
  );
}

/**
 * Resolves `host` and returns the addresses a connection to `host:port` may use: all of them, or an error
 * when any is refused (a name with one private answer is treated as private, whatever else it returns).
 */
export async function allowedAddresses(host: string, port: number, policy: AddressPolicy): Promise<ResolvedAddress[]> {
  const h = normHost(host);
  const literal = isIP(h);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: h, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await policy.resolve(h);
    } catch (e) {
      throw new WebhookAddressError(`webhook host ${h} does not resolve (${(e as Error).message})`);
    }
    if (!addresses.length) throw new WebhookAddressError(`webhook host ${h} does not resolve`);
  }
  if (!literal && hostAllowed(policy.allowlist, h, port)) return addresses;
  for (const a of addresses) {
    const range = refusedRange(a.address);
    if (range && !addressAllowed(policy.allowlist, a.address, port)) throw refusal(h, a.address, range);
  }
  return addresses;
}

export const MAX_WEBHOOK_URL_LENGTH = 2_000;

/**
 * Registration-time check: a well-formed http(s) URL without credentials whose host resolves only to
 * allowed addresses. Returns the normalised URL (the WHATWG parser turns 0x7f000001 or 017700000001 into
 * 127.0.0.1 before the address check sees it).
 */
export async function checkWebhookUrl(raw: string, policy: AddressPolicy, opts: { requireHttps?: boolean } = {}): Promise<URL> {
  if (typeof raw !== 'string' || raw.length > MAX_WEBHOOK_URL_LENGTH) throw new WebhookAddressError(`webhook URL must be a string of at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookAddressError('webhook URL is not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookAddressError('webhook URL must use http or https');
  if (opts.requireHttps && url.protocol !== 'https:') throw new WebhookAddressError('webhook URL must use https');
  if (url.username || url.password) throw new WebhookAddressError('webhook URL must not carry a user name or password');
  if (!url.hostname) throw new WebhookAddressError('webhook URL has no host');
  url.hash = '';
  await allowedAddresses(url.hostname, defaultPort(url), policy);
  return url;
}
