import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { patrolNightOf, patrolNights, type PatrolNight } from '#domain/local-time.ts';
import { badRequest } from '../../../http-errors.ts';
import { featureCollectionText } from '../../../repositories/feature-page.ts';
import { patrolsRepository } from '../../../repositories/patrols-repository.ts';
import { ErrorResponse, FeatureCollectionResponse, Id, IdCursor, Instant, Limit, pageSize, Query, sendJsonText } from '../schemas/common.ts';
import { nextPageLink } from '../schemas/paging.ts';

const MAX_WINDOW_DAYS = 31;
const LocalDate = Type.String({ format: 'date', description: 'local date YYYY-MM-DD of a patrol night (20:00-23:00 local time)' });

/** The night of a `night` query parameter, or the last finished one by the app's clock. */
function nightOf(date: string | undefined, now: Date): PatrolNight {
  if (date === undefined) return patrolNights(now).last;
  try {
    return patrolNightOf(date);
  } catch {
    throw badRequest(`querystring.night is not a calendar date: ${date}`);
  }
}

const nightJson = (night: PatrolNight) => ({ night: night.date, starts: night.starts.toISOString(), ends: night.ends.toISOString() });

const patrolRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const patrols = patrolsRepository(app.pg.pool);
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/',
    {
      config: { heavy: true },
      schema: {
        summary: 'Night patrols (治安巡逻) of a community: one LineString per patrol with a time per vertex; default the last finished patrol night',
        tags: ['patrols'],
        querystring: Query({ community: Id, night: Type.Optional(LocalDate), from: Type.Optional(Instant), to: Type.Optional(Instant), limit: Type.Optional(Limit), cursor: Type.Optional(IdCursor) }),
        response: { 200: FeatureCollectionResponse, '4xx': ErrorResponse },
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
      const limit = Math.min(pageSize(request.query.limit), 200);
      const page = await patrols.list({
        scope: request.user.communityIds,
        community: request.query.community,
        from,
        to,
        afterId: request.query.cursor === undefined ? undefined : Number(request.query.cursor),
        limit,
      });
      return sendJsonText(reply, featureCollectionText(page, limit, nextPageLink(request, page.nextCursor, limit)));
    },
  );

  app.get(
    '/coverage',
    {
      config: { heavy: true },
      schema: {
        summary: 'Patrol coverage of a night: share of courtyards per grid within 50 m of a GPS point, and the courtyards missed',
        tags: ['patrols'],
        querystring: Query({ community: Id, night: Type.Optional(LocalDate) }),
        response: { '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const now = app.now();
      const night = nightOf(request.query.night, now);
      const tonight = patrolNights(now).tonight;
      const [grids, patrolCount] = await Promise.all([
        patrols.coverage(request.query.community, request.user.communityIds, night),
        patrols.countInWindow(request.query.community, request.user.communityIds, night),
      ]);
      const compounds = grids.reduce((sum, grid) => sum + grid.compounds, 0);
      const covered = grids.reduce((sum, grid) => sum + grid.covered, 0);
      const missed = grids.flatMap((grid) => (grid.missed ? [grid.missed] : []));
      const body = {
        ...nightJson(night),
        // The night in progress (20:00-23:00), shown as such; null outside those hours.
        tonight: tonight ? nightJson(tonight) : null,
        communityId: request.query.community,
        patrols: patrolCount,
        coverage: compounds === 0 ? null : Number((covered / compounds).toFixed(4)),
        grids: grids.map(({ gridId, name, compounds: total, covered: done }) => ({ gridId, name, compounds: total, covered: done, coverage: total === 0 ? null : Number((done / total).toFixed(4)) })),
      };
      // The missed courtyards are GeoJSON text from PostGIS: spliced in, not parsed and re-serialised.
      const text = `${JSON.stringify(body).slice(0, -1)},"missed":{"type":"FeatureCollection","features":[${missed.join(',')}]}}`;
      return sendJsonText(reply, text, 'application/json; charset=utf-8');
    },
  );
};

export default patrolRoutes;
