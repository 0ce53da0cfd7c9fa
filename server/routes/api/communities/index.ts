import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { patrolNights } from '#domain/local-time.ts';
import { notFound } from '../../../http-errors.ts';
import { areasRepository } from '../../../repositories/areas-repository.ts';
import { ErrorResponse, IdParams, sendJsonText } from '../schemas/common.ts';

const communityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const areas = areasRepository(app.pg.pool);
  app.addHook('onRequest', app.authenticate);
  app.get(
    '/:id',
    {
      config: { heavy: true },
      schema: {
        summary: 'A community (社区) with its key figures: households, staff, volunteers, incidents today / open / overdue, closure rate, last night’s patrol coverage',
        tags: ['areas'],
        params: IdParams,
        response: { 200: Type.Object({ type: Type.Literal('Feature'), geometry: Type.Unknown(), properties: Type.Unknown() }), '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const feature = await areas.community(request.params.id, request.user.communityIds, patrolNights(app.now()).last);
      if (!feature) throw notFound(`Community ${request.params.id}`);
      return sendJsonText(reply, feature);
    },
  );
};

export default communityRoutes;
