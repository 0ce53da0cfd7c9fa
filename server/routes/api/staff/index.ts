import { Type } from '@sinclair/typebox';
import { staffCollection } from '../../../repositories/collections/catalog.ts';
import { Id } from '../../../schemas/common.ts';
import { StaffList } from '../../../schemas/reference-layers.ts';
import { referenceList } from '../reference-list.ts';

/** GET /api/staff */
export default referenceList({ collection: staffCollection, summary: 'Grid staff (两长四员) per grid; features without geometry', response: StaffList, filters: { grid: Type.Optional(Id) } });
