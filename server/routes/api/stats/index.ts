import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, Id, Query } from '../../../schemas/common.ts';
import { IncidentStats } from '../../../schemas/incidents.ts';

const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.get(
    '/incidents',
    {
      config: { heavy: true },
      schema: {
        summary: 'Incident statistics for an area: by category and status, daily trend (local days), grid ranking, latest incidents',
        tags: ['stats'],
        querystring: Query({ area: Type.Optional(Id), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })) }),
        response: { 200: IncidentStats, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const stats = app.repositories.stats;
      const communities = await stats.communitiesUnder(request.query.area, request.user.communityIds);
      return stats.incidentStats(communities, request.query.days ?? 30, app.now());
    },
  );
};

export default statsRoutes;
