import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { checkPosition } from '#domain/geometry-rules.ts';
import { patrolNights, type PatrolNight } from '#domain/local-time.ts';
import { PATROL_COVERAGE_RADIUS_METRES } from '#domain/patrol-coverage.ts';
import { recordPatrolPositions } from '../../../actions/patrol-actions.ts';
import { badRequest, notFound } from '../../../http-errors.ts';
import { patrolsCollection } from '../../../repositories/collections/catalog.ts';
import { queryCollectionPage } from '../../../repositories/collections/collection.ts';
import { Bbox, Cursor, ErrorResponse, Id, Instant, Limit, LocalDate, Query } from '../../../schemas/common.ts';
import { PatrolCoverage, PatrolList } from '../../../schemas/patrols.ts';
import { cursorKeys, featureCollectionBody, getLinks, JSON_TYPE, objectText, pageSize, parseBbox, patrolNightParameter, sendJsonText, sendPage } from '../paging.ts';

const MAX_WINDOW_DAYS = 31;
const NightDate = Type.String({ ...LocalDate, description: 'the local date YYYY-MM-DD of a patrol night (20:00-23:00 local time)' });

const nightOf = (date: string | undefined, now: Date) => patrolNightParameter(date, now, 'querystring.night');

/** The GPS fixes a patrol's phone sends, oldest or newest first; a batch at most a few minutes' worth. */
const PositionsBody = Type.Object(
  {
    community: Id,
    patrol: Type.Optional(Type.Union([Id, Type.Null()], { description: 'the patrol these fixes continue (its id from the first answer); absent or null starts a new one' })),
    points: Type.Array(
      Type.Object({ longitude: Type.Number(), latitude: Type.Number(), at: Instant }, { additionalProperties: false }),
      { minItems: 1, maxItems: 240, description: 'GPS fixes, WGS84' },
    ),
  },
  { additionalProperties: false },
);

const nightJson = (night: PatrolNight) => ({ night: night.date, starts: night.starts.toISOString(), ends: night.ends.toISOString() });

const patrolRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const patrols = app.repositories.patrols;
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/',
    {
      config: { heavy: true },
      schema: {
        summary: 'Night patrols (治安巡逻) of a community: one LineString per patrol with a time per vertex; default the last finished patrol night',
        tags: ['patrols'],
        querystring: Query({
          community: Id,
          night: Type.Optional(NightDate),
          from: Type.Optional(Instant),
          to: Type.Optional(Instant),
          bbox: Type.Optional(Bbox),
          limit: Type.Optional(Limit),
          cursor: Type.Optional(Cursor),
        }),
        response: { 200: PatrolList, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const query = request.query;
      if (query.night !== undefined && (query.from !== undefined || query.to !== undefined)) throw badRequest('querystring.night cannot be combined with from/to: give a night or a window');
      // No window given: the same patrol night as the coverage and the community KPI.
      const night = query.from === undefined && query.to === undefined ? nightOf(query.night, app.now()) : null;
      const to = night ? night.ends.toISOString() : (query.to ?? app.now().toISOString());
      const from = night ? night.starts.toISOString() : (query.from ?? new Date(Date.parse(to) - 86_400_000).toISOString());
      if (Date.parse(from) >= Date.parse(to)) throw badRequest('querystring.from must be before querystring.to');
      if (Date.parse(to) - Date.parse(from) > MAX_WINDOW_DAYS * 86_400_000) throw badRequest(`querystring.from/to: the window may span at most ${MAX_WINDOW_DAYS} days`);
      const limit = pageSize(patrolsCollection, query.limit);
      const page = await queryCollectionPage(
        app.pg.pool,
        patrolsCollection,
        { filters: { community: query.community, from, to, bbox: parseBbox(query.bbox) }, scope: request.user.communityIds, now: app.now() },
        { limit, after: cursorKeys(patrolsCollection, query.cursor, 'querystring.cursor') },
      );
      const links = getLinks(request, page, limit);
      return sendPage(reply, featureCollectionBody(page, limit, links), links);
    },
  );

  app.get(
    '/coverage',
    {
      config: { heavy: true },
      schema: {
        summary: `Patrol coverage of a night: share of courtyards per grid that a GPS point came within ${PATROL_COVERAGE_RADIUS_METRES} m of, and the courtyards missed`,
        tags: ['patrols'],
        querystring: Query({ community: Id, night: Type.Optional(NightDate) }),
        response: { 200: PatrolCoverage, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const { community } = request.query;
      if (!(await patrols.inScope(community, request.user.communityIds))) throw notFound(`Community ${community}`);
      const now = app.now();
      const night = nightOf(request.query.night, now);
      const tonight = patrolNights(now).tonight;
      const [{ grids, missed }, patrolCount] = await Promise.all([
        patrols.coverage(community, request.user.communityIds, night),
        patrols.countInNight(community, request.user.communityIds, night),
      ]);
      const compounds = grids.reduce((sum, grid) => sum + grid.compounds, 0);
      const covered = grids.reduce((sum, grid) => sum + grid.covered, 0);
      const ratio = (done: number, total: number) => (total === 0 ? null : Number((done / total).toFixed(4)));
      const body = objectText(
        {
          ...nightJson(night),
          // The night in progress (20:00-23:00), shown as such; null outside those hours.
          tonight: tonight ? nightJson(tonight) : null,
          communityId: community,
          patrols: patrolCount,
          radiusMetres: PATROL_COVERAGE_RADIUS_METRES,
          coverage: ratio(covered, compounds),
          grids: grids.map((grid) => ({ ...grid, coverage: ratio(grid.covered, grid.compounds) })),
        },
        // The missed courtyards are Features PostGIS wrote: passed through, not parsed and written again.
        { missed: `{"type":"FeatureCollection","features":[${missed.join(',')}]}` },
      );
      return sendJsonText(reply, body, JSON_TYPE);
    },
  );

  app.post(
    '/positions',
    {
      onRequest: [app.requireRole('grid_staff')],
      schema: {
        summary: "A patrol under way reports where it is: GPS fixes appended to the patrol (a new one of the community's security patrol team when none is given) and sent live as `patrol.position`",
        tags: ['patrols'],
        body: PositionsBody,
        response: { 201: Type.Object({ patrolId: Type.Integer(), recorded: Type.Integer() }), '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const { community, patrol, points } = request.body;
      points.forEach((point, index) => {
        const rule = checkPosition([point.longitude, point.latitude], `body.points[${index}]`);
        if (!rule.valid) throw badRequest(rule.reason);
      });
      const fixes = points.map((point) => ({ at: new Date(point.at), longitude: point.longitude, latitude: point.latitude }));
      const patrolId = await recordPatrolPositions(app, { communityId: community, patrolId: patrol ?? null, fixes, scope: request.user.communityIds });
      request.log.info({ patrol: patrolId, fixes: fixes.length, by: request.user.username }, 'patrol positions recorded');
      return reply.code(201).send({ patrolId, recorded: fixes.length });
    },
  );
};

export default patrolRoutes;
