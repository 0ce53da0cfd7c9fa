import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../../db/database-availability.ts';
import { COUNTED_TABLES, estimateRowCounts } from '../../../repositories/health-repository.ts';
import { ErrorResponse } from '../../../schemas/common.ts';

const Liveness = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    backend: Type.Union([Type.Literal('embedded'), Type.Literal('postgresql')]),
    database: Type.Object({ state: Type.Union([Type.Literal('up'), Type.Literal('down')]), since: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

const Details = Type.Object(
  {
    backend: Type.Union([Type.Literal('embedded'), Type.Literal('postgresql')]),
    serverVersion: Type.String(),
    postgisVersion: Type.String(),
    capabilities: Type.Object({ vectorTiles: Type.Boolean() }),
    migrationLevel: Type.Integer(),
    database: Type.Object({ state: Type.String(), since: Type.String(), lastError: Type.Union([Type.String(), Type.Null()]) }),
    pool: Type.Object({ total: Type.Integer(), idle: Type.Integer(), waiting: Type.Integer() }),
    embeddedSession: Type.Union([Type.Object({ waiting: Type.Integer(), exchanges: Type.Integer(), turnedAway: Type.Integer(), alive: Type.Boolean() }), Type.Null()]),
    heavyQueries: Type.Object({ running: Type.Integer(), waiting: Type.Integer(), concurrency: Type.Integer(), admitted: Type.Integer(), turnedAway: Type.Integer() }),
    eventLoopDelayMs: Type.Object({ p50: Type.Number(), p99: Type.Number(), max: Type.Number() }, { description: 'since the server started' }),
    rowCounts: Type.Object(Object.fromEntries(COUNTED_TABLES.map((table) => [table, Type.Integer()])), { description: 'estimates from the planner statistics' }),
  },
  { additionalProperties: false },
);

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // How long callbacks waited for the event loop: what every request pays on top of its own work.
  const eventLoopDelay = monitorEventLoopDelay({ resolution: 10 });
  eventLoopDelay.enable();
  app.addHook('onClose', async () => eventLoopDelay.disable());

  app.get(
    '/',
    {
      schema: {
        summary: 'Liveness: is the server up and can it reach its database (no query per call; 503 while the database is unreachable)',
        tags: ['health'],
        response: { 200: Liveness, 503: Liveness },
      },
    },
    async (_request, reply) => {
      const { state, since } = app.databaseMonitor.current();
      if (state === 'down') reply.code(503).header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return { status: state === 'up' ? ('ok' as const) : ('unavailable' as const), backend: app.database.backend, database: { state, since: since.toISOString() } };
    },
  );

  app.get(
    '/details',
    {
      onRequest: [app.authenticate, app.requireRole('admin')],
      schema: {
        summary: 'Versions, capabilities, migration level, connection pool, queues and estimated row counts (admins)',
        tags: ['health'],
        response: { 200: Details, '4xx': ErrorResponse },
      },
    },
    async () => {
      const { backend, serverVersion, postgisVersion, vectorTiles } = app.capabilities;
      const { state, since, error } = app.databaseMonitor.current();
      const pool = app.pg.pool;
      return {
        backend,
        serverVersion,
        postgisVersion,
        capabilities: { vectorTiles },
        migrationLevel: app.migrationLevel,
        database: { state, since: since.toISOString(), lastError: error },
        pool: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount },
        embeddedSession: app.database.sessionStatistics?.() ?? null,
        heavyQueries: app.heavyQueries.statistics,
        eventLoopDelayMs: {
          p50: Number((eventLoopDelay.percentile(50) / 1e6).toFixed(1)),
          p99: Number((eventLoopDelay.percentile(99) / 1e6).toFixed(1)),
          max: Number((eventLoopDelay.max / 1e6).toFixed(1)),
        },
        rowCounts: await estimateRowCounts(pool),
      };
    },
  );
};

export default healthRoutes;
