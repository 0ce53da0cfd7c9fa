import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { gridsCollection } from '../../../repositories/collections/catalog.ts';
import { Id } from '../../../schemas/common.ts';
import { GridList } from '../../../schemas/reference-layers.ts';
import { referenceList } from '../reference-list.ts';

/** GET /api/grids: grids (网格) with households, staff, open incidents, and their balance against the norm. */
const gridRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(
    referenceList({
      collection: gridsCollection(app.config.gridHouseholdNorm),
      summary: 'Grids (网格) with households, residents, buildings, staff and open incidents, and each grid’s balance against the household norm and its target',
      response: GridList,
      filters: { grid: Type.Optional(Id) },
    }),
  );
};

export default gridRoutes;
