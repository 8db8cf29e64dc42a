/**
 * A local webhook receiver that behaves like a careful consumer: it verifies each request with the
 * standardwebhooks library, processes each webhook-id once (a repeat is acknowledged and dropped), and
 * counts raw arrivals too, so tests can show "raw arrivals vs unique". Its answers are scripted per
 * arrival (status, headers, hang, reset), and it can be stopped and restarted on the same port to
 * simulate an outage.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Arrival {
  /** 1-based index over all arrivals. */
  n: number;
  /** 1-based index over arrivals with this webhook-id. */
  nForId: number;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Null when the receiver has no secret to verify with. */
  verified: boolean | null;
  verifyError: string | null;
  at: number;
}

export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string; /** Count it as processed even if the status is not 2xx ("handled, then failed to answer"). */ processed?: boolean }
  | 'hang'
  | 'reset';

export type Script = (a: Arrival) => Reply;

export class WebhookReceiver {
  readonly arrivals: Arrival[] = [];
  /** webhook-id -> the arrival that processed it. */
  readonly processed = new Map<string, Arrival>();
  duplicatesDropped = 0;
  rejected = 0;
  inFlight = 0;
  maxInFlight = 0;
  secrets: string[] = [];
  script: Script = () => ({ status: 204 });
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  private hanging = new Set<ServerResponse>();
  private byId = new Map<string, number>();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens (again) on the same port, or a free one the first time. */
  async start(): Promise<this> {
    if (this.server) return this;
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** An outage: stops listening and drops every open connection (further requests get ECONNREFUSED). */
  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    for (const r of this.hanging) r.destroy();
    this.hanging.clear();
    for (const sock of this.sockets) sock.destroy();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  get running(): boolean {
    return !!this.server;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const h = (k: string) => (typeof req.headers[k] === 'string' ? (req.headers[k] as string) : '');
    const id = h('webhook-id');
    const nForId = (this.byId.get(id) ?? 0) + 1;
    this.byId.set(id, nForId);
    let verified: boolean | null = null;
    let verifyError: string | null = null;
    if (this.secrets.length) {
      verified = false;
      for (const s of this.secrets) {
        try {
          new Webhook(s).verify(body, { 'webhook-id': id, 'webhook-timestamp': h('webhook-timestamp'), 'webhook-signature': h('webhook-signature') });
          verified = true;
          verifyError = null;
          break;
        } catch (e) {
          verifyError = (e as Error).message;
        }
      }
    }
    const a: Arrival = { n: this.arrivals.length + 1, nForId, id, timestamp: h('webhook-timestamp'), signature: h('webhook-signature'), body, path: req.url ?? '/', headers: req.headers, verified, verifyError, at: Date.now() };
    this.arrivals.push(a);
    const reply = this.script(a);
    if (reply === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (reply === 'reset') {
      req.socket.destroy();
      return;
    }
    if (verified === false) {
      this.rejected++;
      res.writeHead(401).end('bad signature');
      return;
    }
    const ok = reply.status >= 200 && reply.status < 300;
    if (ok || reply.processed) {
      if (this.processed.has(id)) this.duplicatesDropped++;
      else this.processed.set(id, a);
    }
    res.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '');
  }

  async close(): Promise<void> {
    await this.stop();
  }
}

export async function startReceiver(script?: Script): Promise<WebhookReceiver> {
  const r = new WebhookReceiver();
  if (script) r.script = script;
  return r.start();
}

/** A listener that must never be reached: it counts every connection, even ones that send nothing. */
export async function startCanary(host = '127.0.0.1'): Promise<{ port: number; connections: () => number; requests: () => number; close(): Promise<void> }> {
  let connections = 0;
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.writeHead(200).end('canary');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    connections: () => connections,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
