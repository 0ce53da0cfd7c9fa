import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { localDateOf } from '#domain/local-time.ts';
import { GEOPACKAGE_TYPE, writeGeoPackage } from '../../../export/geopackage.ts';
import { gridsCollection } from '../../../repositories/collections/catalog.ts';
import { queryCollectionAll, queryCollectionRecords } from '../../../repositories/collections/collection.ts';
import { Enum, ErrorResponse, Id, Query } from '../../../schemas/common.ts';
import { GridList } from '../../../schemas/reference-layers.ts';
import { featureCollectionBody, sendJsonText } from '../paging.ts';
import { referenceList } from '../reference-list.ts';

/** The most grids one export holds (a large city has a few thousand). */
const GRID_EXPORT_MAX = 20_000;

/** GET /api/grids: grids (网格) with households, staff, open incidents, and their balance against the norm; and their export. */
const gridRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const grids = gridsCollection(app.config.gridHouseholdNorm);
  await app.register(
    referenceList({
      collection: grids,
      summary: 'Grids (网格) with households, residents, buildings, staff and open incidents, and each grid’s balance against the household norm and its target',
      response: GridList,
      filters: { grid: Type.Optional(Id) },
    }),
  );

  app.get(
    '/export',
    {
      onRequest: app.authenticate,
      config: { heavy: true },
      schema: {
        summary: 'Export the grids in your scope (or one community’s) as GeoPackage (QGIS, ArcGIS; balance as columns balance_status, balance_deviation, …) or GeoJSON',
        tags: ['reference'],
        querystring: Query({ community: Type.Optional(Id), format: Type.Optional(Enum(['gpkg', 'geojson'] as const)) }),
        response: { '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const context = { filters: { community: request.query.community }, scope: request.user.communityIds, now: app.now() };
      const format = request.query.format ?? 'gpkg';
      reply.header('content-disposition', `attachment; filename="gridatlas-grids-${localDateOf(context.now)}.${format}"`);
      if (format === 'geojson') return sendJsonText(reply, featureCollectionBody(await queryCollectionAll(app.pg.pool, grids, context, GRID_EXPORT_MAX), GRID_EXPORT_MAX, []));
      const records = await queryCollectionRecords(app.pg.pool, grids, context, GRID_EXPORT_MAX);
      const file = await writeGeoPackage({ name: 'grids', title: '网格 Grids', description: 'GridAtlas grids (网格) with households, staff and balance', geometryType: 'POLYGON', records });
      return reply.type(GEOPACKAGE_TYPE).send(Buffer.from(file) as never);
    },
  );
};

export default gridRoutes;
