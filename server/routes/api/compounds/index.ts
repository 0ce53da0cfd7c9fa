import { Type } from '@sinclair/typebox';
import { compoundsCollection } from '../../../repositories/collections/catalog.ts';
import { Id } from '../../../schemas/common.ts';
import { CompoundList } from '../../../schemas/reference-layers.ts';
import { referenceList } from '../reference-list.ts';

/** GET /api/compounds */
export default referenceList({ collection: compoundsCollection, summary: 'Courtyards and residential compounds (楼院/小区) with their grid', response: CompoundList, filters: { grid: Type.Optional(Id) } });
