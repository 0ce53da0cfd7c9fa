import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { overloaded } from '../../../http-errors.ts';
import { MAX_STREAMS, type LiveEvent } from '../../../plugins/live-events.ts';
import { ErrorResponse, Query } from '../../../schemas/common.ts';


/**
 * GET /api/events: Server-Sent Events of the user's communities: `incident.reported` and `incident.moved`
 * (data: the incident as a Feature, like the lists'; a move adds `from` and `to`). A reconnecting EventSource
 * sends Last-Event-ID and gets what it missed first; `reset` says that was too much or too old: reload.
 */
const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const heartbeatMs = app.config.liveEventsHeartbeatMs;
  app.addHook('onRequest', app.authenticate);
  app.get(
    '/',
    {
      schema: {
        summary: 'Live events of your communities (text/event-stream): new incidents and workflow moves; resumes from Last-Event-ID',
        tags: ['incidents'],
        querystring: Query({ lastEventId: Type.Optional(Type.Integer({ minimum: 0, description: 'as the Last-Event-ID header, for clients that cannot set it' })) }),
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })) }),
        response: { '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const hub = app.liveEvents;
      if (hub.streams >= MAX_STREAMS) throw overloaded('Too many live streams are open on this server; try again in a minute.', 60);
      const header = request.headers['last-event-id'];
      const afterId = header !== undefined ? Number(header) : request.query.lastEventId;
      const scope = request.user.communityIds;

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      const write = (event: LiveEvent) => raw.write(`id: ${event.id}\nevent: ${event.kind}\ndata: ${event.data}\n\n`);
      raw.write('retry: 3000\n\n');

      // Live events wait while the missed ones are replayed, so that the stream stays in id order.
      const upTo = hub.position;
      let held: LiveEvent[] | null = [];
      const unsubscribe = hub.subscribe({ scope, send: (event) => (held ? held.push(event) : write(event)) });
      // Each heartbeat also checks the session or token again: a revoked token or an ended session ends the
      // stream (the client's reconnect then gets the 401 that says why).
      const heartbeat = setInterval(() => {
        void app.stillAuthenticated(request).then(
          (valid) => (valid ? raw.write(': keep-alive\n\n') : raw.end()),
          () => raw.write(': keep-alive\n\n'),
        );
      }, heartbeatMs);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.raw.on('close', close);
      raw.on('close', close);
      try {
        if (afterId !== undefined) {
          const missed = await hub.replay(afterId, upTo, scope);
          if (missed === null) raw.write(`event: reset\ndata: {"reason":"too many or too old events were missed: reload"}\n\n`);
          else for (const event of missed) write(event);
        }
      } catch (error) {
        request.log.warn({ err: error }, 'live events: replay failed');
        raw.write(`event: reset\ndata: {"reason":"the missed events could not be read: reload"}\n\n`);
      }
      for (const event of held) if (event.id > upTo) write(event);
      held = null;
    },
  );
};

export default eventRoutes;
