import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaTree } from '../../../schemas/areas.ts';
import { ErrorResponse, Query } from '../../../schemas/common.ts';

const areaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.get(
    '/',
    {
      schema: {
        summary: 'The area hierarchy (city › district › street › community) the user may see, with counts, bbox and a point inside each',
        tags: ['areas'],
        querystring: Query({}),
        response: { 200: AreaTree, '4xx': ErrorResponse },
      },
    },
    async (request) => ({ tree: (await app.repositories.areas.tree(request.user.communityIds)) ?? null }),
  );
};

export default areaRoutes;
