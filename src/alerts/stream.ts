/**
 * Live stream plumbing for the API side: one Redis subscriber per process fans events out to the open
 * Server-Sent Events connections; each connection writes frames with backpressure control.
 *
 * Backpressure: a client that stops reading makes the socket buffer grow. Past `maxBufferedBytes` the
 * connection is closed rather than buffered without bound; the client reconnects with Last-Event-ID and
 * the missed events are replayed from the events table.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { alertViewOf, type AlertView } from '../domain/alertView.ts';
import { decodeStreamMessage, type StreamSource } from './streamMessage.ts';

export interface HubEvent {
  event: StreamSource;
  view: AlertView;
}

export type HubListener = (e: HubEvent) => void;

/** Subscribes to the channel on the first listener and stays subscribed until `close`. */
export class StreamHub {
  private readonly listeners = new Set<HubListener>();
  private redis: Redis | undefined;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly connect: () => Redis,
    private readonly channel: string,
    private readonly log: Logger,
  ) {}

  /** Adds a listener; resolves once the Redis subscription is live (so nothing published after is missed). */
  async listen(listener: HubListener): Promise<() => void> {
    this.listeners.add(listener);
    try {
      await this.start();
    } catch (e) {
      this.listeners.delete(listener);
      throw e;
    }
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const redis = this.connect();
    this.redis = redis;
    redis.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      const event = decodeStreamMessage(raw);
      if (!event) return void this.log.warn('ignored a malformed live-stream message');
      const e: HubEvent = { event, view: alertViewOf(event) };
      for (const l of [...this.listeners]) {
        try {
          l(e);
        } catch (err) {
          this.log.warn({ err: { message: (err as Error).message } }, 'a stream listener failed');
        }
      }
    });
    this.ready = redis.subscribe(this.channel).then(
      () => undefined,
      (e: Error) => {
        this.ready = undefined;
        this.redis = undefined;
        redis.disconnect();
        throw e;
      },
    );
    return this.ready;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const r = this.redis;
    this.redis = undefined;
    this.ready = undefined;
    if (r) r.disconnect();
  }
}

/** Text safe on one SSE field line. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\u0000]/g, ' ');
}

/** One SSE frame. `data` must be a single line (JSON.stringify output is). */
export function sseFrame(f: { id?: string; event?: string; data: string }): string {
  let out = '';
  if (f.id !== undefined) out += `id: ${oneLine(f.id)}\n`;
  if (f.event !== undefined) out += `event: ${oneLine(f.event)}\n`;
  for (const line of f.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

export interface SseSink {
  readonly writableLength: number;
  readonly destroyed: boolean;
  write(chunk: string): boolean;
  end(): void;
}

/** Writes frames to one client; closes it when it falls too far behind. */
export class SseWriter {
  private closed = false;

  constructor(
    private readonly sink: SseSink,
    private readonly maxBufferedBytes: number,
    private readonly onOverflow: () => void = () => {},
  ) {}

  get isClosed(): boolean {
    return this.closed || this.sink.destroyed;
  }

  /** False when the client is gone or was dropped for falling behind. */
  send(text: string): boolean {
    if (this.isClosed) return false;
    if (this.sink.writableLength > this.maxBufferedBytes) {
      this.close();
      this.onOverflow();
      return false;
    }
    this.sink.write(text);
    return true;
  }

  comment(text: string): boolean {
    return this.send(`: ${oneLine(text)}\n\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.sink.destroyed) this.sink.end();
  }
}

/** Remembers the last `size` ids sent, so an event arriving twice (replay and live) is sent once. */
export class RecentIds {
  private readonly set = new Set<string>();
  constructor(private readonly size = 2_000) {}

  /** True when `id` is new (and remembers it). */
  add(id: string): boolean {
    if (this.set.has(id)) return false;
    this.set.add(id);
    if (this.set.size > this.size) this.set.delete(this.set.values().next().value as string);
    return true;
  }
}
