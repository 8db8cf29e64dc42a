/**
 * Live stream of matching events (Server-Sent Events) and single events by id.
 *
 *   GET /api/v1/stream?subscription=ID        events matching one of the caller's subscriptions
 *   GET /api/v1/stream?filter=<JSON filter>   events matching an inline filter (src/alerts/filter.ts)
 *   GET /api/v1/stream                        every event
 *   GET /api/v1/events/:id                    one stored event, in full (where trimmed payloads link to)
 *
 * Frames: `id: <event id>`, `event: <event type>`, `data: <the webhook body, same shape and 20 kB cap>`.
 * A comment line (`: ping ...`) every `heartbeatMs` keeps proxies from closing an idle stream. A client
 * that reconnects with `Last-Event-ID` (or `?last_event_id=`) first gets the events it missed, replayed
 * from the events table, then live ones; an id seen twice (replay and live) is sent once per connection.
 * Delivery is at least once per event id: live events arrive in the order alert jobs finish, so a resume
 * also resends matching events from `resumeLookbackMs` before the last id; clients drop repeats by id.
 *
 * Fan-out: the alert worker publishes each event on a Redis channel; this process holds one subscriber
 * and runs every open stream's filter on each event (pure code, no I/O per stream).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { matchesFilter, parseFilter, type SubscriptionFilter } from '../../alerts/filter.ts';
import { shapeBody } from '../../alerts/payload.ts';
import { RecentIds, sseFrame, SseWriter, StreamHub, type HubEvent } from '../../alerts/stream.ts';
import { streamChannel, type StreamSource } from '../../alerts/streamMessage.ts';
import { alertViewOf } from '../../domain/alertView.ts';
import { createRedis } from '../../queue/redis.ts';
import { eventsAfter } from '../../store/eventFeed.ts';
import { getEvent } from '../../store/events.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext } from '../context.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { anyResponse, routeSchema } from '../openapi.ts';
import { ownedSubscription, type AlertRouteModule } from './subscriptions.ts';

export interface StreamRoutesOptions {
  heartbeatMs?: number;
  /** Bytes queued for one client before it is dropped as too slow (it resumes with Last-Event-ID). */
  maxBufferedBytes?: number;
  /** Open streams per user in this process. */
  maxStreamsPerUser?: number;
  /** Events replayed at most on one resume; older gaps need the events API. */
  maxReplay?: number;
  /** On resume, also resend matching events this long before the last id (see eventsAfter). */
  resumeLookbackMs?: number;
}

const streamQuery = z.object({
  subscription: z.string().regex(/^[0-9]{1,18}$/, 'subscription must be a subscription id').optional(),
  filter: z.string().max(20_000).optional(),
  last_event_id: z.string().min(1).max(200).optional(),
});

const eventParam = z.object({ id: z.string().min(1).max(200) });

const REPLAY_PAGE = 200;

