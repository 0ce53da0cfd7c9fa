import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SERVICE_RADII_METRES, type ServiceRadius } from '#domain/service-coverage.ts';
import { SERVICE_POINT_KINDS } from '#domain/vocabulary.ts';
import { notFound } from '../../../http-errors.ts';
import { Enum, ErrorResponse, Id, Query } from '../../../schemas/common.ts';
import { ServiceCoverageSchema } from '../../../schemas/coverage.ts';
import { JSON_TYPE, objectText, sendJsonText } from '../paging.ts';

/** GET /api/coverage/service: how many of a community's households live near each kind of service point. */
const coverageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.get(
    '/service',
    {
      config: { heavy: true },
      schema: {
        summary: `Service coverage: the share of a community's households within ${SERVICE_RADII_METRES.join(', ')} m of a service point of each kind (and of any), and the buildings left out`,
        tags: ['coverage'],
        querystring: Query({
          community: Id,
          radius: Type.Optional(Type.Unsafe<ServiceRadius>({ type: 'integer', enum: [...SERVICE_RADII_METRES], description: 'the radius for `uncovered` (default 500)' })),
          kind: Type.Optional(Enum(SERVICE_POINT_KINDS, 'the kind for `uncovered` (default: any kind)')),
        }),
        response: { 200: ServiceCoverageSchema, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const { community } = request.query;
      const radius = (request.query.radius as ServiceRadius | undefined) ?? 500;
      const kind = request.query.kind as string | undefined;
      const coverage = await app.repositories.coverage.service(community, request.user.communityIds, radius, kind);
      if (!coverage) throw notFound(`Community ${community}`);
      const { uncovered, ...rest } = coverage;
      return sendJsonText(reply, objectText({ ...rest, radius, kind: kind ?? null }, { uncovered }), JSON_TYPE);
    },
  );
};

export default coverageRoutes;
