import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { patrolNights, patrolNightsEnding } from '#domain/local-time.ts';
import { isRegularlyPatrolled, PATROL_COVERAGE_RADIUS_METRES, PATROL_HEAT_HEXAGON_METRES, PATROL_REGULAR_SHARE, PATROL_WINDOW_NIGHTS, summarisePatrolWindow } from '#domain/patrol-coverage.ts';
import { SERVICE_RADII_METRES, type ServiceRadius } from '#domain/service-coverage.ts';
import { SERVICE_POINT_KINDS } from '#domain/vocabulary.ts';
import { badRequest, notFound } from '../../../http-errors.ts';
import { Enum, ErrorResponse, Id, LocalDate, Query } from '../../../schemas/common.ts';
import { PatrolWindowCoverageSchema, ServiceCoverageSchema } from '../../../schemas/coverage.ts';
import { JSON_TYPE, objectText, patrolNightParameter, sendJsonText } from '../paging.ts';

/**
 * GET /api/coverage/service: how many of a community's households live near each kind of service point.
 * GET /api/coverage/patrols: what the night patrols covered over a window of nights.
 */
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

  app.get(
    '/patrols',
    {
      config: { heavy: true },
      schema: {
        summary: `Patrol coverage over a window of nights: per night and per grid, the courtyards a GPS point came within ${PATROL_COVERAGE_RADIUS_METRES} m of; the courtyards patrolled on fewer than ${PATROL_REGULAR_SHARE * 100}% of the nights; and per hexagon, the nights a patrol passed`,
        tags: ['coverage'],
        querystring: Query({
          community: Id,
          nights: Type.Optional(Type.Integer({ minimum: 1, maximum: PATROL_WINDOW_NIGHTS.max, description: `how many nights, ending with \`until\` (default ${PATROL_WINDOW_NIGHTS.default})` })),
          until: Type.Optional(Type.String({ ...LocalDate, description: 'the last night of the window, local date YYYY-MM-DD (default: the last finished night)' })),
          hexMetres: Type.Optional(Type.Integer({ minimum: 40, maximum: 1000, description: `heat hexagons across, in metres (default ${PATROL_HEAT_HEXAGON_METRES})` })),
        }),
        response: { 200: PatrolWindowCoverageSchema, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const { community, until } = request.query;
      const lastFinished = patrolNights(app.now()).last;
      const last = patrolNightParameter(until, app.now(), 'querystring.until');
      if (last.date > lastFinished.date) throw badRequest(`querystring.until: the night of ${until} has not ended yet; the last finished night is ${lastFinished.date}`);
      const nights = patrolNightsEnding(last, request.query.nights ?? PATROL_WINDOW_NIGHTS.default);
      const hexMetres = request.query.hexMetres ?? PATROL_HEAT_HEXAGON_METRES;
      const rows = await app.repositories.coverage.patrols(community, request.user.communityIds, nights, hexMetres);
      if (!rows) throw notFound(`Community ${community}`);
      const summary = summarisePatrolWindow(rows.compounds, nights.length, rows.grids.map((grid) => grid.gridId));
      const uncovered = rows.compounds.flatMap(({ id, name, gridId, geometry, coveredNights }) => {
        if (isRegularlyPatrolled(coveredNights.length, nights.length)) return [];
        const properties = {
          id,
          name,
          gridId,
          nightsCovered: coveredNights.length,
          share: Number((coveredNights.length / nights.length).toFixed(4)),
          lastCovered: coveredNights.length === 0 ? null : nights[coveredNights[coveredNights.length - 1] - 1].date,
        };
        return [`{"type":"Feature","id":${id},"geometry":${geometry},"properties":${JSON.stringify(properties)}}`];
      });
      const heat = rows.hexagons.map(({ geometry, nights: count }, index) => `{"type":"Feature","id":${index + 1},"geometry":${geometry},"properties":{"nights":${count}}}`);
      const body = objectText(
        {
          communityId: community,
          from: nights[0].date,
          until: last.date,
          nightCount: nights.length,
          radiusMetres: PATROL_COVERAGE_RADIUS_METRES,
          regularShare: PATROL_REGULAR_SHARE,
          hexMetres,
          compounds: summary.compounds,
          coverage: summary.coverage,
          regular: summary.regular,
          nights: nights.map((night, index) => ({ night: night.date, patrols: rows.patrols[index], coverage: summary.perNight[index] })),
          grids: rows.grids.map((grid, index) => ({ ...summary.grids[index], name: grid.name })),
        },
        // Geometries are PostGIS's GeoJSON text, passed through rather than parsed and written again.
        {
          uncovered: `{"type":"FeatureCollection","features":[${uncovered.join(',')}]}`,
          heat: `{"type":"FeatureCollection","features":[${heat.join(',')}]}`,
        },
      );
      return sendJsonText(reply, body, JSON_TYPE);
    },
  );
};

export default coverageRoutes;
