import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { areasRepository } from '../../../repositories/areas-repository.ts';
import { ErrorResponse, Query } from '../schemas/common.ts';

const areaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const areas = areasRepository(app.pg.pool);
  app.addHook('onRequest', app.authenticate);
  app.get(
    '/',
    {
      schema: {
        summary: 'The area hierarchy (city › district › street › community) the user may see, with counts, bbox and centroid',
        tags: ['areas'],
        querystring: Query({}),
        response: { 200: Type.Object({ tree: Type.Union([Type.Unknown(), Type.Null()]) }), '4xx': ErrorResponse },
      },
    },
    async (request) => ({ tree: (await areas.tree(request.user.communityIds)) ?? null }),
  );
};

export default areaRoutes;
