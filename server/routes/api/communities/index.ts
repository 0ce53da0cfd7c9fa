import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { patrolNights } from '#domain/local-time.ts';
import { notFound } from '../../../http-errors.ts';
import { CommunityFeature } from '../../../schemas/areas.ts';
import { ErrorResponse, IdParams, Query } from '../../../schemas/common.ts';
import { sendJsonText } from '../paging.ts';
import gridDraftRoutes from './grid-draft.ts';

const communityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.get(
    '/:id',
    {
      config: { heavy: true },
      schema: {
        summary: 'A community (社区) with its key figures: households, staff, volunteers, incidents today / open / overdue, closure rate, last night’s patrol coverage',
        tags: ['areas'],
        params: IdParams,
        querystring: Query({}),
        response: { 200: CommunityFeature, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const now = app.now();
      const feature = await app.repositories.areas.community(request.params.id, request.user.communityIds, now, patrolNights(now).last);
      if (!feature) throw notFound(`Community ${request.params.id}`);
      return sendJsonText(reply, feature);
    },
  );
  await app.register(gridDraftRoutes, { prefix: '/:id/grid-draft' });
};

export default communityRoutes;
