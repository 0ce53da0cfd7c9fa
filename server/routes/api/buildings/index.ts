import { Type } from '@sinclair/typebox';
import { buildingsCollection } from '../../../repositories/collections/catalog.ts';
import { Id } from '../../../schemas/common.ts';
import { BuildingList } from '../../../schemas/reference-layers.ts';
import { referenceList } from '../reference-list.ts';

/** GET /api/buildings */
export default referenceList({
  collection: buildingsCollection,
  summary: 'Buildings (楼栋) with households, residents and floors, and their compound and grid',
  response: BuildingList,
  filters: { grid: Type.Optional(Id), compound: Type.Optional(Id) },
});
