import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { statsRepository } from '../../../repositories/stats-repository.ts';
import { ErrorResponse, Id, Query } from '../schemas/common.ts';

const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const stats = statsRepository(app.pg.pool);
  app.addHook('onRequest', app.authenticate);
  app.get(
    '/incidents',
    {
      config: { heavy: true },
      schema: {
        summary: 'Incident statistics for an area: by category and status, daily trend, grid ranking, latest incidents',
        tags: ['stats'],
        querystring: Query({ area: Type.Optional(Id), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })) }),
        response: {
          200: Type.Object({
            days: Type.Integer(),
            byCategory: Type.Record(Type.String(), Type.Integer()),
            byStatus: Type.Record(Type.String(), Type.Integer()),
            trend: Type.Array(Type.Object({ date: Type.String(), count: Type.Integer(), closed: Type.Integer() })),
            gridRanking: Type.Array(Type.Object({ gridId: Type.Integer(), name: Type.String(), community: Type.String(), count: Type.Integer(), open: Type.Integer() })),
            latest: Type.Array(Type.Unknown(), { description: 'the 10 newest incidents, with the properties of /api/incidents' }),
            dataAsOf: Type.String(),
          }),
          '4xx': ErrorResponse,
        },
      },
    },
    async (request) => {
      const communities = await stats.communitiesUnder(request.query.area, request.user.communityIds);
      return stats.incidentStats(communities, request.query.days ?? 30);
    },
  );
};

export default statsRoutes;
