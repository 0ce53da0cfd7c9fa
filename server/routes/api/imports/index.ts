import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '#domain/coordinate-systems.ts';
import { badRequest, HttpError } from '../../../http-errors.ts';
import { IMPORT_FORMATS, UnreadableFile, type ImportFormat } from '../../../import/read-file.ts';
import { runImport } from '../../../import/run-import.ts';
import { IMPORT_TARGETS, type ImportTarget } from '../../../import/targets.ts';
import { Enum, ErrorResponse, Query } from '../../../schemas/common.ts';
import { ImportResultSchema } from '../../../schemas/imports.ts';

/** The largest file one import takes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** POST /api/imports: a file of incidents, service points or grid boundaries, all or nothing (planners and admins). */
const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  // The file is the body as it is (CSV, GeoJSON or a zip), whatever type the client names.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body));

  app.post(
    '/',
    {
      onRequest: [app.requireRole('planner')],
      config: { heavy: true },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        summary: 'Import a file (the body): incidents or service points are written all or nothing in one transaction; grid boundaries are checked and previewed',
        tags: ['imports'],
        querystring: Query({
          target: Enum(IMPORT_TARGETS, 'what the rows are'),
          format: Enum(IMPORT_FORMATS, 'geojson, csv (with longitude and latitude columns) or shapefile (a zip)'),
          crs: Type.Optional(Enum(COORDINATE_SYSTEMS, 'the coordinate system of the file: wgs84 (default), gcj02 (Amap, Tencent) or bd09 (Baidu); converted to WGS84')),
          dryRun: Type.Optional(Type.Boolean({ description: 'check every row, write nothing' })),
        }),
        response: { 200: ImportResultSchema, 201: ImportResultSchema, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body as Buffer | undefined;
      if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('body: send the file as the request body');
      const query = request.query;
      let result;
      try {
        result = await runImport(app.pg.pool, body, {
          target: query.target as ImportTarget,
          format: query.format as ImportFormat,
          coordinateSystem: (query.crs as CoordinateSystem | undefined) ?? 'wgs84',
          scope: request.user.communityIds,
          actor: request.user.username,
          now: app.now(),
          dryRun: query.dryRun === true,
        });
      } catch (error) {
        if (error instanceof UnreadableFile) throw badRequest(`body: ${error.message}`);
        throw error;
      }
      if (result.problemCount > 0) {
        const first = result.problems[0];
        throw new HttpError(422, 'unprocessable', `Nothing was imported: ${result.problemCount} problem(s), the first ${first.row === null ? '' : `in row ${first.row}, `}${first.field} ${first.reason}`, result);
      }
      request.log.info({ target: result.target, rows: result.rows, imported: result.imported }, 'import');
      return reply.code(result.imported > 0 ? 201 : 200).send(result);
    },
  );
};

export default importRoutes;