export function makeStreamRoutes(opts: StreamRoutesOptions = {}): AlertRouteModule {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const maxBuffered = opts.maxBufferedBytes ?? 1024 * 1024;
  const maxPerUser = opts.maxStreamsPerUser ?? 10;
  const maxReplay = opts.maxReplay ?? 5_000;
  const lookbackMs = opts.resumeLookbackMs ?? 60_000;

  return async function streamRoutes(fastify: FastifyInstance, ctx: ApiContext): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const db = ctx.store.db;
    const researcher = requireRole('researcher');
    const log = ctx.log.child({ component: 'stream' });
    const hub = new StreamHub(() => createRedis(ctx.config.redis.url), streamChannel(ctx.config.redis.prefix), log);
    const open = new Set<SseWriter>();
    const perUser = new Map<string, number>();

    // Streams never end on their own; close them first so the server can shut down.
    app.addHook('preClose', async () => {
      for (const w of open) w.close();
    });
    app.addHook('onClose', async () => hub.close());

    app.get('/api/v1/events/:id', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: 'One stored event, in full', access: 'researcher', params: eventParam }) }, async (req) => {
      const { id } = req.params;
      const e = await getEvent(db, id);
      if (!e) throw notFound(`event ${id}`);
      return { id: e.id, type: e.type, subject: e.subject, occurred_at: e.occurredAt.toISOString(), payload: e.payload };
    });

    app.get('/api/v1/stream', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: 'Live events as Server-Sent Events (resume with Last-Event-ID)', access: 'researcher', querystring: streamQuery, response: { 200: anyResponse('text/event-stream: id, event and data (the webhook body) per event') } }) }, async (req, reply) => {
      const q = req.query;
      if (q.subscription && q.filter) throw badRequest('give either subscription or filter, not both');
      let filter: SubscriptionFilter = {};
      if (q.subscription) {
        const s = await ownedSubscription(db, req, q.subscription);
        const f = parseFilter(s.filter);
        if (!f.ok) throw new HttpError(409, 'INVALID_FILTER', `subscription ${s.id} has an invalid filter (${f.error}); fix it with PATCH`);
        filter = f.filter;
      } else if (q.filter) {
        let raw: unknown;
        try {
          raw = JSON.parse(q.filter);
        } catch {
          throw badRequest('filter must be a JSON object, URL-encoded');
        }
        const f = parseFilter(raw);
        if (!f.ok) throw badRequest(f.error);
        filter = f.filter;
      }
      const header = req.headers['last-event-id'];
      const lastId = (typeof header === 'string' && header.trim()) || q.last_event_id;
      const user = req.principal!.userId;
      if ((perUser.get(user) ?? 0) >= maxPerUser) throw new HttpError(429, 'TOO_MANY_STREAMS', `at most ${maxPerUser} open streams per user; close one first`);
      perUser.set(user, (perUser.get(user) ?? 0) + 1);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      const writer = new SseWriter(res, maxBuffered, () => req.log.warn({ user }, 'stream client fell too far behind; disconnected (it can resume with Last-Event-ID)'));
      open.add(writer);
      const recent = new RecentIds();
      const pending: HubEvent[] = [];
      let live = false;
      let unlisten: (() => void) | undefined;
      let heartbeat: NodeJS.Timeout | undefined;
      let cleaned = false;
      const cleanup = () => {
        if (cleaned) return;
        cleaned = true;
        clearInterval(heartbeat);
        unlisten?.();
        open.delete(writer);
        const n = (perUser.get(user) ?? 1) - 1;
        if (n > 0) perUser.set(user, n);
        else perUser.delete(user);
        writer.close();
      };
      res.on('close', cleanup);

      const send = (event: StreamSource) => {
        if (!recent.add(event.id)) return;
        if (!writer.send(sseFrame({ id: event.id, event: event.type, data: shapeBody(event).body }))) cleanup();
      };

      try {
        // Listen before replaying, so nothing published during the replay is lost; buffer it meanwhile.
        unlisten = await hub.listen((e) => {
          if (!matchesFilter(filter, e.view)) return;
          if (live) send(e.event);
          else pending.push(e);
        });
        writer.send('retry: 3000\n\n');
        writer.comment('connected');
        heartbeat = setInterval(() => {
          if (!writer.comment(`ping ${new Date().toISOString()}`)) cleanup();
        }, heartbeatMs);
        heartbeat.unref();

        if (lastId) {
          let batch = await eventsAfter(db, lastId, REPLAY_PAGE, lookbackMs);
          if (batch === undefined) writer.comment('unknown Last-Event-ID; sending live events only');
          let replayed = 0;
          while (batch && batch.length && !writer.isClosed && replayed < maxReplay) {
            for (const e of batch) if (matchesFilter(filter, alertViewOf(e))) send(e);
            replayed += batch.length;
            if (batch.length < REPLAY_PAGE) break;
            batch = await eventsAfter(db, batch.at(-1)!.id, REPLAY_PAGE);
          }
          if (replayed >= maxReplay) writer.comment(`replay stopped after ${maxReplay} events; page older ones through the events API`);
        }
        for (const e of pending.splice(0)) send(e.event);
        live = true;
      } catch (e) {
        req.log.error({ err: { message: (e as Error).message } }, 'stream failed');
        writer.send(sseFrame({ event: 'error', data: JSON.stringify({ code: 'STREAM_UNAVAILABLE', message: 'the live stream is unavailable; retry later' }) }));
        cleanup();
      }
    });
  };
}

export const streamRoutes: AlertRouteModule = makeStreamRoutes();
